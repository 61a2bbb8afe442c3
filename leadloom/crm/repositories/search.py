"""SQL for full-text search across contacts, companies and deals."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q


async def search_all(
    conn: Conn, *, org_id: UUID, text: str, prefix: str | None, types: set[str], limit: int
) -> list[dict[str, Any]]:
    cur = await conn.execute(
        q("search", "search_all"),
        {
            "org_id": org_id,
            "text": text,
            "prefix": prefix,
            "contacts": "contact" in types,
            "companies": "company" in types,
            "deals": "deal" in types,
            "limit": limit,
        },
    )
    return await cur.fetchall()
