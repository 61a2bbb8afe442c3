"""SQL for privacy requests (crm/sql/privacy.sql): finding a person's data, erasing it, unsubscribing.

Every call runs inside the caller's ``org_tx``, so row-level security limits it to one organization; the
LangGraph checkpoint and store queries take only thread ids / namespace prefixes of that organization.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


def _json(value: Any) -> Jsonb:
    return Jsonb(value, dumps=lambda o: json.dumps(o, default=str))


async def fetch_all(conn: Conn, name: str, **params: Any) -> list[Row]:
    """Rows of one named read query of privacy.sql."""
    cur = await conn.execute(q("privacy", name), params)
    return await cur.fetchall()


async def execute(conn: Conn, name: str, **params: Any) -> int:
    """Run one named write of privacy.sql; the number of rows it touched."""
    cur = await conn.execute(q("privacy", name), params)
    return cur.rowcount


async def returning_ids(conn: Conn, name: str, **params: Any) -> list[UUID]:
    cur = await conn.execute(q("privacy", name), params)
    return [r["id"] for r in await cur.fetchall()]


async def insert_request(conn: Conn, **params: Any) -> UUID:
    params["counts"] = _json(params.get("counts") or {})
    cur = await conn.execute(q("privacy", "insert_request"), params)
    row = await cur.fetchone()
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def record_counts(conn: Conn, *, request: UUID, counts: dict[str, Any]) -> None:
    await conn.execute(q("privacy", "record_counts"), {"request": request, "counts": _json(counts)})


async def purge(conn: Conn, *, request: UUID, ids: list[str], pattern: str) -> dict[str, int]:
    cur = await conn.execute(q("privacy", "purge"), {"request": request, "ids": ids, "pattern": pattern})
    row = await cur.fetchone()
    assert row is not None
    return dict(row["counts"])


async def delete_checkpoints(conn: Conn, *, threads: list[str]) -> int:
    cur = await conn.execute(q("privacy", "delete_checkpoints"), {"threads": threads})
    row = await cur.fetchone()
    return int(row["n"]) if row else 0


async def unsubscribe(conn: Conn, *, contact_id: UUID, channel: str) -> Row | None:
    cur = await conn.execute(q("privacy", "unsubscribe"), {"id": contact_id, "channel": channel})
    return await cur.fetchone()
