"""SQL for the rule-based lead score: per-contact signals, and saving a computed score."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def score_features(
    conn: Conn,
    *,
    org_id: UUID,
    now: datetime,
    contact_id: UUID | None = None,
    owner_id: UUID | None = None,
    stage: str | None = None,
    since: date | None = None,
    max_rows: int = 5000,
) -> list[Row]:
    cur = await conn.execute(
        q("lead_scores", "score_features"),
        {
            "org_id": org_id,
            "now": now,
            "contact_id": contact_id,
            "owner_id": owner_id,
            "stage": stage,
            "since": since,
            "max_rows": max_rows,
        },
    )
    return await cur.fetchall()


async def save_score(conn: Conn, *, org_id: UUID, contact_id: UUID, score: int) -> None:
    await conn.execute(q("lead_scores", "save_score"), {"org_id": org_id, "contact_id": contact_id, "score": score})
