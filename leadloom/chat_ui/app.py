"""Leadloom in the browser: the Chainlit app, a thin adapter from a chat session to the one AgentRunner.

The session's Chainlit thread id is the agent thread id (a row in agent_threads, the same threads the
agent API lists), so history and resume work through ``history.LeadloomDataLayer``. A turn's events
become Chainlit elements: the supervisor's tokens stream into one message, each handoff and tool call is
a step, list results become tables with links, analytics answers get a Plotly chart, and an approval
is a message with Approve / Edit / Reject buttons that resume the run in place. A CSV dropped in the chat
starts an import dry run and asks before the real one.

Loaded by Chainlit from its file path (see mount.py); it reaches the runner through ``state``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import chainlit as cl

from leadloom.chat_ui import render, state
from leadloom.chat_ui.history import LeadloomDataLayer
from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import LeadloomError
from leadloom.crm.repositories import agents as agent_repo
from leadloom.crm.repositories.orgs import auth_user_by_email
from leadloom.crm.services import auth as auth_service
from leadloom.crm.services import imports
from leadloom.graphs.charts import chart_for
from leadloom.graphs.runner import Event

log = logging.getLogger(__name__)

STARTERS = (
    ("Hottest leads", "Who are my hottest leads this week?"),
    ("Pipeline", "Show the pipeline by stage"),
    ("Follow-ups", "What should I follow up on today?"),
    ("Score distribution", "How are lead scores distributed?"),
)
GREETING = (
    "Hi {name}, I'm Leadloom. Ask me about your contacts, deals, lead scores, campaigns and reports, "
    "or drop a CSV file here to import contacts. Anything risky waits for your approval."
)
ASK_TIMEOUT_S = 600


@cl.data_layer
def _data_layer() -> LeadloomDataLayer:
    return LeadloomDataLayer()


@cl.password_auth_callback
async def auth(username: str, password: str) -> cl.User | None:
    """The same accounts as the API: email and argon2 password of a Leadloom user, with the same failed-login
    lockout and login audit (crm/services/auth.py)."""
    try:
        email = normalize.email(username)
    except ValueError:
        return None
    runtime = state.runtime()
    try:
        actor = await auth_service.check_credentials(
            runtime.pool, runtime.settings, email=email, password=password, source="chat"
        )
    except LeadloomError as exc:  # wrong password, or locked out after too many failures
        log.info("chat sign-in refused: %s", exc.detail)
        return None
    async with runtime.pool.connection() as conn:
        row = await auth_user_by_email(conn, email=email)
    return cl.User(
        identifier=email,
        display_name=row["name"] if row else email,
        metadata={
            "org_id": str(actor.org_id),
            "user_id": str(actor.user_id),
            "role": actor.role,
            "team_id": str(actor.team_id) if actor.team_id else None,
        },
    )


def _actor() -> Actor:
    user = cl.user_session.get("user")
    meta = user.metadata if user else {}
    team = meta.get("team_id")
    return Actor(
        org_id=UUID(meta["org_id"]),
        user_id=UUID(meta["user_id"]),
        role=meta["role"],
        source="chat",
        team_id=UUID(team) if team else None,
    )


def _thread_id() -> str:
    return str(cl.user_session.get("thread_id") or cl.context.session.thread_id)


async def _ensure_thread() -> str:
    """The agent thread of this session, created on first use under the Chainlit thread id."""
    thread_id = _thread_id()
    if cl.user_session.get("thread_ready"):
        return thread_id
    actor = _actor()
    async with org_tx(state.runtime().pool, actor.org_id) as conn:
        # The runner's own insert, under Chainlit's id: one id for the chat, the agent API and history.
        if await agent_repo.get_thread(conn, thread_id=thread_id, user_id=actor.user_id) is None:
            await agent_repo.insert_thread(
                conn, thread_id=thread_id, org_id=actor.org_id, user_id=actor.user_id, title=None
            )
    cl.user_session.set("thread_ready", True)
    return thread_id


@cl.set_starters
async def starters(user: cl.User | None = None, language: str | None = None) -> list[cl.Starter]:
    return [cl.Starter(label=label, message=text) for label, text in STARTERS]


def _starter_actions() -> list[cl.Action]:
    return [cl.Action(name="ask", payload={"text": text}, label=text) for _, text in STARTERS[:3]]


@cl.on_chat_start
async def start() -> None:
    cl.user_session.set("thread_id", cl.context.session.thread_id)
    user = cl.user_session.get("user")
    name = (user.display_name if user else None) or "there"
    await cl.Message(content=GREETING.format(name=name.split()[0]), actions=_starter_actions()).send()


@cl.on_chat_resume
async def resume(thread: cl.types.ThreadDict) -> None:
    cl.user_session.set("thread_id", thread["id"])
    cl.user_session.set("thread_ready", True)
    actor = _actor()
    runner = state.runner()
    pending = await runner.pending_interrupts(actor, thread["id"])
    if pending:
        async with org_tx(state.runtime().pool, actor.org_id) as conn:
            runs = await agent_repo.list_runs(conn, thread_id=thread["id"])
        waiting = [r for r in runs if r["status"] == "interrupted"]
        if waiting:
            await _ask_approval(waiting[-1]["run_id"], pending)


@cl.action_callback("ask")
async def on_starter(action: cl.Action) -> None:
    text = str(action.payload.get("text") or "")
    await cl.Message(content=text, author=cl.user_session.get("user").identifier, type="user_message").send()
    async with _busy():
        await _turn(text)


@cl.on_message
async def on_message(message: cl.Message) -> None:
    files = [e for e in (message.elements or []) if getattr(e, "path", None)]
    if files:
        await _import_csv(files[0], message.content)
        return
    await _turn(message.content)


async def _turn(text: str) -> None:
    try:
        thread_id = await _ensure_thread()
        await Turn().show(state.runner().stream(_actor(), thread_id, text, source="chat"))
    except LeadloomError as exc:
        # A conflict (approval pending) or bad input ends this turn, not the session.
        await cl.Message(content=f"⚠️ {exc.detail}").send()


class Turn:
    """Shows one turn's events as they arrive."""

    def __init__(self) -> None:
        self.answer: cl.Message | None = None
        self.agent_steps: dict[str, cl.Step] = {}
        self.tool_steps: dict[str, cl.Step] = {}
        self.records: tuple[str, list[dict[str, Any]]] | None = None
        self.charts: list[Any] = []

    async def _answer(self) -> cl.Message:
        if self.answer is None:
            self.answer = cl.Message(content="", author="Leadloom")
            await self.answer.send()
        return self.answer

    async def show(self, events: AsyncIterator[Event]) -> dict[str, Any] | None:
        result: dict[str, Any] | None = None
        async for event in events:
            result = await self.on_event(event) or result
        return result

    async def on_event(self, event: Event) -> dict[str, Any] | None:
        d = event.data
        if event.type == "handoff":
            await self._handoff(d)
        elif event.type == "tool_start":
            parent = self.agent_steps.get(d.get("agent") or "")
            step = cl.Step(name=d["name"], type="tool", parent_id=parent.id if parent else None, show_input="json")
            step.input = json.dumps(d.get("args") or {}, default=str, ensure_ascii=False, indent=2)
            await step.send()
            self.tool_steps[d["id"]] = step
        elif event.type == "tool_end":
            await self._tool_end(d)
        elif event.type == "token":
            if d.get("agent") == "supervisor":
                await (await self._answer()).stream_token(d["text"])
        elif event.type == "error":
            await cl.Message(content=f"⚠️ {d.get('message')}").send()
        elif event.type == "final":
            return await self._final(d["result"])
        return None

    async def _handoff(self, d: dict[str, Any]) -> None:
        if d.get("to") == "supervisor":
            step = self.agent_steps.pop(d.get("from") or "", None)
            if step is not None:
                await step.update()
            return
        step = cl.Step(name=f"{d['to']} agent", type="run", default_open=True)
        step.input = d.get("task") or ""
        await step.send()
        self.agent_steps[d["to"]] = step

    async def _tool_end(self, d: dict[str, Any]) -> None:
        step = self.tool_steps.pop(d["id"], None)
        result = d.get("result")
        if step is not None:
            step.output = render.tool_output(result)
            step.is_error = not d.get("ok", True)
            await step.update()
        if d.get("ok", True):
            found = render.find_records(result)
            if found:
                self.records = found
            spec = chart_for(d["name"], result)
            if spec is not None:
                self.charts.append(spec)

    async def _final(self, result: dict[str, Any]) -> dict[str, Any]:
        for step in list(self.agent_steps.values()) + list(self.tool_steps.values()):
            await step.update()
        status = result["status"]
        if status != "failed":
            text = self.answer.content if self.answer else ""
            if not text.strip() and status == "completed":
                text = result.get("output") or ""
            if self.records and "|" not in text:
                text = f"{text}\n\n{render.records_table(*self.records)}".strip()
            elements: list[Any] = [
                cl.Plotly(name=f"chart{i}", figure=render.plotly_figure(spec), display="inline")
                for i, spec in enumerate(self.charts)
            ]
            if text.strip() or elements:
                if self.answer is None:
                    self.answer = cl.Message(content=text, author="Leadloom", elements=elements)
                    await self.answer.send()
                else:
                    self.answer.content, self.answer.elements = text, elements
                    await self.answer.update()
        if status == "interrupted":
            await _ask_approval(result["run_id"], result["interrupts"])
        return result


