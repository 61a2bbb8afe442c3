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


async def delete_org(conn: Conn, *, org_id: UUID) -> int:
    cur = await conn.execute(q("demo", "delete_org"), {"org_id": org_id})
    return cur.rowcount
