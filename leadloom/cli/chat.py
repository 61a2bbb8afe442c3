"""``leadloom chat``: talk to Leadloom in the terminal, on the same runner as the API.

Shows each step as it happens (handoffs between agents, tool calls and their outcome) and asks before
anything risky: approve (y), edit the arguments (e) or reject with a reason (n).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table

from leadloom.cli.common import console, err_console, run
from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import make_pool, resolve_database
from leadloom.crm.errors import LeadloomError, NotFoundError, ValidationError
from leadloom.crm.repositories.orgs import auth_user_by_email
from leadloom.crm.settings import get_settings
from leadloom.graphs.runner import AgentRunner, Event

HELP = "[dim]/new starts a new conversation, /threads lists them, /quit leaves.[/dim]"


def _short(value: Any, limit: int = 120) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Renderer:
    """Prints a run's events: steps dimmed, the supervisor's answer plain, approvals as a panel."""

    def __init__(self) -> None:
        self.answered = False

    def show(self, event: Event) -> dict[str, Any] | None:
        d = event.data
        if event.type == "handoff":
            task = f": {d['task']}" if d.get("task") else ""
            console.print(f"[cyan]  → {d['to']}[/cyan][dim]{task}[/dim]")
        elif event.type == "tool_start":
            console.print(f"[dim]  ⚙ {d['agent']}.{d['name']}({_short(d['args'], 100)})[/dim]")
        elif event.type == "tool_end":
            mark = "[green]✓[/green]" if d.get("ok") else "[red]✗[/red]"
            console.print(f"  {mark} [dim]{d['name']}: {_short(d['result'])}[/dim]")
        elif event.type == "token" and d.get("agent") == "supervisor":
            console.print(d["text"], end="", markup=False, highlight=False)
            self.answered = True
        elif event.type == "interrupt":
            self._approval_panel(d)
        elif event.type == "error":
            err_console.print(f"[red]{d['message']}[/red]")
            self.answered = True
        elif event.type == "final":
            result: dict[str, Any] = d["result"]
            if self.answered:
                console.print()
            elif result["status"] == "completed" and result["output"]:
                console.print(result["output"], markup=False, highlight=False)
            t = result.get("timings", {})
            console.print(f"[dim]  ({t.get('total_ms', 0):.0f} ms, model {t.get('model_ms', 0):.0f} ms)[/dim]")
            return result
        return None

    def _approval_panel(self, d: dict[str, Any]) -> None:
        preview = d.get("preview") or {}
        body = Table.grid(padding=(0, 1))
        body.add_row("[bold]action[/bold]", str(d.get("action")))
        body.add_row("[bold]arguments[/bold]", _short(d.get("args"), 300))
        if preview.get("summary"):
            body.add_row("[bold]change[/bold]", str(preview["summary"]))
        records = preview.get("records") or []
        if records:
            table = Table("record", "before", "after", show_header=True, header_style="dim")
            for rec in records[:20]:
                table.add_row(
                    str(rec.get("name") or rec.get("id")), _short(rec.get("before"), 60), _short(rec.get("after"), 60)
                )
            body.add_row("", table)
        console.print(Panel(body, title="approval needed", border_style="yellow"))


async def _render(events: AsyncIterator[Event]) -> dict[str, Any]:
    renderer = Renderer()
    result: dict[str, Any] | None = None
    async for event in events:
        result = renderer.show(event) or result
    assert result is not None
    return result


async def _ask(prompt: str) -> str:
    # input() blocks; a thread keeps the event loop (and the pool's connection checks) alive meanwhile.
    return (await asyncio.to_thread(console.input, prompt)).strip()


async def _decide(interrupts: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None, str | None]:
    while True:
        answer = (await _ask("[yellow]approve? [y]es / [e]dit / [n]o:[/yellow] ")).lower()
        if answer in {"y", "yes"}:
            return "approve", None, None
        if answer in {"n", "no"}:
            reason = await _ask("reason (optional): ")
            return "reject", None, reason or None
        if answer in {"e", "edit"}:
            current = interrupts[0].get("args") or {}
            console.print(f"[dim]current arguments: {json.dumps(current, default=str)}[/dim]")
            raw = await _ask("new arguments as JSON (only the keys to change): ")
            try:
                changed = json.loads(raw or "{}")
            except json.JSONDecodeError as exc:
                err_console.print(f"[red]not valid JSON: {exc.msg}[/red]")
                continue
            if isinstance(changed, dict):
                return "edit", {**current, **changed}, None
            err_console.print('[red]give a JSON object, e.g. {"contact": "Alex Kim"}[/red]')


async def _turn(runner: AgentRunner, actor: Actor, thread: str, text: str) -> None:
    result = await _render(runner.stream(actor, thread, text, source="chat"))
    while result["status"] == "interrupted":
        decision, args, reason = await _decide(result["interrupts"])
        result = await _render(
            runner.resume_stream(actor, thread, result["run_id"], decision, args, reason, source="chat")
        )


async def _chat(email: str, thread: str | None) -> None:
    try:
        email = normalize.email(email)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    settings = get_settings()
    urls = await asyncio.to_thread(resolve_database, settings)
    try:
        await asyncio.to_thread(upgrade, urls.admin, settings)
        pool = make_pool(urls.app, min_size=1, max_size=4)
        await pool.open(wait=True)
        try:
            async with pool.connection() as conn:
                user = await auth_user_by_email(conn, email=email)
            if user is None:
                raise NotFoundError(f"no user with email {email}; `leadloom demo` creates the demo users")
            actor = Actor(org_id=user["org_id"], user_id=user["user_id"], role=user["role"], source="chat")
            with console.status("starting the agents…"):
                runner = await AgentRunner(pool, settings, admin_url=urls.admin).start()
            thread = thread or await runner.create_thread(actor)
            await runner.get_thread(actor, thread)
            console.print(f"[bold]Leadloom[/bold] — signed in as {email}. {HELP}")
            while True:
                try:
                    text = await _ask("[bold green]you>[/bold green] ")
                except (EOFError, KeyboardInterrupt):
                    console.print()
                    return
                if not text:
                    continue
                if text in {"/quit", "/exit"}:
                    return
                if text == "/new":
                    thread = await runner.create_thread(actor)
                    console.print("[dim]new conversation[/dim]")
                    continue
                if text == "/threads":
                    for t in await runner.list_threads(actor):
                        console.print(f"[dim]{t['thread_id']}[/dim]  {t['title'] or '(untitled)'}")
                    continue
                try:
                    await _turn(runner, actor, thread, text)
                except LeadloomError as exc:
                    # A conflict or bad input ends this turn, not the session.
                    err_console.print(f"[red]{exc.detail}[/red]")
        finally:
            await pool.close()
    finally:
        urls.stop()


def register(app: typer.Typer) -> None:
    @app.command("chat")
    def chat(
        email: str | None = typer.Option(None, "--email", help="Who you are (default: the demo owner)."),
        thread: str | None = typer.Option(None, "--thread", help="Continue this conversation."),
    ) -> None:
        """Talk to Leadloom in the terminal."""
        if email is None:
            from leadloom.crm.demo import demo_owner_email

            email = demo_owner_email()
        run(lambda: _chat(email, thread))