# ---- approvals -------------------------------------------------------------------------------------


async def _ask_approval(run_id: str, interrupts: list[dict[str, Any]]) -> None:
    payload: dict[str, Any] = {"run_id": run_id, "args": (interrupts[0].get("args") if interrupts else {}) or {}}
    actions = [
        cl.Action(name="approve", payload=payload, label="Approve", icon="check"),
        cl.Action(name="edit", payload=payload, label="Edit", icon="pencil"),
        cl.Action(name="reject", payload=payload, label="Reject", icon="x"),
    ]
    msg = cl.Message(content=render.approval_text(interrupts), actions=actions, author="Leadloom")
    await msg.send()
    cl.user_session.set(f"approval:{run_id}", msg)


async def _decide(action: cl.Action, decision: str, args: dict[str, Any] | None, reason: str | None) -> None:
    run_id = str(action.payload["run_id"])
    msg = cl.user_session.get(f"approval:{run_id}")
    if msg is not None:
        await msg.remove_actions()
    note = {"approve": "✅ Approved", "edit": "✏️ Approved with changes", "reject": "❌ Rejected"}[decision]
    await cl.Message(content=note + (f": {reason}" if reason else ""), author="Leadloom").send()
    async with _busy():
        try:
            events = state.runner().resume_stream(_actor(), _thread_id(), run_id, decision, args, reason, source="chat")
            await Turn().show(events)
        except LeadloomError as exc:
            await cl.Message(content=f"⚠️ {exc.detail}").send()


