"""The knowledge index: activity text (notes, calls, emails, meetings, tasks) embedded into pgvector.

``index_pending`` embeds whatever changed since each organization's watermark and can be called
directly (tests, after an import); ``KnowledgeIndexer`` is the worker that polls it. ``search_knowledge``
is the search (by meaning and by words) the knowledge tools call, always inside the caller's organization.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.repositories import knowledge as repo
from leadloom.memory.embeddings import embed, embed_one

log = logging.getLogger(__name__)

SOURCE_ACTIVITY = "activity"
_WORD = re.compile(r"\w+")
MAX_TEXT = 4000  # MiniLM reads 256 word pieces; longer text adds cost, not meaning


def activity_text(row: dict[str, Any]) -> str:
    """The text a person would search for: type, subject and body."""
    parts = [p.strip() for p in (row.get("subject"), row.get("body")) if p and p.strip()]
    if not parts:
        return ""
    return f"{row['type']}: " + " — ".join(parts)[:MAX_TEXT]


def any_of_words(query: str) -> str:
    """The query's words joined by "or" for websearch_to_tsquery: a note matching some of a long question's
    words is a candidate (plainto_tsquery would need all of them). Punctuation is dropped, so "-" or a
    quote never turns into an operator."""
    return " or ".join(w for w in _WORD.findall(query) if w.lower() != "or")


@dataclass
class IndexStats:
    orgs: int = 0
    embedded: int = 0
    removed: int = 0


async def store_activity_chunks(conn: Conn, org_id: UUID, rows: list[dict[str, Any]], vectors: list[Any]) -> None:
    """Upsert the knowledge chunks of ``rows`` (activities) with their embeddings, computed by the caller
    outside the transaction: embedding time should not hold a database connection."""
    for row, vec in zip(rows, vectors, strict=True):
        await repo.upsert_chunk(
            conn,
            org_id=org_id,
            source_type=SOURCE_ACTIVITY,
            source_id=row["id"],
            contact_id=row["contact_id"],
            text=activity_text(row),
            embedding=vec,
            source_updated_at=row["updated_at"],
        )


async def index_org(
    pool: AsyncConnectionPool[Conn], org_id: UUID, *, batch: int = 200, settle_s: float = 0.0
) -> IndexStats:
    """Embed one organization's changed activities, batch by batch, advancing its watermark."""
    stats = IndexStats(orgs=1)
    while True:
        async with org_tx(pool, org_id) as conn:
            last_at, last_id = await repo.get_watermark(conn, source_type=SOURCE_ACTIVITY)
            rows = await repo.pending_activities(conn, last_at=last_at, last_id=last_id, limit=batch, settle_s=settle_s)
        if not rows:
            return stats
        live = [r for r in rows if r["deleted_at"] is None and activity_text(r)]
        vectors = await embed([activity_text(r) for r in live])  # outside the transaction
        async with org_tx(pool, org_id) as conn:
            await store_activity_chunks(conn, org_id, live, vectors)
            for row in rows:
                if row["deleted_at"] is not None or not activity_text(row):
                    await repo.delete_chunk(conn, source_type=SOURCE_ACTIVITY, source_id=row["id"])
                    stats.removed += 1
            last = rows[-1]
            await repo.set_watermark(
                conn, org_id=org_id, source_type=SOURCE_ACTIVITY, last_at=last["updated_at"], last_id=last["id"]
            )
        stats.embedded += len(live)
        if len(rows) < batch:
            return stats


async def index_pending(
    pool: AsyncConnectionPool[Conn], org_id: UUID | None = None, *, batch: int = 200, settle_s: float = 0.0
) -> IndexStats:
    """Embed everything changed since the last pass, for one organization or for all that have changes."""
    if org_id is not None:
        return await index_org(pool, org_id, batch=batch, settle_s=settle_s)
    async with pool.connection() as conn:
        org_ids = await repo.pending_orgs(conn)
    total = IndexStats()
    for oid in org_ids:
        s = await index_org(pool, oid, batch=batch, settle_s=settle_s)
        total.orgs += 1
        total.embedded += s.embedded
        total.removed += s.removed
    return total


async def search_knowledge(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    query: str,
    *,
    contact_id: UUID | None = None,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Notes and activity text that best answer ``query`` in the actor's organization: closest in meaning
    (cosine) and sharing its words, the two rankings fused (``search_chunks``)."""
    if not query.strip():
        return []
    vec = await embed_one(query)
    async with org_tx(pool, actor) as conn:
        rows = await repo.search_chunks(
            conn, embedding=vec, words=any_of_words(query), contact_id=contact_id, limit=max(1, min(limit, 50))
        )
    return [{**r, "similarity": round(float(r["similarity"]), 4)} for r in rows]


class KnowledgeIndexer:
    """A polling worker: every ``interval_s`` it indexes what changed. Start/stop from a lifespan."""

    def __init__(self, pool: AsyncConnectionPool[Conn], *, interval_s: float = 5.0, settle_s: float = 2.0) -> None:
        self.pool = pool
        self.interval_s = interval_s
        # Rows younger than settle_s wait for the next poll: a slow transaction may still commit rows
        # with an older updated_at, which a watermark that already moved past them would skip.
        self.settle_s = settle_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="knowledge-indexer")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                stats = await index_pending(self.pool, settle_s=self.settle_s)
                if stats.embedded or stats.removed:
                    log.info("knowledge index: %d embedded, %d removed", stats.embedded, stats.removed)
            except asyncio.CancelledError:
                raise
            except Exception:
                # A bad row or a database blip must not kill the worker; the next poll retries.
                log.exception("knowledge indexing failed; retrying in %.0fs", self.interval_s)
            await asyncio.sleep(self.interval_s)
