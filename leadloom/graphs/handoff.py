"""Handoff tools we own: ``transfer_to_<name>(task)`` moves the conversation to a specialist.

The pattern of langgraph-supervisor-py's handoff.py (not the dependency): the tool answers with a
``Command(goto=name, graph=Command.PARENT)`` so the *parent* graph routes to the specialist's node, and
it carries the supervisor's messages plus a ToolMessage so the history stays a valid tool-call exchange.
When a specialist finishes, ``handoff_back_messages`` records the return to the supervisor.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, ToolCall, ToolMessage
from langchain_core.tools import BaseTool, tool
from langgraph.types import Command, Send

from leadloom.graphs.state import SUPERVISOR
from leadloom.tools.context import AgentContext

HANDOFF_PREFIX = "transfer_to_"
HANDOFF_DESTINATION = "__handoff_destination"
IS_HANDOFF_BACK = "__is_handoff_back"
_WS = re.compile(r"\s+")


def handoff_tool_name(agent_name: str) -> str:
    return HANDOFF_PREFIX + _WS.sub("_", agent_name.strip()).lower()


def is_handoff_tool(name: str | None) -> bool:
    return bool(name) and (name.startswith(HANDOFF_PREFIX) or name.startswith("transfer_back_to_"))  # type: ignore[union-attr]


def _only_this_call(message: AIMessage, tool_call_id: str) -> AIMessage:
    # When the model calls several transfers at once, each branch keeps just its own call, so every
    # branch's history is a valid call/answer exchange.
    return AIMessage(
        content=message.content,
        tool_calls=[tc for tc in message.tool_calls if tc["id"] == tool_call_id],
        name=message.name,
        id=str(uuid.uuid4()),
    )


def create_handoff_tool(agent_name: str, description: str) -> BaseTool:
    """``transfer_to_<agent_name>(task="")``: hand the work (described by ``task``) to that specialist."""
    name = handoff_tool_name(agent_name)

    @tool(name, description=f"Hand the work to the {agent_name} specialist. {description}")
    def handoff(runtime: ToolRuntime[AgentContext], task: str = "") -> Command:
        """task: what the specialist should do, with the names, values and filters the person gave."""
        note = f"Transferred to {agent_name}." + (f" Task: {task}" if task else "")
        tool_message = ToolMessage(
            content=note,
            name=name,
            tool_call_id=runtime.tool_call_id,
            response_metadata={HANDOFF_DESTINATION: agent_name},
        )
        messages: list[Any] = list(runtime.state["messages"])
        last = messages[-1]
        if isinstance(last, AIMessage) and len(last.tool_calls) > 1:
            branch = [*messages[:-1], _only_this_call(last, runtime.tool_call_id or ""), tool_message]
            return Command(
                graph=Command.PARENT,
                goto=[Send(agent_name, {"messages": branch, "active_agent": agent_name, "task": task})],
            )
        return Command(
            graph=Command.PARENT,
            goto=agent_name,
            update={"messages": [*messages, tool_message], "active_agent": agent_name, "task": task},
        )

    handoff.metadata = {HANDOFF_DESTINATION: agent_name}
    return handoff


def handoff_back_messages(agent_name: str, supervisor_name: str = SUPERVISOR) -> tuple[AIMessage, ToolMessage]:
    """The (AIMessage, ToolMessage) pair appended when a specialist returns control to the supervisor."""
    call_id = str(uuid.uuid4())
    tool_name = f"transfer_back_to_{supervisor_name}"
    return (
        AIMessage(
            content=f"Transferring back to {supervisor_name}",
            tool_calls=[ToolCall(name=tool_name, args={}, id=call_id)],
            name=agent_name,
            response_metadata={IS_HANDOFF_BACK: True},
        ),
        ToolMessage(
            content=f"Successfully transferred back to {supervisor_name}",
            name=tool_name,
            tool_call_id=call_id,
            response_metadata={IS_HANDOFF_BACK: True},
        ),
    )
