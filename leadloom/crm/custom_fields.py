"""Validation of custom field values against an organization's definitions (text, number, date, select,
multi_select, boolean). Pure: the caller loads the definitions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from leadloom.crm import normalize
from leadloom.crm.errors import ValidationError

FIELD_TYPES = ("text", "number", "date", "select", "multi_select", "boolean")


def coerce_value(definition: Mapping[str, Any], value: Any) -> Any:
    """The stored (JSON) form of one value, or ValueError saying what is wrong."""
    kind = definition["type"]
    if value is None or value == "":
        return None
    if kind == "text":
        return normalize.clean_text(value, max_len=5000)
    if kind == "number":
        number = normalize.to_number(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "date":
        return normalize.to_date(value).isoformat()
    if kind == "boolean":
        return normalize.to_bool(value)
    if kind == "select":
        return normalize.match_choice(str(value), definition["options"])
    if kind == "multi_select":
        items = value if isinstance(value, list | tuple) else str(value).replace(";", ",").split(",")
        return sorted({normalize.match_choice(str(v), definition["options"]) for v in items if str(v).strip()})
    raise ValueError(f"unknown field type {kind!r}")


def validate_custom(
    definitions: Iterable[Mapping[str, Any]], values: Mapping[str, Any], *, partial: bool = False
) -> dict[str, Any]:
    """Check and coerce ``values``; unknown keys, wrong types and missing required fields are all reported together."""
    defs = {d["key"]: d for d in definitions}
    errors: list[dict[str, str]] = []
    clean: dict[str, Any] = {}
    for key, value in values.items():
        definition = defs.get(key)
        if definition is None:
            errors.append({"field": f"custom.{key}", "message": f"no custom field {key!r} is defined"})
            continue
        try:
            clean[key] = coerce_value(definition, value)
        except ValueError as exc:
            errors.append({"field": f"custom.{key}", "message": f"{definition['type']}: {exc}"})
    if not partial:
        for key, definition in defs.items():
            if definition.get("required") and clean.get(key) in (None, [], ""):
                errors.append({"field": f"custom.{key}", "message": "is required"})
    if errors:
        raise ValidationError("; ".join(f"{e['field']} {e['message']}" for e in errors), errors=errors)
    return clean
