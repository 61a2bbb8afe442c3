"""Keyset pagination: opaque cursors that carry the last row's sort value and id.

Keyset (``WHERE (sort, id) > (last_sort, last_id)``) stays fast on page 1,000 where OFFSET would scan
everything before it, and it does not skip or repeat rows when records are added between pages.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from leadloom.crm.errors import ValidationError

T = TypeVar("T")
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


@dataclass(frozen=True)
class Cursor:
    sort_value: Any
    id: UUID


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(type(value))


def _hook(obj: dict[str, Any]) -> Any:
    if set(obj) == {"t"}:
        return datetime.fromisoformat(obj["t"])
    if set(obj) == {"d"}:
        return date.fromisoformat(obj["d"])
    if set(obj) == {"n"}:
        return Decimal(obj["n"])
    return obj


def encode_cursor(sort_value: Any, id: UUID, sort: str) -> str:
    raw = json.dumps({"s": sort, "v": sort_value, "i": str(id)}, default=_default, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> Cursor:
    """Decode a cursor made for the same sort; a tampered or stale one is a clear 422, not a 500."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()), object_hook=_hook)
        if data["s"] != sort:
            raise ValueError("sort changed")
        return Cursor(sort_value=data["v"], id=UUID(data["i"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            "invalid cursor: pass the next_cursor of the previous page with the same sort",
            errors=[{"field": "cursor", "message": str(exc)}],
        ) from None


def clamp_limit(limit: int) -> int:
    if limit < 1 or limit > MAX_LIMIT:
        raise ValidationError(
            f"limit must be between 1 and {MAX_LIMIT}", errors=[{"field": "limit", "message": "out of range"}]
        )
    return limit
