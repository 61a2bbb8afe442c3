"""SQL for the demo organization: bulk inserts of generated rows, the default pipeline's stages, reset."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]
TABLES = ("user", "company", "contact", "deal", "activity")


async def insert_many(conn: Conn, *, table: str, rows: Sequence[Row]) -> None:
    """Insert rows of one kind (``table`` is one of TABLES); psycopg pipelines executemany, one round trip."""
    if table not in TABLES:
        raise ValueError(f"unknown demo table {table!r}")
    async with conn.cursor() as cur:
        await cur.executemany(q("demo", f"insert_{table}"), rows)


async def default_pipeline_stages(conn: Conn, *, org_id: UUID) -> dict[str, Row]:
    cur = await conn.execute(q("demo", "default_pipeline_stages"), {"org_id": org_id})
    return {r["name"]: r for r in await cur.fetchall()}


async def clear_org(conn: Conn, *, org_id: UUID, keep_user_id: UUID) -> None:
    """Remove every demo record and user of the organization except ``keep_user_id`` (its owner)."""
    for name in ("clear_activities", "clear_deals", "clear_contacts", "clear_companies"):
        await conn.execute(q("demo", name), {"org_id": org_id})
    await conn.execute(q("demo", "clear_users_but"), {"org_id": org_id, "keep_user_id": keep_user_id})


async def update_owner(conn: Conn, *, org_id: UUID, user_id: UUID, name: str, password_hash: str) -> None:
    await conn.execute(
        q("demo", "update_owner"),
        {"org_id": org_id, "user_id": user_id, "name": name, "password_hash": password_hash},
    )
