"""The embedded Postgres 16 + pgvector server (pgserver) used when no DATABASE_URL is configured.

pgserver shares one server between the processes that use the same data folder and stops it when the
last of them exits. It keeps their pids in ``.handle_pids.json``; a process that was SIGKILLed never
removes its pid, so the server would outlive everyone. We prune dead pids before attaching, which
makes the next clean exit stop the server again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from leadloom.crm.errors import DatabaseUnavailableError

if TYPE_CHECKING:
    from pgserver.postgres_server import PostgresServer

log = logging.getLogger(__name__)


def prune_stale_handles(pgdata: Path) -> list[int]:
    """Drop pids of processes that no longer exist from pgserver's handle list; return the ones removed."""
    import psutil

    handle_file = pgdata / ".handle_pids.json"
    if not handle_file.exists():
        return []
    try:
        pids = json.loads(handle_file.read_text() or "[]")
    except (json.JSONDecodeError, OSError):
        pids = []
    alive = [p for p in pids if isinstance(p, int) and psutil.pid_exists(p) and p != os.getpid()]
    stale = [p for p in pids if p not in alive]
    if stale:
        log.warning("embedded postgres: removing handles of crashed processes %s", stale)
        handle_file.write_text(json.dumps(alive))
    return stale


def start_embedded(data_dir: Path) -> PostgresServer:
    """Start (or attach to) the embedded server whose data lives in ``data_dir/pgdata``."""
    try:
        import pgserver
    except ImportError as exc:  # pragma: no cover - pgserver is a core dependency
        raise DatabaseUnavailableError("pgserver is not installed; set DATABASE_URL or `pip install pgserver`") from exc

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"
    pgdata.mkdir(exist_ok=True)
    prune_stale_handles(pgdata)
    try:
        return pgserver.get_server(pgdata, cleanup_mode="stop")
    except Exception as exc:
        log_file = pgdata / "log"
        tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
        raise DatabaseUnavailableError(
            f"could not start the embedded Postgres in {pgdata}: {exc}. Server log tail:\n{tail}"
        ) from exc


def server_uri(server: PostgresServer, database: str) -> str:
    return server.get_uri(database)
