"""CRM reports: pipeline by stage, conversion by source and by period, activity by owner, revenue won
over time, score distribution.

Each report is one fixed query in ``sql/analytics.sql``; callers choose a report and its arguments
(validated here against whitelists), never SQL. Rates are computed here so every front end shows the
same rounding. Amounts are summed as stored; ``revenue_won_over_time`` splits by currency because
adding dollars to euros would be a wrong number, not an approximate one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.repositories import analytics as repo

PERIODS = ("week", "month", "quarter", "year")
ACTIVITY_TYPES = ("call", "email", "meeting", "note", "task")
NO_SCORES = "No lead scores yet: score leads first (the scoring model fills contacts.score)."


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _check_window(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise ValidationError(
            f"since ({since}) is after until ({until})", errors=[{"field": "since", "message": "after until"}]
        )


def _check_period(period: str) -> str:
    if period not in PERIODS:
        raise ValidationError(
            f"period must be one of {', '.join(PERIODS)}, not {period!r}",
            errors=[{"field": "period", "message": "unknown period"}],
        )
    return period


async def pipeline_by_stage(
    pool: AsyncConnectionPool[Conn], actor: Actor, *, pipeline: str | None = None, owner_id: UUID | None = None
) -> dict[str, Any]:
    """Deals, amount and weighted amount per stage of a pipeline (the default one unless named)."""
    async with org_tx(pool, actor) as conn:
        pipe = await repo.fetch_one(conn, "find_pipeline", org_id=actor.org_id, ref=pipeline)
        if pipe is None:
            raise NotFoundError(f"no pipeline named {pipeline!r}" if pipeline else "this organization has no pipeline")
        stages = await repo.fetch_all(
            conn, "pipeline_by_stage", org_id=actor.org_id, pipeline_id=pipe["id"], owner_id=owner_id
        )
    open_stages = [s for s in stages if s["kind"] == "open"]
    return {
        "pipeline": {"id": pipe["id"], "name": pipe["name"]},
        "owner_id": owner_id,
        "stages": stages,
        "open_deals": sum(s["deals"] for s in open_stages),
        "open_amount": sum((s["amount"] for s in open_stages), Decimal(0)),
        "weighted_open_amount": sum((s["weighted_amount"] for s in open_stages), Decimal(0)),
    }


async def conversion_by_source(
    pool: AsyncConnectionPool[Conn], actor: Actor, *, since: date | None = None, until: date | None = None
) -> dict[str, Any]:
    """Per lead source, of the contacts created in the window: how many converted, deals won and their amount."""
    _check_window(since, until)
    async with org_tx(pool, actor) as conn:
        rows = await repo.fetch_all(conn, "conversion_by_source", org_id=actor.org_id, since=since, until=until)
    sources = [{**r, "conversion_rate": _rate(r["converted"], r["leads"])} for r in rows]
    leads = sum(r["leads"] for r in rows)
    converted = sum(r["converted"] for r in rows)
    return {
        "since": since,
        "until": until,
        "sources": sources,
        "total": {"leads": leads, "converted": converted, "conversion_rate": _rate(converted, leads)},
    }


async def conversion_by_period(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    period: str = "month",
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """Per week/month/quarter/year: leads created and how many converted; deals won and lost (by close date)."""
    _check_period(period)
    _check_window(since, until)
    async with org_tx(pool, actor) as conn:
        rows = await repo.fetch_all(
            conn, "conversion_by_period", org_id=actor.org_id, period=period, since=since, until=until
        )
    periods = [
        {
            **r,
            "conversion_rate": _rate(r["converted"], r["leads"]),
            "win_rate": _rate(r["deals_won"], r["deals_won"] + r["deals_lost"]),
        }
        for r in rows
    ]
    return {"period": period, "since": since, "until": until, "periods": periods}


async def activity_by_owner(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    since: date | None = None,
    until: date | None = None,
    type: str | None = None,
) -> dict[str, Any]:
    """Activities per owner in the window (calls, emails, meetings, notes, tasks and tasks done)."""
    _check_window(since, until)
    if type is not None and type not in ACTIVITY_TYPES:
        raise ValidationError(
            f"type must be one of {', '.join(ACTIVITY_TYPES)}", errors=[{"field": "type", "message": "unknown"}]
        )
    async with org_tx(pool, actor) as conn:
        rows = await repo.fetch_all(conn, "activity_by_owner", org_id=actor.org_id, since=since, until=until, type=type)
    return {"since": since, "until": until, "type": type, "owners": rows, "total": sum(r["total"] for r in rows)}


async def revenue_won_over_time(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    period: str = "month",
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """Won deals and their amount per period (by close date), one row per period and currency."""
    _check_period(period)
    _check_window(since, until)
    async with org_tx(pool, actor) as conn:
        rows = await repo.fetch_all(
            conn, "revenue_won_over_time", org_id=actor.org_id, period=period, since=since, until=until
        )
    totals: dict[str, Decimal] = {}
    for r in rows:
        totals[r["currency"]] = totals.get(r["currency"], Decimal(0)) + r["revenue"]
    return {"period": period, "since": since, "until": until, "periods": rows, "total_by_currency": totals}


async def score_distribution(pool: AsyncConnectionPool[Conn], actor: Actor, *, bins: int = 10) -> dict[str, Any]:
    """How many contacts fall in each score range (0-100 in ``bins`` equal ranges); unscored counted apart."""
    if not 2 <= bins <= 20:
        raise ValidationError("bins must be between 2 and 20", errors=[{"field": "bins", "message": "range"}])
    async with org_tx(pool, actor) as conn:
        has_column = await repo.fetch_one(conn, "has_score_column")
        total_row = await repo.fetch_one(conn, "count_contacts", org_id=actor.org_id)
        rows = await repo.fetch_all(conn, "score_distribution", org_id=actor.org_id, bins=bins)
    total = total_row["n"] if total_row else 0
    scored = sum(r["contacts"] for r in rows)
    if not (has_column and has_column["present"]) or scored == 0:
        return {"bins": [], "scored": 0, "unscored": total, "message": NO_SCORES}
    counts = {r["bucket"]: r["contacts"] for r in rows}
    width = 100 / bins
    out = []
    for i in range(1, bins + 1):
        low, high = round((i - 1) * width, 1), round(i * width, 1)
        out.append({"range": f"{low:g}-{high:g}", "from": low, "to": high, "contacts": counts.get(i, 0)})
    return {"bins": out, "scored": scored, "unscored": total - scored}
