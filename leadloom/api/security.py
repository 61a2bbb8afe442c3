"""Abuse limits and browser hardening for the HTTP app: rate limits (the maintained ``limits`` library,
moving windows in process memory), per-request timeouts, security headers and CORS.

Rate limits count per API key or signed-in user (deps.py) and per client address for the sign-in
endpoints; a caller over the limit gets a 429 problem with Retry-After. With several API processes each
counts on its own; a shared ``limits`` storage (Redis, memcached) is the switch when that matters.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leadloom.crm.errors import TooManyRequestsError
from leadloom.crm.settings import Settings

# Paths that stream or hold a connection open on purpose, or have their own budget (agent runs), are not
# cut by the request timeout.
NO_TIMEOUT_PREFIXES = ("/api/v1/agent/", "/chat", "/ws", "/slack/")
# Pages that load scripts and styles (Swagger UI, ReDoc, Chainlit) get the generic headers but not the
# strict API Content-Security-Policy, which would stop them from rendering.
HTML_PREFIXES = ("/docs", "/redoc", "/chat")


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def rate_limit(request: Request, key: str, limit: str) -> None:
    """Count one hit for ``key`` against ``limit`` (e.g. "600/minute"); TooManyRequestsError when over."""
    limiter: MovingWindowRateLimiter | None = getattr(request.app.state, "limiter", None)
    if limiter is None:
        return
    item = parse(limit)
    if not await limiter.hit(item, key):
        stats = await limiter.get_window_stats(item, key)
        retry = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyRequestsError(f"rate limit of {limit} exceeded; slow down", retry_after=retry)


def origin_allowed(request: Request, settings: Settings) -> bool:
    """No Origin header (not a browser cross-site request), the app's own origin, or a configured one."""
    origin = request.headers.get("origin")
    if not origin:
        return True
    if origin in settings.cors_origins:
        return True
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return bool(parts.netloc) and parts.netloc == host


class RequestTimeout:
    """Answer 504 (a problem) when a request takes longer than ``timeout`` seconds before responding."""

    def __init__(self, app: ASGIApp, *, timeout: float) -> None:
        self.app, self.timeout = app, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or self.timeout <= 0 or path.startswith(NO_TIMEOUT_PREFIXES):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            async with asyncio.timeout(self.timeout):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise
            body = json.dumps(
                {
                    "type": "about:blank",
                    "title": "Request timeout",
                    "status": 504,
                    "detail": f"the request took longer than {self.timeout:g} seconds and was stopped",
                }
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 504,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Headers every response carries; strict CSP and no framing for the API's JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                extra: list[tuple[bytes, bytes]] = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                ]
                if path.startswith(HTML_PREFIXES):
                    extra.append((b"x-frame-options", b"SAMEORIGIN"))
                else:
                    extra.append((b"x-frame-options", b"DENY"))
                    extra.append((b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"))
                if https:
                    extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
                headers.extend((k, v) for k, v in extra if k not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: FastAPI, settings: Settings) -> None:
    """Rate limiter state, timeout, security headers and (when origins are configured) CORS."""
    app.state.limiter = MovingWindowRateLimiter(MemoryStorage())
    app.add_middleware(RequestTimeout, timeout=settings.request_timeout_s)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Requested-With"],
        )
    app.add_middleware(SecurityHeaders)
