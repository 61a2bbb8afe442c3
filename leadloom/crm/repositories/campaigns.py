"""SQL for segments, audiences (contacts matching saved filters) and campaign drafts."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q
from leadloom.crm.repositories.contacts import FILTER_DEFAULTS

Row = dict[str, Any]
_MARKER = "/*contact_filter*/"


def _audience_sql(name: str) -> str:
    # Both pieces are our own SQL files' text; only values travel as parameters. Sharing the records'
    # filter block keeps a segment's audience identical to what search_contacts shows for its filters.
    return q("campaigns", name).replace(_MARKER, "(" + q("contacts", "contact_filter") + ")")


def _audience_params(org_id: UUID, filters: dict[str, Any]) -> dict[str, Any]:
    unknown = set(filters) - set(FILTER_DEFAULTS)
    if unknown:
        raise KeyError(f"unknown audience filter parameters: {sorted(unknown)}")  # programming error
    return {**FILTER_DEFAULTS, **filters, "include_deleted": False, "org_id": org_id}


async def audience_counts(conn: Conn, *, org_id: UUID, filters: dict[str, Any]) -> Row:
    cur = await conn.execute(_audience_sql("audience_counts"), _audience_params(org_id, filters))
    row = await cur.fetchone()
    assert row is not None
    return row


async def audience_sample(conn: Conn, *, org_id: UUID, filters: dict[str, Any], limit: int) -> list[Row]:
    cur = await conn.execute(_audience_sql("audience_sample"), {**_audience_params(org_id, filters), "limit": limit})
    return await cur.fetchall()


async def insert_segment(
    conn: Conn, *, org_id: UUID, name: str, description: str | None, filters: dict[str, Any], created_by: UUID | None
) -> Row:
    cur = await conn.execute(
        q("campaigns", "insert_segment"),
        {
            "org_id": org_id,
            "name": name,
            "description": description,
            "filters": Jsonb(filters),
            "created_by": created_by,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def list_segments(conn: Conn, *, org_id: UUID, limit: int = 200) -> list[Row]:
    cur = await conn.execute(q("campaigns", "list_segments"), {"org_id": org_id, "limit": limit})
    return await cur.fetchall()


async def get_segment(conn: Conn, *, org_id: UUID, id: UUID) -> Row | None:
    cur = await conn.execute(q("campaigns", "get_segment"), {"org_id": org_id, "id": id})
    return await cur.fetchone()


async def find_segments_by_name(conn: Conn, *, org_id: UUID, name: str) -> list[Row]:
    cur = await conn.execute(q("campaigns", "find_segments_by_name"), {"org_id": org_id, "name": name})
    return await cur.fetchall()


async def insert_campaign(
    conn: Conn,
    *,
    org_id: UUID,
    name: str,
    segment_id: UUID | None,
    filters: dict[str, Any],
    channel: str,
    subject: str | None,
    body: str,
    audience_count: int,
    created_by: UUID | None,
) -> UUID:
    cur = await conn.execute(
        q("campaigns", "insert_campaign"),
        {
            "org_id": org_id,
            "name": name,
            "segment_id": segment_id,
            "filters": Jsonb(filters),
            "channel": channel,
            "subject": subject,
            "body": body,
            "audience_count": audience_count,
            "created_by": created_by,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row["id"]


async def get_campaign(conn: Conn, *, org_id: UUID, id: UUID) -> Row | None:
    cur = await conn.execute(q("campaigns", "get_campaign"), {"org_id": org_id, "id": id})
    return await cur.fetchone()


async def list_campaigns(conn: Conn, *, org_id: UUID, status: str | None, limit: int) -> list[Row]:
    cur = await conn.execute(q("campaigns", "list_campaigns"), {"org_id": org_id, "status": status, "limit": limit})
    return await cur.fetchall()
