"""SQL for an organization's lifecycle stages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def list_stages(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("lifecycle", "list_stages"), {"org_id": org_id})
    return await cur.fetchall()


async def upsert_stage(conn: Conn, *, org_id: UUID, key: str, label: str, position: int) -> None:
    await conn.execute(
        q("lifecycle", "upsert_stage"), {"org_id": org_id, "key": key, "label": label, "position": position}
    )


async def stage_usage(conn: Conn, *, org_id: UUID, keys: list[str]) -> dict[str, int]:
    cur = await conn.execute(q("lifecycle", "stage_usage"), {"org_id": org_id, "keys": keys})
    return {row["key"]: int(row["n"]) for row in await cur.fetchall()}


async def delete_stages(conn: Conn, *, org_id: UUID, keys: list[str]) -> None:
    await conn.execute(q("lifecycle", "delete_stages"), {"org_id": org_id, "keys": keys})
