"""Turn Leadloom errors into short text a model can act on, never an exception out of the graph.

Services raise :class:`~leadloom.crm.errors.LeadloomError` subclasses (STYLE.md #10). A tool wrapped with
:func:`tool_errors` returns ``{"error": "...", "hint": "..."}`` instead, so the agent can correct its
arguments, ask the person, or explain why it cannot do something. Interrupts (approvals) and programming
errors are not caught: the first must reach LangGraph, the second must be seen.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec

import pydantic

from leadloom.crm.errors import (
    ConflictError,
    DatabaseUnavailableError,
    InsufficientDataError,
    LeadloomError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

P = ParamSpec("P")


class ServiceUnavailableError(LeadloomError):
    """A CRM feature a tool needs is not installed in this build."""

    status = 501
    title = "Not available"


class Unresolved(Exception):
    """A name did not resolve to exactly one record; ``result`` is what the tool returns instead
    (``{"ambiguous": [...], "question": ...}`` or ``{"error", "hint"}``)."""

    def __init__(self, result: dict[str, Any]) -> None:
        super().__init__(result.get("question") or result.get("error"))
        self.result = result


# Most specific first: InsufficientDataError is a ValidationError.
_HINTS: list[tuple[type[LeadloomError], str]] = [
    (InsufficientDataError, "There is not enough data for this yet; tell the person what is missing."),
    (ValidationError, "Fix the named argument(s) and call the tool again, or ask the person for the value."),
    (NotFoundError, "Check the spelling, or search first (search_contacts / search_companies / list_deals)."),
    (ConflictError, "The record changed or already exists; fetch it again and decide with the person."),
    (PermissionDeniedError, "The person's role does not allow this; tell them, do not retry."),
    (ServiceUnavailableError, "This feature is not available yet; tell the person, do not retry."),
    (DatabaseUnavailableError, "The CRM database is unavailable right now; tell the person to try again shortly."),
]


def error_result(exc: LeadloomError) -> dict[str, Any]:
    """The compact dict a tool returns for a Leadloom error."""
    result: dict[str, Any] = {"error": exc.detail}
    for kind, hint in _HINTS:
        if isinstance(exc, kind):
            result["hint"] = hint
            break
    else:
        result["hint"] = "Tell the person what went wrong; do not retry the same call."
    if isinstance(exc, ValidationError) and exc.errors:
        result["fields"] = [
            {"field": e.get("field"), "message": e.get("message")} for e in exc.errors[:10] if isinstance(e, dict)
        ]
    return result


def _pydantic_result(exc: pydantic.ValidationError) -> dict[str, Any]:
    fields = [
        {"field": ".".join(str(p) for p in e.get("loc", ())) or None, "message": e.get("msg")}
        for e in exc.errors()[:10]
    ]
    return {
        "error": "invalid arguments: " + "; ".join(f"{f['field']}: {f['message']}" for f in fields),
        "hint": _HINTS[1][1],
        "fields": fields,
    }


def tool_errors(fn: Callable[P, Awaitable[Any]]) -> Callable[P, Awaitable[Any]]:
    """Decorate an async tool so Leadloom and argument-validation errors come back as ``{"error", "hint"}``.

    Apply it under ``@tool`` (``functools.wraps`` keeps the signature and docstring LangChain reads).
    """

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        try:
            return await fn(*args, **kwargs)
        except Unresolved as exc:
            return exc.result
        except LeadloomError as exc:
            return error_result(exc)
        except pydantic.ValidationError as exc:
            # A service model rejected what the model passed (e.g. an unknown channel): same treatment.
            return _pydantic_result(exc)

    return wrapper
