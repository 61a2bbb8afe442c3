"""Normalisation of messy values (emails, phones, domains, dates, numbers, booleans, picklists).

Used by the record services and by CSV import, so a value means the same thing however it arrived.
Each function returns the clean value or raises ``ValueError`` with a message a person can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

_SPACES = re.compile(r"\s+")


def clean_text(value: object, *, max_len: int = 1000) -> str:
    """Strip, collapse whitespace, NFC-normalise, and drop control characters."""
    text = str(value)
    # Fast path, same result: a printable NFC string has no control characters and no whitespace but the
    # ASCII space, so only stripping is left to do. Imports call this millions of times.
    if text.isprintable() and "  " not in text and unicodedata.is_normalized("NFC", text):
        text = text.strip()
    else:
        text = unicodedata.normalize("NFC", text)
        text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch)[0] != "C")
        text = _SPACES.sub(" ", text).strip()
    if len(text) > max_len:
        raise ValueError(f"is longer than {max_len} characters")
    return text


def email(value: str) -> str:
    """Lower-cased, syntax-checked email address (no DNS lookups: we have no network, nor should a request)."""
    raw = clean_text(value, max_len=320).strip("<>").replace("mailto:", "")
    try:
        result = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"{raw!r} is not a valid email address ({exc})") from None
    return result.normalized.lower()


def phone(value: str, *, region: str = "US") -> str:
    """E.164 phone number; numbers without a country code are read in ``region``.

    A number written the way another country writes it ("020 7946 0958", "0412 555 019": a trunk 0 never
    starts a North American number) cannot be placed without guessing the country, and several countries
    would accept the same digits. Such a number is kept as typed, digits only ("02079460958"), rather than
    refused or given a guessed country code; the same input always gives the same value, so searching for
    it still finds it. Adding the country code ("+44 20 7946 0958") stores it in E.164.
    """
    raw = clean_text(value, max_len=64)
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"{raw!r} is not a phone number") from None
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    compact = re.sub(r"[\s().-]", "", raw)
    national = not compact.startswith("+")
    if phonenumbers.is_possible_number(parsed) and not (national and compact.startswith("0")):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if national and compact.isdigit() and 7 <= len(compact) <= 15:
        return compact  # a foreign number without its country code: kept as typed, never guessed
    raise ValueError(f"{raw!r} is not a possible phone number (check the digits, e.g. +44 20 7946 0958)")


def phone_typed(value: str) -> str:
    """A phone as typed, before the organization's country is known (request validation).

    With its country code it is placed now (E.164). Without one it is kept as its digits: the record
    services read it in the organization's country (``phone(digits, region=…)``), so "0745 210 998" in a
    Kenyan organization becomes +254745210998 and "98450 12345" in an Indian one is never read as a US
    number. Anything else (an extension, letters) is read as before, in the US region.
    """
    raw = clean_text(value, max_len=64)
    compact = re.sub(r"[\s().-]", "", raw)
    if not compact.startswith("+") and compact.isdigit():
        if 7 <= len(compact) <= 15:
            return compact
        raise ValueError(f"{raw!r} is not a possible phone number (check the digits, e.g. +44 20 7946 0958)")
    return phone(raw)


def phone_in_region(value: str, region: str | None) -> str:
    """A stored or typed phone read in the organization's country (US when it has none); E.164 stays as is."""
    if value.startswith("+"):
        return value
    try:
        return phone(value, region=(region or "US").upper())
    except ValueError:
        return value  # already accepted by phone_typed; a country that cannot place it keeps the digits


_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def domain(value: str) -> str:
    """A bare lower-case host name from a domain, URL or email address ("https://www.Acme.com/x" -> "acme.com")."""
    raw = clean_text(value, max_len=300).lower()
    if "@" in raw:
        raw = raw.rsplit("@", 1)[1]
    raw = re.sub(r"^[a-z][a-z0-9+.-]*://", "", raw)
    raw = raw.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].rstrip(".")
    if raw.startswith("www."):
        raw = raw[4:]
    try:
        raw = raw.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{value!r} is not a domain name") from None
    if not _DOMAIN.match(raw):
        raise ValueError(f"{value!r} is not a domain name")
    return raw


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d-%m-%Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
)


