"""SQL for the reports in ``sql/analytics.sql`` (fixed, parameterized queries only)."""

from __future__ import annotations

from typing import Any

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def fetch_all(conn: Conn, name: str, **params: Any) -> list[Row]:
    """Run the named report query; ``name`` is chosen by the service, never by a caller's text."""
    cur = await conn.execute(q("analytics", name), params)
    return await cur.fetchall()


async def fetch_one(conn: Conn, name: str, **params: Any) -> Row | None:
    cur = await conn.execute(q("analytics", name), params)
    return await cur.fetchone()
