"""The agent API end to end on the embedded database: a conversation that reads and changes the CRM,
a delete that waits for approval, streaming, history across a restart, and tenant isolation.

The scripted model stands in for the local model (docs/agent-tools.md names the tools; the test tools
in conftest.py stand in for leadloom.tools until the real ones land).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from leadloom.api.app import create_app
from leadloom.crm.db.pool import org_tx
from leadloom.graphs.runner import AgentRunner
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact, make_test_agents
from tests.unit.agents.fakes import ScriptedChatModel, call, last_tool_result


def _agent_app(db, settings, model):  # type: ignore[no-untyped-def]
    async def start(app):  # type: ignore[no-untyped-def]
        runner = AgentRunner(
            app.state.pool, app.state.settings, model=model, agents=make_test_agents(model), admin_url=db.admin
        )
        app.state.runner = await runner.start()

    return create_app(settings, urls=db, migrate=False, on_startup=[start])


@pytest.fixture(scope="module")
def api_model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture(scope="module")
async def agent_app(db, settings, api_model) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    app = _agent_app(db, settings, api_model)
    async with app.router.lifespan_context(app):
        yield app


async def _client(app, api_key: str) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test", headers={"Authorization": f"Bearer {api_key}"}
    )


@pytest.fixture
async def api(agent_app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    created = await new_org(agent_app.state.pool)
    async with await _client(agent_app, created.api_key) as c:
        c.org = created  # type: ignore[attr-defined]
        yield c


def _script(model: ScriptedChatModel, steps: list[Any]) -> None:
    model.script, model.position, model.calls = list(steps), 0, []


def _contact_id(messages, tools):  # type: ignore[no-untyped-def]
    return last_tool_result(messages, "find_contact")["contacts"][0]["id"]


async def test_a_conversation_through_the_api(api: httpx.AsyncClient, agent_app, api_model, db, settings) -> None:
    org_id = api.org.org["id"]  # type: ignore[attr-defined]
    pool = agent_app.state.pool
    cid = await add_contact(pool, org_id, "Maya", "Lopez", stage="lead")
    r = await api.post("/api/v1/agent/threads", json={})
    assert r.status_code == 201
    thread = r.json()["thread_id"]
    runs = f"/api/v1/agent/threads/{thread}/runs"

    # 1. Ask for a contact by name.
    _script(
        api_model,
        [
            call("transfer_to_contacts", task="find Maya"),
            call("find_contact", name="Maya"),
            lambda m, t: "Maya Lopez is a {lifecycle_stage}.".format(**last_tool_result(m)["contacts"][0]),
            lambda m, t: "Maya Lopez ({lifecycle_stage}).".format(**last_tool_result(m, "find_contact")["contacts"][0]),
        ],
    )
    body = (await api.post(runs, json={"input": "Who is Maya?"})).json()
    assert body["status"] == "completed" and body["output"] == "Maya Lopez (lead)."
    assert body["tool_calls"][0]["name"] == "find_contact"

    # 2. Update her stage; 3. log a call.
    _script(
        api_model,
        [
            call("transfer_to_contacts", task="Maya to customer, log a call"),
            call("find_contact", name="Maya"),
            lambda m, t: call("set_stage", contact_id=_contact_id(m, t), stage="customer"),
            lambda m, t: call("log_call", contact_id=_contact_id(m, t), subject="Kickoff call"),
            "Updated and logged.",
            "Maya is now a customer and the call is logged.",
        ],
    )
    body = (await api.post(runs, json={"input": "Make Maya a customer and log a call: Kickoff call"})).json()
    assert body["status"] == "completed"
    assert [tc["name"] for tc in body["tool_calls"]] == ["find_contact", "set_stage", "log_call"]
    async with org_tx(pool, org_id) as conn:
        stage = await (await conn.execute("SELECT lifecycle_stage FROM contacts WHERE id = %s", (cid,))).fetchone()
        calls = await (
            await conn.execute("SELECT subject FROM activities WHERE contact_id = %s AND type = 'call'", (cid,))
        ).fetchall()
        sources = await (await conn.execute("SELECT DISTINCT source FROM record_history")).fetchall()
    assert stage["lifecycle_stage"] == "customer" and [c["subject"] for c in calls] == ["Kickoff call"]
    assert {s["source"] for s in sources} == {f"api:run:{body['run_id']}"}

    # 4. The pipeline summary, a second specialist.
    _script(
        api_model,
        [
            call("transfer_to_analytics", task="pipeline summary"),
            "I have no pipeline tools; hand it to contacts.",
            call("transfer_to_contacts", task="pipeline summary"),
            call("pipeline_summary"),
            lambda m, t: f"{len(last_tool_result(m)['stages'])} stages.",
            lambda m, t: f"Your pipeline has {len(last_tool_result(m, 'pipeline_summary')['stages'])} stages.",
        ],
    )
    body = (await api.post(runs, json={"input": "How does my pipeline look?"})).json()
    assert body["status"] == "completed" and body["output"] == "Your pipeline has 6 stages."

    # The thread's messages, then the same thread from a new app (a restart) on the same database.
    page = (await api.get(f"/api/v1/agent/threads/{thread}")).json()
    said = [m["content"] for m in page["messages"] if m["role"] == "user"]
    assert said == ["Who is Maya?", "Make Maya a customer and log a call: Kickoff call", "How does my pipeline look?"]
    restarted = _agent_app(db, settings, api_model)
    async with restarted.router.lifespan_context(restarted):
        async with await _client(restarted, api.org.api_key) as again:  # type: ignore[attr-defined]
            after = (await again.get(f"/api/v1/agent/threads/{thread}")).json()
            assert after["messages"] == page["messages"]
            listed = (await again.get("/api/v1/agent/threads")).json()["items"]
            assert [t["thread_id"] for t in listed] == [thread]


async def test_delete_needs_approval_through_the_api(api: httpx.AsyncClient, agent_app, api_model) -> None:
    pool = agent_app.state.pool
    cid = await add_contact(pool, api.org.org["id"], "Otto")  # type: ignore[attr-defined]
    thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
    _script(
        api_model,
        [
            call("transfer_to_contacts", task="delete Otto"),
            call("find_contact", name="Otto"),
            lambda m, t: call("delete_contact", contact_id=_contact_id(m, t)),
            lambda m, t: "Result: {status}".format(**last_tool_result(m, "delete_contact")),
            lambda m, t: "Otto: {status}".format(**last_tool_result(m, "delete_contact")),
        ],
    )
    body = (await api.post(f"/api/v1/agent/threads/{thread}/runs", json={"input": "delete Otto"})).json()
    assert body["status"] == "interrupted"
    assert body["interrupts"][0]["action"] == "delete_contacts"
    assert body["interrupts"][0]["preview"]["records"] == [{"id": cid}]
    async with org_tx(pool, api.org.org["id"]) as conn:  # type: ignore[attr-defined]
        row = await (await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (cid,))).fetchone()
    assert row["deleted_at"] is None
    pending = (await api.get(f"/api/v1/agent/threads/{thread}")).json()["pending_interrupts"]
    assert [p["id"] for p in pending] == [body["interrupts"][0]["id"]]
    bad = await api.post(f"/api/v1/agent/threads/{thread}/runs/{body['run_id']}/resume", json={"decision": "maybe"})
    assert bad.status_code == 422
    done = await api.post(f"/api/v1/agent/threads/{thread}/runs/{body['run_id']}/resume", json={"decision": "approve"})
    assert done.status_code == 200 and done.json()["output"] == "Otto: deleted"
    async with org_tx(pool, api.org.org["id"]) as conn:  # type: ignore[attr-defined]
        row = await (await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (cid,))).fetchone()
    assert row["deleted_at"] is not None
    run = (await api.get(f"/api/v1/agent/threads/{thread}/runs/{body['run_id']}")).json()
    assert run["status"] == "completed"


async def test_stream_sends_server_sent_events(api: httpx.AsyncClient, api_model) -> None:
    thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
    _script(api_model, [call("transfer_to_contacts"), call("pipeline_summary"), "Six stages.", "You have six stages."])
    events: list[tuple[str, dict[str, Any]]] = []
    async with api.stream("POST", f"/api/v1/agent/threads/{thread}/runs/stream", json={"input": "pipeline?"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        kind = None
        async for line in r.aiter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((kind, json.loads(line.split(":", 1)[1])))  # type: ignore[arg-type]
    kinds = [k for k, _ in events]
    assert kinds[0] == "handoff" and kinds[-1] == "final"
    assert {"tool_start", "tool_end", "token"} <= set(kinds)
    assert events[-1][1]["result"]["output"] == "You have six stages."
    # Errors before the stream starts are ordinary problem responses.
    missing = await api.post("/api/v1/agent/threads/nope/runs/stream", json={"input": "x"})
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def test_another_orgs_thread_is_not_found(api: httpx.AsyncClient, agent_app) -> None:
    thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
    other = await new_org(agent_app.state.pool, "Rival Agency")
    async with await _client(agent_app, other.api_key) as rival:
        assert (await rival.get(f"/api/v1/agent/threads/{thread}")).status_code == 404
        r = await rival.post(f"/api/v1/agent/threads/{thread}/runs", json={"input": "hi"})
        assert r.status_code == 404
        r = await rival.post(f"/api/v1/agent/threads/{thread}/runs/x/resume", json={"decision": "approve"})
        assert r.status_code == 404
        assert (await rival.get("/api/v1/agent/threads")).json()["items"] == []
    assert (await api.post("/api/v1/agent/threads/x/runs", json={"input": ""})).status_code == 422
