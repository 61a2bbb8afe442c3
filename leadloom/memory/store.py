"""Long-term memory per person: LangGraph's Postgres store with a pgvector index on the shared pool.

Namespaces are ``("memories", <org_id>, <user_id>)`` so one person's remembered preferences and facts are
never searched for another. The store tables carry no org_id: only code that builds the namespace from
the authenticated Actor may touch them (tools/memory.py).
"""

from __future__ import annotations

from typing import Any

from langgraph.store.postgres.aio import AsyncPostgresStore
from langgraph.store.postgres.base import PostgresIndexConfig
from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.memory.embeddings import DIMS, embed

MEMORY_NS = "memories"


async def _aembed(texts: list[str]) -> list[list[float]]:
    return await embed(texts)


def _sync_embed_refused(texts: list[str]) -> list[list[float]]:
    # The store is async-only here; a sync caller would block the loop with torch work.
    raise RuntimeError("use the async store API; synchronous embedding is not supported")


def index_config() -> PostgresIndexConfig:
    """384-dim MiniLM vectors, cosine distance, HNSW; only the ``text`` field is embedded."""
    from langchain_core.embeddings import Embeddings

    class _MiniLM(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return _sync_embed_refused(texts)

        def embed_query(self, text: str) -> list[float]:
            return _sync_embed_refused([text])[0]

        async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
            return await _aembed(texts)

        async def aembed_query(self, text: str) -> list[float]:
            return (await _aembed([text]))[0]

    return {
        "dims": DIMS,
        "embed": _MiniLM(),
        "fields": ["text"],
        "distance_type": "cosine",
        "ann_index_config": {"kind": "hnsw"},
    }


def make_store(pool: AsyncConnectionPool[Conn], **kw: Any) -> AsyncPostgresStore:
    """The store on the shared pool (must be created inside a running event loop)."""
    return AsyncPostgresStore(pool, index=index_config(), **kw)  # type: ignore[arg-type]


def memory_namespace(actor: Actor) -> tuple[str, ...]:
    """Where this person's memories live; built only from the authenticated Actor."""
    return (MEMORY_NS, str(actor.org_id), str(actor.user_id or "org"))
