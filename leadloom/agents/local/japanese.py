"""Japanese conventions in English requests: honorifics after names and dates written with 月 and 日.

Teams in Japan write their CRM requests in English but keep two Japanese habits: a colleague or client is
"Tanaka-san" (or "-sama", "-kun", "-chan", "-sensei"), and a date is "3月15日" (month 3, day 15) or
"2029年4月2日". The honorific is politeness, not part of the name, so "change owner to Megumi-san" means the
user Megumi; the date is read as the English "March 15". Written out from a Tokyo agency's requests (round
nineteen); Japanese sentences themselves (a pasted LINE message) are left as written.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.dates import MONTHS

# "Sophie-san", "Yamamoto-sama", "Ito-kun": only after a written name (a capital, then letters), so a word
# such as "pre-sales" keeps its hyphen
_HONORIFIC = re.compile(r"\b((?-i:[A-Z])[^\W\d_]*)-(?-i:san|sama|kun|chan|sensei|senpai)\b")

# "3月15日", "2029年4月2日", "4月 5日": month and day with the kanji for month and day (the year's 年 optional)
_KANJI_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _english_date(hit: re.Match[str]) -> str:
    """ "3月15日" -> "March 15", "2029年4月2日" -> "April 2, 2029" (a month that cannot be stays as written)."""
    year, month, day = hit.group(1), int(hit.group(2)), int(hit.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return hit.group(0)
    english = f"{MONTHS[month - 1].capitalize()} {day}"
    return f"{english}, {year}" if year else english


def _spaced_date(hit: re.Match[str]) -> str:
    """The English date with a space on a side where the Japanese text ran straight on ("は6月1日はどう")."""
    before = " " if hit.start() and not hit.string[hit.start() - 1].isspace() else ""
    after = " " if hit.end() < len(hit.string) and hit.string[hit.end()].isalnum() else ""
    return f"{before}{_english_date(hit)}{after}"


def from_japanese(text: str) -> str:
    """The request with honorifics dropped from names and Japanese dates in English (unchanged without them)."""
    text = _HONORIFIC.sub(r"\1", text)
    return _KANJI_DATE.sub(_spaced_date, text)
