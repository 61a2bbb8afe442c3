"""Fixtures for the trust tests: an app with the agent runtime (a scripted model, so no live model), and
helpers to add people with a role, a team and an API key to an organization."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from leadloom.api.app import create_app
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.passwords import hash_password
from leadloom.crm.services import orgs
from leadloom.crm.services.orgs import NewOrganization
from leadloom.graphs.runner import AgentRunner
from tests.integration.agents.conftest import make_test_agents
from tests.unit.agents.fakes import ScriptedChatModel

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
async def sec_app(db, settings) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    model = ScriptedChatModel(script=["Done."], cycle=True)

    async def start(app):  # type: ignore[no-untyped-def]
        runner = AgentRunner(
            app.state.pool, app.state.settings, model=model, agents=make_test_agents(model), admin_url=db.admin
        )
        app.state.runner = await runner.start()
        app.state.test_model = model  # tests script it (tests.unit.agents.fakes)

    async def stop(app):  # type: ignore[no-untyped-def]
        await app.state.runner.aclose()

    app = create_app(settings, urls=db, migrate=False, on_startup=[start], on_shutdown=[stop])
    async with app.router.lifespan_context(app):
        yield app


def client_for(app: Any, api_key: str | None = None, *, base_url: str = "http://localhost") -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, headers=headers)


async def add_person(
    pool: Any, org: NewOrganization, role: str, *, team_id: Any = None, password: str | None = PASSWORD
) -> dict[str, Any]:
    """A user of ``org`` with ``role`` (and team), a password, an API key, and their Actor."""
    owner = Actor(org_id=org.org["id"], user_id=org.owner["id"], role="owner")
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    user = await orgs.create_user(
        pool,
        owner,
        email=email,
        name=f"{role.title()} Person",
        role=role,
        password_hash=hash_password(password) if password else None,
    )
    if team_id is not None:
        async with org_tx(pool, owner) as conn:
            await conn.execute("UPDATE users SET team_id = %s WHERE id = %s", (team_id, user["id"]))
    scopes = ["read", "write", "admin"] if role in {"owner", "admin"} else ["read", "write"]
    key = await orgs.create_api_key(pool, org_id=org.org["id"], user_id=user["id"], name=role, scopes=scopes)
    actor = Actor(org_id=org.org["id"], user_id=user["id"], role=role, team_id=team_id)  # type: ignore[arg-type]
    return {**user, "email": email, "api_key": key, "actor": actor}
