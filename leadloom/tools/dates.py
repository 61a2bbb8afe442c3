"""ISO dates at the tool layer. Turning "next Friday" into a date is the model's job; tools take ISO text."""

from __future__ import annotations

from datetime import UTC, date, datetime

from leadloom.crm.errors import ValidationError


def parse_date(value: str | None, field: str) -> date | None:
    """``YYYY-MM-DD`` (or an ISO timestamp, whose date is used) -> date; None stays None."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{field} must be an ISO date like 2025-03-31, not {text!r}",
            errors=[{"field": field, "message": "use YYYY-MM-DD"}],
        ) from None


def parse_datetime(value: str | None, field: str) -> datetime | None:
    """An ISO date or timestamp -> aware datetime (UTC when no offset is given); None stays None."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{field} must be an ISO date or date-time like 2025-03-31 or 2025-03-31T14:00, not {value!r}",
            errors=[{"field": field, "message": "use YYYY-MM-DD or YYYY-MM-DDTHH:MM"}],
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
