"""Natural-language dates relative to an injectable "today" (dateparser is not installed; these are the forms people type).

``find_dates(text, today)`` returns every date expression found, each as a ``DateSpan`` (start, end,
the matched text and where it was), so callers decide whether a span means "after", "before" or "on".
Handled: today/tomorrow/yesterday, (next|this|last) <weekday>, bare weekdays (the coming one), "in N
days/weeks/months", "N days/weeks ago", this/next/last week|month|quarter|year, "end of (the)
week/month/quarter", "past/last N days/weeks/months", month names with a day ("September 27", "27 Sept",
"Sep 27th"), bare months, ISO and year-first dates, m/d and m/d/y (d/m for organizations that write the day
first, or when the first number cannot be a month), dotted d.m. dates ("12.3.", "12.03.2037"), and "the 15th".
"""

# ruff: noqa: E501  -- regular expressions read better on one line than split across several

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from leadloom.agents.local import rx as re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = {d: i for i, d in enumerate(WEEKDAYS)} | {d[:3]: i for i, d in enumerate(WEEKDAYS)}
_WD.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]  # fmt: skip
_MON = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2, "a couple of": 2,
             "few": 3, "a few": 3}  # fmt: skip

_NUM = r"(\d+|a couple of|couple of|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(day|week|fortnight|month|year|business day)s?"
_WDRE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)"
_MONRE = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    text: str
    pos: int

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def _n(word: str) -> int:
    word = word.strip().lower()
    return int(word) if word.isdigit() else _NUMWORDS.get(word, 1)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, _month_end(date(year, month, 1)).day)
    return date(year, month, day)


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _week(d: date) -> tuple[date, date]:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def _quarter(d: date) -> tuple[date, date]:
    q0 = 3 * ((d.month - 1) // 3) + 1
    start = date(d.year, q0, 1)
    return start, _month_end(date(d.year, q0 + 2, 1))


def _shift(unit: str, n: int, today: date) -> date:
    unit = unit.rstrip("s")
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit == "day":
        return today + timedelta(days=n)
    if unit == "business day":
        d, step = today, (1 if n >= 0 else -1)
        for _ in range(abs(n)):
            d += timedelta(days=step)
            while d.weekday() >= 5:
                d += timedelta(days=step)
        return d
    if unit == "week":
        return today + timedelta(weeks=n)
    if unit == "month":
        return _add_months(today, n)
    return _add_months(today, 12 * n)


def _period(unit: str, which: str, today: date) -> tuple[date, date]:
    offset = {"this": 0, "current": 0, "next": 1, "last": -1, "previous": -1, "past": -1}[which]
    if unit == "week":
        s, e = _week(today + timedelta(weeks=offset))
    elif unit == "month":
        first = _add_months(date(today.year, today.month, 1), offset)
        s, e = first, _month_end(first)
    elif unit == "quarter":
        s, e = _quarter(_add_months(today, 3 * offset))
    else:
        s, e = date(today.year + offset, 1, 1), date(today.year + offset, 12, 31)
    return s, e


def _month_day(month: int, day: int, today: date, year: int | None, prefer_past: bool) -> date | None:
    try:
        if year is not None:
            return date(year if year > 100 else 2000 + year, month, day)
        d = date(today.year, month, day)
    except ValueError:
        return None
    # Without a year, "since March 3" means the last March 3; "by March 3" means the next one.
    if prefer_past and d > today:
        return d.replace(year=d.year - 1)
    if not prefer_past and d < today - timedelta(days=60):
        return d.replace(year=d.year + 1)
    return d


_PAST_CUE = re.compile(r"\b(since|after|from|last|ago|created|added|past|previous|were|was|did|had|met|spoke)\b")


# Where dates are written month first (12/3 = December 3); everywhere else the day comes first.
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "CA", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"})


def day_first_for(country: str | None = None, date_order: str | None = None) -> bool:
    """Whether "3/12" means 3 December for an organization: its explicit date order ("dmy" / "mdy") wins,
    else its country's custom; with neither, month first (the reading the model has always used)."""
    if date_order:
        return date_order.lower().startswith("d")
    return bool(country) and country.strip().upper() not in MONTH_FIRST_COUNTRIES


# The month a financial year starts where it is not the calendar year: Australians close the books on 30 June
# ("EOFY"), New Zealand and India on 31 March. Elsewhere "this financial year" reads as the calendar year.
FINANCIAL_YEAR_START = {"AU": 7, "NZ": 4, "IN": 4}


def financial_year_start(country: str | None) -> int:
    """The month an organization's financial year begins, from its country (1 where we know no other custom)."""
    return FINANCIAL_YEAR_START.get((country or "").strip().upper(), 1)


def _financial_year(which: str, today: date, start_month: int) -> tuple[date, date]:
    """The financial year holding today, or the one after or before: for Australia (July) on 16 June 2027
    "this financial year" runs 1 July 2026 to 30 June 2027."""
    first = date(today.year - (today.month < start_month), start_month, 1)
    first = _add_months(first, 12 * {"next": 1, "last": -1, "previous": -1, "past": -1}.get(which, 0))
    return first, _add_months(first, 12) - timedelta(days=1)


_WEEKDAY_ALONE = re.compile(
    r"(?:on\s+)?(?:next\s+|this\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?", re.I
)


def _weekday_with_its_date(spans: list[DateSpan], low: str) -> list[DateSpan]:
    """ "Monday, October 30th", "Fri 3 Nov": a weekday said before the date it falls on is one date, that date
    (never the coming Monday and then the 30th as two)."""
    out: list[DateSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev
            and prev.is_day
            and span.is_day
            and _WEEKDAY_ALONE.fullmatch(prev.text)
            and not _WEEKDAY_ALONE.fullmatch(span.text)
            and re.fullmatch(r"[\s,]*(?:the\s+)?", low[prev.pos + len(prev.text) : span.pos])
            and span.start.weekday() == _weekday_index(prev.text)
        ):
            out[-1] = DateSpan(span.start, span.end, low[prev.pos : span.pos] + span.text, prev.pos)
            continue
        out.append(span)
    return out


def _weekday_index(said: str) -> int:
    """0 for Monday … 6 for Sunday, from a weekday said with or without "on"/"next"."""
    word = said.lower().split()[-1]
    return next(i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")) if word.startswith(d))


def find_dates(text: str, today: date, *, day_first: bool = False, fy_start: int = 1) -> list[DateSpan]:
    """All date expressions in ``text``, left to right, none overlapping. ``day_first`` reads "3/12" as
    3 December (the organization's custom); a number above 12 is a day either way. ``fy_start`` is the month
    the organization's financial year begins ("this FY", "last financial year")."""
    low = text.lower()
    out: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], s: date, e: date | None = None) -> None:
        a, b = m.span()
        if any(a < tb and ta < b for ta, tb in taken):
            return
        taken.append((a, b))
        out.append(DateSpan(s, e or s, m.group(0), a))

    def prefer_past(pos: int) -> bool:
        if re.search(r"fol+ow|due|remind|call back|check in", low[max(0, pos - 40) : pos]):
            return False  # "a follow up after nov 1" looks ahead
        return bool(_PAST_CUE.search(low[max(0, pos - 25) : pos]))

    for m in re.finditer(r"\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b", low):
        try:
            add(m, date(int(m[1]), int(m[3]), int(m[4])))  # ISO, and year first with / or . (2037/03/12)
        except ValueError:
            pass
    for m in re.finditer(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?(?!\d)", low):
        # "12.3." / "12.03.2037": dotted dates are day first wherever they are written; a trailing dot or a
        # year is required so that "2.5" (a number) and "18.500" (an amount) stay numbers.
        d = _month_day(int(m[2]), int(m[1]), today, int(m[3]) if m[3] else None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(
        r"(?:(?<=\bdue )|(?<=\buntil )|(?<=\btill )|(?<=\bbis ))(\d{1,2})\.(\d{1,2})"
        r"(?=\s*(?:$|[,;:!?)\n]|\s(?:and|for|to|please|pls|bitte)\b))",
        low,
    ):
        # "due 24.3", "bis 24.3" (the sentence's full stop taken as the date's): a dotted day and month after a word
        # that only a date follows
        d = _month_day(int(m[2]), int(m[1]), today, None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", low):
        first, second = int(m[1]), int(m[2])
        if day_first:
            first, second = second, first
        if first > 12 >= second:
            first, second = second, first  # "15/4" can only be day/month, "4/15" month/day
        d = _month_day(first, second, today, int(m[3]) if m[3] else None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(r"(?<![\w+\-/.,])(\d{1,2})-(\d{1,2})(?:-(\d{4}|\d{2}))?(?![\w\-/.,]?\d)", low):
        # "24-11", "1-1-2027": Dutch, German and many day-first writers join day and month with a hyphen. Only
        # read so where the day comes first, or after a word that asks for a date ("on 11-20"), and never before
        # a unit: "10-20 employees", "2-3 weeks", "60-80 score" are ranges.
        if re.match(
            r"\s*(?:%|k\b|x\b|(?:[a-z]+\s+)?(?:weeks?|days?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|people|"
            r"employees|staff|seats|leads|contacts|users|times|pm|am|percent|points?|score|stars?|units?|stores?|"
            r"locations?|sites?|licen[cs]es?)\b)",
            low[m.end() :],
        ):
            continue
        if not day_first and not re.search(
            r"\b(?:on|by|before|after|since|until|till|due|from|follow(?:-| )?up|call(?: him| her)? back)\s+$",
            low[: m.start()],
        ):
            continue
        first, second = int(m[1]), int(m[2])
        if day_first:
            first, second = second, first
        d = _month_day(first, second, today, int(m[3]) if m[3] else None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(r"\bend of (?:the |this )?(next |last )?(week|month|quarter|year)\b", low):
        which = (m[1] or "this").strip()
        end = _period(m[2], which, today)[1]
        if m[2] == "week" and (today.weekday() <= 4 or which != "this"):
            end -= timedelta(days=2)  # the end of the working week, Friday (a follow-up is not set for Sunday)
        add(m, end)
    for m in re.finditer(r"\b(?:in|over|during|within|for) the (?:last|past) (week|fortnight|month)\b", low):
        # "who's been added in the last week?": the seven days up to today, not the calendar week before
        # ("not been in touch with for the last month" too: a stretch reaching back to now)
        # (a month back is the same day of last month, as "a month ago" is)
        since = (
            _add_months(today, -1) if m[1] == "month" else today - timedelta(days={"week": 7, "fortnight": 14}[m[1]])
        )
        add(m, since, today)
    for m in re.finditer(
        rf"\b(?:in|over|during|within) the next (?:(\d{{1,3}}|{'|'.join(_NUMWORDS)})\s+)?(day|week|fortnight|month)s?\b",
        low,
    ):
        # "a follow-up in the next 2 weeks": from today up to that many days ahead, both ends included
        n = int(m[1]) if m[1] and m[1].isdigit() else _NUMWORDS.get(m[1] or "one", 1)
        ahead = n * {"day": 1, "week": 7, "fortnight": 14, "month": 30}[m[2]]
        add(m, today, today + timedelta(days=ahead))
    for m in re.finditer(rf"\bend of {_MONRE}\b", low):
        month = _MON[m[1]]
        first = date(today.year + (1 if month < today.month - 2 else 0), month, 1)
        add(m, _month_end(first))
    for m in re.finditer(r"\b(?:in|since|before|after|during|from|until|by|of) (20\d\d)\b(?![-/])", low):
        year = int(m[1])  # a bare year: "created before 2026", "customers since 2025"
        add(m, date(year, 1, 1), date(year, 12, 31))
    for m in re.finditer(r"\b(?:start|beginning) of (?:the )?(next )?(week|month|quarter|year)\b", low):
        add(m, _period(m[2], "next" if m[1] else "this", today)[0])
    for m in re.finditer(rf"\b(?:in|within|out|by another|another) {_NUM} {_UNIT}\b", low):
        add(m, _shift(m[2], _n(m[1]), today))
    for m in re.finditer(r"\b(?:a |one )?fortnight (?:today|from (?:now|today))\b", low):
        add(m, today + timedelta(days=14))  # British: "a fortnight today" is two weeks from today
    for m in re.finditer(r"\b(?:a|one) week (today|tomorrow)\b", low):
        add(m, today + timedelta(days=7 + (m[1] == "tomorrow")))  # British: "a week today" is seven days from today
    for m in re.finditer(rf"\bfor (?:the )?(?:last |past )?{_NUM} {_UNIT}\b", low):
        if not re.search(
            r"fol+ow|due|remind|snooze|push|postpone|delay|pause|hold", low[max(0, m.start() - 40) : m.start()]
        ):
            add(m, _shift(m[2], -_n(m[1]), today))  # "no reply for 90 days": a stretch of time reaching back to now
    for m in re.finditer(rf"\b{_NUM} {_UNIT} (?:ago|back)\b", low):
        add(m, _shift(m[2], -_n(m[1]), today))
    for m in re.finditer(rf"\b{_NUM} {_UNIT} from (?:now|today)\b", low):
        add(m, _shift(m[2], _n(m[1]), today))
    for m in re.finditer(rf"\b(?:(?:in )?the )?(?:past|last|previous) {_NUM} {_UNIT}\b", low):
        add(m, _shift(m[2], -_n(m[1]), today), today)
    # "Thursday next week", "thursday of next week", "next week thursday", "next week on Tue": that weekday of
    # next week (read before "next week" alone, which would take the words and leave the coming Thursday)
    for m in re.finditer(rf"\b(?:(?:on )?{_WDRE},? (?:of |in )?next week|next week,? (?:on )?{_WDRE})\b(?!-)", low):
        add(m, _week(today)[0] + timedelta(days=7 + _WD[(m[1] or m[2])[:3]]))
    # "this financial year", "last FY", "for the fiscal year": read before "this year" would take the words
    for m in re.finditer(
        r"\b(?:(this|next|last|previous|past|current) )?(?:financial|fiscal) year\b|"
        r"\b(this|next|last|previous|current) fy\b",
        low,
    ):
        add(m, *_financial_year(m[1] or m[2] or "this", today, fy_start))
    for m in re.finditer(r"\b(this|next|last|previous|past|current) (week|month|quarter|year)\b", low):
        add(m, *_period(m[2], m[1], today))
    for m in re.finditer(r"\bthe (week|month|quarter|year) after next\b", low):
        nxt_start = _period(m[1], "next", today)[0]
        add(m, *_period(m[1], "next", nxt_start))
    for m in re.finditer(
        rf"\b(?:(this|next|last|on|coming|by|until|before|since|after) )?{_WDRE}\b(?: (?:after next|week)\b)?", low
    ):
        if (m.start(2) > 0 and low[m.start(2) - 1] == "-") or low[m.end(2) : m.end(2) + 1] == "-":
            continue  # "black-friday" is a tag, not a date
        if (
            m[2] in ("sat", "sun")
            and not m[1]
            and (
                re.search(r"(?:still|been|just|was|is|were|are|['’]s|has|have)\s+$", low[: m.start(2)])
                or re.match(r"\s+(?:at|on|in|there|around|idle|with|about)\b", low[m.end(2) :])
            )
        ):
            continue  # "still sat at MQL" is sitting, not Saturday
        wd = _WD[m[2]]
        delta = (wd - today.weekday()) % 7
        which = m[1]
        if which == "last" or (which in ("since", "after") and delta):
            d = today - timedelta(days=(today.weekday() - wd) % 7 or 7)
        elif which == "next":
            # "next Friday" is the Friday of next week; "this Friday"/"Friday"/"on Friday" the coming one.
            d = _week(today)[0] + timedelta(days=7 + wd)
        else:
            # said on that very weekday, "friday"/"on friday"/"by friday" is the one a week away ("this friday": today)
            d = today + timedelta(days=delta or (0 if which == "this" else 7))
        if m.group(0).endswith(("after next", " week")) and which != "next":
            d += timedelta(days=7)  # "friday week" (British, Australian): a week after the coming friday
        add(m, d)
    for m in re.finditer(
        r"\b(day after tomorrow|tomorrow|tommorow|tommorrow|tomorow|tmorrow|tmrw|tmr|today|tonight|yesterday|now|asap)\b",
        low,
    ):
        word = {"tommorow": "tomorrow", "tommorrow": "tomorrow", "tomorow": "tomorrow", "tmorrow": "tomorrow"}.get(
            m[1], m[1]
        )
        if word == "now" or word == "asap":
            continue
        d = {"tomorrow": 1, "tmrw": 1, "tmr": 1, "today": 0, "tonight": 0, "yesterday": -1,
             "day after tomorrow": 2}[word]  # fmt: skip
        add(m, today + timedelta(days=d))
    for m in re.finditer(rf"\b{_MONRE}\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b", low):
        d = _month_day(_MON[m[1]], int(m[2]), today, int(m[3]) if m[3] else None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONRE}\b(?:,? (\d{{4}}))?", low):
        d = _month_day(_MON[m[2]], int(m[1]), today, int(m[3]) if m[3] else None, prefer_past(m.start()))
        if d:
            add(m, d)
    for m in re.finditer(
        r"\b(?:the|week (?:commencing|beginning|starting|of)(?: the)?) (\d{1,2})(?:st|nd|rd|th)\b", low
    ):
        day = int(m[1])
        try:
            d = today.replace(day=day)
        except ValueError:
            continue
        if d < today and not prefer_past(m.start()):
            d = _add_months(d, 1)
        add(m, d)
    for m in re.finditer(rf"\b(?:in |since |during |for )?{_MONRE}\.?,? (20\d\d)\b(?![-/.]\d)", low):
        # "since sept 2028", "in March 2027": the whole month of that year (a day before the year is taken above)
        first = date(int(m[2]), _MON[m[1]], 1)
        add(m, first, _month_end(first))
    for m in re.finditer(rf"\b(?:in |since |during |for )?{_MONRE}\b(?! \d)", low):
        word = m[1]
        if word in ("may", "mar", "jan", "sat", "sun") and not re.match(r"(in|since|during|for) ", m.group(0)):
            continue  # "may" the verb, "mar", "sat"... only count with a clear preposition
        month = _MON[word]
        past = prefer_past(m.start()) or m.group(0).startswith("since")  # "since october" looks back
        year = today.year if month <= today.month or not past else today.year - 1
        if month < today.month - 2 and not prefer_past(m.start()) and not m.group(0).startswith(("since", "during")):
            year = today.year + 1
        first = date(year, month, 1)
        add(m, first, _month_end(first))
    for m in re.finditer(r"\b(this|next) weekend\b", low):
        sat = today + timedelta(days=(5 - today.weekday()) % 7 + (7 if m[1] == "next" else 0))
        add(m, sat, sat + timedelta(days=1))
    for i, span in enumerate(out):
        lead = re.search(r"\bweek (?:commencing|beginning|starting|of)\s+(?:on\s+)?(?:the\s+)?$", low[: span.pos])
        if lead or re.match(r"week (?:commencing|beginning|starting|of)\b", span.text):
            # "w/c 27th", "the week of the 10th": that week's Monday
            monday = span.start - timedelta(days=span.start.weekday())
            start = lead.start() if lead else span.pos
            out[i] = DateSpan(monday, monday, low[start : span.pos] + span.text, start)
    out.sort(key=lambda s: s.pos)
    out = _weekday_with_its_date(out, low)
    # "haven't contacted since Christmas", "by New Year's": holidays with a fixed date, said as a point in time
    # (a preposition before them), never "the Christmas campaign"; only when no other date is said ("10/1 lah,
    # after new year then she got budget" dates the follow-up 10/1)
    for m in (
        []
        if out
        else re.finditer(
            r"\b(?:since|before|after|until|till|by|from|around|over|at) (?:the )?"
            r"(christmas|xmas|x-mas|boxing day|new year['’]?s?(?: day| eve)?)\b",
            low,
        )
    ):
        month, day = {"b": (12, 26), "n": (1, 1)}.get(m[1][0], (12, 25))
        if m[1].endswith("eve"):
            month, day = 12, 31
        d = _month_day(month, day, today, None, prefer_past(m.start(1)))
        if d:
            add(m, d)
    return out


def parse_date(text: str, today: date, *, day_first: bool = False) -> date | None:
    """The first date in ``text`` (a range's start), or None."""
    spans = find_dates(text, today, day_first=day_first)
    return spans[0].start if spans else None


def time_of_day(text: str) -> str | None:
    """The hour a task is due, "HH:MM": "11am", "at 3:30 pm", "at 10" (an hour of 1-7 said without am/pm is in
    the afternoon, when offices call people back), never a number of minutes, percent or money."""
    hit = re.search(r"\b(\d{1,2})(?::([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)(?!\w)", text, re.I) or re.search(
        r"(?:\bat|@)\s*(\d{1,2})(?::([0-5]\d))?(?!\s*(?:%|min|mins|minutes|hours|hrs|k\b|[,.]\d|\d))()", text, re.I
    )
    if not hit:
        return None
    hour, minute, half = int(hit.group(1)), int(hit.group(2) or 0), (hit.group(3) or "").lower().replace(".", "")
    if hour > 23 or (half and not 1 <= hour <= 12):
        return None
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    elif not half and 1 <= hour <= 7:
        hour += 12
    return f"{hour:02d}:{minute:02d}"