def to_date(value: object) -> date:
    """A date from the formats CRM exports use (ISO, US m/d/Y, European d.m.Y, "Jan 5, 2024", timestamps)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = clean_text(value, max_len=64)
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{raw!r} is not a date (use YYYY-MM-DD)")


_NUM_JUNK = re.compile(r"[\s$€£¥₹]|(?i:usd|eur|gbp)")
_SPACED_DIGITS = re.compile(r"\d\s+\d")
_SPACE_GROUPED = re.compile(r"^\D*\d{1,3}(?:\s\d{3})+(?:[.,]\d+)?\D*$")


def to_number(value: object) -> Decimal:
    """A number from "1,234.50", "1.234,50", "$12k", "(500)", "15%"."""
    if isinstance(value, bool):
        raise ValueError("is a boolean, not a number")
    if isinstance(value, int | float | Decimal):
        result = Decimal(str(value))
    else:
        said = clean_text(value, max_len=64)
        if _SPACED_DIGITS.search(said) and not _SPACE_GROUPED.search(said):
            # "555 123 4567" is a phone number; a space only separates thousands in groups of three ("1 200")
            raise ValueError(f"{value!r} is not a number")
        raw = _NUM_JUNK.sub("", said)
        negative = raw.startswith("(") and raw.endswith(")")
        raw = raw.strip("()").rstrip("%")
        mult = Decimal(1)
        if raw[-1:].lower() in {"k", "m"}:
            mult = Decimal(1000) if raw[-1].lower() == "k" else Decimal(1_000_000)
            raw = raw[:-1]
        if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3}){2,}", raw):
            raw = raw.replace(".", "")  # "12.345.678": dots that group thousands
        elif "," in raw and "." in raw:
            # whichever separator comes last is the decimal one
            raw = raw.replace(".", "").replace(",", ".") if raw.rfind(",") > raw.rfind(".") else raw.replace(",", "")
        elif "," in raw:
            head, _, tail = raw.rpartition(",")
            raw = raw.replace(",", "") if len(tail) == 3 and head else raw.replace(",", ".")
        try:
            result = Decimal(raw) * mult
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
        if negative:
            result = -result
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


_TRUE = {"true", "yes", "y", "1", "t", "on", "opted in", "opt-in", "subscribed", "x", "✓"}
_FALSE = {"false", "no", "n", "0", "f", "off", "opted out", "opt-out", "unsubscribed", ""}


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raw = clean_text(value, max_len=32).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes/no")


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for matching picklist values."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def match_choice(value: str, choices: Iterable[str], *, cutoff: float = 80.0) -> str:
    """The configured choice a messy value means: exact, then case/accent/punctuation-folded, then fuzzy.

    ``"closed won"``, ``"Closed-Won"`` and ``"Closd Won"`` all map to ``"Closed Won"``; anything below
    the cutoff is an error naming the allowed values, because guessing wrong silently is worse.
    """
    options = list(choices)
    raw = clean_text(value, max_len=200)
    if raw in options:
        return raw
    folded = {_fold(c): c for c in options}
    if _fold(raw) in folded:
        return folded[_fold(raw)]
    if options and raw:
        best = process.extractOne(_fold(raw), list(folded), scorer=fuzz.ratio)
        if best and best[1] >= cutoff:
            return folded[best[0]]
    allowed = ", ".join(options[:20])
    raise ValueError(f"{raw!r} is not one of: {allowed}")


def split_name(full: str) -> tuple[str, str]:
    """("Ada Lovelace") -> ("Ada", "Lovelace"); "Lovelace, Ada" is understood too."""
    text = clean_text(full, max_len=300)
    if "," in text:
        last, _, first = text.partition(",")
        return first.strip(), last.strip()
    parts = text.split(" ")
    if len(parts) == 1:
        return parts[0], ""
    return " ".join(parts[:-1]), parts[-1]


def tag(value: str) -> str:
    """Tags are lower-case words joined by dashes, so "VIP Client" and "vip-client" are one tag."""
    text = re.sub(r"[^\w]+", "-", clean_text(value, max_len=60).lower()).strip("-")
    if not text:
        raise ValueError(f"{value!r} is not a usable tag")
    return text
