"""``leadloom db upgrade``: apply pending migrations."""

from __future__ import annotations

import typer

from leadloom.cli.common import console
from leadloom.crm.db.migrate import upgrade as run_upgrade
from leadloom.crm.db.pool import resolve_database
from leadloom.crm.errors import LeadloomError
from leadloom.crm.settings import get_settings

app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@app.command()
def upgrade() -> None:
    """Apply pending migrations (safe to run again; it is also done at every start)."""
    settings = get_settings()
    try:
        urls = resolve_database(settings)
    except LeadloomError as exc:
        console.print(f"[red]error:[/red] {exc.detail}")
        raise typer.Exit(1) from None
    try:
        applied = run_upgrade(urls.admin, settings)
    finally:
        urls.stop()
    if applied:
        for name in applied:
            console.print(f"applied [bold]{name}[/bold]")
    else:
        console.print("database is up to date")
