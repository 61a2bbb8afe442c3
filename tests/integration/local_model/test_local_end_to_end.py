"""The local model inside the real supervisor graph, specialists and tools, on the embedded database:
ask for a contact by name, change its stage, create a customer with several fields, log a call, get the
pipeline summary, delete only after approval, and decline chatter without touching the CRM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.crm.db.pool import org_tx
from leadloom.graphs.runner import AgentRunner
from tests.conftest import ROOT
from tests.integration.agents.conftest import add_contact


@pytest.fixture(scope="module")
async def runner(pool, db, settings) -> AsyncIterator[AgentRunner]:  # type: ignore[no-untyped-def]
    model = LocalChatModel(cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model")
    r = await AgentRunner(pool, settings, model=model, admin_url=db.admin).start()
    yield r
    await r.aclose()


async def _contact(pool, org_id, where: str, params: dict[str, Any]) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(f"SELECT * FROM contacts WHERE {where}", params)
        return await cur.fetchone()


async def test_conversation_on_the_real_graph(runner: AgentRunner, pool, org, actor) -> None:  # type: ignore[no-untyped-def]
    org_id = actor.org_id
    cid = await add_contact(pool, org_id, "Maya", "Lopez", stage="lead")
    thread = await runner.create_thread(actor)

    r = await runner.run(actor, thread, "What stage is Maya Lopez in?")
    assert r.status == "completed", r
    assert "lead" in r.output.lower()

    r = await runner.run(actor, thread, "move Maya Lopez to customer")
    assert r.status == "completed", r
    row = await _contact(pool, org_id, "id = %(id)s", {"id": cid})
    assert row and row["lifecycle_stage"] == "customer"
    assert "customer" in r.output

    r = await runner.run(
        actor, thread, "add a new customer Bob Lee, phone 415-555-0100, follow up next Friday, interested in SEO"
    )
    assert r.status == "completed", r
    bob = await _contact(pool, org_id, "first_name = 'Bob' AND last_name = 'Lee' AND deleted_at IS NULL", {})
    assert bob and bob["lifecycle_stage"] == "customer" and bob["next_follow_up"] is not None

    r = await runner.run(actor, thread, "log a call with Maya Lopez, she wants a quote")
    assert r.status == "completed", r

    r = await runner.run(actor, thread, "pipeline summary")
    assert r.status == "completed", r

    r = await runner.run(actor, thread, "what's the weather tomorrow?")
    assert r.status == "completed" and not r.tool_calls
    assert "CRM" in r.output

    r = await runner.run(actor, thread, "delete Bob Lee")
    assert r.status == "interrupted", r
    assert (await _contact(pool, org_id, "id = %(id)s AND deleted_at IS NULL", {"id": bob["id"]})) is not None
    r = await runner.resume(actor, thread, r.run_id, "approve")
    assert r.status == "completed", r
    assert (await _contact(pool, org_id, "id = %(id)s AND deleted_at IS NULL", {"id": bob["id"]})) is None
