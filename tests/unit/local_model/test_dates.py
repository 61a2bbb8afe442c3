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
        ("follow-up a fortnight today", "2026-12-10", "2026-12-10"),
        ("in a fortnight", "2026-12-10", "2026-12-10"),
        ("week commencing 7th dec", "2026-12-07", "2026-12-07"),  # a Monday already
        ("week commencing 10th Dec", "2026-12-07", "2026-12-07"),  # that week's Monday
        ("not been in touch for 90 days", "2026-08-28", "2026-08-28"),
        ("no reply for 3 weeks", "2026-11-05", "2026-11-05"),
    ],
)
def test_find_dates(text: str, start: str, end: str) -> None:
    spans = find_dates(text, TODAY)
    assert spans, text
    assert (spans[0].start.isoformat(), spans[0].end.isoformat()) == (start, end)


def test_week_commencing_after_normalisation() -> None:
    from leadloom.agents.local.model import normalize_request

    assert parse_date(normalize_request("w/c the 9th"), TODAY) == date(2026, 12, 7)


def test_sitting_is_not_saturday() -> None:
    assert parse_date("anyone still sat at MQL", TODAY) is None
    assert parse_date("leads that have sat on the fence", TODAY) is None
    assert parse_date("call her on sat", TODAY) == date(2026, 11, 28)


def test_a_pause_for_some_days_looks_ahead_not_back() -> None:
    assert parse_date("snooze her follow up for 2 weeks", TODAY) is None


def test_no_date_and_verb_may() -> None:
    assert parse_date("may I see my leads", TODAY) is None
    assert parse_date("show leads", TODAY) is None
