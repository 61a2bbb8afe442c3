"""`leadloom score ...`: lead-scoring commands (the main CLI mounts this ``app``).

``evaluate`` runs the production training path on any labelled CSV and prints the
figures; ``--json OUT`` also writes them. The database-backed ``train`` and
``explain`` commands live with the model registry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from leadloom.cli.score_db import register_db_commands
from leadloom.crm.errors import LeadloomError

app = typer.Typer(help="Train and evaluate lead-scoring models.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def main() -> None:
    """Train and evaluate lead-scoring models."""


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@app.command()
def evaluate(
    csv_file: Annotated[Path, typer.Option("--csv", help="Labelled CSV file (delimiter and encoding detected).")],
    target: Annotated[str, typer.Option("--target", help="Column holding the outcome.")],
    positive: Annotated[
        str | None,
        typer.Option("--positive", help="Value of the target that means converted (default: yes/true/1/won)."),
    ] = None,
    drop: Annotated[
        str, typer.Option("--drop", help="Comma-separated columns to ignore (e.g. ones known only after the outcome).")
    ] = "",
    order_by: Annotated[
        str | None, typer.Option("--order-by", help="Column giving each row's time, for the time-ordered split.")
    ] = None,
    ordered: Annotated[bool, typer.Option("--ordered", help="Rows are already in time order.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, max=20, help="Cross-validation folds.")] = 5,
) -> None:
    """Measure Leadloom's training path on a labelled CSV: 5-fold CV and a time-ordered split."""
    # Imported here so `leadloom --help` does not pay for scikit-learn.
    from leadloom.crm.scoring.csv_eval import evaluate_csv

    drop_columns = [c.strip() for c in drop.split(",") if c.strip()]
    try:
        with console.status("training and cross-validating..."):
            report = evaluate_csv(
                csv_file,
                target=target,
                positive=positive,
                drop=drop_columns,
                order_by=order_by,
                ordered=ordered,
                folds=folds,
            )
    except LeadloomError as exc:
        err_console.print(f"[red]error:[/red] {exc.detail}")
        raise typer.Exit(code=2) from exc

    table = Table(title=f"Lead scoring on {csv_file.name} ({report.rows} rows, {report.positives} positive)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row(f"{report.cv_folds}-fold CV ROC-AUC", f"{report.cv_roc_auc:.3f} ± {report.cv_roc_auc_std:.3f}")
    table.add_row(f"{report.cv_folds}-fold CV PR-AUC", _fmt(report.cv_pr_auc))
    table.add_row(f"{report.cv_folds}-fold CV Brier", _fmt(report.cv_brier, 4))
    if report.ordered_by:
        table.add_row(f"time-ordered 80/20 ROC-AUC ({report.ordered_by})", _fmt(report.ordered_roc_auc))
        table.add_row("time-ordered 80/20 PR-AUC", _fmt(report.ordered_pr_auc))
        table.add_row("time-ordered 80/20 Brier", _fmt(report.ordered_brier, 4))
    else:
        table.add_row("time-ordered 80/20", "not measured (pass --order-by or --ordered)")
    table.add_row("training time, whole file", f"{report.train_seconds:.1f} s")
    table.add_row("model chosen by the gate", report.chosen_algorithm)
    if report.excluded_time_proxies:
        table.add_row("time-proxy columns left out", ", ".join(report.excluded_time_proxies))
    console.print(table)
    if report.unused_columns:
        # Say which columns the model never saw and why, so a surprising figure can be
        # traced to a column read as an identifier or left empty, and fixed with --drop.
        console.print("Columns not used as features:")
        for name, reason in report.unused_columns.items():
            console.print(f"  {name}: {reason}", markup=False)
    if report.gate_candidates:
        gate = Table(title="Gate candidates (time-ordered holdout of the whole file)")
        for col in ("candidate", "ROC-AUC", "PR-AUC", "Brier"):
            gate.add_column(col, justify="right" if col != "candidate" else "left")
        for name, m in report.gate_candidates.items():
            gate.add_row(name, _fmt(m["roc_auc"]), _fmt(m["pr_auc"]), _fmt(m["brier"], 4))
        console.print(gate)
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=2, default=str) + "\n", encoding="utf-8")
        console.print(f"wrote {json_out}")


# train and explain need the database and the model registry; they live in score_db.
register_db_commands(app)
