"""Fixtures for calling tools the way an agent does: through LangChain's tool interface with a
ToolRuntime carrying an AgentContext, on the real embedded Postgres; and a one-node LangGraph graph with
an in-memory checkpointer to observe approvals (interrupt, then resume)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import Command

from leadloom.crm.context import Actor
from leadloom.tools.context import AgentContext


@pytest.fixture
def ctx(pool, actor, settings) -> AgentContext:
    # A low threshold so bulk-approval tests need only a handful of contacts.
    return AgentContext(pool=pool, actor=actor, settings=settings, approval_threshold=3)


def make_ctx(pool, settings, org, *, role: str = "owner", threshold: int = 3) -> AgentContext:
    actor = Actor(org_id=org.org["id"], user_id=org.owner["id"], role=role)  # type: ignore[arg-type]
    return AgentContext(pool=pool, actor=actor, settings=settings, approval_threshold=threshold)


async def call(tool: Any, ctx: AgentContext, **args: Any) -> Any:
    """Invoke ``tool`` as a model's tool call would, and return its JSON result."""
    runtime = ToolRuntime(
        state={"messages": []},
        context=ctx,
        config={"configurable": {"thread_id": "t-test"}},
        stream_writer=lambda _: None,
        tool_call_id="call-1",
        store=None,
    )
    msg = await tool.ainvoke(
        {"args": {**args, "runtime": runtime}, "id": "call-1", "name": tool.name, "type": "tool_call"}
    )
    return json.loads(msg.content)


class ApprovalGraph:
    """One ToolNode in a graph with a checkpointer, so a tool's interrupt pauses the run and can resume."""

    def __init__(self, tools: list[Any], ctx: AgentContext) -> None:
        builder = StateGraph(MessagesState, context_schema=AgentContext)
        builder.add_node("tools", ToolNode(tools))
        builder.add_edge(START, "tools")
        builder.add_edge("tools", END)
        self.graph = builder.compile(checkpointer=InMemorySaver())
        self.ctx = ctx
        self.config = {"configurable": {"thread_id": f"approval-{uuid.uuid4().hex}"}}

    async def run(self, tool_name: str, **args: Any) -> dict[str, Any]:
        call_msg = AIMessage(
            content="", tool_calls=[{"name": tool_name, "args": args, "id": "c1", "type": "tool_call"}]
        )
        return await self.graph.ainvoke({"messages": [call_msg]}, self.config, context=self.ctx)

    async def resume(self, value: Any) -> dict[str, Any]:
        return await self.graph.ainvoke(Command(resume=value), self.config, context=self.ctx)


def interrupts(state: dict[str, Any]) -> list[Any]:
    return [i.value for i in state.get("__interrupt__", [])]


def tool_result(state: dict[str, Any]) -> Any:
    return json.loads(state["messages"][-1].content)
