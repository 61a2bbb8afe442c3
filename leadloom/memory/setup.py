"""Create LangGraph's checkpoint and store tables (their own ``setup()`` migrations) as the admin role.

Run at start and by ``leadloom db upgrade``'s callers; idempotent. The application role cannot create
tables, so after setup it is granted exactly the DML these tables need (the same rights it has on ours).
"""

from __future__ import annotations

import logging

import psycopg
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.store.postgres.aio import AsyncPostgresStore
from psycopg import sql
from psycopg.rows import dict_row

from leadloom.crm.settings import Settings
from leadloom.memory.store import index_config

log = logging.getLogger(__name__)

LANGGRAPH_TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes", "store", "store_vectors")
LANGGRAPH_MIGRATION_TABLES = ("checkpoint_migrations", "store_migrations", "vector_migrations")
_LOCK_KEY = 7_345_112_040  # serialises concurrent setups (two processes starting at once)


async def setup_memory(admin_url: str, settings: Settings) -> None:
    """Create/upgrade the checkpoint and store tables and grant the app role access to them."""
    async with await psycopg.AsyncConnection.connect(
        admin_url, autocommit=True, prepare_threshold=0, row_factory=dict_row
    ) as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            await AsyncPostgresSaver(conn).setup()  # type: ignore[arg-type]
            await AsyncPostgresStore(conn, index=index_config()).setup()  # type: ignore[arg-type]
            role = sql.Identifier(settings.app_db_role)
            exists = await (
                await conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (settings.app_db_role,))
            ).fetchone()
            if exists:
                for table in LANGGRAPH_TABLES:
                    await conn.execute(
                        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(sql.Identifier(table), role)
                    )
                for table in LANGGRAPH_MIGRATION_TABLES:
                    await conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(table), role))
            else:
                log.warning("application role %s does not exist yet; run migrations first", settings.app_db_role)
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
