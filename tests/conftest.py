"""Test fixtures on the real embedded Postgres.

One server per test session (data in .leadloom-test/), one migrated template database per run, and a
database cloned from it per test module. Each test gets its own organization, so row-level security
keeps tests apart as it keeps customers apart. No network, no live model.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("LANGSMITH_TEST_TRACKING", "false")
os.environ.setdefault("LANGSMITH_TRACING", "false")
os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
os.environ.setdefault("OTEL_SDK_DISABLED", "true")
os.environ.setdefault("CREWAI_TRACING_ENABLED", "false")

import httpx
import psycopg
import pytest
from psycopg import sql

from leadloom.crm.context import Actor
from leadloom.crm.db.embedded import start_embedded
from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import DatabaseUrls, app_conninfo, ensure_database, make_pool, with_database
from leadloom.crm.services.orgs import NewOrganization, create_organization
from leadloom.crm.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
_counter = itertools.count()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(env="test", data_dir=ROOT / ".leadloom-test", database_url=os.environ.get("TEST_DATABASE_URL"))


@pytest.fixture(scope="session")
def maintenance_url(settings: Settings) -> Iterator[str]:
    """Admin URL of the test server's maintenance database (embedded unless TEST_DATABASE_URL is set)."""
    if settings.database_url:
        yield with_database(settings.database_url, "postgres")
        return
    server = start_embedded(settings.data_dir)
    yield server.get_uri("postgres")
    server.cleanup()


def _drop(maintenance: str, name: str) -> None:
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def template_db(maintenance_url: str, settings: Settings) -> Iterator[str]:
    """A migrated database that every test database is cloned from (CREATE DATABASE ... TEMPLATE)."""
    name = f"tpl_{os.getpid()}"
    _drop(maintenance_url, name)
    ensure_database(maintenance_url, name)
    upgrade(with_database(maintenance_url, name), settings)
    yield name
    _drop(maintenance_url, name)


def clone_database(maintenance_url: str, template: str, settings: Settings) -> DatabaseUrls:
    name = f"t_{os.getpid()}_{next(_counter)}"
    ensure_database(maintenance_url, name, template=template)
    admin = with_database(maintenance_url, name)
    return DatabaseUrls(admin=admin, app=app_conninfo(admin, settings))


@pytest.fixture(scope="module")
def db(maintenance_url: str, template_db: str, settings: Settings) -> Iterator[DatabaseUrls]:
    urls = clone_database(maintenance_url, template_db, settings)
    yield urls
    _drop(maintenance_url, psycopg.conninfo.conninfo_to_dict(urls.admin)["dbname"])  # type: ignore[arg-type]


@pytest.fixture(scope="module")
async def pool(db: DatabaseUrls) -> AsyncIterator:
    p = make_pool(db.app, min_size=1, max_size=8)
    await p.open(wait=True)
    yield p
    await p.close()


async def new_org(pool, name: str = "Acme Agency") -> NewOrganization:  # type: ignore[no-untyped-def]
    suffix = uuid.uuid4().hex[:8]
    return await create_organization(
        pool, name=name, owner_email=f"owner-{suffix}@example.com", owner_name="Olive Owner"
    )


@pytest.fixture
async def org(pool) -> NewOrganization:  # type: ignore[no-untyped-def]
    return await new_org(pool)


@pytest.fixture
def actor(org: NewOrganization) -> Actor:
    return Actor(org_id=org.org["id"], user_id=org.owner["id"], role="owner")


@pytest.fixture(scope="module")
async def app(db: DatabaseUrls, settings: Settings) -> AsyncIterator:
    from leadloom.api.app import create_app

    application = create_app(settings, urls=db, migrate=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """An API client authenticated as the owner of a fresh organization (``client.org``)."""
    created = await new_org(app.state.pool)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers={"Authorization": f"Bearer {created.api_key}"}
    ) as c:
        c.org = created  # type: ignore[attr-defined]
        yield c
