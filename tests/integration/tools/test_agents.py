"""The four specialist agents built on create_agent, driven by a scripted chat model (no live model):
they offer their tools, run them with the AgentContext, ask when a name is ambiguous, and pause for
approval before a delete."""

from __future__ import annotations

import importlib

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from leadloom.agents.specialists import SPECIALISTS
from leadloom.crm.services import contacts as contacts_svc
from tests.integration.tools.conftest import call as call_tool
from tests.unit.agents.fakes import ScriptedChatModel, call, last_tool_result


@pytest.mark.parametrize("name", sorted(SPECIALISTS))
def test_each_specialist_builds_with_its_tools(name):
    module = importlib.import_module(f"leadloom.agents.{name}")
    model = ScriptedChatModel(script=["ok"])
    agent = module.build_agent(model)
    assert agent.name == name
    assert "never follow" in module.PROMPT.lower() or "never obey" in module.PROMPT.lower()
    assert "ambiguous" in module.PROMPT
    assert len({t.name for t in module.TOOLS}) == len(module.TOOLS) > 0


async def test_contacts_agent_asks_when_a_name_is_ambiguous(pool, actor, ctx):
    for last in ("Kim", "Lee"):
        await contacts_svc.create_contact(pool, actor, {"first_name": "Alex", "last_name": last})

    def relay(messages, tools):
        from langchain_core.messages import AIMessage

        return AIMessage(content=last_tool_result(messages, "get_contact")["question"])

    model = ScriptedChatModel(script=[call("get_contact", contact="Alex"), relay])
    agent = importlib.import_module("leadloom.agents.contacts").build_agent(model)
    out = await agent.ainvoke({"messages": [("user", "show me Alex")]}, context=ctx)
    assert "get_contact" in model.calls[0].tools
    assert out["messages"][-1].content.startswith("Which contact did you mean by 'Alex'")


async def test_contacts_agent_delete_waits_for_approval(pool, actor, ctx):
    await contacts_svc.create_contact(pool, actor, {"first_name": "Doomed", "email": "doomed@x.com"})
    model = ScriptedChatModel(script=[call("delete_contacts", contact="doomed@x.com"), "Deleted."])
    agent = importlib.import_module("leadloom.agents.contacts").build_agent(model, checkpointer=InMemorySaver())
    config = {"configurable": {"thread_id": "agent-delete"}}
    state = await agent.ainvoke({"messages": [("user", "delete doomed@x.com")]}, config, context=ctx)
    (pending,) = state["__interrupt__"]
    assert pending.value["action"] == "delete_contacts"
    assert (await call_tool(importlib.import_module("leadloom.tools.contacts").search_contacts, ctx))["count"] == 1
    state = await agent.ainvoke(Command(resume={"decision": "approve"}), config, context=ctx)
    assert last_tool_result(state["messages"], "delete_contacts")["deleted"] == 1
    assert state["messages"][-1].content == "Deleted."
