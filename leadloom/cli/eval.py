"""``leadloom eval``: run the LangSmith eval suites (offline unless LANGSMITH_API_KEY is set).

Exposes ``register(app)`` because ``eval`` is one command, not a group. The work is in leadloom.evals.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from leadloom.cli.common import console, err_console, run
from leadloom.crm.settings import get_settings


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render_table(results: list[Any], config: Any, thresholds: dict[str, dict[str, float]], seconds: float) -> Table:
    """Suite, metric, one value column per model, the recorded threshold and whether the main model meets it."""
    models = [config.model, *([config.compare] if config.compare else [])]
    table = Table(title=f"Leadloom evals ({seconds:.0f} s)")
    for column in ("suite", "metric"):
        table.add_column(column)
    for m in models:
        table.add_column(m, justify="right")
    table.add_column("threshold", justify="right")
    table.add_column("pass", justify="center")
    by = {(r.suite, r.model): r for r in results}
    for name in config.suites:
        first = by.get((name, config.model))
        if first is None:
            continue
        if "*" in first.skipped:
            table.add_row(name, "—", first.skipped["*"], *[""] * (len(models) + 1))
            continue
        keys = [k for k in first.metrics if k != "errors" or first.metrics[k]]
        keys += ["pass^k"] if first.pass_k is not None else []
        for key in keys:
            cells = []
            for m in models:
                r = by.get((name, m)) or first  # retrieval and scoring do not depend on the model: run once
                value = r.pass_k if key == "pass^k" else r.metrics.get(key)
                cells.append(r.skipped.get(key, "—") if value is None else _fmt(value))
            minimum = thresholds.get(name, {}).get(key)
            value = first.pass_k if key == "pass^k" else first.metrics.get(key)
            verdict = (
                ""
                if minimum is None
                else ("[green]yes[/green]" if value is not None and value >= minimum else "[red]NO[/red]")
            )
            label = f"pass^{config.repeat}" if key == "pass^k" else key
            table.add_row(f"{name} (n={first.n})", label, *cells, "" if minimum is None else _fmt(minimum), verdict)
    return table


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        suite: list[str] = typer.Option(
            None,
            "--suite",
            "-s",
            help="routing, tool_use, outcomes, safety, retrieval, scoring (repeatable; default all).",
        ),
        model: str = typer.Option(None, "--model", help="'local' or provider:model (default: LEADLOOM_MODEL)."),
        repeat: int = typer.Option(1, "--repeat", min=1, help="Run each example K times and report pass^k."),
        compare: str = typer.Option(None, "--compare", help="A second model to run side by side."),
        json_out: Path = typer.Option(None, "--json", help="Write the full report (metrics, failures) here."),
        limit: int = typer.Option(None, "--limit", min=1, help="At most N examples per suite (evenly spread)."),
        bank_csv: Path = typer.Option(None, "--bank-csv", help="The bank-marketing CSV for the scoring suite."),
        scoring_folds: int = typer.Option(None, "--scoring-folds", min=2, help="CV folds for scoring (default 5)."),
        retrieval_sample: int = typer.Option(
            None,
            "--retrieval-sample",
            min=100,
            help="Embed only N demo activities for retrieval (faster first run; default: all 10,000).",
        ),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 1 when a metric is below its threshold."),
    ) -> None:
        """Measure routing, tool use, outcomes, safety, retrieval and scoring on the demo organization."""
        from leadloom.evals import suites as S
        from leadloom.evals.runner import EvalConfig, load_thresholds, run_evals

        settings = get_settings()
        chosen = list(suite) if suite else list(S.SUITES)
        unknown = [s for s in chosen if s not in S.SUITES]
        if unknown:
            raise typer.BadParameter(f"unknown suite(s) {unknown}; choose from {', '.join(S.SUITES)}")
        if compare and compare == (model or settings.model or "local"):
            raise typer.BadParameter("--compare must name a different model than --model")
        config = EvalConfig(
            suites=chosen,
            model=model or settings.model or "local",
            compare=compare,
            repeat=repeat,
            limit=limit,
            bank_csv=bank_csv or S.DEFAULT_BANK_CSV,
            scoring_folds=scoring_folds,
            retrieval_sample=retrieval_sample,
        )
        where = "uploading to LangSmith" if settings.langsmith_api_key else "offline (no LANGSMITH_API_KEY)"
        console.print(f"Eval suites {', '.join(chosen)} with [bold]{config.model}[/bold], {where}")

        results, report = run(lambda: run_evals(config, settings))
        console.print(render_table(results, config, load_thresholds(), report["seconds"]))
        if report["gate_failures"]:
            err_console.print("[red]below threshold:[/red] " + "; ".join(report["gate_failures"]))
        if json_out:
            json_out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
            console.print(f"Report written to {json_out}")
        if strict and report["gate_failures"]:
            raise typer.Exit(1)
