"""`leadloom score train` and `leadloom score explain`: the database-backed scoring commands.

They act for the organization of the user given by ``--org-email`` (the demo owner by default) and
call the same services as the API, so what the CLI prints is what the API returns.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import typer
from rich.table import Table

from leadloom.cli.common import console, open_pool, run
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.errors import NotFoundError, ValidationError

ORG_EMAIL_HELP = "Act for the organization of the user with this email (default: the demo owner)."


async def _actor(pool: Any, email: str | None) -> Actor:
    from leadloom.crm.demo import DEMO_OWNER_EMAIL
    from leadloom.crm.repositories.orgs import auth_user_by_email

    clean = (email or DEMO_OWNER_EMAIL).strip().lower()
    conn: Conn
    async with pool.connection() as conn:
        user = await auth_user_by_email(conn, email=clean)
    if user is None:
        raise NotFoundError(f"no user with email {clean}; `leadloom demo` creates the demo organization")
    return Actor(org_id=user["org_id"], user_id=user["user_id"], role=user["role"], source="cli")


async def _contact_id(pool: Any, actor: Actor, ref: str) -> UUID:
    from leadloom.crm.services.resolve import resolve_contact

    try:
        return UUID(ref)
    except ValueError:
        pass
    found = await resolve_contact(pool, actor, ref)
    if not found:
        raise NotFoundError(f"no contact matches {ref!r}")
    if len(found) > 1 and "@" not in ref:
        names = ", ".join(f"{c.name} <{c.email}>" for c in found[:5])
        raise ValidationError(f"{ref!r} matches {len(found)} contacts ({names}); give an email or id")
    return found[0].id


def _fmt(value: Any, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def print_training(result: dict[str, Any]) -> None:
    model = result["model"]
    table = Table(title=f"Model v{model['version']} ({result['kind']}, {model['algorithm']}): {model['status']}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("closed outcomes", str(result["outcomes"]))
    table.add_row("status", result["status"])
    metrics = result.get("metrics") or {}
    for key, label in (("roc_auc", "ROC-AUC (held-back)"), ("pr_auc", "PR-AUC (held-back)"), ("brier", "Brier")):
        if key in metrics:
            table.add_row(label, _fmt(metrics[key], 4 if key == "brier" else 3))
    if "n" in metrics:
        table.add_row("held-back outcomes", f"{metrics['n']} ({metrics.get('positives')} won)")
    table.add_row("training window", f"{_fmt(model['window_from'])} .. {_fmt(model['window_to'])}")
    table.add_row("training time", f"{result['train_seconds']:.2f} s")
    console.print(table)
    gate = result.get("gate")
    if gate:
        verdict = "[green]accepted[/green]" if gate.get("accepted") else "[red]rejected[/red]"
        console.print(f"Gate: {verdict}: {gate.get('reason')}")
        if gate.get("test_set"):
            console.print(f"  test set: {gate['test_set']} ({gate.get('n_test')} outcomes)")
    if result.get("contacts_queued"):
        console.print(f"{result['contacts_queued']} contacts queued for rescoring")


def print_explanation(result: dict[str, Any]) -> None:
    console.print(
        f"[bold]{result['name']}[/bold] <{result.get('email') or '-'}>: score [bold]{result['score']}[/bold]/100"
    )
    console.print(f"  model: {result['model']}")
    for f in result["up"]:
        console.print(f"  [green]up  [/green] {f['detail']}: {f['points']:+d}")
    for f in result["down"]:
        console.print(f"  [red]down[/red] {f['detail']}: {f['points']:+d}")
    for text in result["counterfactuals"]:
        console.print(f"  [cyan]if  [/cyan] {text}")


def register_db_commands(app: typer.Typer) -> None:
    """Add ``train`` and ``explain`` to the ``score`` command group."""

    @app.command()
    def train(org_email: str = typer.Option(None, "--org-email", help=ORG_EMAIL_HELP)) -> None:
        """Retrain the organization's lead-scoring model (champion/challenger) and print the decision."""
        from leadloom.crm.services.scoring_training import train_org_model

        async def _go() -> dict[str, Any]:
            async with open_pool() as pool:
                actor = await _actor(pool, org_email)
                with console.status("training..."):
                    return await train_org_model(pool, actor)

        print_training(run(_go))

    @app.command()
    def explain(
        contact: str = typer.Argument(..., help="The contact's id, email or name."),
        org_email: str = typer.Option(None, "--org-email", help=ORG_EMAIL_HELP),
    ) -> None:
        """Score one contact now and say why: factors up and down, and what would raise it."""
        from leadloom.crm.services.lead_scores import explain_contact

        async def _go() -> dict[str, Any]:
            async with open_pool() as pool:
                actor = await _actor(pool, org_email)
                return await explain_contact(pool, actor, await _contact_id(pool, actor, contact))

        print_explanation(run(_go))
