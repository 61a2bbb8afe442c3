"""RFC 9457 problem responses: every error the API returns has this shape, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg_pool import PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from leadloom.crm.errors import LeadloomError, TooManyRequestsError, ValidationError

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


# RFC 9457 problem details, as every error response of the API is shaped (inline, so the schema sits under
# application/problem+json rather than FastAPI's default application/json).
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {"type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}},
        },
        "retry_after": {"type": "integer"},
    },
}


def _doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}}


# Documented on every API route (app.py), so clients and schemathesis know the shape of each error.
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("Malformed request body (not parseable as its content type)"),
    401: _doc("No or bad credentials"),
    403: _doc("The caller's role or key scope does not allow this"),
    404: _doc("No such record in the caller's organization"),
    409: _doc("Conflicts with the current state"),
    413: _doc("Body or upload over the size limit"),
    422: _doc("Invalid input; errors lists every field problem"),
    429: _doc("Rate limit or sign-in lockout; see Retry-After"),
    503: _doc("Database or agent runtime unavailable"),
    504: _doc("The request took longer than the request timeout"),
}


def problem(
    status: int, title: str, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers or None)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(LeadloomError)
    async def _leadloom(_: Request, exc: LeadloomError) -> JSONResponse:
        errors = exc.errors if isinstance(exc, ValidationError) and exc.errors else None
        if isinstance(exc, TooManyRequestsError):
            return problem(
                exc.status,
                exc.title,
                exc.detail,
                headers={"Retry-After": str(exc.retry_after)},
                retry_after=exc.retry_after,
            )
        return problem(exc.status, exc.title, exc.detail, errors=errors)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": _loc(e.get("loc", ())), "message": e.get("msg", "invalid")} for e in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Invalid input", detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {
            400: "Bad request",
            404: "Not found",
            405: "Method not allowed",
            401: "Unauthorized",
            413: "Payload too large",
        }
        return problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail) if exc.detail else None)

    @app.exception_handler(PoolTimeout)
    async def _overloaded(_: Request, exc: PoolTimeout) -> JSONResponse:
        # Every pooled connection stayed busy for the pool's timeout (settings.pool_timeout_s): the process is
        # overloaded, so answer at once rather than queue the request behind the others.
        return problem(
            503,
            "Service overloaded",
            "the server is busy; try again shortly",
            headers={"Retry-After": "1"},
            retry_after=1,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Internal error", "something went wrong on our side; it has been logged")
