"""SQL for follow-up recommendation candidates (crm/sql/followups.sql); ranking is the service's job."""

from __future__ import annotations

from typing import Any

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def _all(conn: Conn, name: str, params: dict[str, Any]) -> list[Row]:
    cur = await conn.execute(q("followups", name), params)
    return await cur.fetchall()


async def overdue_tasks(conn: Conn, **params: Any) -> list[Row]:
    """Params: org_id, owner_id, now, cap."""
    return await _all(conn, "overdue_tasks", params)


async def unanswered_inbound(conn: Conn, **params: Any) -> list[Row]:
    """Params: org_id, owner_id, now, cap."""
    return await _all(conn, "unanswered_inbound", params)


async def engaged_not_touched(conn: Conn, **params: Any) -> list[Row]:
    """Params: org_id, owner_id, now, engaged_days, min_activities, idle_days, cap."""
    return await _all(conn, "engaged_not_touched", params)


async def stalled_deals(conn: Conn, **params: Any) -> list[Row]:
    """Params: org_id, owner_id, now, stall_days, cap."""
    return await _all(conn, "stalled_deals", params)


async def contacts_have_score(conn: Conn) -> bool:
    rows = await _all(conn, "contacts_have_score", {})
    return bool(rows and rows[0]["ok"])


async def hot_unowned(conn: Conn, *, scored: bool, **params: Any) -> list[Row]:
    """Params: org_id, now, engaged_days, hot_activities, cap (+ hot_score when ``scored``)."""
    return await _all(conn, "hot_unowned_scored" if scored else "hot_unowned_by_activity", params)
