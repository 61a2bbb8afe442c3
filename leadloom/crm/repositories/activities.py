"""SQL for activities, tasks and record timelines (crm/sql/activities.sql, crm/sql/timeline.sql)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg import sql

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]

TASK_SORT_EXPRESSIONS = {
    # Tasks without a due date sort after every dated one.
    "due_at": "COALESCE(a.due_at, TIMESTAMPTZ '9999-12-31 00:00:00+00')",
    "created_at": "a.created_at",
}
_TIMELINE_QUERY = {"contact": "contact_timeline", "company": "company_timeline", "deal": "deal_timeline"}
_ENTITY_TABLE = {"contact": "contacts", "company": "companies", "deal": "deals"}


async def _one(conn: Conn, file: str, name: str, params: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q(file, name), params)
    return await cur.fetchone()


async def get_activity(conn: Conn, *, org_id: UUID, activity_id: UUID) -> Row | None:
    return await _one(conn, "activities", "get_activity", {"org_id": org_id, "activity_id": activity_id})


async def get_activity_for_update(conn: Conn, *, org_id: UUID, activity_id: UUID) -> Row | None:
    return await _one(conn, "activities", "get_activity_for_update", {"org_id": org_id, "activity_id": activity_id})


async def insert_activity(conn: Conn, *, org_id: UUID, values: dict[str, Any]) -> UUID:
    row = await _one(conn, "activities", "insert_activity", {**values, "org_id": org_id})
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def update_activity(conn: Conn, *, org_id: UUID, activity_id: UUID, values: dict[str, Any]) -> bool:
    params = {**values, "org_id": org_id, "activity_id": activity_id}
    return await _one(conn, "activities", "update_activity", params) is not None


async def soft_delete_activity(conn: Conn, *, org_id: UUID, activity_id: UUID) -> bool:
    params = {"org_id": org_id, "activity_id": activity_id}
    return await _one(conn, "activities", "soft_delete_activity", params) is not None


async def deal_ref(conn: Conn, *, org_id: UUID, deal_id: UUID) -> Row | None:
    """A live deal's id, company and contact in this organization, or None."""
    return await _one(conn, "activities", "deal_ref", {"org_id": org_id, "deal_id": deal_id})


async def list_tasks(
    conn: Conn,
    *,
    org_id: UUID,
    filters: dict[str, Any],
    sort_key: str,
    descending: bool,
    after: tuple[Any, UUID] | None,
    limit: int,
) -> list[Row]:
    expr = sql.SQL(TASK_SORT_EXPRESSIONS[sort_key])
    keyset: sql.Composable = sql.SQL("")
    if after is not None:
        op = sql.SQL("<" if descending else ">")
        keyset = sql.SQL("AND ({expr}, a.id) {op} (%(after_value)s, %(after_id)s)").format(expr=expr, op=op)
    query = sql.SQL(q("activities", "list_tasks")).format(  # type: ignore[arg-type]  # our own .sql text
        sort_expr=expr, keyset=keyset, direction=sql.SQL("DESC" if descending else "ASC")
    )
    params = {**filters, "org_id": org_id, "limit": limit}
    if after is not None:
        params["after_value"], params["after_id"] = after
    cur = await conn.execute(query, params)
    return await cur.fetchall()


async def entity_exists(conn: Conn, *, org_id: UUID, entity: str, entity_id: UUID) -> bool:
    query = sql.SQL(q("timeline", "entity_exists")).format(  # type: ignore[arg-type]  # our own .sql text
        table=sql.Identifier(_ENTITY_TABLE[entity])
    )
    cur = await conn.execute(query, {"org_id": org_id, "entity_id": entity_id})
    return await cur.fetchone() is not None


async def timeline(
    conn: Conn,
    *,
    org_id: UUID,
    entity: str,
    entity_id: UUID,
    before: tuple[datetime, UUID] | None,
    limit: int,
) -> list[Row]:
    """Newest-first timeline rows of a contact, company or deal, strictly older than ``before``."""
    params = {
        "org_id": org_id,
        "entity_id": entity_id,
        "limit": limit,
        "before_at": before[0] if before else None,
        "before_id": before[1] if before else None,
    }
    cur = await conn.execute(q("timeline", _TIMELINE_QUERY[entity]), params)
    return await cur.fetchall()
