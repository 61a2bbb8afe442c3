"""Shared CLI helpers: the console, running async code, and turning Leadloom errors into clear messages."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import typer
from rich.console import Console

from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import make_pool, resolve_database
from leadloom.crm.errors import LeadloomError
from leadloom.crm.settings import Settings, get_settings

console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")


def run(coro_fn: Callable[[], Awaitable[T]]) -> T:
    """Run an async command; a LeadloomError becomes a one-line message and exit code 1, not a traceback."""
    try:
        return asyncio.run(coro_fn())  # type: ignore[arg-type]
    except LeadloomError as exc:
        err_console.print(f"[red]error:[/red] {exc.detail}")
        for e in getattr(exc, "errors", [])[:20]:
            err_console.print(f"  - {e.get('field', '')}: {e.get('message', '')}")
        raise typer.Exit(1) from None


@asynccontextmanager
async def open_pool(settings: Settings | None = None) -> AsyncIterator[Any]:
    """Database up, migrated, and a pool on it for the length of one command."""
    settings = settings or get_settings()
    urls = await asyncio.to_thread(resolve_database, settings)
    try:
        await asyncio.to_thread(upgrade, urls.admin, settings)
        pool = make_pool(urls.app, min_size=1, max_size=4)
        await pool.open(wait=True)
        try:
            yield pool
        finally:
            await pool.close()
    finally:
        urls.stop()
