"""The issue's "done when", through the agent API with the real specialists and tools (leadloom.agents.*,
leadloom.tools.*) and a scripted model standing in for the local model: ask for a contact, change its
stage, log a call, get the pipeline summary, and delete only after approval. Plus isolation: a tool given
another organization's record id finds nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from leadloom.api.app import create_app
from leadloom.crm.db.pool import org_tx
from leadloom.graphs.runner import AgentRunner
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact
from tests.unit.agents.fakes import ScriptedChatModel, call, last_tool_result


@pytest.fixture(scope="module")
def real_model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture(scope="module")
async def real_app(db, settings, real_model) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    async def start(app):  # type: ignore[no-untyped-def]
        # No agents= : the runner builds the four real specialists from leadloom.agents.
        app.state.runner = await AgentRunner(
            app.state.pool, app.state.settings, model=real_model, admin_url=db.admin
        ).start()

    app = create_app(settings, urls=db, migrate=False, on_startup=[start])
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def api(real_app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    created = await new_org(real_app.state.pool)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=real_app),
        base_url="http://test",
        headers={"Authorization": f"Bearer {created.api_key}"},
    ) as c:
        c.org = created  # type: ignore[attr-defined]
        yield c


def _script(model: ScriptedChatModel, steps: list[Any]) -> None:
    model.script, model.position, model.calls = list(steps), 0, []


async def test_done_when_with_the_real_tools(api: httpx.AsyncClient, real_app, real_model) -> None:
    pool, org_id = real_app.state.pool, api.org.org["id"]  # type: ignore[attr-defined]
    cid = await add_contact(pool, org_id, "Maya", "Lopez", stage="lead")
    assert set(real_app.state.runner.agent_names) == {"contacts", "scoring", "campaigns", "analytics"}
    thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
    runs = f"/api/v1/agent/threads/{thread}/runs"

    async def turn(text: str, steps: list[Any]) -> dict[str, Any]:
        _script(real_model, steps)
        body = (await api.post(runs, json={"input": text})).json()
        assert real_model.position == len(steps), body
        return body

    body = await turn(
        "What stage is Maya Lopez in?",
        [
            call("transfer_to_contacts", task="get Maya Lopez"),
            call("get_contact", contact="Maya Lopez"),
            "found",
            lambda m, t: "Maya Lopez is a {stage}.".format(**last_tool_result(m, "get_contact")),
        ],
    )
    assert body["status"] == "completed" and body["output"] == "Maya Lopez is a lead."

    body = await turn(
        "Move Maya to customer and log a call about the kickoff",
        [
            call("transfer_to_contacts", task="stage customer, log call"),
            call("update_contact", contact="Maya Lopez", changes={"stage": "customer"}),
            call("log_activity", contact="Maya Lopez", type="call", subject="Kickoff", direction="outbound"),
            "done",
            lambda m, t: "Stage now {stage}.".format(**last_tool_result(m, "update_contact")["after"]),
        ],
    )
    assert body["output"] == "Stage now customer.", body
    assert [tc["status"] for tc in body["tool_calls"]] == ["ok", "ok"]
    update_run = body["run_id"]

    body = await turn(
        "Pipeline summary please",
        [
            call("transfer_to_contacts", task="pipeline summary"),
            call("pipeline_summary"),
            "summary",
            lambda m, t: "{open_deals} open deals.".format(**last_tool_result(m, "pipeline_summary")),
        ],
    )
    assert body["output"] == "0 open deals."

    async with org_tx(pool, org_id) as conn:
        row = await (await conn.execute("SELECT lifecycle_stage FROM contacts WHERE id = %s", (cid,))).fetchone()
        acts = await (
            await conn.execute("SELECT type, subject FROM activities WHERE contact_id = %s", (cid,))
        ).fetchall()
        sources = {
            r["source"]
            for r in await (
                await conn.execute("SELECT source FROM record_history WHERE entity_id = %s", (cid,))
            ).fetchall()
        }
    assert row["lifecycle_stage"] == "customer"
    assert [(a["type"], a["subject"]) for a in acts] == [("call", "Kickoff")]
    assert f"api:run:{update_run}" in sources

    body = await turn(
        "Delete Maya Lopez",
        [call("transfer_to_contacts", task="delete Maya Lopez"), call("delete_contacts", contact="Maya Lopez")],
    )
    assert body["status"] == "interrupted"
    [intr] = body["interrupts"]
    assert intr["action"] == "delete_contacts" and intr["preview"]["records"][0]["name"] == "Maya Lopez"
    async with org_tx(pool, org_id) as conn:
        row = await (await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (cid,))).fetchone()
    assert row["deleted_at"] is None
    _script(
        real_model,
        [
            lambda m, t: "deleted {deleted}".format(**last_tool_result(m, "delete_contacts")),
            lambda m, t: "Deleted {deleted} contact.".format(**last_tool_result(m, "delete_contacts")),
        ],
    )
    done = (await api.post(f"{runs}/{body['run_id']}/resume", json={"decision": "approve"})).json()
    assert done["status"] == "completed" and done["output"] == "Deleted 1 contact."
    async with org_tx(pool, org_id) as conn:
        row = await (await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (cid,))).fetchone()
        hist = await (
            await conn.execute(
                "SELECT source FROM record_history WHERE entity_id = %s AND action LIKE '%%delete%%'", (cid,)
            )
        ).fetchall()
    assert row["deleted_at"] is not None
    assert [h["source"] for h in hist] == [f"api:run:{body['run_id']}"]


async def test_real_tool_cannot_reach_another_org(api: httpx.AsyncClient, real_app, real_model) -> None:
    other = await new_org(real_app.state.pool, "Rival")
    foreign = await add_contact(real_app.state.pool, other.org["id"], "Secret", "Person")
    thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
    _script(
        real_model,
        [
            call("transfer_to_contacts"),
            call("get_contact", contact=foreign),
            call("update_contact", contact=foreign, changes={"stage": "customer"}),
            "nothing",
            "Not found.",
        ],
    )
    body = (await api.post(f"/api/v1/agent/threads/{thread}/runs", json={"input": f"show {foreign}"})).json()
    assert [tc["status"] for tc in body["tool_calls"]] == ["error", "error"]
    assert all("error" in tc["result"] for tc in body["tool_calls"])
    async with org_tx(real_app.state.pool, other.org["id"]) as conn:
        row = await (await conn.execute("SELECT lifecycle_stage FROM contacts WHERE id = %s", (foreign,))).fetchone()
    assert row["lifecycle_stage"] == "lead"
