"""Small helpers shared by the pipeline, deal, activity, timeline and follow-up services.

They collect every input problem before failing, so one ValidationError tells the caller everything that
is wrong at once, and they delegate the permission rule to crm/permissions.py.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.errors import ValidationError
from leadloom.crm.permissions import Action, authorize


def require_write(actor: Actor, action: Action = "record.create") -> None:
    """The role-level check (crm/permissions.py); record-level ownership is checked where the row is read."""
    authorize(actor, action)


class Problems:
    """Collects field errors; ``raise_if_any`` turns them into one ValidationError."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, field: str, message: str, **extra: Any) -> None:
        self.errors.append({"field": field, "message": message, **extra})

    def raise_if_any(self) -> None:
        if self.errors:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in self.errors)
            raise ValidationError(detail, errors=self.errors)


def to_datetime(value: object, *, end_of_day: bool = False) -> datetime:
    """An aware datetime (UTC when none is given). A bare date means its start, or its end with ``end_of_day``."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return _from_date(value, end_of_day)
    raw = normalize.clean_text(value, max_len=64)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        # "2026-03-01" parses as midnight; treat a date-only string as a date.
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return _from_date(parsed.date(), end_of_day)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    # normalize.to_date knows the messy formats ("Mar 1, 2026", "03/01/2026"); it raises ValueError itself.
    return _from_date(normalize.to_date(raw), end_of_day)


def _from_date(day: date, end_of_day: bool) -> datetime:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start + timedelta(days=1, microseconds=-1) if end_of_day else start


_CONTROL_OK = {"\n", "\t", "\r"}


def verbatim_text(value: str, *, max_len: int) -> str:
    """Free text (subjects, bodies, reasons) kept as written: NFC, no control characters, line breaks kept.

    Only Cc characters go: format characters such as the zero-width joiner inside emoji stay, so text
    written in any script reads back exactly as it was sent.
    """
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(ch for ch in text if ch in _CONTROL_OK or unicodedata.category(ch) != "Cc").strip()
    if len(text) > max_len:
        raise ValueError(f"is longer than {max_len} characters")
    return text
