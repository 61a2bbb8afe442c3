"""Scratch databases for the eval suites: the demo organization, cloned fresh for each suite or scenario.

Building the demo organization and embedding its 10,000 activities takes a minute or two, so it is done
once into a *template* database named after a hash of everything that shapes it (migrations, demo
generator, seed, as-of date, knowledge-index corpus); later runs reuse it. Each suite gets its own copy
(``CREATE DATABASE ... TEMPLATE``, about a second for the 80 MB demo), dropped again afterwards.

The knowledge index holds all 10,000 activities, as the indexer worker would leave it (about 3 minutes
to embed on this 2-core machine when it is quiet, 9 when it is busy; once per template). ``index_limit``
(``leadloom eval --retrieval-sample N``) embeds only N: every activity a retrieval question is about plus
seeded random distractors — faster, but fewer distractors make retrieval look better than it is.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
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


def template_key(seed: int = EVAL_SEED, as_of: date = EVAL_AS_OF, corpus: str = "") -> str:
    """A short hash of what the template database contains; a change to any of it builds a new one."""
    h = hashlib.sha256(f"{seed}|{as_of.isoformat()}|v1{'|' + corpus if corpus else ''}".encode())
    for folder, pattern in ((MIGRATIONS_DIR, "*"), (_DEMO_DIR, "*.py")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                h.update(path.name.encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
        index_limit: int | None = None,
    ) -> None:
        self.maintenance_url = maintenance_url
        self.settings = settings
        self.seed = seed
        self.as_of = as_of
        # Suites that never search notes (the CI gate) use a template without the knowledge index.
        self.index = index
        self.index_limit = index_limit
        self.variant = ("idx" if index_limit is None else f"idx{index_limit}") if index else "noidx"
        corpus = _retrieval_ids_digest() if index and index_limit is not None else ""
        self.template = f"{_PREFIX}_tpl_{self.variant}_{template_key(seed, as_of, corpus)}"
        self.build_seconds = 0.0

    def _exec(self, statement: sql.Composable | str, params: Any = None) -> list[Any]:
        with psycopg.connect(self.maintenance_url, autocommit=True) as conn:
            cur = conn.execute(statement, params)
            return cur.fetchall() if cur.description else []

    def _exists(self, name: str) -> bool:
        return bool(self._exec("SELECT 1 FROM pg_database WHERE datname = %s", (name,)))

    def _drop(self, name: str) -> None:
        self._exec(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def drop_orphans(self) -> list[str]:
        """Drop scratch copies left by eval processes that died before cleaning up (named ..._<pid>_<hex>)."""
        rows = self._exec("SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{_PREFIX}\\_%",))
        dropped = []
        for (name,) in rows:
            if name.startswith(f"{_PREFIX}_tpl_"):
                continue
            parts = name.rsplit("_", 2)
            if len(parts) == 3 and parts[1].isdigit() and not _alive(int(parts[1])):
                self._drop(name)
                dropped.append(name)
        return dropped

    async def ensure_template(self) -> bool:
        """Build the template unless a complete one exists; True when it was built now."""
        await asyncio.to_thread(self.drop_orphans)
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
                if self.index and self.index_limit is None:
                    # Retrieval and the search_notes tool need the knowledge index filled, as the worker would.
                    await index_pending(pool, summary.org_id, batch=256)
                elif self.index:
                    await index_sample(pool, summary.org_id, self.index_limit or 0, seed=self.seed)
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
        # WAL_LOG (the default strategy) measured faster than FILE_COPY here: no checkpoint needed.
        self._exec(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(self.template))
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


def _retrieval_ids() -> list[str]:
    """Activity ids the retrieval questions are about (they must be in the sampled index)."""
    path = Path(__file__).resolve().parent / "datasets" / "retrieval.jsonl"
    if not path.exists():
        return []
    ids: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids += json.loads(line)["relevant_activity_ids"]
    return sorted(set(ids))


def _retrieval_ids_digest() -> str:
    return hashlib.sha256("|".join(_retrieval_ids()).encode()).hexdigest()[:12]


async def index_sample(pool: Any, org_id: uuid.UUID, size: int, *, seed: int) -> int:
    """Embed the retrieval questions' activities plus seeded random others, ``size`` in all, with the same
    text and the same repository calls as the knowledge indexer."""
    import random

    from leadloom.crm.db.pool import org_tx
    from leadloom.memory.embeddings import embed
    from leadloom.memory.indexer import activity_text, store_activity_chunks

    wanted = set(_retrieval_ids())
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute("SELECT id::text AS id FROM activities WHERE deleted_at IS NULL ORDER BY id")
        all_ids = [r["id"] for r in await cur.fetchall()]
    others = [i for i in all_ids if i not in wanted]
    chosen = sorted(wanted | set(random.Random(seed).sample(others, max(0, min(len(others), size - len(wanted))))))
    for start in range(0, len(chosen), 256):
        async with org_tx(pool, org_id) as conn:
            cur = await conn.execute(
                "SELECT id, contact_id, type, subject, body, updated_at FROM activities"
                " WHERE id = ANY(%(ids)s::uuid[])",
                {"ids": chosen[start : start + 256]},
            )
            rows = [r for r in await cur.fetchall() if activity_text(r)]
        vectors = await embed([activity_text(r) for r in rows])
        async with org_tx(pool, org_id) as conn:
            await store_activity_chunks(conn, org_id, rows, vectors)
    return len(chosen)


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
