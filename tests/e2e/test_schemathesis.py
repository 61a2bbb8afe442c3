"""Fuzzing the HTTP API with schemathesis against its own OpenAPI schema, in process (ASGI), on the real
embedded database: zero server errors, and every response (status code, content type, body) as the schema
documents it. Bounded: a few examples per operation and no per-example deadline, well under 3 minutes.

The agent routes run with a scripted chat model (no live model, no network).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, reject, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient

from leadloom.api.app import create_app
from leadloom.crm.settings import Settings
from leadloom.graphs.runner import AgentRunner
from tests.integration.agents.conftest import make_test_agents
from tests.unit.agents.fakes import ScriptedChatModel

MAX_EXAMPLES = int(os.environ.get("LEADLOOM_FUZZ_EXAMPLES", "4"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The schema is built without a database (create_app does not connect until its lifespan runs).
schema = schemathesis.openapi.from_dict(create_app(Settings(env="test")).openapi())
# The HTTP client schemathesis drives warns about per-request cookies on every call; that is its business.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def api(db, settings) -> Iterator[tuple[TestClient, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The app on this module's database, and the owner's key of an organization with a few records."""
    from leadloom.crm.services.orgs import create_organization

    fuzz_settings = settings.model_copy(update={"rate_limit": "100000/minute", "rate_limit_anonymous": "100000/minute"})
    model = ScriptedChatModel(script=["Done."], cycle=True)

    async def start(app):  # type: ignore[no-untyped-def]
        runner = AgentRunner(
            app.state.pool, app.state.settings, model=model, agents=make_test_agents(model), admin_url=db.admin
        )
        app.state.runner = await runner.start()

    async def stop(app):  # type: ignore[no-untyped-def]
        await app.state.runner.aclose()

    app = create_app(fuzz_settings, urls=db, migrate=False, on_startup=[start], on_shutdown=[stop])
    with TestClient(app, base_url="http://test") as client:
        org = client.portal.call(
            lambda: create_organization(
                app.state.pool, name="Fuzz Org", owner_email="fuzz-owner@example.com", owner_name="Fuzz Owner"
            )
        )
        headers = {"Authorization": f"Bearer {org.api_key}"}
        contact = client.post(
            "/api/v1/contacts", json={"first_name": "Fuzzy", "email": "f@example.com"}, headers=headers
        )
        assert contact.status_code == 201
        yield client, headers


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    # Shrinking a failure to its smallest form is slow; the report shows the failing request either way.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any, api: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = api
    kwargs = case.as_transport_kwargs(base_url="http://test", headers=headers)
    kwargs.pop("base_url", None)
    response = client.request(**kwargs)
    try:
        # Multipart uploads are sent as a stream; schemathesis reads the request body back when it reports.
        response.request.read()
    except (TypeError, AttributeError):
        # The HTTP client cannot encode this generated multipart body (a number as the file), so the
        # request is not one a real client could send; drop the example.
        reject()
    case.validate_response(response, checks=CHECKS)
