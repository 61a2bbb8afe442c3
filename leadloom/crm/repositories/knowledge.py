"""SQL for the knowledge index: embedded activity text, the indexer's watermarks, vector search."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]
_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
_NIL = UUID(int=0)


def vector_literal(vec: Sequence[float]) -> str:
    """pgvector's text form; cheaper than registering the adapter on every pooled connection."""
    return "[" + ",".join(f"{x:.7g}" for x in vec) + "]"


async def pending_orgs(conn: Conn) -> list[UUID]:
    cur = await conn.execute(q("knowledge", "pending_orgs"))
    return [r["org_id"] for r in await cur.fetchall()]


async def get_watermark(conn: Conn, *, source_type: str) -> tuple[datetime, UUID]:
    cur = await conn.execute(q("knowledge", "get_watermark"), {"source_type": source_type})
    row = await cur.fetchone()
    return (row["last_at"], row["last_id"]) if row else (_EPOCH, _NIL)


async def set_watermark(conn: Conn, *, org_id: UUID, source_type: str, last_at: datetime, last_id: UUID) -> None:
    await conn.execute(
        q("knowledge", "set_watermark"),
        {"org_id": org_id, "source_type": source_type, "last_at": last_at, "last_id": last_id},
    )


async def pending_activities(
    conn: Conn, *, last_at: datetime, last_id: UUID, limit: int, settle_s: float = 0.0
) -> list[Row]:
    cur = await conn.execute(
        q("knowledge", "pending_activities"),
        {"last_at": last_at, "last_id": last_id, "limit": limit, "settle_s": settle_s},
    )
    return await cur.fetchall()


async def upsert_chunk(
    conn: Conn,
    *,
    org_id: UUID,
    source_type: str,
    source_id: UUID,
    contact_id: UUID | None,
    text: str,
    embedding: Sequence[float],
    source_updated_at: datetime | None,
) -> None:
    await conn.execute(
        q("knowledge", "upsert_chunk"),
        {
            "org_id": org_id,
            "source_type": source_type,
            "source_id": source_id,
            "contact_id": contact_id,
            "text": text,
            "embedding": vector_literal(embedding),
            "source_updated_at": source_updated_at,
        },
    )


async def delete_chunk(conn: Conn, *, source_type: str, source_id: UUID) -> None:
    await conn.execute(q("knowledge", "delete_chunk"), {"source_type": source_type, "source_id": source_id})


async def search_chunks(
    conn: Conn, *, embedding: Sequence[float], words: str, contact_id: UUID | None = None, limit: int = 10
) -> list[Row]:
    """The ``limit`` chunks that best fit, by meaning (``embedding``) and by ``words`` fused (knowledge.sql)."""
    cur = await conn.execute(
        q("knowledge", "search_chunks"),
        {
            "embedding": vector_literal(embedding),
            "words": words,
            "contact_id": contact_id,
            "limit": limit,
            # Each list offers more than is asked for, so a chunk ranked lower by one can still win on both.
            "pool": max(50, 3 * limit),
        },
    )
    return await cur.fetchall()