@asynccontextmanager
async def _busy() -> AsyncIterator[None]:
    """Show the run as in progress, and always end it. Chainlit runs action callbacks outside a task, and
    an AskUserMessage inside one restarts the task when answered, which would leave the input disabled."""
    await cl.context.emitter.task_start()
    try:
        yield
    finally:
        await cl.context.emitter.task_end()


@cl.action_callback("approve")
async def on_approve(action: cl.Action) -> None:
    await _decide(action, "approve", None, None)


@cl.action_callback("reject")
async def on_reject(action: cl.Action) -> None:
    answer = await cl.AskUserMessage(
        content="Why not? Your reason goes to the agent (or send a dash to skip).", timeout=ASK_TIMEOUT_S
    ).send()
    reason = str((answer or {}).get("output") or "").strip()
    await _decide(action, "reject", None, None if reason in ("", "-") else reason)


@cl.action_callback("edit")
async def on_edit(action: cl.Action) -> None:
    current = action.payload.get("args") or {}
    answer = await cl.AskUserMessage(
        content="Send the arguments to use instead, as JSON (only the keys to change). Now:\n"
        + render.code_json(current),
        timeout=ASK_TIMEOUT_S,
    ).send()
    raw = str((answer or {}).get("output") or "").strip()
    problem: str | None
    try:
        changed = json.loads(raw.strip("`").removeprefix("json").strip() or "{}")
    except json.JSONDecodeError as exc:
        changed, problem = None, f"That is not valid JSON ({exc.msg})"
    else:
        problem = None if isinstance(changed, dict) else 'Give a JSON object, e.g. {"contact": "Ada Lovelace"}'
    if problem is not None or not isinstance(changed, dict):
        # The buttons stay on the approval message: the person can try again, approve or reject.
        async with _busy():
            await cl.Message(content=f"⚠️ {problem}; the approval is still waiting.").send()
        return
    await _decide(action, "edit", {**current, **changed}, None)


