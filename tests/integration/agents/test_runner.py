"""AgentRunner on the real database: threads, runs, attribution, approvals, budgets, isolation, restarts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.graphs.runner import AgentRunner
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact, make_test_agents
from tests.unit.agents.fakes import call, last_tool_result


def _first_id(messages, tools):  # type: ignore[no-untyped-def]
    return last_tool_result(messages, "find_contact")["contacts"][0]["id"]


async def test_run_routes_acts_and_attributes_writes(runner: AgentRunner, script, pool, actor: Actor) -> None:
    cid = await add_contact(pool, actor.org_id, "Dana", "Diaz")
    script(
        [
            call("transfer_to_contacts", task="move Dana to customer"),
            call("find_contact", name="Dana"),
            lambda m, t: call("set_stage", contact_id=_first_id(m, t), stage="customer"),
            "Dana is now a customer.",
            "Done: Dana Diaz is now a customer.",
        ]
    )
    thread = await runner.create_thread(actor)
    result = await runner.run(actor, thread, "Make Dana a customer")
    assert result.status == "completed"
    assert result.output == "Done: Dana Diaz is now a customer."
    assert [tc["name"] for tc in result.tool_calls] == ["find_contact", "set_stage"]
    assert all(tc["status"] == "ok" and tc["agent"] == "contacts" for tc in result.tool_calls)
    assert set(result.timings) >= {"model_ms", "own_ms", "total_ms"}
    async with org_tx(pool, actor.org_id) as conn:
        stage = await (await conn.execute("SELECT lifecycle_stage FROM contacts WHERE id = %s", (cid,))).fetchone()
        hist = await (
            await conn.execute("SELECT source, actor_id FROM record_history WHERE entity_id = %s", (cid,))
        ).fetchone()
        run = await (
            await conn.execute("SELECT status, user_id, tool_calls FROM agent_runs WHERE run_id = %s", (result.run_id,))
        ).fetchone()
    assert stage["lifecycle_stage"] == "customer"
    assert hist["source"] == f"api:run:{result.run_id}" and hist["actor_id"] == actor.user_id
    assert run["status"] == "completed" and run["user_id"] == actor.user_id and len(run["tool_calls"]) == 2
    threads = await runner.list_threads(actor)
    assert threads[0]["thread_id"] == thread and threads[0]["title"] == "Make Dana a customer"
    msgs = await runner.get_thread_messages(actor, thread)
    assert msgs[0] == {"id": msgs[0]["id"], "role": "user", "content": "Make Dana a customer", "agent": None}
    assert msgs[-1]["content"] == "Done: Dana Diaz is now a customer." and msgs[-1]["agent"] == "supervisor"


def _delete_script(decision_reply: str) -> list:  # type: ignore[type-arg]
    return [
        call("transfer_to_contacts", task="delete Eve"),
        call("find_contact", name="Eve"),
        lambda m, t: call("delete_contact", contact_id=_first_id(m, t)),
        lambda m, t: decision_reply.format(**last_tool_result(m, "delete_contact")),
        lambda m, t: "Supervisor: " + decision_reply.format(**last_tool_result(m, "delete_contact")),
    ]


async def _deleted(pool, org_id, cid) -> bool:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        row = await (await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (cid,))).fetchone()
    return row["deleted_at"] is not None


async def test_delete_waits_for_approval(runner: AgentRunner, script, pool, actor: Actor) -> None:
    cid = await add_contact(pool, actor.org_id, "Eve")
    script(_delete_script("status {status}"))
    thread = await runner.create_thread(actor)
    paused = await runner.run(actor, thread, "delete Eve")
    assert paused.status == "interrupted"
    [intr] = paused.interrupts
    assert intr["action"] == "delete_contacts" and intr["args"] == {"contact_id": cid}
    assert intr["preview"]["summary"].startswith("Delete 1 contact")
    assert paused.tool_calls[-1]["status"] == "awaiting_approval"
    assert not await _deleted(pool, actor.org_id, cid)
    # A new message cannot slip past a pending approval.
    with pytest.raises(ConflictError):
        await runner.run(actor, thread, "something else")
    done = await runner.resume(actor, thread, paused.run_id, "approve")
    assert done.status == "completed" and done.run_id == paused.run_id
    assert done.output == "Supervisor: status deleted"
    assert await _deleted(pool, actor.org_id, cid)
    assert [tc["status"] for tc in done.tool_calls] == ["ok", "ok"]
    with pytest.raises(ConflictError):
        await runner.resume(actor, thread, paused.run_id, "approve")


async def test_reject_with_reason_leaves_record(runner: AgentRunner, script, pool, actor: Actor) -> None:
    cid = await add_contact(pool, actor.org_id, "Eve")
    script(_delete_script("status {status} because {reason}"))
    thread = await runner.create_thread(actor)
    paused = await runner.run(actor, thread, "delete Eve")
    done = await runner.resume(actor, thread, paused.run_id, "reject", reason="she is a customer")
    assert done.status == "completed"
    assert done.output == "Supervisor: status rejected because she is a customer"
    assert not await _deleted(pool, actor.org_id, cid)


async def test_edit_changes_the_arguments(runner: AgentRunner, script, pool, actor: Actor) -> None:
    first = await add_contact(pool, actor.org_id, "Eve")
    other = await add_contact(pool, actor.org_id, "Frank")
    script(_delete_script("status {status} id {id}"))
    thread = await runner.create_thread(actor)
    paused = await runner.run(actor, thread, "delete Eve")
    with pytest.raises(ValidationError):
        await runner.resume(actor, thread, paused.run_id, "edit")
    with pytest.raises(ValidationError):
        await runner.resume(actor, thread, paused.run_id, "maybe")
    done = await runner.resume(actor, thread, paused.run_id, "edit", args={"contact_id": other})
    assert done.output == f"Supervisor: status deleted id {other}"
    assert not await _deleted(pool, actor.org_id, first)
    assert await _deleted(pool, actor.org_id, other)


async def test_threads_belong_to_their_org_and_user(runner: AgentRunner, script, pool, actor: Actor) -> None:
    thread = await runner.create_thread(actor)
    other = await new_org(pool, "Other Agency")
    stranger = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    for attempt in (
        runner.get_thread_messages(stranger, thread),
        runner.run(stranger, thread, "hello"),
        runner.get_run(stranger, thread, "nope"),
    ):
        with pytest.raises(NotFoundError):
            await attempt
    # Same organization, another person: their conversations are their own.
    colleague = replace(actor, user_id=None)
    with pytest.raises(NotFoundError):
        await runner.get_thread_messages(colleague, thread)
    assert await runner.list_threads(stranger) == []


async def test_tool_cannot_see_another_orgs_record(runner: AgentRunner, script, pool, actor: Actor) -> None:
    other = await new_org(pool, "Other Agency")
    foreign = await add_contact(pool, other.org["id"], "Grace")
    script(
        [
            call("transfer_to_contacts"),
            call("get_contact_by_id", contact_id=foreign),
            call("set_stage", contact_id=foreign, stage="customer"),
            "not found",
            "I could not find that contact.",
        ]
    )
    thread = await runner.create_thread(actor)
    result = await runner.run(actor, thread, f"make {foreign} a customer")
    assert [tc["result"] for tc in result.tool_calls] == [
        {"error": f"no contact {foreign}"},
        {"error": f"no contact {foreign}"},
    ]
    async with org_tx(pool, other.org["id"]) as conn:
        row = await (await conn.execute("SELECT lifecycle_stage FROM contacts WHERE id = %s", (foreign,))).fetchone()
    assert row["lifecycle_stage"] == "lead"


async def test_tool_budget_ends_with_a_message(runner: AgentRunner, script, settings, pool, actor: Actor) -> None:
    runner.settings = settings.model_copy(update={"agent_max_tool_calls": 2})
    try:
        script([call("transfer_to_contacts")] + [call("find_contact", name="x")] * 3)
        thread = await runner.create_thread(actor)
        result = await runner.run(actor, thread, "loop forever")
    finally:
        runner.settings = settings
    assert result.status == "failed" and result.error == "budget_exceeded"
    assert "2 tool calls" in result.output
    assert [tc["status"] for tc in result.tool_calls] == ["ok", "ok", "refused"]
    # The thread is usable afterwards and remembers why the turn stopped.
    script([" Hello again."])
    again = await runner.run(actor, thread, "hi")
    assert again.status == "completed" and again.output == " Hello again."
    contents = [m["content"] for m in await runner.get_thread_messages(actor, thread)]
    assert result.output in contents


async def test_recursion_budget(runner: AgentRunner, script, settings, actor: Actor) -> None:
    runner.settings = settings.model_copy(update={"agent_recursion_limit": 4})
    try:
        script(
            [call("transfer_to_contacts"), "x", call("transfer_to_contacts"), "y", call("transfer_to_contacts"), "z"]
        )
        result = await runner.run(actor, await runner.create_thread(actor), "bounce")
    finally:
        runner.settings = settings
    assert result.status == "failed" and result.error == "recursion_limit"
    assert "more steps" in result.output


async def test_timeout_budget(runner: AgentRunner, script, settings, actor: Actor) -> None:
    import time

    def slow(messages, tools):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return call("transfer_to_contacts")

    runner.settings = settings.model_copy(update={"agent_timeout_s": 0.1})
    try:
        script([slow, "late"])
        result = await runner.run(actor, await runner.create_thread(actor), "slow")
    finally:
        runner.settings = settings
    assert result.status == "failed" and result.error == "timeout"
    assert "longer than" in result.output


async def test_stream_events(runner: AgentRunner, script, pool, actor: Actor) -> None:
    await add_contact(pool, actor.org_id, "Hank")
    script(
        [
            call("transfer_to_contacts", task="find Hank"),
            call("find_contact", name="Hank"),
            "Found Hank.",
            "Hank is here.",
        ]
    )
    thread = await runner.create_thread(actor)
    events = [e async for e in runner.stream(actor, thread, "find Hank")]
    kinds = [e.type for e in events]
    assert kinds[-1] == "final" and events[-1].data["result"]["status"] == "completed"
    handoffs = [(e.data["from"], e.data["to"]) for e in events if e.type == "handoff"]
    assert handoffs == [("supervisor", "contacts"), ("contacts", "supervisor")]
    assert [e.data["task"] for e in events if e.type == "handoff" and e.data["to"] == "contacts"] == ["find Hank"]
    assert kinds.index("tool_start") < kinds.index("tool_end")
    tokens = [(e.data["agent"], e.data["text"]) for e in events if e.type == "token"]
    assert ("supervisor", "Hank is here.") in tokens and ("contacts", "Found Hank.") in tokens


async def test_history_survives_a_new_runner(runner: AgentRunner, script, pool, settings, model, actor: Actor) -> None:
    script([call("transfer_to_contacts"), call("find_contact", name="Zed"), "none", "No Zed here."])
    thread = await runner.create_thread(actor)
    await runner.run(actor, thread, "find Zed")
    fresh = await AgentRunner(pool, settings, model=model, agents=make_test_agents(model)).start()
    messages = await fresh.get_thread_messages(actor, thread)
    assert messages[0]["content"] == "find Zed" and messages[-1]["content"] == "No Zed here."
    script(["Still here."])
    assert (await fresh.run(actor, thread, "still there?")).output == "Still here."
    # The model saw the earlier turn: the history came back from Postgres, not from memory.
    assert any(getattr(m, "content", None) == "No Zed here." for m in model.calls[-1].messages)
