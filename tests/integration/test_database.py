"""The database foundation: migrations from empty and idempotent, and row-level security that holds
even for hand-written SQL on the application's role."""

from __future__ import annotations

import os

import psycopg
import pytest

from leadloom.crm.db.migrate import discover, upgrade
from leadloom.crm.db.pool import app_conninfo, ensure_database, with_database
from tests.conftest import _drop, new_org


def test_migrations_apply_from_empty_and_are_idempotent(maintenance_url, settings):
    name = f"mig_{os.getpid()}"
    _drop(maintenance_url, name)
    ensure_database(maintenance_url, name)
    url = with_database(maintenance_url, name)
    try:
        applied = upgrade(url, settings)
        assert applied == [f"{m.version:04d}_{m.name}" for m in discover()]
        assert upgrade(url, settings) == []  # second run: nothing to do
        with psycopg.connect(url) as conn:
            tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
            assert {"organizations", "contacts", "companies", "deals", "activities"} <= tables
            # every table with an org_id column has RLS enabled and forced
            unguarded = conn.execute(
                """SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                   WHERE a.attname = 'org_id' AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
                     AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"""
            ).fetchall()
            assert unguarded == []
    finally:
        _drop(maintenance_url, name)


def test_app_role_cannot_bypass_rls(db):
    with psycopg.connect(db.app, autocommit=True) as conn:
        row = conn.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()
        assert row == (False, False)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE contacts DISABLE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM schema_migrations")


async def test_one_org_cannot_see_another_with_hand_written_sql(pool, db):
    a = await new_org(pool, "Org A")
    b = await new_org(pool, "Org B")
    # A contact in org A, written through the app role inside org A's scope.
    with psycopg.connect(db.app, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(a.org["id"]),))
            conn.execute(
                "INSERT INTO contacts (org_id, first_name, emails) VALUES (%s, 'Secret', ARRAY['s@a.com'])",
                (a.org["id"],),
            )
        # No org set: nothing at all is visible.
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM organizations").fetchone() == (0,)
        with conn.transaction():
            conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(b.org["id"]),))
            # Org B sees none of A's rows, even asking for them by org_id explicitly.
            assert conn.execute("SELECT count(*) FROM contacts WHERE org_id = %s", (a.org["id"],)).fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM users WHERE org_id = %s", (a.org["id"],)).fetchone() == (0,)
            # ...and cannot write into A's organization.
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO contacts (org_id, first_name) VALUES (%s, 'Intruder')", (a.org["id"],))
        with conn.transaction():
            conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(b.org["id"]),))
            # Updates and deletes aimed at A's rows touch nothing.
            assert conn.execute("UPDATE contacts SET first_name = 'x' WHERE org_id = %s", (a.org["id"],)).rowcount == 0
            assert conn.execute("DELETE FROM contacts").rowcount == 0
        with conn.transaction():
            conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(a.org["id"]),))
            assert conn.execute("SELECT first_name FROM contacts").fetchall() == [("Secret",)]
    # The org setting is per transaction: it does not leak to the next one on the same connection.
    with psycopg.connect(db.app, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(a.org["id"]),))
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_app_conninfo_swaps_only_the_credentials(settings):
    url = "postgresql://admin:pw@db.example:5433/leadloom?sslmode=require"
    app = psycopg.conninfo.conninfo_to_dict(app_conninfo(url, settings))
    assert app["user"] == settings.app_db_role and app["host"] == "db.example" and app["port"] == "5433"
    assert app["dbname"] == "leadloom" and app["sslmode"] == "require"


async def test_org_tx_settings_survive_hostile_values(pool):
    """Actor fields reach the transaction settings verbatim, quoted by psycopg (no injection, no mangling)."""
    import uuid

    from leadloom.crm.context import Actor
    from leadloom.crm.db.pool import org_tx

    org = await new_org(pool, "Quote Co")
    nasty = "o'brien\\'); DROP TABLE contacts;-- ünï"
    actor = Actor(org_id=org.org["id"], user_id=uuid.uuid4(), run_id=nasty, thread_id="t\\x")
    async with org_tx(pool, actor) as conn:
        cur = await conn.execute(
            "SELECT current_setting('leadloom.run_id') AS run, current_setting('leadloom.thread_id') AS thread"
        )
        row = await cur.fetchone()
    assert row == {"run": nasty, "thread": "t\\x"}
    actor_nul = Actor(org_id=org.org["id"], user_id=None, run_id="a\x00b")
    with pytest.raises(psycopg.DataError):
        async with org_tx(pool, actor_nul):
            pass
