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


def test_day_first_organizations_read_slashes_day_first() -> None:
    assert parse_date("follow up 3/12", TODAY) == date(2027, 3, 12)  # month first by default
    assert parse_date("follow up 3/12", TODAY, day_first=True) == date(2026, 12, 3)
    assert parse_date("call on 7/4/27", TODAY, day_first=True) == date(2027, 4, 7)
    assert parse_date("follow up 4/15", TODAY, day_first=True) == date(2027, 4, 15)  # 15 cannot be a month


def test_dotted_and_year_first_dates() -> None:
    assert parse_date("Termin am 12.3.", TODAY) == date(2027, 3, 12)
    assert parse_date("until 04.12.2026", TODAY) == date(2026, 12, 4)
    assert parse_date("created before 1.1.2025", TODAY) == date(2025, 1, 1)
    assert parse_date("follow up 2027/01/15", TODAY) == date(2027, 1, 15)
    # numbers, amounts and versions stay what they are
    assert parse_date("deal worth 18.500 EUR", TODAY) is None
    assert parse_date("rated 4.5 stars on version 1.2.3", TODAY) is None


def test_country_decides_the_order_unless_the_order_is_set() -> None:
    from leadloom.agents.local.dates import day_first_for

    assert day_first_for("AU") and day_first_for("de") and day_first_for("IN")
    assert not day_first_for("US") and not day_first_for(None)
    assert not day_first_for("GB", "mdy") and day_first_for("US", "dmy")
