"""``leadloom import FILE --type contacts|companies|deals``: a CSV import with a progress bar and a summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leadloom.cli.common import console, err_console, open_pool, run
from leadloom.crm.errors import ValidationError
from leadloom.crm.services import imports
from leadloom.crm.services.imports import ImportJob


def _read_mapping(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"cannot read the mapping file {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"the mapping file {path} is not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ValidationError(f"the mapping file {path} must hold a JSON object of field -> column")
    return value


def _summary(job: ImportJob, dry_run: bool) -> None:
    s = job.stats
    verb = "would be" if dry_run else "were"
    table = Table(title=f"{job.filename}: {job.entity} ({'dry run' if dry_run else 'imported'})")
    table.add_column("outcome")
    table.add_column("rows", justify="right")
    created = s.get("create", 0) if dry_run else s.get("created", 0)
    updated = s.get("update", 0) if dry_run else s.get("updated", 0)
    table.add_row(f"created ({verb})", str(created))
    table.add_row(f"updated ({verb})", str(updated))
    table.add_row("skipped: unchanged", str(s.get("unchanged", 0)))
    table.add_row("skipped: duplicate in file", str(s.get("duplicate", 0)))
    table.add_row("errors (row skipped)", str(s.get("invalid", 0)))
    companies = s.get("companies_to_create", 0)
    table.add_row(f"companies {'to create' if dry_run else 'created'} for links", str(companies))
    console.print(table)
    console.print(f"read as {job.encoding}, delimiter {job.delimiter!r}; mapping: {json.dumps(job.mapping)}")
    if s.get("companies_to_create_names"):
        names = ", ".join(s["companies_to_create_names"][:10])
        console.print(f"new companies: {names}{' …' if companies > 10 else ''}")
    if job.errors:
        console.print("[bold]first row errors[/bold]")
        for e in job.errors[:10]:
            where = f" [{e['column']}]" if e.get("column") else ""
            console.print(f"  row {e['row']}{where}: {e['message']}")
    notes = [w for w in job.warnings if not str(w.get("message", "")).startswith("duplicate")]
    if notes:
        console.print("[bold]warnings[/bold]")
        for w in notes[:10]:
            console.print(f"  row {w['row']}: {w['message']}")


def register(app: typer.Typer) -> None:
    """Add ``leadloom import`` to the CLI."""

    @app.command("import")
    def import_csv(
        file: Path = typer.Argument(..., help="The CSV file.", exists=False),
        type_: str = typer.Option(..., "--type", "-t", help="What the rows are: contacts, companies or deals."),
        mapping: Path | None = typer.Option(None, "--mapping", "-m", help="JSON file: field -> column."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
        org_email: str | None = typer.Option(
            None, "--org-email", help="Import as this user (and their organization); default: the first owner."
        ),
    ) -> None:
        """Import contacts, companies or deals from a CSV file (upsert by email, domain or external id)."""

        async def _go() -> ImportJob:
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise ValidationError(f"cannot read {file}: {exc.strerror}") from None
            edited = _read_mapping(mapping)
            async with open_pool() as pool:
                actor = await imports.default_actor(pool, email=org_email)
                job = await imports.start_import(
                    pool, actor, entity=type_, filename=file.name, data=data, mapping=edited, dry_run=dry_run
                )
                with Progress(
                    TextColumn("[bold]{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=err_console,
                    transient=True,
                ) as bar:
                    task = bar.add_task("reading rows", total=job.row_count)
                    phase = {"writing": False}

                    def progress(done: int, total: int) -> None:
                        # The service reports rows read, then records written; the bar follows each phase.
                        if done >= total and not phase["writing"]:
                            phase["writing"] = True
                            bar.update(task, completed=total, total=total)
                            bar.update(task, description="writing", completed=0)
                            return
                        bar.update(task, completed=done, total=total)

                    return await imports.run_import(pool, actor, job.id, dry_run=dry_run, progress=progress)

        job = run(_go)
        _summary(job, dry_run)
        if job.stats.get("rows", 0) and job.stats.get("invalid", 0) == job.stats.get("rows"):
            err_console.print("[red]error:[/red] no row of the file could be imported")
            raise typer.Exit(1)
