"""SQL for de-duplication: shared email/phone pairs, name rows, the merges ledger, moving linked records."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def shared_pairs(conn: Conn, *, org_id: UUID, contact_id: UUID | None, limit: int) -> list[Row]:
    name = "shared_pairs" if contact_id is None else "shared_pairs_for"
    cur = await conn.execute(q("dedup", name), {"org_id": org_id, "contact_id": contact_id, "limit": limit})
    return await cur.fetchall()


async def name_rows(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("dedup", "name_rows"), {"org_id": org_id})
    return await cur.fetchall()


async def refs(conn: Conn, *, org_id: UUID, ids: list[UUID]) -> dict[UUID, Row]:
    cur = await conn.execute(q("dedup", "refs"), {"org_id": org_id, "ids": ids})
    return {r["id"]: r for r in await cur.fetchall()}


async def move_activities(
    conn: Conn, *, org_id: UUID, from_id: UUID, to_id: UUID, ids: list[UUID] | None = None
) -> list[UUID]:
    """Re-point activities from one contact to another (all of them, or just ``ids``); returns the moved ids."""
    cur = await conn.execute(
        q("dedup", "move_activities"), {"org_id": org_id, "from_id": from_id, "to_id": to_id, "ids": ids}
    )
    return [r["id"] for r in await cur.fetchall()]


async def move_deals(
    conn: Conn, *, org_id: UUID, from_id: UUID, to_id: UUID, ids: list[UUID] | None = None
) -> list[UUID]:
    cur = await conn.execute(
        q("dedup", "move_deals"), {"org_id": org_id, "from_id": from_id, "to_id": to_id, "ids": ids}
    )
    return [r["id"] for r in await cur.fetchall()]


async def insert_merge(
    conn: Conn,
    *,
    org_id: UUID,
    entity: str,
    winner_id: UUID,
    loser_id: UUID,
    snapshot: dict[str, Any],
    actor_id: UUID | None,
) -> Row:
    cur = await conn.execute(
        q("dedup", "insert_merge"),
        {
            "org_id": org_id,
            "entity": entity,
            "winner_id": winner_id,
            "loser_id": loser_id,
            "snapshot": Jsonb(snapshot, dumps=lambda o: json.dumps(o, default=str)),
            "actor_id": actor_id,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def get_merge_for_update(conn: Conn, *, org_id: UUID, merge_id: UUID) -> Row | None:
    cur = await conn.execute(q("dedup", "get_merge_for_update"), {"org_id": org_id, "id": merge_id})
    return await cur.fetchone()


async def mark_undone(conn: Conn, *, org_id: UUID, merge_id: UUID) -> None:
    await conn.execute(q("dedup", "mark_undone"), {"org_id": org_id, "id": merge_id})
