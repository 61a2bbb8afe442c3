"""SQL for segments, audiences (contacts matching saved filters) and campaign drafts."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]
_MARKER = "/*audience_where*/"
# Every key the audience WHERE reads; a filter dict is widened to all of them (absent = NULL = off).
AUDIENCE_KEYS = (
    "query",
    "name",
    "email",
    "phone",
    "company_id",
    "company",
    "stage",
    "owner_id",
    "tag",
    "lead_source",
    "min_score",
    "max_score",
    "created_after",
    "created_before",
    "follow_up_before",
    "follow_up_after",
    "has_email",
    "has_phone",
    "not_contacted_since",
)


def _audience_sql(name: str) -> str:
    # Both pieces come from our own .sql file; only values travel as parameters.
    return q("campaigns", name).replace(_MARKER, "(" + q("campaigns", "audience_where") + ")")


def _audience_params(org_id: UUID, filters: dict[str, Any]) -> dict[str, Any]:
    unknown = set(filters) - set(AUDIENCE_KEYS)
    if unknown:
        raise KeyError(f"unknown audience filter keys: {sorted(unknown)}")
    return {"org_id": org_id, **{k: filters.get(k) for k in AUDIENCE_KEYS}}


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
