"""The supervisor graph's state: the shared conversation and which agent holds the floor."""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict

SUPERVISOR = "supervisor"


class SupervisorState(TypedDict):
    """One list of messages shared by the supervisor and every specialist (full history).

    ``active_agent`` is who acts next or last (the supervisor after a specialist hands back);
    ``task`` is what the supervisor asked the current specialist to do.
    """

    messages: Annotated[list[AnyMessage], add_messages]
    active_agent: NotRequired[str | None]
    task: NotRequired[str | None]


def last_ai_text(messages: list[Any]) -> str:
    """The text of the latest AI message that is not a tool-call-only step."""
    from langchain_core.messages import AIMessage

    for m in reversed(messages):
        if isinstance(m, AIMessage) and not m.response_metadata.get("__is_handoff_back"):
            text = m.text if isinstance(m.text, str) else str(m.content)
            if text.strip():
                return text
    return ""
