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

import psycopg
from psycopg import AsyncConnection, sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import TransactionStatus
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


def make_pool(
    conninfo: str, *, min_size: int = 2, max_size: int = 20, timeout: float = 30.0
) -> AsyncConnectionPool[Conn]:
    """The process's pool, created closed: open it in the app's lifespan (``await pool.open()``).

    No connection check on checkout: it cost a round trip per transaction (a third of a GET contact's
    time). A connection that broke while idle fails its next query and the pool discards it on return;
    idle connections are closed after ``max_idle`` and the pool reconnects in the background.
    ``timeout`` bounds the wait for a free connection: the API sets it low so an overloaded process
    answers 503 (PoolTimeout) quickly instead of queueing requests for half a minute.
    """
    return AsyncConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        open=False,
        timeout=timeout,
        max_idle=300.0,
        kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": 0},
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

    BEGIN and the settings go to the server as one simple-protocol message (one round trip instead of
    two); the values are quoted client-side by psycopg (``sql.Literal``). ``conn.transaction()`` inside the block nests
    as a savepoint, as it did under the previous ``conn.transaction()`` wrapper.
    """
    values: tuple[str, ...]
    if isinstance(who, Actor):
        values = (
            str(who.org_id),
            str(who.user_id) if who.user_id else "",
            who.source,
            who.run_id or "",
            who.thread_id or "",
            ip or who.ip or "",
        )
    else:
        values = (str(who),)
    async with pool.connection() as conn:
        await conn.execute(_begin_statement(values), prepare=False)
        try:
            yield conn
        except BaseException:
            if conn.info.transaction_status != TransactionStatus.IDLE and not conn.closed:
                try:
                    await conn.execute("ROLLBACK", prepare=False)
                except psycopg.Error:
                    log.debug("rollback failed; the pool discards the connection", exc_info=True)
            raise
        await conn.execute("COMMIT", prepare=False)


_SETTINGS = ("org_id", "actor_id", "source", "run_id", "thread_id", "ip")


def _begin_statement(values: tuple[str, ...]) -> sql.Composed:
    """``BEGIN; SELECT set_config(...), ...`` with every value quoted by psycopg itself (sql.Literal)."""
    calls = sql.SQL(", ").join(
        sql.SQL("set_config({}, {}, true)").format(sql.Literal(f"leadloom.{name}"), sql.Literal(value))
        for name, value in zip(_SETTINGS, values, strict=False)
    )
    return sql.SQL("BEGIN; SELECT {}").format(calls)
