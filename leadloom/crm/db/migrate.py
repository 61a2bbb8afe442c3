"""Versioned SQL migrations: ``migrations/NNNN_name.sql`` applied in order, each once, each in a transaction.

Run as the admin (owning) role. It also makes sure the application role exists with exactly the
privileges requests need and none to bypass row-level security. Safe to run at every start and
from several processes at once (an advisory lock serialises them).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from leadloom.crm.errors import LeadloomError
from leadloom.crm.settings import Settings

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 7_345_112_001  # arbitrary, constant: serialises concurrent upgrades


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _FILE.match(path.name)
        if not m:
            raise LeadloomError(f"migration file {path.name} does not match NNNN_name.sql")
        found.append(Migration(int(m.group(1)), m.group(2), path))
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise LeadloomError(f"two migrations share a version number in {directory}")
    return found


def upgrade(admin_url: str, settings: Settings, *, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply pending migrations; return the names applied (empty when already up to date)."""
    applied_now: list[str] = []
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            conn.execute(
                """CREATE TABLE IF NOT EXISTS schema_migrations (
                       version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                       applied_at timestamptz NOT NULL DEFAULT now())"""
            )
            done = {row[0]: row[1] for row in conn.execute("SELECT version, checksum FROM schema_migrations")}
            for mig in discover(directory):
                if mig.version in done:
                    if done[mig.version] != mig.checksum:
                        log.warning("migration %04d_%s changed after it was applied", mig.version, mig.name)
                    continue
                with conn.transaction():
                    conn.execute(mig.sql)  # type: ignore[arg-type]  # trusted file from the package
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                        (mig.version, mig.name, mig.checksum),
                    )
                applied_now.append(f"{mig.version:04d}_{mig.name}")
                log.info("applied migration %04d_%s", mig.version, mig.name)
            ensure_app_role(conn, settings)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
    return applied_now


def ensure_app_role(conn: psycopg.Connection, settings: Settings) -> None:
    """Create/refresh the application role: DML on tables, no ownership, no superuser, no BYPASSRLS."""
    role = sql.Identifier(settings.app_db_role)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (settings.app_db_role,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
    conn.execute(
        sql.SQL("ALTER ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD {}").format(
            role, sql.Literal(settings.app_db_password)
        )
    )
    db = conn.execute("SELECT current_database()").fetchone()
    assert db is not None
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(db[0]), role))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
    conn.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(role))
    conn.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role))
    conn.execute(sql.SQL("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {}").format(role))
    # Migration bookkeeping is not the app's business.
    conn.execute(sql.SQL("REVOKE ALL ON schema_migrations FROM {}").format(role))
    # Append-only tables (record_history, later the audit log) lose UPDATE/DELETE for the app.
    for table in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' AND obj_description(c.oid) LIKE '%%append-only%%'"
    ).fetchall():
        conn.execute(sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(sql.Identifier(table[0]), role))
