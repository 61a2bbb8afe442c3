"""evaluate_csv and `leadloom score evaluate`: any CSV, detected format, clear errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leadloom.cli.score import app
from leadloom.crm.errors import ValidationError
from leadloom.crm.scoring import evaluate_csv, read_csv

BANK = Path("/work/shared/data/bank-marketing/bank-additional-full.csv")


def _write_csv(path: Path, n: int = 400, *, delimiter: str = ";", encoding: str = "latin-1") -> Path:
    rng = random.Random(0)
    lines = [delimiter.join(["signup", "région", "visits", "plan", "converted", "after_sale_calls"])]
    for i in range(n):
        visits = rng.randint(0, 9)
        region = rng.choice(["île-de-france", "bretagne", "alsace"])
        won = rng.random() < 0.1 + 0.07 * visits + (0.1 if region == "bretagne" else 0)
        day = f"2025-{1 + i * 12 // n:02d}-{1 + i % 28:02d}"
        lines.append(
            delimiter.join(
                [day, region, str(visits), rng.choice(["a", "b"]), "Oui" if won else "Non", str(int(won) * 3)]
            )
        )
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def test_reads_latin1_semicolon_file(tmp_path: Path) -> None:
    table = read_csv(_write_csv(tmp_path / "leads.csv"))
    assert table.delimiter == ";" and "région" in table.columns
    assert table.rows[0]["région"] in {"île-de-france", "bretagne", "alsace"}


def test_evaluate_runs_the_training_path(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "leads.csv", delimiter=",", encoding="utf-8")
    report = evaluate_csv(
        path, target="converted", positive="oui", drop=["after_sale_calls"], order_by="signup", folds=3
    )
    assert report.rows == 400 and 0.6 < report.cv_roc_auc <= 1
    assert report.ordered_roc_auc is not None and report.train_seconds > 0
    assert report.chosen_algorithm and report.gate_candidates
    assert report.as_dict()["ordered_by"] == "signup"


def test_clear_errors_for_bad_requests(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "leads.csv")
    with pytest.raises(ValidationError, match="target column 'won' is not in the file"):
        evaluate_csv(path, target="won")
    with pytest.raises(ValidationError, match="pass --positive"):
        evaluate_csv(path, target="converted")
    with pytest.raises(ValidationError, match="never occurs"):
        evaluate_csv(path, target="converted", positive="maybe")
    with pytest.raises(ValidationError, match="cannot drop unknown"):
        evaluate_csv(path, target="converted", positive="oui", drop=["nope"])
    with pytest.raises(ValidationError, match="no such file"):
        evaluate_csv(tmp_path / "missing.csv", target="x")


def test_cli_prints_and_writes_json(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "leads.csv")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app,
        [
            "evaluate",
            "--csv",
            str(path),
            "--target",
            "converted",
            "--positive",
            "Oui",
            "--drop",
            "after_sale_calls",
            "--ordered",
            "--folds",
            "3",
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ROC-AUC" in result.output
    data = json.loads(out.read_text())
    assert data["ordered_by"] == "file order" and data["cv_roc_auc"] > 0.6
    bad = CliRunner().invoke(app, ["evaluate", "--csv", str(path), "--target", "nope"])
    assert bad.exit_code == 2 and "not in the file" in bad.output


def test_bank_slice_meets_a_sane_floor(tmp_path: Path) -> None:
    # Every 8th row keeps the file's date order and spans the whole period.
    lines = BANK.read_text(encoding="utf-8").splitlines()
    sliced = tmp_path / "bank5k.csv"
    sliced.write_text("\n".join([lines[0], *lines[1::8][:5000]]) + "\n", encoding="utf-8")
    report = evaluate_csv(sliced, target="y", drop=["duration"], ordered=True, folds=3)
    assert report.rows == 5000 and report.positive == "yes"
    assert report.cv_roc_auc > 0.74 and report.cv_pr_auc > 0.3
    assert report.ordered_roc_auc is not None and report.ordered_roc_auc > 0.6
