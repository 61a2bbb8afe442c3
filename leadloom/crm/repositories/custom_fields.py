"""SQL for custom field definitions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg import errors as pg_errors

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q
from leadloom.crm.errors import ConflictError

Row = dict[str, Any]


async def list_defs(conn: Conn, *, org_id: UUID, entity: str | None) -> list[Row]:
    cur = await conn.execute(q("custom_fields", "list_defs"), {"org_id": org_id, "entity": entity})
    return await cur.fetchall()


async def insert_def(
    conn: Conn, *, org_id: UUID, entity: str, key: str, label: str, type: str, options: list[str], required: bool
) -> Row:
    try:
        cur = await conn.execute(
            q("custom_fields", "insert_def"),
            {
                "org_id": org_id,
                "entity": entity,
                "key": key,
                "label": label,
                "type": type,
                "options": options,
                "required": required,
            },
        )
    except pg_errors.UniqueViolation:
        raise ConflictError(f"a {entity} custom field with key {key!r} already exists") from None
    row = await cur.fetchone()
    assert row is not None
    return row


async def delete_def(conn: Conn, *, org_id: UUID, def_id: UUID) -> Row | None:
    cur = await conn.execute(q("custom_fields", "delete_def"), {"org_id": org_id, "id": def_id})
    return await cur.fetchone()
