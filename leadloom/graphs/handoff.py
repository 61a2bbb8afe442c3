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
from langgraph.types import Command

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


def _first_handoff_only(message: AIMessage) -> tuple[AIMessage, dict[str, Any]]:
    """Keep only the first transfer of a message that asked for several at once.

    create_agent runs parallel tool calls as separate tasks and only one parent command survives, so
    parallel handoffs cannot all happen. Every transfer call of the message computes this same result
    (deterministic ids), so whichever task wins, the outcome is the same: the first specialist runs,
    the supervisor's history shows only that call (a valid call/answer pair), and the supervisor is
    asked again afterwards and can hand the next step on.
    """
    first = next(tc for tc in message.tool_calls if tc["name"].startswith(HANDOFF_PREFIX))
    kept = AIMessage(
        content=message.content,
        tool_calls=[first],
        name=message.name,
        id=f"{message.id}-{first['id']}",
    )
    return kept, first


def create_handoff_tool(agent_name: str, description: str) -> BaseTool:
    """``transfer_to_<agent_name>(task="")``: hand the work (described by ``task``) to that specialist."""
    name = handoff_tool_name(agent_name)

    @tool(name, description=f"Hand the work to the {agent_name} specialist. {description}")
    def handoff(runtime: ToolRuntime[AgentContext], task: str = "") -> Command:
        """task: what the specialist should do, with the names, values and filters the person gave."""
        messages: list[Any] = list(runtime.state["messages"])
        last = messages[-1]
        destination, call_id = agent_name, runtime.tool_call_id
        if isinstance(last, AIMessage) and len(last.tool_calls) > 1:
            kept, first = _first_handoff_only(last)
            messages[-1] = kept
            destination, call_id = first["name"].removeprefix(HANDOFF_PREFIX), first["id"]
            task = str(first["args"].get("task") or "")
        note = f"Transferred to {destination}." + (f" Task: {task}" if task else "")
        tool_message = ToolMessage(
            content=note,
            name=handoff_tool_name(destination),
            tool_call_id=call_id,
            id=f"handoff-{call_id}",
            response_metadata={HANDOFF_DESTINATION: destination},
        )
        return Command(
            graph=Command.PARENT,
            goto=destination,
            update={"messages": [*messages, tool_message], "active_agent": destination, "task": task},
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
