"""Helpers shared by the record services: write permission, field-error collection, search text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from leadloom.crm.context import Actor
from leadloom.crm.errors import ValidationError
from leadloom.crm.permissions import Action, authorize

_WORD = re.compile(r"[\w@.+-]+", re.UNICODE)


def require_write(actor: Actor, action: Action = "record.create") -> None:
    """The role-level check (crm/permissions.py); record-level ownership is checked where the row is read."""
    authorize(actor, action)


class FieldErrors:
    """Collect every field problem of one request, so the caller fixes them all in one go."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, field: str, message: str) -> None:
        self.items.append({"field": field, "message": message})

    def extend(self, exc: ValidationError) -> None:
        self.items.extend(exc.errors or [{"field": "body", "message": exc.detail}])

    def raise_if_any(self) -> None:
        if self.items:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in self.items[:5])
            raise ValidationError(detail, errors=self.items)


def like(text: str) -> str:
    """An ILIKE pattern matching ``text`` anywhere, with the user's % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prefix_tsquery(text: str) -> str | None:
    """A to_tsquery('simple') string where every word is a prefix ("ali smi" finds "Alice Smith").

    Only word characters survive, each quoted, so no user text can inject tsquery operators.
    """
    words = [w.strip(".-+@") for w in _WORD.findall(text)]
    words = [w for w in words if w][:12]
    if not words:
        return None
    return " & ".join(f"'{w.lower()}':*" for w in words)


def as_datetime(value: date | datetime | None) -> datetime | None:
    """Dates in filters mean the start of that day (UTC); datetimes are kept as given."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=UTC)
