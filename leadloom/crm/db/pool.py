"""One async connection pool per process, and tenant-scoped transactions on it.

The pool connects as the application role, which is subject to row-level security. Every query that
touches tenant data runs inside ``org_tx``, which sets ``leadloom.org_id`` for that transaction only, so
a connection returned to the pool carries no tenant with it. Connections are autocommit with dict rows
because the LangGraph Postgres checkpointer and store share this pool and require exactly that.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from psycopg import AsyncConnection
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.embedded import start_embedded
from leadloom.crm.settings import Settings

if TYPE_CHECKING:
    from pgserver.postgres_server import PostgresServer

log = logging.getLogger(__name__)

Conn = AsyncConnection[dict[str, Any]]
EMBEDDED_DB_NAME = "leadloom"


@dataclass
class DatabaseUrls:
    """Where the database is: ``admin`` migrates and owns the schema, ``app`` is what requests use."""

    admin: str
    app: str
    server: PostgresServer | None = field(default=None, repr=False)

    def stop(self) -> None:
        if self.server is not None:
            self.server.cleanup()
            self.server = None


def app_conninfo(admin_url: str, settings: Settings) -> str:
    """The same server and database as ``admin_url``, as the application role."""
    params = conninfo_to_dict(admin_url)
    params.update(user=settings.app_db_role, password=settings.app_db_password)
    return make_conninfo(**params)  # type: ignore[arg-type]


def with_database(url: str, dbname: str) -> str:
    params = conninfo_to_dict(url)
    params["dbname"] = dbname
    return make_conninfo(**params)  # type: ignore[arg-type]


def resolve_database(settings: Settings, *, dbname: str | None = None) -> DatabaseUrls:
    """Find (or start) the database server and return its URLs. Embedded mode creates the database."""
    if settings.database_url:
        admin = settings.database_url if dbname is None else with_database(settings.database_url, dbname)
        return DatabaseUrls(admin=admin, app=app_conninfo(admin, settings))
    server = start_embedded(settings.data_dir)
    name = dbname or EMBEDDED_DB_NAME
    ensure_database(server.get_uri("postgres"), name)
    admin = server.get_uri(name)
    return DatabaseUrls(admin=admin, app=app_conninfo(admin, settings), server=server)


def ensure_database(maintenance_url: str, name: str, *, template: str | None = None) -> bool:
    """Create database ``name`` if it does not exist; True when it was created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            stmt = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
        conn.execute(stmt)
        return True


def make_pool(conninfo: str, *, min_size: int = 2, max_size: int = 20) -> AsyncConnectionPool[Conn]:
    """The process's pool, created closed: open it in the app's lifespan (``await pool.open()``)."""
    return AsyncConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        open=False,
        kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": 0},
        check=AsyncConnectionPool.check_connection,
        name="leadloom",
    )


@asynccontextmanager
async def org_tx(
    pool: AsyncConnectionPool[Conn], who: Actor | UUID | str, *, ip: str | None = None
) -> AsyncIterator[Conn]:
    """A transaction in which only one organization's rows are visible or writable (row-level security).

    ``who`` is the acting Actor (or a bare organization id for system work). With an Actor, the user,
    source, agent run and thread are set for the transaction too, so the audit triggers (0080) record who
    made each change and how. Everything is transaction-local: a pooled connection carries nothing over.
    """
    async with pool.connection() as conn, conn.transaction():
        if isinstance(who, Actor):
            await conn.execute(
                "SELECT set_config('leadloom.org_id', %s, true), set_config('leadloom.actor_id', %s, true),"
                " set_config('leadloom.source', %s, true), set_config('leadloom.run_id', %s, true),"
                " set_config('leadloom.thread_id', %s, true), set_config('leadloom.ip', %s, true)",
                (
                    str(who.org_id),
                    str(who.user_id) if who.user_id else "",
                    who.source,
                    who.run_id or "",
                    who.thread_id or "",
                    ip or who.ip or "",
                ),
            )
        else:
            await conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(who),))
        yield conn
