"""The supervisor graph with a scripted model: routing, handoffs, sequences, parallel handoffs, declining
out-of-scope requests, and approvals (interrupt, then approve / edit / reject). No database: the
in-memory checkpointer stands in, as these tests are about the graph's shape and flow."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command, interrupt

from leadloom.crm.context import Actor
from leadloom.crm.settings import Settings
from leadloom.graphs.handoff import create_handoff_tool, handoff_tool_name
from leadloom.graphs.prompts import SPECIALIST_DESCRIPTIONS, supervisor_prompt
from leadloom.graphs.supervisor import build_graph
from leadloom.tools.context import AgentContext
from tests.unit.agents.fakes import ScriptedChatModel, call, calls, last_tool_result

WRITES: list[dict[str, Any]] = []


async def lookup(name: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Look a contact up."""
    return {"name": name, "run_id": runtime.context.actor.run_id}


async def remove(name: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Remove a contact (needs approval)."""
    answer = interrupt({"action": "delete_contacts", "args": {"name": name}, "preview": {"summary": f"delete {name}"}})
    if answer["decision"] == "reject":
        return {"status": "rejected", "reason": answer.get("reason")}
    target = answer.get("args", {}).get("name", name) if answer["decision"] == "edit" else name
    WRITES.append({"deleted": target, "run_id": runtime.context.actor.run_id})
    return {"status": "deleted", "name": target}


async def report() -> dict[str, Any]:
    """Pipeline report."""
    return {"stages": 3}


def _graph(model: ScriptedChatModel, **kw: Any) -> Any:
    agents = {
        "contacts": create_agent(model, tools=[lookup, remove], context_schema=AgentContext, name="contacts"),
        "analytics": create_agent(model, tools=[report], context_schema=AgentContext, name="analytics"),
    }
    return build_graph(model, checkpointer=InMemorySaver(), agents=agents, supervisor_tools=[], **kw)


def _ctx(run_id: str = "run-1") -> AgentContext:
    actor = Actor(org_id=uuid.uuid4(), user_id=uuid.uuid4()).via("chat", run_id=run_id, thread_id="t")
    return AgentContext(pool=None, actor=actor, settings=Settings(env="test"))  # type: ignore[arg-type]


def _cfg() -> dict[str, Any]:
    return {"configurable": {"thread_id": uuid.uuid4().hex}}


async def test_routes_to_the_specialist_and_back() -> None:
    model = ScriptedChatModel(
        script=[call("transfer_to_contacts", task="find Ana"), call("lookup", name="Ana"), "Ana found.", "Here is Ana."]
    )
    graph = _graph(model)
    out = await graph.ainvoke({"messages": [HumanMessage("find Ana")]}, _cfg(), context=_ctx())
    assert out["messages"][-1].content == "Here is Ana." and out["messages"][-1].name == "supervisor"
    # The supervisor sees only handoffs; the specialist only its own tools.
    assert model.calls[0].tools == ["transfer_to_contacts", "transfer_to_analytics"]
    assert model.calls[1].tools == ["lookup", "remove"]
    # The tool got the run's Actor through the runtime context.
    assert last_tool_result(out["messages"], "lookup") == {"name": "Ana", "run_id": "run-1"}
    # The specialist saw the task in the handoff message; its reply is named after it.
    assert model.calls[1].messages[-1].content == "Transferred to contacts. Task: find Ana"
    names = [(type(m).__name__, m.name) for m in out["messages"] if isinstance(m, AIMessage)]
    assert ("AIMessage", "contacts") in names
    assert out["active_agent"] == "supervisor"


async def test_several_specialists_in_sequence() -> None:
    model = ScriptedChatModel(
        script=[
            call("transfer_to_contacts", task="find Ana"),
            call("lookup", name="Ana"),
            "Ana found.",
            call("transfer_to_analytics", task="report for Ana's pipeline"),
            call("report"),
            "3 stages.",
            "Ana is there and your pipeline has 3 stages.",
        ]
    )
    out = await _graph(model).ainvoke({"messages": [HumanMessage("find Ana then report")]}, _cfg(), context=_ctx())
    tools_used = [m.name for m in out["messages"] if isinstance(m, ToolMessage)]
    assert tools_used == [
        "transfer_to_contacts",
        "lookup",
        "transfer_back_to_supervisor",
        "transfer_to_analytics",
        "report",
        "transfer_back_to_supervisor",
    ]
    # The second specialist saw what the first one found.
    assert any(getattr(m, "content", "") == "Ana found." for m in model.calls[4].messages)
    assert out["messages"][-1].content == "Ana is there and your pipeline has 3 stages."


async def test_out_of_scope_is_declined_without_tools() -> None:
    model = ScriptedChatModel(script=["I can only help with your CRM."])
    out = await _graph(model).ainvoke({"messages": [HumanMessage("what's the weather?")]}, _cfg(), context=_ctx())
    assert [type(m).__name__ for m in out["messages"]] == ["HumanMessage", "AIMessage"]
    assert len(model.calls) == 1


async def test_clarifying_question_then_answer_uses_it() -> None:
    model = ScriptedChatModel(
        script=[
            "Which Alex: Alex Kim or Alex Moreau?",
            call("transfer_to_contacts", task="find Alex Kim"),
            call("lookup", name="Alex Kim"),
            "found",
            "Alex Kim it is.",
        ]
    )
    graph, cfg, ctx = _graph(model), _cfg(), _ctx()
    first = await graph.ainvoke({"messages": [HumanMessage("call Alex")]}, cfg, context=ctx)
    assert first["messages"][-1].content.startswith("Which Alex")
    second = await graph.ainvoke({"messages": [HumanMessage("Kim")]}, cfg, context=ctx)
    assert second["messages"][-1].content == "Alex Kim it is."
    # The second turn's model call saw the question and the answer (the thread's history).
    assert [m.content for m in model.calls[1].messages[-2:]] == ["Which Alex: Alex Kim or Alex Moreau?", "Kim"]


async def test_parallel_handoffs_run_one_at_a_time() -> None:
    model = ScriptedChatModel(
        script=[
            calls(("transfer_to_contacts", {"task": "a"}), ("transfer_to_analytics", {"task": "b"})),
            "contacts done",
            call("transfer_to_analytics", task="b"),
            "analytics done",
            "Both done.",
        ]
    )
    out = await _graph(model).ainvoke({"messages": [HumanMessage("both")]}, _cfg(), context=_ctx())
    assert out["messages"][-1].content == "Both done."
    assert [m.content for m in out["messages"] if isinstance(m, ToolMessage) and m.name.startswith("transfer_to")] == [
        "Transferred to contacts. Task: a",
        "Transferred to analytics. Task: b",
    ]
    # Every tool call in the history is answered (a provider would reject a dangling one).
    asked = {tc["id"] for m in out["messages"] if isinstance(m, AIMessage) for tc in m.tool_calls}
    answered = {m.tool_call_id for m in out["messages"] if isinstance(m, ToolMessage)}
    assert asked == answered


@pytest.mark.parametrize(
    ("resume", "deleted", "reply"),
    [
        ({"decision": "approve"}, "Bo", "status deleted"),
        ({"decision": "edit", "args": {"name": "Cy"}}, "Cy", "status deleted"),
        ({"decision": "reject", "reason": "keep him"}, None, "status rejected"),
    ],
)
async def test_approval_interrupt_and_resume(resume: dict[str, Any], deleted: str | None, reply: str) -> None:
    WRITES.clear()
    model = ScriptedChatModel(
        script=[
            call("transfer_to_contacts", task="delete Bo"),
            call("remove", name="Bo"),
            lambda m, t: "status " + last_tool_result(m, "remove")["status"],
            lambda m, t: "Supervisor: status " + last_tool_result(m, "remove")["status"],
        ]
    )
    graph, cfg, ctx = _graph(model), _cfg(), _ctx("run-9")
    await graph.ainvoke({"messages": [HumanMessage("delete Bo")]}, cfg, context=ctx)
    state = await graph.aget_state(cfg)
    [intr] = state.interrupts
    assert intr.value["action"] == "delete_contacts" and intr.value["args"] == {"name": "Bo"}
    assert WRITES == []  # nothing happens before the person answers
    out = await graph.ainvoke(Command(resume=resume), cfg, context=ctx)
    assert out["messages"][-1].content == f"Supervisor: {reply}"
    assert WRITES == ([{"deleted": deleted, "run_id": "run-9"}] if deleted else [])
    assert not (await graph.aget_state(cfg)).interrupts


def test_prompt_and_handoff_tools() -> None:
    prompt = supervisor_prompt(SPECIALIST_DESCRIPTIONS)
    for name in ("contacts", "scoring", "campaigns", "analytics"):
        assert f"- {name}: " in prompt
    assert "call no tool" in prompt
    assert handoff_tool_name("Lead Scoring") == "transfer_to_lead_scoring"
    tool = create_handoff_tool("contacts", "Contacts and deals.")
    assert tool.name == "transfer_to_contacts" and "Contacts and deals." in tool.description
    assert list(tool.tool_call_schema.model_json_schema()["properties"]) == ["task"]


def test_graph_nodes() -> None:
    graph = _graph(ScriptedChatModel())
    assert set(graph.nodes) == {"__start__", "supervisor", "contacts", "analytics"}


async def test_tool_budget_stops_before_the_extra_tool_runs() -> None:
    from leadloom.graphs.runner import BudgetExceededError, RunMeter

    WRITES.clear()
    model = ScriptedChatModel(
        script=[call("transfer_to_contacts"), call("lookup", name="a"), call("remove", name="b"), "never"]
    )
    meter = RunMeter(max_tool_calls=1)
    with pytest.raises(BudgetExceededError, match="1 tool calls"):
        await _graph(model).ainvoke({"messages": [HumanMessage("x")]}, {**_cfg(), "callbacks": [meter]}, context=_ctx())
    # Handoffs are not counted; the second CRM tool was refused before it ran (no approval was asked).
    assert [(c["name"], c["status"]) for c in meter.started_calls] == [("lookup", "running"), ("remove", "refused")]
    assert meter.model_calls == 3 and meter.model_s >= 0


async def test_recursion_limit_is_a_graph_error() -> None:
    from langgraph.errors import GraphRecursionError

    model = ScriptedChatModel(script=[call("transfer_to_contacts"), "x"], cycle=True)
    with pytest.raises(GraphRecursionError):
        await _graph(model).ainvoke({"messages": [HumanMessage("x")]}, {**_cfg(), "recursion_limit": 5}, context=_ctx())