# ---- CSV import -------------------------------------------------------------------------------------


def _mapping_table(mapping: dict[str, str]) -> str:
    if not mapping:
        return "_no column matched a field_"
    rows = "\n".join(f"| {col} | {field} |" for field, col in sorted(mapping.items(), key=lambda kv: kv[1]))
    return "| column | field |\n|---|---|\n" + rows


def _stats_text(stats: dict[str, Any]) -> str:
    keys = ("rows", "create", "update", "unchanged", "duplicate", "invalid", "companies_to_create", "warnings")
    return ", ".join(f"{k.replace('_', ' ')}: {stats[k]}" for k in keys if k in stats)


async def _import_csv(element: Any, text: str) -> None:
    """A dropped CSV: store it as an import job, dry-run it with the suggested mapping, ask, then import."""
    actor = _actor()
    pool = state.runtime().pool
    entity = next((e for e in ("companies", "deals") if e in (text or "").lower()), "contacts")
    try:
        data = await asyncio.to_thread(Path(element.path).read_bytes)
        job = await imports.start_import(pool, actor, entity=entity, filename=element.name, data=data)
        mapping: dict[str, str] = dict(job.suggested.get("mapping") or {})
        while True:
            dry = await imports.run_import(pool, actor, job.id, mapping=mapping, dry_run=True)
            body = (
                f"**Import of {job.filename}** ({job.row_count} rows as {entity}): a dry run with this mapping\n\n"
                f"{_mapping_table(mapping)}\n\nwould give {_stats_text(dry.stats)}."
            )
            if dry.errors:
                body += "\n\nFirst problems:\n" + "\n".join(
                    f"- row {e.get('row')}: {e.get('message') or e.get('error')}" for e in dry.errors[:5]
                )
            choice = await cl.AskActionMessage(
                content=body + "\n\nImport with this mapping?",
                actions=[
                    cl.Action(name="import", payload={"do": "import"}, label="Import"),
                    cl.Action(name="mapping", payload={"do": "mapping"}, label="Change mapping"),
                    cl.Action(name="cancel", payload={"do": "cancel"}, label="Cancel"),
                ],
                timeout=ASK_TIMEOUT_S,
            ).send()
            picked: dict[str, Any] = dict(choice or {})
            what = (picked.get("payload") or {}).get("do")
            if what == "import":
                done = await imports.run_import(pool, actor, job.id, mapping=mapping, dry_run=False)
                await cl.Message(content=f"✅ Imported {job.filename}: {_stats_text(done.stats)}.").send()
                return
            if what != "mapping":
                await cl.Message(content="Import cancelled; nothing was written.").send()
                return
            answer = await cl.AskUserMessage(
                content='Send the mapping as JSON, field to column, e.g. {"email": "E-mail", "first_name": "Name"}.',
                timeout=ASK_TIMEOUT_S,
            ).send()
            try:
                new = json.loads(str((answer or {}).get("output") or "{}"))
            except json.JSONDecodeError as exc:
                await cl.Message(content=f"⚠️ Not valid JSON ({exc.msg}); keeping the previous mapping.").send()
                continue
            if isinstance(new, dict):
                mapping = {str(k): str(v) for k, v in new.items()}
    except LeadloomError as exc:
        await cl.Message(content=f"⚠️ {exc.detail}").send()
