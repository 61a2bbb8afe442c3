"""Leadloom's one exception hierarchy.

    LeadloomError                 root: everything Leadloom raises on purpose
    ├── ValidationError           the input is wrong; nothing was written (HTTP 422)
    │   └── InsufficientDataError not enough data to do what was asked (e.g. train a model)
    ├── NotFoundError             no such record *in this organization* (HTTP 404)
    ├── ConflictError             the request clashes with the current state (HTTP 409)
    ├── PermissionDeniedError     the caller may not do this (HTTP 403)
    ├── AuthenticationError       no or bad credentials (HTTP 401)
    ├── PayloadTooLargeError      an upload or body over the limit (HTTP 413)
    ├── TooManyRequestsError      rate limit or sign-in lockout; carries retry_after seconds (HTTP 429)
    └── DatabaseUnavailableError  the database cannot be reached or started (HTTP 503)

Repositories and services raise these; tools turn them into short text for the model;
only api/ turns them into RFC 9457 problem responses.
"""

from __future__ import annotations

from typing import Any


class LeadloomError(Exception):
    """Root of every error Leadloom raises on purpose."""

    status = 500
    title = "Internal error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class ValidationError(LeadloomError):
    status = 422
    title = "Invalid input"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        # errors: [{"field": "email", "message": "not a valid email address"}, ...]
        self.errors = errors or []


class InsufficientDataError(ValidationError):
    title = "Not enough data"


class NotFoundError(LeadloomError):
    status = 404
    title = "Not found"


class ConflictError(LeadloomError):
    status = 409
    title = "Conflict"


class PermissionDeniedError(LeadloomError):
    status = 403
    title = "Forbidden"


class AuthenticationError(LeadloomError):
    status = 401
    title = "Unauthorized"


class PayloadTooLargeError(LeadloomError):
    status = 413
    title = "Payload too large"


class TooManyRequestsError(LeadloomError):
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int, **extra: Any) -> None:
        super().__init__(detail, **extra)
        # Seconds until trying again can succeed; the API sends it as Retry-After.
        self.retry_after = max(1, int(retry_after))


class DatabaseUnavailableError(LeadloomError):
    status = 503
    title = "Database unavailable"
