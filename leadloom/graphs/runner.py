"""The one runner every front end calls (agent API, terminal chat, Chainlit, Slack).

``AgentRunner`` owns the supervisor graph, its Postgres checkpointer and store on the shared pool, and
the bookkeeping around a turn: thread ownership (``agent_threads``, checked before any checkpoint is
touched, because LangGraph's tables carry no tenant), run records (``agent_runs``), the Actor that makes
every tool write traceable to the run, run budgets, timings, and the translation of LangGraph's stream
into a small set of events.

Events (``Event.type``): ``token`` (text as the model writes it), ``handoff`` (from/to agent),
``tool_start`` / ``tool_end``, ``progress`` (a tool's custom stream), ``interrupt`` (an approval is
needed), ``error``, and ``final`` (always last; carries the RunResult).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langgraph.errors import GraphRecursionError
from langgraph.types import Command
from psycopg_pool import AsyncConnectionPool

from leadloom.agents.models import ORG_METADATA_KEY
from leadloom.crm.context import Actor, Source
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError, LeadloomError, NotFoundError, ValidationError
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import agents as repo
from leadloom.crm.repositories import orgs as org_repo
from leadloom.crm.services import audit
from leadloom.crm.settings import Settings
from leadloom.graphs.handoff import HANDOFF_DESTINATION, IS_HANDOFF_BACK, is_handoff_tool
from leadloom.graphs.state import SUPERVISOR
from leadloom.tools.context import AgentContext

log = logging.getLogger(__name__)
# Strong references to fire-and-forget bookkeeping tasks (asyncio keeps only weak ones).
_BACKGROUND: set[asyncio.Task[None]] = set()

Status = Literal["completed", "interrupted", "failed"]
Decision = Literal["approve", "edit", "reject"]
DECISIONS = ("approve", "edit", "reject")
MAX_INPUT_CHARS = 8000
# How long an organization's vocabulary (new users, tags, stages) may be stale for the local model.
VOCABULARY_TTL_S = 300.0
MAX_CACHED_ORGS = 256
_RESULT_CHARS = 4000


class BudgetExceededError(LeadloomError):
    """A run went over one of its budgets (tool calls, time, steps); it ends with a clear message."""

    status = 429
    title = "Run budget exceeded"


@dataclass
class RunResult:
    run_id: str
    thread_id: str
    status: Status
    output: str
    interrupts: list[dict[str, Any]] = field(default_factory=list)
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    type: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, **self.data}


class RunMeter(AsyncCallbackHandler):
    """Times the chat model's calls (model time vs Leadloom's own) and enforces the tool-call budget.

    ``raise_error`` makes the budget exception stop the tool before it runs; ``run_inline`` keeps the
    timings ordered with the graph's own work.
    """

    raise_error = True
    run_inline = True

    def __init__(self, max_tool_calls: int, used: int = 0) -> None:
        self.max_tool_calls = max_tool_calls
        self.tool_calls = used
        self.model_calls = 0
        self.model_s = 0.0
        self._started: dict[UUID, float] = {}
        self.started_calls: list[dict[str, Any]] = []
        self.tool_s = 0.0
        self._tool_started: dict[UUID, float] = {}

    async def on_chat_model_start(self, serialized: Any, messages: Any, *, run_id: UUID, **kw: Any) -> None:
        self._started[run_id] = time.perf_counter()
        self.model_calls += 1

    async def on_llm_start(self, serialized: Any, prompts: Any, *, run_id: UUID, **kw: Any) -> None:
        self._started[run_id] = time.perf_counter()
        self.model_calls += 1

    def _stop(self, run_id: UUID) -> None:
        started = self._started.pop(run_id, None)
        if started is not None:
            self.model_s += time.perf_counter() - started

    async def on_llm_end(self, response: Any, *, run_id: UUID, **kw: Any) -> None:
        self._stop(run_id)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._stop(run_id)

    def _tool_done(self, run_id: UUID) -> None:
        started = self._tool_started.pop(run_id, None)
        if started is not None:
            self.tool_s += time.perf_counter() - started

    async def on_tool_end(self, output: Any, *, run_id: UUID, **kw: Any) -> None:
        self._tool_done(run_id)

    async def on_tool_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._tool_done(run_id)

    async def on_tool_start(self, serialized: Any, input_str: str, *, run_id: UUID, **kw: Any) -> None:
        name = (serialized or {}).get("name") or kw.get("name")
        if is_handoff_tool(name):
            return  # moving between agents is not an action on the CRM
        self.tool_calls += 1
        # Kept here as well as in the stream: when a run stops early the stream's last updates are lost.
        ns = str((kw.get("metadata") or {}).get("langgraph_checkpoint_ns") or "")
        call = {
            "id": kw.get("tool_call_id"),
            "agent": ns.split(":", 1)[0] or SUPERVISOR,
            "name": name,
            "args": kw.get("inputs") or {},
            "status": "running",
            "result": None,
        }
        self.started_calls.append(call)
        self._tool_started[run_id] = time.perf_counter()
        if self.tool_calls > self.max_tool_calls:
            call["status"] = "refused"
            raise BudgetExceededError(
                f"I stopped after {self.max_tool_calls} tool calls, the most one request may use. "
                "Nothing after that point was done; please split the request into smaller steps."
            )


def _agent_of(ns: tuple[str, ...]) -> str:
    return ns[-1].split(":", 1)[0] if ns else SUPERVISOR


def _parse(content: Any) -> Any:
    if isinstance(content, str):
        try:
            return json.loads(content)
        except (json.JSONDecodeError, ValueError):
            return content[:_RESULT_CHARS]
    return content


def _short(value: Any) -> Any:
    text = json.dumps(value, default=str)
    return value if len(text) <= _RESULT_CHARS else text[:_RESULT_CHARS] + "…"


def _message_text(m: BaseMessage) -> str:
    text = m.text
    return text if isinstance(text, str) else str(m.content)


def message_to_dict(m: BaseMessage) -> dict[str, Any]:
    """A message as the API and the chat front ends show it."""
    role = {"human": "user", "ai": "assistant", "tool": "tool", "system": "system"}.get(m.type, m.type)
    out: dict[str, Any] = {"id": m.id, "role": role, "content": _message_text(m), "agent": m.name}
    if isinstance(m, AIMessage) and m.tool_calls:
        out["tool_calls"] = [{"id": tc["id"], "name": tc["name"], "args": tc["args"]} for tc in m.tool_calls]
    if isinstance(m, ToolMessage):
        out["tool_call_id"] = m.tool_call_id
        out["agent"] = None
        out["tool"] = m.name
    if m.response_metadata.get(IS_HANDOFF_BACK) or m.response_metadata.get(HANDOFF_DESTINATION):
        out["handoff"] = True
    return out


class _Turn:
    """What one pass through the graph produced, gathered from its stream."""

    def __init__(self, tool_calls: list[dict[str, Any]] | None = None) -> None:
        self.tool_calls: list[dict[str, Any]] = list(tool_calls or [])
        self._by_id = {tc["id"]: tc for tc in self.tool_calls if tc.get("id")}
        self.interrupts: dict[str, dict[str, Any]] = {}
        self.final_messages: list[BaseMessage] | None = None

    def merge_started(self, started: list[dict[str, Any]]) -> None:
        """Add calls the meter saw start but the stream did not deliver (the run stopped first)."""
        for call in started:
            if call["id"] and call["id"] in self._by_id:
                if call["status"] == "refused":
                    self._by_id[call["id"]]["status"] = "refused"
                continue
            self.tool_calls.append(dict(call))
            if call["id"]:
                self._by_id[call["id"]] = self.tool_calls[-1]

    def events_from_update(self, ns: tuple[str, ...], chunk: dict[str, Any], agents: set[str]) -> list[Event]:
        events: list[Event] = []
        agent = _agent_of(ns)
        for node, update in chunk.items():
            if node == "__interrupt__":
                for intr in update:
                    if intr.id in self.interrupts:
                        continue
                    value = intr.value if isinstance(intr.value, dict) else {"preview": {"summary": str(intr.value)}}
                    item = {
                        "id": intr.id,
                        "action": value.get("action"),
                        "args": value.get("args", {}),
                        "preview": value.get("preview", {}),
                    }
                    self.interrupts[intr.id] = item
                    for tc in self.tool_calls:
                        if tc["status"] == "running":
                            tc["status"] = "awaiting_approval"
                    events.append(Event("interrupt", item))
                continue
            if not ns and node == SUPERVISOR and isinstance(update, dict):
                # The supervisor's last word this turn (its subgraph finished without a handoff).
                self.final_messages = list(update.get("messages") or [])
                continue
            if not ns and node in agents:
                events.append(Event("handoff", {"from": node, "to": SUPERVISOR}))
                continue
            if not ns or not isinstance(update, dict):
                continue
            for m in update.get("messages", []) or []:
                if isinstance(m, AIMessage):
                    for tc in m.tool_calls:
                        if is_handoff_tool(tc["name"]):
                            if tc["name"].startswith("transfer_to_"):
                                events.append(
                                    Event(
                                        "handoff",
                                        {
                                            "from": agent,
                                            "to": tc["name"].removeprefix("transfer_to_"),
                                            "task": tc["args"].get("task", ""),
                                        },
                                    )
                                )
                            continue
                        rec = {"id": tc["id"], "agent": agent, "name": tc["name"], "args": tc["args"]}
                        rec.update(status="running", result=None)
                        if tc["id"] in self._by_id:  # the same call replayed after an approval
                            continue
                        self.tool_calls.append(rec)
                        self._by_id[tc["id"]] = rec
                        events.append(Event("tool_start", {k: rec[k] for k in ("id", "agent", "name", "args")}))
                elif isinstance(m, ToolMessage) and not is_handoff_tool(m.name):
                    result = _short(_parse(m.content))
                    rec = self._by_id.get(m.tool_call_id)
                    failed = m.status == "error" or (isinstance(result, dict) and "error" in result)
                    if rec is not None:
                        rec.update(result=result, status="error" if failed else "ok")
                    events.append(
                        Event(
                            "tool_end",
                            {"id": m.tool_call_id, "agent": agent, "name": m.name, "result": result, "ok": not failed},
                        )
                    )
        return events


class AgentRunner:
    """Runs conversations on the supervisor graph for every front end. ``await start()`` before use.

    ``model`` defaults to ``get_chat_model(settings.model)``; ``agents`` to the four specialists. Pass
    ``admin_url`` to create LangGraph's tables at start (they need the owning role); without it they
    must already exist (``memory.setup.setup_memory``).
    """

    def __init__(
        self,
        pool: AsyncConnectionPool[Conn],
        settings: Settings,
        *,
        model: Any = None,
        agents: dict[str, Any] | None = None,
        admin_url: str | None = None,
        graph_kwargs: dict[str, Any] | None = None,
        durability: Literal["exit", "async", "sync"] = "exit",
    ) -> None:
        self.pool = pool
        self.settings = settings
        self.model = model
        self.agents = agents
        self.admin_url = admin_url
        self.graph_kwargs = graph_kwargs or {}
        # "exit": checkpoints are written when a turn ends or pauses for approval, not after every
        # step. A turn is short, and a crash mid-turn loses only that turn's unfinished steps (its
        # finished tool writes are already committed in the CRM); it saves most of a turn's own time.
        self.durability = durability
        self.checkpointer: Any = None
        self.store: Any = None
        self.graph: Any = None
        self.agent_names: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._scoped: Any = None
        self._vocab_loaded: dict[str, float] = {}
        self._callbacks: list[Any] = []

    async def start(self) -> AgentRunner:
        # Imported here so importing the runner (e.g. for its types) does not load LangGraph's Postgres code.
        from leadloom.agents.models import OrgScopedModel, get_chat_model, tracing_callbacks
        from leadloom.graphs.supervisor import build_graph
        from leadloom.memory.checkpointer import make_checkpointer
        from leadloom.memory.setup import setup_memory
        from leadloom.memory.store import make_store

        if self.admin_url:
            await setup_memory(self.admin_url, self.settings)
        self.checkpointer = make_checkpointer(self.pool)
        self.store = make_store(self.pool)
        if self.model is None:
            self.model = get_chat_model(settings=self.settings)
        if hasattr(self.model, "load"):
            # The local model loads its embedder and classifier here, not inside someone's first turn.
            await asyncio.to_thread(self.model.load)
        graph_model = self.model
        if hasattr(self.model, "with_vocabulary"):
            self._scoped = OrgScopedModel(inner=self.model)
            graph_model = self._scoped
        self.graph = build_graph(
            graph_model, checkpointer=self.checkpointer, store=self.store, agents=self.agents, **self.graph_kwargs
        )
        self.agent_names = {n for n in self.graph.nodes if n not in (SUPERVISOR, "__start__", "__end__")}
        self._callbacks = tracing_callbacks(self.settings)
        return self

    async def aclose(self) -> None:
        """Nothing to release today (the pool belongs to the app); kept so front ends can call it."""
        self.graph = None

    # ---- threads -------------------------------------------------------------------------------

    async def create_thread(self, actor: Actor, title: str | None = None) -> str:
        thread_id = str(uuid.uuid4())
        async with org_tx(self.pool, actor.org_id) as conn:
            await repo.insert_thread(
                conn, thread_id=thread_id, org_id=actor.org_id, user_id=actor.user_id, title=(title or None)
            )
        return thread_id

    async def list_threads(self, actor: Actor, *, limit: int = 100) -> list[dict[str, Any]]:
        async with org_tx(self.pool, actor.org_id) as conn:
            return await repo.list_threads(conn, user_id=actor.user_id, limit=max(1, min(limit, 500)))

    async def get_thread(self, actor: Actor, thread_id: str) -> dict[str, Any]:
        """The thread's row, if it belongs to this person in this organization; else NotFoundError."""
        async with org_tx(self.pool, actor.org_id) as conn:
            row = await repo.get_thread(conn, thread_id=thread_id, user_id=actor.user_id)
        if row is None:
            raise NotFoundError(f"no conversation {thread_id!r}")
        return row

    async def get_thread_messages(self, actor: Actor, thread_id: str) -> list[dict[str, Any]]:
        await self.get_thread(actor, thread_id)
        state = await self._graph().aget_state(self._config(thread_id))
        return [message_to_dict(m) for m in (state.values or {}).get("messages", [])]

    async def get_run(self, actor: Actor, thread_id: str, run_id: str) -> dict[str, Any]:
        await self.get_thread(actor, thread_id)
        async with org_tx(self.pool, actor.org_id) as conn:
            row = await repo.get_run(conn, run_id=run_id, thread_id=thread_id)
        if row is None:
            raise NotFoundError(f"no run {run_id!r} in this conversation")
        return row

    async def pending_interrupts(self, actor: Actor, thread_id: str) -> list[dict[str, Any]]:
        await self.get_thread(actor, thread_id)
        state = await self._graph().aget_state(self._config(thread_id))
        return [_interrupt_dict(i) for i in state.interrupts]

    # ---- runs ----------------------------------------------------------------------------------

    async def run(self, actor: Actor, thread_id: str, text: str, *, source: Source = "api") -> RunResult:
        return await _final(self.stream(actor, thread_id, text, source=source, tokens=False))

    async def resume(
        self,
        actor: Actor,
        thread_id: str,
        run_id: str,
        decision: str,
        args: dict[str, Any] | None = None,
        reason: str | None = None,
        *,
        source: Source = "api",
    ) -> RunResult:
        return await _final(
            self.resume_stream(actor, thread_id, run_id, decision, args, reason, source=source, tokens=False)
        )

    async def stream(
        self, actor: Actor, thread_id: str, text: str, *, source: Source = "api", tokens: bool = True
    ) -> AsyncIterator[Event]:
        """The turn as events; ``tokens=False`` skips token events (cheaper when only the result matters)."""
        text = (text or "").strip()
        if not text:
            raise ValidationError("say what you would like to do", errors=[{"field": "input", "message": "required"}])
        if len(text) > MAX_INPUT_CHARS:
            raise ValidationError(
                f"the message is longer than {MAX_INPUT_CHARS} characters",
                errors=[{"field": "input", "message": "too long"}],
            )
        lock = self._lock(thread_id)
        async with lock:
            run_id = str(uuid.uuid4())
            # One transaction: ownership, pending approval, threshold, and the run record.
            async with org_tx(self.pool, actor.org_id) as conn:
                thread = await repo.thread_for_run(conn, thread_id=thread_id, user_id=actor.user_id)
                if thread is None:
                    raise NotFoundError(f"no conversation {thread_id!r}")
                if thread["last_status"] == "interrupted":
                    raise ConflictError(
                        "this conversation is waiting for an approval; approve, edit or reject it first"
                    )
                await repo.insert_run(
                    conn,
                    run_id=run_id,
                    org_id=actor.org_id,
                    thread_id=thread_id,
                    user_id=actor.user_id,
                    source=source,
                    input=text,
                )
                await repo.touch_thread(conn, thread_id=thread_id, title=text[:80])
            threshold = _threshold(thread["approval_threshold"], self.settings.approval_threshold)
            payload = {"messages": [HumanMessage(content=text)], "active_agent": SUPERVISOR}
            async for event in self._execute(
                actor, thread_id, run_id, payload, source=source, threshold=threshold, tokens=tokens
            ):
                yield event

    async def resume_stream(
        self,
        actor: Actor,
        thread_id: str,
        run_id: str,
        decision: str,
        args: dict[str, Any] | None = None,
        reason: str | None = None,
        *,
        source: Source = "api",
        tokens: bool = True,
    ) -> AsyncIterator[Event]:
        decision = (decision or "").strip().lower()
        if decision not in DECISIONS:
            raise ValidationError(
                "decision must be approve, edit or reject",
                errors=[{"field": "decision", "message": "expected approve, edit or reject"}],
            )
        if decision == "edit" and not isinstance(args, dict):
            raise ValidationError("an edit needs the new arguments", errors=[{"field": "args", "message": "required"}])
        run = await self.get_run(actor, thread_id, run_id)
        lock = self._lock(thread_id)
        async with lock:
            state = await self._graph().aget_state(self._config(thread_id))
            if run["status"] != "interrupted" or not state.interrupts:
                raise ConflictError(f"run {run_id} is not waiting for an approval (it is {run['status']})")
            value: dict[str, Any] = {"decision": decision, "args": args or {}, "reason": reason}
            pending = list(state.interrupts)
            # One pending approval takes the plain value; parallel ones each get the same answer by id.
            resume = Command(resume=value) if len(pending) == 1 else Command(resume={i.id: value for i in pending})
            if decision != "reject":
                # Approving is a permission of its own (docs/permissions.md); the approved action is then
                # still authorized as this same person by the service it calls.
                authorize(actor, "agent.approve")
            async with org_tx(self.pool, actor.org_id) as conn:
                await repo.touch_thread(conn, thread_id=thread_id)
                # Who approved, edited or rejected which agent action, in the audit log with the run it belongs to.
                await audit.record(
                    conn,
                    actor.via(source, run_id=run_id, thread_id=thread_id),
                    org_id=actor.org_id,
                    action="approval",
                    entity="agent_run",
                    entity_id=run_id,
                    after={
                        "decision": decision,
                        "actions": [(i.value or {}).get("action") for i in pending if isinstance(i.value, dict)],
                        "args": args,
                        "reason": reason,
                    },
                )
            threshold = await self._approval_threshold(actor)
            async for event in self._execute(
                actor,
                thread_id,
                run_id,
                resume,
                source=source,
                previous=run,
                resumed=True,
                threshold=threshold,
                tokens=tokens,
            ):
                yield event

    # ---- internals -----------------------------------------------------------------------------

    def _graph(self) -> Any:
        if self.graph is None:
            raise LeadloomError("the agent runner is not started (await runner.start())")
        return self.graph

    def _lock(self, thread_id: str) -> asyncio.Lock:
        # One turn at a time per thread in this process: two concurrent turns would fork its checkpoint.
        return self._locks.setdefault(thread_id, asyncio.Lock())

    async def _ensure_org_model(self, actor: Actor) -> None:
        """Give the local model this organization's vocabulary (names, stages, tags), refreshed now and then."""
        if self._scoped is None:
            return
        key, now = str(actor.org_id), time.monotonic()
        if now - self._vocab_loaded.get(key, -VOCABULARY_TTL_S) < VOCABULARY_TTL_S:
            return
        try:
            from leadloom.agents.local import load_vocabulary
        except ImportError:
            return
        vocabulary = await load_vocabulary(self.pool, actor)
        if len(self._vocab_loaded) >= MAX_CACHED_ORGS:
            oldest = min(self._vocab_loaded, key=self._vocab_loaded.__getitem__)
            self._vocab_loaded.pop(oldest)
            self._scoped.per_org.pop(oldest, None)
        self._scoped.per_org[key] = self.model.with_vocabulary(vocabulary)
        self._vocab_loaded[key] = now

    def _config(self, thread_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": thread_id}}

    async def _approval_threshold(self, actor: Actor) -> int:
        async with org_tx(self.pool, actor.org_id) as conn:
            org = await org_repo.get_org(conn, org_id=actor.org_id)
        return _threshold(
            ((org or {}).get("settings") or {}).get("approval_threshold"), self.settings.approval_threshold
        )

    async def _execute(
        self,
        actor: Actor,
        thread_id: str,
        run_id: str,
        payload: Any,
        *,
        source: Source,
        previous: dict[str, Any] | None = None,
        resumed: bool = False,
        threshold: int | None = None,
        tokens: bool = True,
    ) -> AsyncIterator[Event]:
        started = time.perf_counter()
        prior_calls = list((previous or {}).get("tool_calls") or [])
        prior_timings = dict((previous or {}).get("timings") or {})
        meter = RunMeter(self.settings.agent_max_tool_calls, used=len(prior_calls))
        turn = _Turn(prior_calls)
        run_actor = actor.via(source, run_id=run_id, thread_id=thread_id)
        context = AgentContext(
            pool=self.pool,
            actor=run_actor,
            settings=self.settings,
            approval_threshold=threshold if threshold is not None else self.settings.approval_threshold,
        )
        config: dict[str, Any] = {
            **self._config(thread_id),
            "recursion_limit": self.settings.agent_recursion_limit,
            "callbacks": [meter, *self._callbacks],
            # ORG_METADATA_KEY reaches every model call: OrgScopedModel picks the organization's copy by it.
            "metadata": {"leadloom_run_id": run_id, ORG_METADATA_KEY: str(actor.org_id), "resumed": resumed},
            "run_name": "leadloom_turn",
        }
        status: Status = "completed"
        error: str | None = None
        output = ""
        graph = self._graph()
        try:
            await self._ensure_org_model(actor)
            async with asyncio.timeout(self.settings.agent_timeout_s):
                async for ns, mode, chunk in graph.astream(
                    payload,
                    config,
                    context=context,
                    # "messages" mode hooks every model and node event; only streaming callers need it.
                    stream_mode=["messages", "updates", "custom"] if tokens else ["updates", "custom"],
                    subgraphs=True,
                    durability=self.durability,
                ):
                    for event in self._events(ns, mode, chunk, turn):
                        yield event
        except (GeneratorExit, asyncio.CancelledError):
            # The caller went away (a closed stream, a cancelled request): the run must not stay "running".
            self._abandon(actor, run_id, turn, started)
            raise
        except BudgetExceededError as exc:
            status, error, output = "failed", "budget_exceeded", exc.detail
        except TimeoutError:
            status, error = "failed", "timeout"
            output = (
                f"I stopped because this request took longer than {self.settings.agent_timeout_s:.0f} seconds. "
                "Steps finished before that point were saved; please try a smaller request."
            )
        except GraphRecursionError:
            status, error = "failed", "recursion_limit"
            output = (
                "I stopped because this request needed more steps than one turn may take "
                f"({self.settings.agent_recursion_limit}). Please split it into smaller requests."
            )
        except LeadloomError as exc:
            status, error, output = "failed", type(exc).__name__, exc.detail
        except Exception as exc:
            log.exception("agent run %s failed", run_id)
            status, error = "failed", type(exc).__name__
            output = "Something went wrong on our side while handling this request; it has been logged."

        if status == "completed":
            if not turn.interrupts and turn.final_messages is None:
                # The stream normally says how the turn ended; ask the checkpoint only when it did not.
                state = await graph.aget_state(self._config(thread_id))
                for intr in state.interrupts:
                    turn.interrupts.setdefault(intr.id, _interrupt_dict(intr))
                turn.final_messages = state.values.get("messages", [])
            if turn.interrupts:
                status = "interrupted"
                output = "; ".join(
                    str((i.get("preview") or {}).get("summary") or f"{i.get('action')} needs your approval")
                    for i in turn.interrupts.values()
                )
            else:
                output = _final_text(turn.final_messages or [])
        else:
            turn.merge_started(meter.started_calls)
            yield Event("error", {"error": error, "message": output})
            await self._close_failed_turn(thread_id, output)

        total_s = time.perf_counter() - started
        timings = {
            "model_ms": round(meter.model_s * 1000, 2),
            "own_ms": round(max(0.0, total_s - meter.model_s) * 1000, 2),
            "total_ms": round(total_s * 1000, 2),
            # Part of own_ms: time inside CRM tools (their queries), the rest is graph and bookkeeping.
            "tools_ms": round(meter.tool_s * 1000, 2),
            "model_calls": meter.model_calls,
        }
        if resumed and prior_timings:
            timings["before_approval"] = prior_timings
        interrupts = list(turn.interrupts.values()) if status == "interrupted" else []
        result = RunResult(
            run_id=run_id,
            thread_id=thread_id,
            status=status,
            output=output,
            interrupts=interrupts,
            tool_calls=turn.tool_calls,
            timings=timings,
            error=error,
        )
        try:
            async with org_tx(self.pool, actor.org_id) as conn:
                await repo.finish_run(
                    conn,
                    run_id=run_id,
                    status=status,
                    output=output,
                    tool_calls=turn.tool_calls,
                    interrupts=interrupts,
                    timings=timings,
                    error=error,
                )
        except Exception:
            # The person still gets the answer; the run record is bookkeeping.
            log.exception("could not record agent run %s", run_id)
        yield Event("final", {"result": result.to_dict()})

    def _events(self, ns: tuple[str, ...], mode: str, chunk: Any, turn: _Turn) -> list[Event]:
        if mode == "updates":
            return turn.events_from_update(ns, chunk, self.agent_names)
        if mode == "custom":
            return [Event("progress", {"agent": _agent_of(ns), "data": chunk})]
        if mode == "messages":
            msg, meta = chunk
            if isinstance(msg, AIMessageChunk | AIMessage) and not msg.response_metadata.get(IS_HANDOFF_BACK):
                text = _message_text(msg)
                if text:
                    agent = meta.get("lc_agent_name") or _agent_of(ns)
                    return [Event("token", {"agent": agent, "text": text})]
        return []

    def _abandon(self, actor: Actor, run_id: str, turn: _Turn, started: float) -> None:
        async def record() -> None:
            try:
                async with org_tx(self.pool, actor.org_id) as conn:
                    await repo.finish_run(
                        conn,
                        run_id=run_id,
                        status="failed",
                        output="The request was cancelled before it finished.",
                        tool_calls=turn.tool_calls,
                        interrupts=[],
                        timings={"total_ms": round((time.perf_counter() - started) * 1000, 2)},
                        error="cancelled",
                    )
            except Exception:
                log.exception("could not record the cancelled run %s", run_id)

        # Awaiting here is not possible while the generator is being closed; a task records it instead.
        task = asyncio.get_running_loop().create_task(record())
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)

    async def _close_failed_turn(self, thread_id: str, message: str) -> None:
        """Leave the stop message in the thread, so its history says why the turn ended."""
        try:
            await self._graph().aupdate_state(
                self._config(thread_id),
                {"messages": [AIMessage(content=message, name=SUPERVISOR)], "active_agent": SUPERVISOR},
                as_node=SUPERVISOR,
            )
        except Exception:
            log.exception("could not record the end of a failed turn on thread %s", thread_id)


def _threshold(value: Any, default: int) -> int:
    """The organization's approval threshold from its settings, when it is a sensible whole number."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return n if n >= 0 else default


def _interrupt_dict(intr: Any) -> dict[str, Any]:
    value = intr.value if isinstance(intr.value, dict) else {"preview": {"summary": str(intr.value)}}
    return {
        "id": intr.id,
        "action": value.get("action"),
        "args": value.get("args", {}),
        "preview": value.get("preview", {}),
    }


def _final_text(messages: list[BaseMessage]) -> str:
    """The answer of this turn: the last AI message with text (the supervisor's, normally)."""
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            break
        if isinstance(m, AIMessage) and not m.response_metadata.get(IS_HANDOFF_BACK):
            text = _message_text(m)
            if text.strip():
                return text
    return ""


async def _final(events: AsyncIterator[Event]) -> RunResult:
    result: dict[str, Any] | None = None
    async for event in events:
        if event.type == "final":
            result = event.data["result"]
    assert result is not None, "a run always ends with a final event"
    return RunResult(**result)
