"""Natural-language dates against a fixed today (Thursday 2026-11-26)."""

from __future__ import annotations

from datetime import date

import pytest

from leadloom.agents.local.dates import find_dates, parse_date

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tomorrow", "2026-11-27", "2026-11-27"),
        ("yesterday", "2026-11-25", "2026-11-25"),
        ("next Friday", "2026-12-04", "2026-12-04"),
        ("this friday", "2026-11-27", "2026-11-27"),
        ("on Monday", "2026-11-30", "2026-11-30"),
        ("in two weeks", "2026-12-10", "2026-12-10"),
        ("in 3 days", "2026-11-29", "2026-11-29"),
        ("since September 27", "2026-09-27", "2026-09-27"),
        ("27 sept", "2026-09-27", "2026-09-27"),
        ("end of month", "2026-11-30", "2026-11-30"),
        ("last quarter", "2026-07-01", "2026-09-30"),
        ("this week", "2026-11-23", "2026-11-29"),
        ("next month", "2026-12-01", "2026-12-31"),
        ("in the last 30 days", "2026-10-27", "2026-11-26"),
        ("two weeks ago", "2026-11-12", "2026-11-12"),
        ("2026-12-01", "2026-12-01", "2026-12-01"),
        ("by 12/05", "2026-12-05", "2026-12-05"),
        ("jan 5, 2027", "2027-01-05", "2027-01-05"),
        ("the 15th", "2026-12-15", "2026-12-15"),
    ],
)
def test_find_dates(text: str, start: str, end: str) -> None:
    spans = find_dates(text, TODAY)
    assert spans, text
    assert (spans[0].start.isoformat(), spans[0].end.isoformat()) == (start, end)


def test_no_date_and_verb_may() -> None:
    assert parse_date("may I see my leads", TODAY) is None
    assert parse_date("show leads", TODAY) is None
