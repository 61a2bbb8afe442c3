"""Scratch databases for the eval suites: the demo organization, cloned fresh for each suite or scenario.

Building the demo organization and embedding its 10,000 activities takes a minute or two, so it is done
once into a *template* database named after a hash of everything that shapes it (migrations, demo
generator, seed, as-of date); later runs reuse it. Each suite (and each outcome scenario, which must not
see another scenario's writes) gets ``CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY``: a file copy,
much faster than replaying WAL for a database this size, and dropped again afterwards.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from leadloom.crm.context import Actor
from leadloom.crm.db.migrate import MIGRATIONS_DIR, upgrade
from leadloom.crm.db.pool import Conn, app_conninfo, make_pool, with_database
from leadloom.crm.demo import DEFAULT_SEED, find_demo_org, load_demo
from leadloom.crm.settings import Settings

log = logging.getLogger(__name__)

# The demo's "today". Fixed so the dataset files (names, stages, amounts) match the database exactly.
EVAL_AS_OF = date(2026, 11, 26)
EVAL_SEED = DEFAULT_SEED
_PREFIX = "leadloom_eval"
_DEMO_DIR = Path(__file__).resolve().parents[1] / "crm" / "demo"


def template_key(seed: int = EVAL_SEED, as_of: date = EVAL_AS_OF) -> str:
    """A short hash of what the template database contains; a change to any of it builds a new one."""
    h = hashlib.sha256(f"{seed}|{as_of.isoformat()}|v1".encode())
    for folder, pattern in ((MIGRATIONS_DIR, "*"), (_DEMO_DIR, "*.py")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                h.update(path.name.encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _dbname(url: str) -> str:
    return str(conninfo_to_dict(url)["dbname"])


@dataclass
class Sandbox:
    """One scratch copy of the demo organization: its pool, the demo owner as actor, and its URLs."""

    name: str
    admin_url: str
    app_url: str
    pool: Any
    actor: Actor
    org_id: uuid.UUID


class EvalDatabase:
    """The template database and its clones on one Postgres server (given by its maintenance URL)."""

    def __init__(
        self,
        maintenance_url: str,
        settings: Settings,
        *,
        seed: int = EVAL_SEED,
        as_of: date = EVAL_AS_OF,
        index: bool = True,
    ) -> None:
        self.maintenance_url = maintenance_url
        self.settings = settings
        self.seed = seed
        self.as_of = as_of
        # Embedding the 10,000 activities is most of the build; suites that never search notes (the CI
        # gate) use a template without the knowledge index.
        self.index = index
        self.variant = "idx" if index else "noidx"
        self.template = f"{_PREFIX}_tpl_{self.variant}_{template_key(seed, as_of)}"
        self.build_seconds = 0.0

    def _exec(self, statement: sql.Composable | str, params: Any = None) -> list[Any]:
        with psycopg.connect(self.maintenance_url, autocommit=True) as conn:
            cur = conn.execute(statement, params)
            return cur.fetchall() if cur.description else []

    def _exists(self, name: str) -> bool:
        return bool(self._exec("SELECT 1 FROM pg_database WHERE datname = %s", (name,)))

    def _drop(self, name: str) -> None:
        self._exec(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    async def ensure_template(self) -> bool:
        """Build the template unless a complete one exists; True when it was built now."""
        if await asyncio.to_thread(self._exists, self.template):
            return False
        import time

        started = time.perf_counter()
        # Stale templates (older migrations or generator) would only take disk space.
        stale = await asyncio.to_thread(
            self._exec,
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
            (f"{_PREFIX}\\_tpl\\_{self.variant}\\_%", self.template),
        )
        for (name,) in stale:
            await asyncio.to_thread(self._drop, name)
        # Built under a temporary name and renamed at the end, so an interrupted build is never reused.
        building = f"{self.template}_building_{os.getpid()}"
        await asyncio.to_thread(self._drop, building)
        await asyncio.to_thread(self._exec, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
        admin = with_database(self.maintenance_url, building)
        try:
            await asyncio.to_thread(upgrade, admin, self.settings)
            from leadloom.memory.indexer import index_pending
            from leadloom.memory.setup import setup_memory

            await setup_memory(admin, self.settings)
            pool = make_pool(app_conninfo(admin, self.settings), min_size=1, max_size=4)
            await pool.open(wait=True)
            try:
                summary = await load_demo(pool, seed=self.seed, as_of=self.as_of)
                if self.index:
                    # Retrieval and the search_notes tool need the knowledge index filled, as the worker would.
                    await index_pending(pool, summary.org_id, batch=256)
            finally:
                await pool.close()
        except BaseException:
            await asyncio.to_thread(self._drop, building)
            raise
        await asyncio.to_thread(
            self._exec,
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(building), sql.Identifier(self.template)),
        )
        self.build_seconds = time.perf_counter() - started
        return True

    def clone(self, label: str) -> str:
        """A new database copied from the template; returns its admin URL."""
        name = f"{_PREFIX}_{label}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._exec(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(self.template)
            )
        )
        return with_database(self.maintenance_url, name)

    def drop(self, admin_url: str) -> None:
        self._drop(_dbname(admin_url))

    @asynccontextmanager
    async def sandbox(self, label: str, *, max_size: int = 6) -> AsyncIterator[Sandbox]:
        """A fresh copy of the demo organization for as long as the block runs, then dropped."""
        admin = await asyncio.to_thread(self.clone, label)
        pool = make_pool(app_conninfo(admin, self.settings), min_size=1, max_size=max_size)
        try:
            await pool.open(wait=True)
            found = await find_demo_org(pool)
            assert found is not None, "the eval template has no demo organization"
            actor = Actor(org_id=found["org_id"], user_id=found["user_id"], role=found.get("role") or "owner")
            yield Sandbox(_dbname(admin), admin, app_conninfo(admin, self.settings), pool, actor, found["org_id"])
        finally:
            await pool.close()
            await asyncio.to_thread(self.drop, admin)


def maintenance_url_for(settings: Settings) -> tuple[str, Any]:
    """The server's maintenance URL (``postgres`` database) and the embedded server handle, if one was started."""
    if settings.database_url:
        return with_database(settings.database_url, "postgres"), None
    from leadloom.crm.db.embedded import start_embedded

    server = start_embedded(settings.data_dir)
    return server.get_uri("postgres"), server


async def open_pool_on(url: str, settings: Settings) -> Any:
    pool = make_pool(app_conninfo(url, settings), min_size=1, max_size=4)
    await pool.open(wait=True)
    return pool


__all__ = ["EVAL_AS_OF", "EVAL_SEED", "Conn", "EvalDatabase", "Sandbox", "maintenance_url_for", "template_key"]
