"""Append rows to record_history (before/after of every write), and read a record's history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q


def _jsonable(row: dict[str, Any] | None) -> Jsonb | None:
    if row is None:
        return None
    return Jsonb({k: v for k, v in row.items() if k != "search"}, dumps=_dumps)


def _dumps(obj: Any) -> str:
    import json

    return json.dumps(obj, default=str)


async def record(
    conn: Conn,
    actor: Actor,
    *,
    entity: str,
    entity_id: UUID,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Write one history row in the caller's transaction (so it commits or rolls back with the change)."""
    source = actor.source if actor.run_id is None else f"{actor.source}:run:{actor.run_id}"
    await conn.execute(
        q("history", "insert_history"),
        {
            "org_id": actor.org_id,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "before": _jsonable(before),
            "after": _jsonable(after),
            "actor_id": actor.user_id,
            "source": source,
        },
    )


async def list_history(
    conn: Conn, *, org_id: UUID, entity: str, entity_id: UUID, limit: int = 100
) -> list[dict[str, Any]]:
    cur = await conn.execute(
        q("history", "list_history"), {"org_id": org_id, "entity": entity, "entity_id": entity_id, "limit": limit}
    )
    return await cur.fetchall()
