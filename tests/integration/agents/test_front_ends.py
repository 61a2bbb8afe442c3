"""The composition root's startup hook and the terminal chat, on the same runner."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from leadloom.cli import chat
from leadloom.crm.context import Actor
from leadloom.graphs.runner import AgentRunner
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact
from tests.unit.agents.fakes import ScriptedChatModel, call


async def test_app_without_a_usable_model_answers_503(db, settings) -> None:  # type: ignore[no-untyped-def]
    from leadloom.api.app import create_app
    from leadloom.main import start_agents, stop_agents

    # A provider whose package is not installed: the CRM API starts, the agent routes say why they cannot.
    bad = settings.model_copy(update={"model": "ollama:llama3"})
    app = create_app(bad, urls=db, migrate=False, on_startup=[start_agents], on_shutdown=[stop_agents])
    async with app.router.lifespan_context(app):
        created = await new_org(app.state.pool)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test",
            headers={"Authorization": f"Bearer {created.api_key}"},
        ) as c:
            r = await c.post("/api/v1/agent/threads")
            assert r.status_code == 503
            assert "pip install 'leadloom[ollama]'" in r.json()["detail"]
            assert (await c.get("/healthz")).status_code == 200


async def test_terminal_chat_turn_with_approval(
    runner: AgentRunner, script, pool, actor: Actor, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    cid = await add_contact(pool, actor.org_id, "Ivy")
    script(
        [
            call("transfer_to_contacts", task="delete Ivy"),
            call("delete_contact", contact_id=cid),
            "Nothing deleted.",
            "Ivy stays: not deleted.",
        ]
    )
    answers = iter(["n", "she is a customer"])

    async def fake_ask(prompt: str) -> str:
        return next(answers)

    monkeypatch.setattr(chat, "_ask", fake_ask)
    thread = await runner.create_thread(actor)
    await chat._turn(runner, actor, thread, "delete Ivy")
    out = capsys.readouterr().out
    assert "→ contacts" in out and "delete_contact" in out and "approval needed" in out
    assert "Ivy stays: not deleted." in out
    runs = await runner.list_threads(actor)
    assert any(t["thread_id"] == thread for t in runs)
    model: ScriptedChatModel = runner.model  # type: ignore[assignment]
    rejected = [m for m in model.calls[-1].messages if getattr(m, "name", None) == "delete_contact"]
    assert "she is a customer" in str(rejected[-1].content)
