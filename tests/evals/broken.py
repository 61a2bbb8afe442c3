"""A deliberately broken router for the regression gate's own test: the local model, except that every
handoff goes to the analytics specialist. Everything else (tools, arguments, answers) is untouched, so
the gate has to catch it on routing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage

from leadloom.agents.local import LocalChatModel

HANDOFF = "transfer_to_"


class AlwaysAnalyticsModel(LocalChatModel):
    def respond(self, messages: Sequence[Any], tools: Sequence[dict[str, Any]]) -> AIMessage:
        # respond() is where both the generate and the stream paths get their message.
        message = super().respond(messages, tools)
        if message.tool_calls:
            message.tool_calls = [
                {**tc, "name": f"{HANDOFF}analytics"} if tc["name"].startswith(HANDOFF) else tc
                for tc in message.tool_calls
            ]
        return message
