"""A deterministic stand-in for the chat model in the front-end e2e tests (no network, no live model).

It plays the supervisor and the specialists the way a real model would for a handful of requests: it
hands off with ``transfer_to_<agent>``, calls the real Leadloom tools (top_leads, create_task,
pipeline_by_stage, delete_contacts, ...) with real arguments, resolves "the first one" from the earlier
top_leads result in the conversation, and writes its answers from the tool results. Text answers are
streamed word by word, so the front ends' token streaming is exercised.

Used instead of ``leadloom.agents.local`` because the local model cannot yet resolve "the first one"
across turns and its first call is slow on a busy machine (see the report of issue 8).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import RunnableBinding
from langchain_core.utils.function_calling import convert_to_openai_tool

_ids = itertools.count()
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _json(content: Any) -> Any:
    try:
        return json.loads(content) if isinstance(content, str) else content
    except json.JSONDecodeError:
        return content


def _last_result(messages: Sequence[BaseMessage], name: str) -> Any:
    for m in reversed(messages):
        if isinstance(m, ToolMessage) and m.name == name:
            return _json(m.content)
    return None


def route(text: str) -> str:
    """Which specialist a request belongs to."""
    t = text.lower()
    if "hottest" in t or "top leads" in t or ("score" in t and "distribut" not in t):
        return "scoring"
    if "pipeline" in t or "distribut" in t or "conversion" in t:
        return "analytics"
    return "contacts"


def summarize(name: str, result: Any) -> str:
    """The answer a model would write from a tool's result."""
    if isinstance(result, dict) and "error" in result:
        return f"I couldn't do that: {result['error']}"
    if name == "top_leads":
        leads = (result or {}).get("leads") or []
        if not leads:
            return "You have no open leads yet."
        top = "; ".join(f"{i}. {lead['name']} (score {lead['score']})" for i, lead in enumerate(leads[:5], 1))
        return f"Your hottest leads: {top}."
    if name == "create_task":
        task = (result or {}).get("created") or {}
        due = str(task.get("due") or "")[:10] or "soon"
        return f"Created the task “{task.get('subject')}” for {task.get('contact') or 'them'}, due {due}."
    if name == "pipeline_by_stage":
        return (
            f"The {result['pipeline']['name']} pipeline has {result['open_deals']} open deals "
            f"worth {result['open_amount']} in total."
        )
    if name == "score_distribution":
        return f"{result.get('scored', 0)} contacts have a score; {result.get('unscored', 0)} do not yet."
    if name == "delete_contacts":
        if (result or {}).get("status") == "rejected" or (result or {}).get("rejected"):
            return "OK, I did not delete anything."
        return f"Deleted {result.get('deleted', 0)} contact(s); they can be restored."
    if name == "recommend_follow_ups":
        items = (result or {}).get("follow_ups") or (result or {}).get("items") or []
        return f"{len(items)} follow-ups are due."
    return "Done."


class CrmRuleModel(BaseChatModel):
    """Rules, not a script: every call decides from the conversation and the tools offered."""

    @property
    def _llm_type(self) -> str:
        return "crm-rules"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> RunnableBinding:  # type: ignore[override]
        names = [convert_to_openai_tool(t)["function"]["name"] for t in tools]
        return RunnableBinding(bound=self, kwargs={"tool_names": names})

    # ---- decisions -------------------------------------------------------------------------------

    def decide(self, messages: list[BaseMessage], tool_names: list[str]) -> AIMessage:
        human = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        request = str(human.content) if human else ""
        since_request = messages[messages.index(human) + 1 :] if human else messages
        if any(n.startswith("transfer_to_") for n in tool_names):
            return self._supervisor(messages, since_request, request)
        return self._specialist(messages, request, tool_names)

    def _supervisor(self, messages: list[BaseMessage], since: list[BaseMessage], request: str) -> AIMessage:
        results = [m for m in since if isinstance(m, ToolMessage) and not (m.name or "").startswith("transfer")]
        if results:
            last = results[-1]
            return AIMessage(content=summarize(last.name or "", _json(last.content)))
        if any(isinstance(m, ToolMessage) for m in since):
            return AIMessage(content="Done.")
        task = request
        if "first one" in request.lower():
            leads = ((_last_result(messages, "top_leads") or {}).get("leads")) or []
            if leads:
                task = f"create a follow-up task for {leads[0]['name']} (contact {leads[0]['contact_id']})"
        return _call(f"transfer_to_{route(request)}", task=task)

    def _specialist(self, messages: list[BaseMessage], request: str, tools: list[str]) -> AIMessage:
        last = messages[-1]
        if isinstance(last, ToolMessage) and not (last.name or "").startswith("transfer"):
            return AIMessage(content=summarize(last.name or "", _json(last.content)))
        task = str(last.content) if isinstance(last, ToolMessage) else request
        # The handoff's ToolMessage reads "Transferred to <agent>. Task: <task>".
        task = task.split("Task:", 1)[1].strip() if "Task:" in task else task
        t = task.lower()
        if "hottest" in t and "top_leads" in tools:
            return _call("top_leads", limit=5)
        if "task" in t and "create_task" in tools:
            ids = _UUID.findall(task)
            due = (date.today() + timedelta(days=1)).isoformat()
            return _call("create_task", subject="Follow up", contact=ids[-1] if ids else None, due=due)
        if "pipeline" in t and "pipeline_by_stage" in tools:
            return _call("pipeline_by_stage")
        if "distribut" in t and "score_distribution" in tools:
            return _call("score_distribution")
        if "delete" in t and "delete_contacts" in tools:
            name = re.sub(r"(?i).*delete( the contact)?\s+", "", task).strip(" .?!")
            return _call("delete_contacts", contact=name)
        if "follow up" in t and "recommend_follow_ups" in tools:
            return _call("recommend_follow_ups")
        return AIMessage(content="I can help with leads, tasks, the pipeline and contacts.")

    # ---- BaseChatModel -----------------------------------------------------------------------------

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        tool_names: list[str] | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        msg = self.decide(messages, tool_names or [])
        return ChatResult(generations=[ChatGeneration(message=msg.model_copy(update={"id": f"ai_{next(_ids)}"}))])

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        raise NotImplementedError("async only")

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        tool_names: list[str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        msg = self.decide(messages, tool_names or [])
        mid = f"ai_{next(_ids)}"
        if msg.tool_calls:
            chunks = [
                {"name": tc["name"], "args": json.dumps(tc["args"]), "id": tc["id"], "index": i}
                for i, tc in enumerate(msg.tool_calls)
            ]
            yield ChatGenerationChunk(message=AIMessageChunk(content="", id=mid, tool_call_chunks=chunks))
            return
        words = re.findall(r"\S+\s*", str(msg.content)) or [""]
        for word in words:
            # BaseChatModel reports each chunk to the callbacks (LangGraph's "messages" stream) itself.
            yield ChatGenerationChunk(message=AIMessageChunk(content=word, id=mid))


def _call(name: str, **args: Any) -> AIMessage:
    args = {k: v for k, v in args.items() if v is not None}
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call_{next(_ids)}"}])
