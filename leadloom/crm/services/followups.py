"""Follow-up recommendations: a ranked list of who and what needs attention, each with a reason.

Kinds, each found by one query in crm/sql/followups.sql:

- ``overdue_task``: an open task past its due time.
- ``unanswered_inbound``: a contact's last email/call/meeting is an inbound email or call (nobody replied).
- ``stalled_deal``: an open deal with no activity or stage change for ``stall_days`` (M), or past its
  expected close date.
- ``engaged_not_touched``: a contact with inbound activity, or at least ``min_activities`` activities, in
  the last ``engaged_days``, but no outbound touch (outbound email/call or a meeting) for ``idle_days`` (N).
- ``hot_lead_no_owner``: an unowned contact with ``contacts.score >= hot_score`` (when scores exist), or
  with at least ``hot_activities`` activities in ``engaged_days`` when it has no score.

Priority (0-100; higher first), so the list reads the same every time for the same data:

    overdue_task         70 + 1.5 x min(days overdue, 14)                                     70-91
    unanswered_inbound   65 + 2 x min(days waiting, 10)                                        65-85
    stalled_deal         50 + 0.5 x min(days idle beyond M, 30) + min(2 x log10(1 + amount), 12)
                            + 8 if past expected close                                         50-85
    hot_lead_no_owner    45 + 0.5 x min(score - hot_score, 30)   or, unscored,
                         45 + 1.5 x min(activities - hot_activities, 10)                       45-60
    engaged_not_touched  40 + 0.5 x min(days since last touch beyond N, 30) + min(activities, 10) 40-65

Broken promises (overdue tasks) and people waiting for an answer come first; money at risk next; then
opportunities. Ties go to the oldest ``since``, then kind, then record id. A contact that is both
unanswered and engaged-not-touched appears once (the higher one). Thresholds come from the call, else the
organization's ``settings.follow_ups``, else the defaults below.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ValidationError
from leadloom.crm.models.activities import Recommendation
from leadloom.crm.repositories import followups as repo
from leadloom.crm.repositories import orgs as orgs_repo

DEFAULTS: dict[str, int] = {
    "idle_days": 14,  # N: engaged contacts untouched this long
    "stall_days": 21,  # M: open deals without activity or stage change this long
    "engaged_days": 30,  # window in which activity counts as engagement
    "min_activities": 3,  # this many activities in the window is engaged even without inbound
    "hot_score": 70,  # contacts.score at or above this is hot
    "hot_activities": 5,  # unscored contacts with this many activities in the window are hot
}
_KIND_ORDER = ["overdue_task", "unanswered_inbound", "stalled_deal", "hot_lead_no_owner", "engaged_not_touched"]
# Both say "reach out to this person", so one is enough; "hot lead with no owner" asks for something else
# (assign an owner) and is kept alongside.
_REACH_OUT_KINDS = {"unanswered_inbound", "engaged_not_touched"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _days(now: datetime, then: datetime | None) -> float:
    return 0.0 if then is None else max(0.0, (now - then).total_seconds() / 86400)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _name(row: dict[str, Any]) -> str:
    return row.get("contact_name") or "A contact"


def _rec(kind: str, priority: float, reason: str, **fields: Any) -> Recommendation:
    return Recommendation(kind=kind, priority=round(min(priority, 100.0), 1), reason=reason, **fields)  # type: ignore[arg-type]


def _overdue(rows: list[dict[str, Any]], now: datetime) -> list[Recommendation]:
    out = []
    for r in rows:
        days = _days(now, r["due_at"])
        whom = f" ({r['contact_name'] or r['deal_name']})" if (r["contact_name"] or r["deal_name"]) else ""
        when = "today" if days < 1 else f"{_plural(int(days), 'day')} ago"
        out.append(
            _rec(
                "overdue_task",
                70 + 1.5 * min(days, 14),
                f"Task \u201c{r['subject'] or 'untitled'}\u201d{whom} was due {when}",
                task_id=r["task_id"],
                contact_id=r["contact_id"],
                contact_name=r["contact_name"],
                company_id=r["company_id"],
                deal_id=r["deal_id"],
                deal_name=r["deal_name"],
                owner_id=r["owner_id"],
                since=r["due_at"],
            )
        )
    return out


def _unanswered(rows: list[dict[str, Any]], now: datetime) -> list[Recommendation]:
    out = []
    for r in rows:
        days = _days(now, r["occurred_at"])
        what = "an email" if r["type"] == "email" else "a call"
        about = f" (\u201c{r['subject']}\u201d)" if r["subject"] else ""
        when = "today" if days < 1 else f"{_plural(int(days), 'day')} ago"
        out.append(
            _rec(
                "unanswered_inbound",
                65 + 2 * min(days, 10),
                f"{_name(r)} reached out with {what}{about} {when} and has had no reply",
                contact_id=r["contact_id"],
                contact_name=r["contact_name"],
                company_id=r["company_id"],
                owner_id=r["owner_id"],
                since=r["occurred_at"],
            )
        )
    return out


def _stalled(rows: list[dict[str, Any]], now: datetime, stall_days: int) -> list[Recommendation]:
    out = []
    for r in rows:
        idle = _days(now, r["last_touch"])
        amount = float(r["amount"] or Decimal(0))
        past_close = r["expected_close"] is not None and r["expected_close"] < now.date()
        priority = 50 + 0.5 * min(max(idle - stall_days, 0), 30) + min(2 * math.log10(1 + amount), 12)
        reasons = []
        if idle >= stall_days:
            reasons.append(f"no activity or stage change for {_plural(int(idle), 'day')}")
        if past_close:
            priority += 8
            reasons.append(f"past its expected close date ({r['expected_close'].isoformat()})")
        value = f", {r['currency']} {r['amount']:,.2f}" if r["amount"] is not None else ""
        since = r["last_touch"]
        if past_close and idle < stall_days:
            since = datetime.combine(r["expected_close"], time(0), tzinfo=UTC)
        out.append(
            _rec(
                "stalled_deal",
                priority,
                f"Deal \u201c{r['deal_name']}\u201d ({r['stage']}{value}) is stalled: {' and '.join(reasons)}",
                deal_id=r["deal_id"],
                deal_name=r["deal_name"],
                contact_id=r["contact_id"],
                contact_name=r["contact_name"],
                company_id=r["company_id"],
                owner_id=r["owner_id"],
                since=since,
            )
        )
    return out


def _engaged(rows: list[dict[str, Any]], now: datetime, cfg: dict[str, int]) -> list[Recommendation]:
    out = []
    for r in rows:
        since = r["last_touch"] or r["first_activity"]
        idle = _days(now, since)
        signal = f"{_plural(r['recent_count'], 'activity', 'activities')} in the last {cfg['engaged_days']} days"
        if r["recent_inbound"]:
            signal += ", including inbound"
        touch = (
            f"nobody has reached out for {_plural(int(idle), 'day')}"
            if r["last_touch"]
            else "nobody has reached out yet"
        )
        out.append(
            _rec(
                "engaged_not_touched",
                40 + 0.5 * min(max(idle - cfg["idle_days"], 0), 30) + min(r["recent_count"], 10),
                f"{_name(r)} is engaged ({signal}) but {touch}",
                contact_id=r["contact_id"],
                contact_name=r["contact_name"],
                company_id=r["company_id"],
                owner_id=r["owner_id"],
                since=since,
            )
        )
    return out


def _hot(rows: list[dict[str, Any]], cfg: dict[str, int]) -> list[Recommendation]:
    out = []
    for r in rows:
        if r["score"] is not None:
            score = float(r["score"])
            priority = 45 + 0.5 * min(max(score - cfg["hot_score"], 0), 30)
            why = f"score {score:g}"
        else:
            priority = 45 + 1.5 * min(max(r["recent_count"] - cfg["hot_activities"], 0), 10)
            why = f"{r['recent_count']} activities in the last {cfg['engaged_days']} days"
        out.append(
            _rec(
                "hot_lead_no_owner",
                priority,
                f"{_name(r)} is a hot lead ({why}) with no owner: assign someone",
                contact_id=r["contact_id"],
                contact_name=r["contact_name"],
                company_id=r["company_id"],
                since=r["last_activity"],
            )
        )
    return out


def rank(recommendations: list[Recommendation]) -> list[Recommendation]:
    """Highest priority first; ties by oldest ``since``, kind, record id. A contact is asked to be reached
    out to once (unanswered beats engaged-not-touched)."""

    def key(r: Recommendation) -> tuple[Any, ...]:
        record = r.task_id or r.deal_id or r.contact_id
        return (-r.priority, r.since or _EPOCH, _KIND_ORDER.index(r.kind), str(record))

    ranked, seen = [], set()
    for r in sorted(recommendations, key=key):
        if r.kind in _REACH_OUT_KINDS:
            if r.contact_id in seen:
                continue
            seen.add(r.contact_id)
        ranked.append(r)
    return ranked


def _config(org_settings: dict[str, Any], overrides: dict[str, int | None]) -> dict[str, int]:
    cfg = dict(DEFAULTS)
    stored = org_settings.get("follow_ups") if isinstance(org_settings, dict) else None
    for key, value in {**(stored or {}), **{k: v for k, v in overrides.items() if v is not None}}.items():
        if key not in DEFAULTS:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3650:
            raise ValidationError(
                f"{key} must be a whole number between 0 and 3650", errors=[{"field": key, "message": "out of range"}]
            )
        cfg[key] = value
    return cfg


async def recommend_follow_ups(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    owner_id: UUID | None = None,
    limit: int = 20,
    now: datetime | None = None,
    idle_days: int | None = None,
    stall_days: int | None = None,
    engaged_days: int | None = None,
    min_activities: int | None = None,
    hot_score: int | None = None,
    hot_activities: int | None = None,
) -> list[Recommendation]:
    """The ranked follow-ups for ``owner_id`` (everyone's when None), at most ``limit``.

    Hot leads with no owner are included only when no owner filter is given: they belong to nobody yet.
    ``now`` fixes the clock (tests, evals, "what would it have said on Monday").
    """
    if not 1 <= limit <= 100:
        raise ValidationError("limit must be between 1 and 100", errors=[{"field": "limit", "message": "out of range"}])
    if now is None:
        now = datetime.now(UTC)
    elif isinstance(now, datetime) and now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    elif not isinstance(now, datetime) and isinstance(now, date):
        now = datetime.combine(now, time(0), tzinfo=UTC)
    overrides = {
        "idle_days": idle_days,
        "stall_days": stall_days,
        "engaged_days": engaged_days,
        "min_activities": min_activities,
        "hot_score": hot_score,
        "hot_activities": hot_activities,
    }
    # Each query can return at most `cap` rows; dedup may drop some, so ask for more than the limit.
    cap = limit * 3
    async with org_tx(pool, actor) as conn:
        org = await orgs_repo.get_org(conn, org_id=actor.org_id)
        cfg = _config((org or {}).get("settings") or {}, overrides)
        base = {"org_id": actor.org_id, "owner_id": owner_id, "now": now, "cap": cap}
        recs = _overdue(await repo.overdue_tasks(conn, **base), now)
        recs += _unanswered(await repo.unanswered_inbound(conn, **base), now)
        recs += _stalled(await repo.stalled_deals(conn, **base, stall_days=cfg["stall_days"]), now, cfg["stall_days"])
        recs += _engaged(
            await repo.engaged_not_touched(
                conn,
                **base,
                engaged_days=cfg["engaged_days"],
                min_activities=cfg["min_activities"],
                idle_days=cfg["idle_days"],
            ),
            now,
            cfg,
        )
        if owner_id is None:
            scored = await repo.contacts_have_score(conn)
            params = {**base, "engaged_days": cfg["engaged_days"], "hot_activities": cfg["hot_activities"]}
            params.pop("owner_id")
            if scored:
                params["hot_score"] = cfg["hot_score"]
            recs += _hot(await repo.hot_unowned(conn, scored=scored, **params), cfg)
    return rank(recs)[:limit]
