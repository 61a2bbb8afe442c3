"""LangGraph's Postgres checkpointer on the process's shared pool, so conversations survive a restart.

The pool's connections are already autocommit with dict rows, as AsyncPostgresSaver requires. Its tables
are created by ``setup()`` run as the admin role (``memory.setup.setup_memory``); the application role
only reads and writes them.
"""

from __future__ import annotations

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from psycopg_pool import AsyncConnectionPool

from leadloom.crm.db.pool import Conn


def make_checkpointer(pool: AsyncConnectionPool[Conn]) -> AsyncPostgresSaver:
    """A checkpointer sharing ``pool``. It holds no tenant column: callers check thread ownership first."""
    return AsyncPostgresSaver(pool)  # type: ignore[arg-type]
