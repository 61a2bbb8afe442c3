"""Columns as spreadsheet and CRM exports write them: grouped and signed numbers, dates in
a column's own layout, record numbers. A second lead file from somewhere else must be
read for what it says, not dropped or misread."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from leadloom.crm.scoring import evaluate_csv
from leadloom.crm.scoring.csv_eval import _sort_keys
from leadloom.crm.scoring.features import FeatureBuilder, date_layout_of, to_datetime, to_float


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,200", 1200.0),  # US thousands, not the European 1.2
        ("$1,200.50", 1200.5),
        ("€ 3.400,00", 3400.0),
        ("12.345.678", 12345678.0),
        ("1 234,5", 1234.5),
        ("1,5", 1.5),  # decimal comma
        ("45%", 45.0),
        ("(1,200)", -1200.0),  # accounting negative
        ("USD 300", 300.0),
        ("3.400", 3.4),  # a lone dot is a decimal point
    ],
)
def test_spreadsheet_numbers(text: str, number: float) -> None:
    assert to_float(text) == number


@pytest.mark.parametrize("text", ["555 123 4567", "1,2,3", "Tier 2", "n/a"])
def test_things_that_are_not_numbers(text: str) -> None:
    assert math.isnan(to_float(text))


def _days(start: datetime, n: int, layout: str) -> list[str]:
    return [(start + timedelta(days=3 * i)).strftime(layout) for i in range(n)]


def test_a_date_column_is_read_in_its_own_layout() -> None:
    start = datetime(2024, 1, 1)
    assert date_layout_of(dict.fromkeys(_days(start, 60, "%d/%m/%Y"), 1)) == "%d/%m/%Y"
    assert date_layout_of(dict.fromkeys(_days(start, 60, "%m/%d/%Y"), 1)) == "%m/%d/%Y"
    assert date_layout_of(dict.fromkeys(_days(start, 60, "%b %d, %Y"), 1)) == "%b %d, %Y"
    assert date_layout_of({"gold": 5, "silver": 3}) is None
    # Time of day after the date is dropped; recency is counted in days.
    assert to_datetime("3/14/2024 2:05 PM", "%m/%d/%Y") == datetime(2024, 3, 14)
    # Without a layout only ISO text parses: "03/04/2024" alone cannot say which month.
    assert to_datetime("03/04/2024") is None and to_datetime("2024-03-04") == datetime(2024, 3, 4)


def test_feature_builder_turns_day_first_dates_into_recency() -> None:
    start = datetime(2024, 1, 1)
    rows = [{"created": d, "visits": str(i % 7)} for i, d in enumerate(_days(start, 120, "%d.%m.%Y"))]
    builder = FeatureBuilder().fit(rows)
    spec = builder.spec("created")
    assert spec.kind == "datetime" and spec.date_layout == "%d.%m.%Y"
    matrix = builder.transform([{"created": "02.01.2024", "visits": "1"}], as_of=datetime(2024, 1, 12))
    assert matrix[0, builder.feature_names.index("created")] == 10.0


def test_record_numbers_are_dropped_and_unique_measurements_kept() -> None:
    rng = random.Random(1)
    rows = []
    for i in range(300):
        rows.append(
            {
                "Lead Number": str(660737 - 7 * i - rng.randint(0, 5)),  # named like a key
                "row": str(1000 + i),  # a row number
                "revenue_cents": str(rng.randint(10_000, 9_000_000)),  # unique by chance, unordered
                "budget": str(1000 + 100 * i),  # unique and rising through the file, but a measurement
                "visits": str(i % 9),
            }
        )
    builder = FeatureBuilder().fit(rows)
    assert "Lead Number" in builder.dropped and "identifier" in builder.dropped["Lead Number"]
    assert "row" in builder.dropped
    assert builder.spec("revenue_cents").kind == "numeric"
    assert builder.spec("budget").kind == "numeric"
    assert builder.spec("visits").kind == "numeric"


def test_order_by_a_us_date_column_is_chronological(tmp_path: Path) -> None:
    # Text order would put 12/01/2023 before 3/05/2023; the layout puts it after.
    values = ["3/05/2023", "12/01/2023", "1/15/2024", "11/30/2022"]
    keys = _sort_keys(values)
    assert [values[i] for i in sorted(range(4), key=keys.__getitem__)] == [
        "11/30/2022",
        "3/05/2023",
        "12/01/2023",
        "1/15/2024",
    ]
    # Through evaluate_csv: conversion depends on the period, rows are shuffled in the
    # file, and the ordered split must still train on the early months only.
    rng = random.Random(3)
    start = datetime(2023, 1, 2)
    lines = ["Created Date,Budget,Converted"]
    for i in rng.sample(range(400), 400):
        day = (start + timedelta(days=i)).strftime("%m/%d/%Y")
        budget = rng.randint(1, 50) * 1000
        won = rng.random() < 0.05 + budget / 60_000
        lines.append(f'{day},"${budget:,}",{int(won)}')
    path = tmp_path / "leads.csv"
    path.write_text("\n".join(lines))
    report = evaluate_csv(path, target="Converted", order_by="Created Date", folds=3)
    assert report.ordered_by == "Created Date" and report.ordered_roc_auc is not None
    # Budget is read as a number ("$12,000"), so it is used and it predicts.
    assert "Budget" not in report.unused_columns and report.cv_roc_auc > 0.7


def test_cli_says_which_columns_it_did_not_use(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from leadloom.cli.score import app

    rng = random.Random(4)
    lines = ["Lead ID,Visits,Notes,Won"]
    for i in range(200):
        visits = rng.randint(0, 9)
        lines.append(f"{5000 + i},{visits},free text number {i},{int(rng.random() < 0.1 + visits / 12)}")
    path = tmp_path / "leads.csv"
    path.write_text("\n".join(lines))
    result = CliRunner().invoke(app, ["evaluate", "--csv", str(path), "--target", "Won", "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "Columns not used as features:" in result.output
    assert "Lead ID: looks like an identifier" in result.output
    assert "Notes: looks like an identifier or free text" in result.output
