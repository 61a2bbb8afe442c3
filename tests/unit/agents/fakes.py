"""Scripted chat models for agent tests: no network, no live model (STYLE.md #11).

``ScriptedChatModel`` answers each call with the next scripted step. A step is an AIMessage, a string
(a plain answer), or a function ``(messages, tool_names) -> AIMessage`` for answers that depend on what
the graph has produced so far (ids from earlier tool results). One model instance serves the
supervisor and every specialist, like a real model would; ``calls`` records what each call saw.
Pattern after langgraph's libs/prebuilt/tests/model.py.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import RunnableBinding
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

Step = AIMessage | str | Callable[[list[BaseMessage], list[str]], AIMessage]
_ids = itertools.count()


def call(name: str, /, **args: Any) -> AIMessage:
    """An AI message with one tool call."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call_{next(_ids)}"}])


def calls(*pairs: tuple[str, dict[str, Any]]) -> AIMessage:
    """An AI message with several tool calls at once."""
    return AIMessage(content="", tool_calls=[{"name": n, "args": a, "id": f"call_{next(_ids)}"} for n, a in pairs])


def last_tool_result(messages: Sequence[BaseMessage], name: str | None = None) -> Any:
    """The parsed content of the latest ToolMessage (optionally of tool ``name``)."""
    for m in reversed(messages):
        if isinstance(m, ToolMessage) and (name is None or m.name == name):
            try:
                return json.loads(m.content) if isinstance(m.content, str) else m.content
            except json.JSONDecodeError:
                return m.content
    raise AssertionError(f"no tool result {name or ''} in the conversation")


@dataclass
class SeenCall:
    messages: list[BaseMessage]
    tools: list[str]


class ScriptedChatModel(BaseChatModel):
    """Emits the scripted steps in order; raises when the script runs out (a test bug, said plainly)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    script: list[Any] = Field(default_factory=list)
    cycle: bool = False
    calls: list[SeenCall] = Field(default_factory=list)
    position: int = 0

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> RunnableBinding:  # type: ignore[override]
        # create_agent binds tools before every model call; names are all the script needs.
        names = [getattr(t, "name", None) or convert_to_openai_tool(t)["function"]["name"] for t in tools]
        return RunnableBinding(bound=self, kwargs={"tool_names": names})

    def _next(self, messages: list[BaseMessage], tool_names: list[str]) -> AIMessage:
        self.calls.append(SeenCall(list(messages), list(tool_names)))
        if self.position >= len(self.script):
            if not self.cycle or not self.script:
                raise AssertionError(f"script exhausted after {self.position} steps; last: {messages[-1]!r}")
            self.position = 0
        step = self.script[self.position]
        self.position += 1
        if callable(step) and not isinstance(step, AIMessage):
            step = step(messages, tool_names)
        msg = AIMessage(content=step) if isinstance(step, str) else step
        # Fresh ids per call: the same scripted message may be replayed (cycling, repeated steps).
        tool_calls = [{**tc, "id": f"call_{next(_ids)}"} for tc in msg.tool_calls]
        return msg.model_copy(update={"id": f"ai_{next(_ids)}", "tool_calls": tool_calls})

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        tool_names: list[str] | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages, tool_names or []))])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        tool_names: list[str] | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._generate(messages, stop, None, tool_names=tool_names)
