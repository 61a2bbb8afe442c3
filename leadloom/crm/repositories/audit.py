"""SQL for the audit log: explicit entries and filtered, keyset-paginated reads (crm/sql/audit.sql)."""

from __future__ import annotations

import json
from typing import Any

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


def _json(value: dict[str, Any] | None) -> Jsonb | None:
    return None if value is None else Jsonb(value, dumps=lambda o: json.dumps(o, default=str))


async def insert(conn: Conn, **params: Any) -> None:
    params["before"] = _json(params.get("before"))
    params["after"] = _json(params.get("after"))
    await conn.execute(q("audit", "insert_audit"), params)


async def search(conn: Conn, **params: Any) -> list[Row]:
    cur = await conn.execute(q("audit", "search_audit"), params)
    return await cur.fetchall()
