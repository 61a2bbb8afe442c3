"""Lead scores for the agents: a documented RULE-BASED score, used until the learned model
(``crm/scoring``) is wired in; every result says so (``"model": "rule-based (no learned model yet)"``).

The rules (points are added to a base of 20, the total is clamped to 0-100):

=============================  ======  =====================================================
signal                         points  why
=============================  ======  =====================================================
lifecycle stage                -30..30 subscriber 0, lead 5, mql 15, sql 25, opportunity 30,
                                       customer/evangelist 20, churned -10, disqualified -30
has an email address           +5      reachable
has a phone number             +5      reachable by the fastest channel
senior title                   +5..15  C-level/founder/owner/president/VP 15, director/head 10,
                                       manager/lead 5: decision power
inbound messages, last 30 days +8 each they reached out (at most +16)
calls/meetings, last 30 days   +10     an active conversation
no call/email/meeting in 90d   -10     gone cold (or never contacted)
open deal                      +15     already in the pipeline
won a deal before              +10     a past buyer buys again
email consent                  +3      can be marketed to
company of 50+ employees       +5      larger budgets
=============================  ======  =====================================================
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.repositories import lead_scores as repo

MODEL = "rule-based (no learned model yet)"
VERSION = "rules-1"
BASE = 20
STAGE_POINTS = {
    "subscriber": 0,
    "lead": 5,
    "mql": 15,
    "sql": 25,
    "opportunity": 30,
    "customer": 20,
    "evangelist": 20,
    "churned": -10,
    "disqualified": -30,
}
_SENIOR = re.compile(r"\b(ceo|cto|cfo|cmo|coo|cio|chief|founder|co-founder|owner|president|vp|vice president)\b", re.I)
_DIRECTOR = re.compile(r"\b(director|head)\b", re.I)
_MANAGER = re.compile(r"\b(manager|lead)\b", re.I)


def factors(row: dict[str, Any], *, now: datetime) -> list[dict[str, Any]]:
    """The rules that fired for one contact: [{"factor", "points", "detail"}], biggest effect first."""
    out: list[dict[str, Any]] = []

    def add(name: str, points: int, detail: str) -> None:
        if points:
            out.append({"factor": name, "points": points, "detail": detail})

    stage = row.get("stage")
    if stage in STAGE_POINTS:
        add("lifecycle stage", STAGE_POINTS[stage], f"stage is {stage}")
    add("email address", 5 if row.get("has_email") else 0, "has an email address")
    add("phone number", 5 if row.get("has_phone") else 0, "has a phone number")
    title = row.get("title") or ""
    if _SENIOR.search(title):
        add("seniority", 15, f"title '{title}' is executive level")
    elif _DIRECTOR.search(title):
        add("seniority", 10, f"title '{title}' is director level")
    elif _MANAGER.search(title):
        add("seniority", 5, f"title '{title}' is manager level")
    inbound = int(row.get("inbound_30d") or 0)
    add("inbound interest", min(16, 8 * inbound), f"{inbound} inbound message(s) in the last 30 days")
    if int(row.get("conversations_30d") or 0):
        add("active conversation", 10, f"{row['conversations_30d']} call(s)/meeting(s) in the last 30 days")
    last = row.get("last_touch")
    if last is None:
        add("gone cold", -10, "never called, emailed or met")
    elif last < now - timedelta(days=90):
        add("gone cold", -10, f"last contacted {last.date().isoformat()}, over 90 days ago")
    add("open deal", 15 if row.get("open_deal") else 0, "has an open deal")
    add("past buyer", 10 if row.get("won_deal") else 0, "won a deal before")
    add("email consent", 3 if row.get("email_consent") else 0, "agreed to receive email")
    size = row.get("company_size")
    if size is not None and size >= 50:
        add("company size", 5, f"works at a company of {size} people")
    return sorted(out, key=lambda f: -abs(f["points"]))


def score_of(fired: list[dict[str, Any]]) -> int:
    return max(0, min(100, BASE + sum(f["points"] for f in fired)))


def _result(row: dict[str, Any], fired: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "contact_id": row["id"],
        "name": row["name"] or row.get("email"),
        "email": row.get("email"),
        "company": row.get("company"),
        "stage": row.get("stage"),
        "owner": row.get("owner"),
        "score": score_of(fired),
        "model": MODEL,
        "version": VERSION,
    }


async def _one(conn: Conn, actor: Actor, contact_id: UUID, now: datetime) -> dict[str, Any]:
    rows = await repo.score_features(conn, org_id=actor.org_id, now=now, contact_id=contact_id, max_rows=1)
    if not rows:
        raise NotFoundError(f"no contact {contact_id}")
    return rows[0]


async def score_contact(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, *, now: datetime | None = None
) -> dict[str, Any]:
    """Score one contact (0-100) and save it on the contact (``contacts.score``) so lists and reports see it."""
    now = now or datetime.now(UTC)
    async with org_tx(pool, actor.org_id) as conn:
        row = await _one(conn, actor, contact_id, now)
        fired = factors(row, now=now)
        result = _result(row, fired)
        # A viewer may look at a score but not change the record; the score is still computed for them.
        if actor.can_write:
            await repo.save_score(conn, org_id=actor.org_id, contact_id=contact_id, score=result["score"])
    return {**result, "factors": fired}


async def explain_contact(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, *, now: datetime | None = None
) -> dict[str, Any]:
    """The score with the factors that raised and lowered it, and what would raise it (counterfactuals)."""
    now = now or datetime.now(UTC)
    async with org_tx(pool, actor.org_id) as conn:
        row = await _one(conn, actor, contact_id, now)
    fired = factors(row, now=now)
    result = _result(row, fired)
    would: list[str] = []
    if not row.get("open_deal"):
        would.append("opening a deal would add 15 points")
    if not int(row.get("conversations_30d") or 0):
        would.append("a call or meeting in the next 30 days would add 10 points")
    if not row.get("has_phone"):
        would.append("adding a phone number would add 5 points")
    stage = row.get("stage")
    ladder = ["subscriber", "lead", "mql", "sql", "opportunity"]
    if stage in ladder[:-1]:
        nxt = ladder[ladder.index(stage) + 1]
        would.append(f"moving to {nxt} would add {STAGE_POINTS[nxt] - STAGE_POINTS[stage]} points")
    return {
        **result,
        "base": BASE,
        "up": [f for f in fired if f["points"] > 0],
        "down": [f for f in fired if f["points"] < 0],
        "counterfactuals": would,
    }


async def top_leads(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    owner_id: UUID | None = None,
    stage: str | None = None,
    since: date | None = None,
    limit: int = 10,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The highest-scoring leads (not customers, churned or disqualified unless ``stage`` asks for them)."""
    if not 1 <= limit <= 100:
        raise ValidationError("limit must be 1..100", errors=[{"field": "limit", "message": "out of range"}])
    now = now or datetime.now(UTC)
    async with org_tx(pool, actor.org_id) as conn:
        rows = await repo.score_features(
            conn, org_id=actor.org_id, now=now, owner_id=owner_id, stage=stage, since=since
        )
    scored = []
    for row in rows:
        fired = factors(row, now=now)
        scored.append({**_result(row, fired), "top_factors": [f["detail"] for f in fired[:3]]})
    scored.sort(key=lambda r: (-r["score"], r["name"] or ""))
    return scored[:limit]
