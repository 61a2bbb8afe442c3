"""``leadloom demo``: load the demo organization (a marketing agency with 18 months of history).

Exposes ``register(app)`` rather than a sub-app, because ``demo`` is one command, not a group.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leadloom.cli.common import console, open_pool, run
from leadloom.crm.demo import (
    DEFAULT_SEED,
    DEMO_OWNER_EMAIL,
    DEMO_PASSWORD,
    demo_loaded,
    find_demo_org,
    generate,
    load_demo,
)
from leadloom.crm.demo.load import reset_demo
from leadloom.crm.errors import ConflictError
from leadloom.crm.services.orgs import create_api_key
from leadloom.crm.settings import get_settings


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"must be a date as YYYY-MM-DD, not {value!r}", param_hint="--as-of") from None


def _login_help(api_key: str | None) -> None:
    settings = get_settings()
    base = f"http://{settings.host}:{settings.port}"
    console.print(f"\nSign in as [bold]{DEMO_OWNER_EMAIL}[/bold] with password [bold]{DEMO_PASSWORD}[/bold]")
    console.print("(every demo user has that password; it is a demo, never use it for real data)")
    if api_key is None:
        console.print(f"Get an API key with: [bold]leadloom apikey create --email {DEMO_OWNER_EMAIL}[/bold]")
        return
    console.print(f"API key (shown once): [bold]{api_key}[/bold]\n")
    console.print("Try it once `leadloom serve` is running:")
    auth = f'-H "Authorization: Bearer {api_key}"'
    console.print(f"  curl -s {auth} {base}/api/v1/me", soft_wrap=True)
    console.print(f"  curl -s {auth} '{base}/api/v1/contacts?limit=5'", soft_wrap=True)
    console.print(f"  curl -s {auth} '{base}/api/v1/search?q=seo+audit'", soft_wrap=True)
    console.print(f"  API docs: {base}/docs")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing when the demo is already loaded."),
        seed: int = typer.Option(DEFAULT_SEED, "--seed", help="Same seed and --as-of give the same data."),
        as_of: str = typer.Option(None, "--as-of", help="The demo's 'today' as YYYY-MM-DD (default: today)."),
        reset: bool = typer.Option(False, "--reset", help="Empty the demo organization and load it again."),
    ) -> None:
        """Load the demo organization: Brightwave Marketing, 2,000 contacts and 18 months of history."""
        day = _parse_day(as_of)

        async def _go() -> str | None:
            async with open_pool() as pool:
                existing = await find_demo_org(pool)
                if await demo_loaded(pool) and not reset:
                    if if_empty:
                        console.print("The demo organization is already loaded; nothing to do.")
                        return None
                    raise ConflictError("the demo organization already exists; add --reset to rebuild it")
                started = time.perf_counter()
                with Progress(
                    TextColumn("{task.description:<22}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=console,
                ) as bar:
                    if existing is not None and reset:
                        task = bar.add_task("Removing the old demo", total=None)
                        await reset_demo(pool)
                        bar.update(task, total=1, completed=1)
                    task = bar.add_task("Generating", total=None)
                    data = await asyncio.to_thread(generate, seed, day)
                    bar.update(task, total=1, completed=1)
                    task = bar.add_task("Writing", total=None)

                    def progress(what: str, done: int, total: int) -> None:
                        bar.update(task, description=f"Writing {what}", completed=done, total=total)

                    summary = await load_demo(pool, data=data, progress=progress)
                table = Table(title=f"Brightwave Marketing (seed {seed}, as of {data.as_of})", show_header=True)
                table.add_column("records")
                table.add_column("count", justify="right")
                for name, count in summary.counts.items():
                    table.add_row(name, f"{count:,}")
                console.print(table)
                console.print(f"Loaded in {time.perf_counter() - started:.1f} s.")
                owner = await find_demo_org(pool)
                assert owner is not None
                return await create_api_key(
                    pool,
                    org_id=owner["org_id"],
                    user_id=owner["user_id"],
                    name="demo-cli",
                    scopes=["read", "write", "admin"],
                )

        _login_help(run(_go))
