"""Abuse limits and browser hardening for the HTTP app: rate limits (moving windows in process memory,
limit strings parsed by the ``limits`` library), per-request timeouts, security headers and CORS.

Rate limits count per API key or signed-in user (deps.py) and per client address for the sign-in
endpoints; a caller over the limit gets a 429 problem with Retry-After. With several API processes each
counts on its own; a shared store (e.g. ``limits`` on Redis) is the switch when that matters.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import deque
from functools import lru_cache
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from limits import parse
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


class MovingWindowLimiter:
    """Moving-window rate limits in process memory: per key, the times of the hits inside the window.

    A hit is O(1) amortised (expired times leave from the left of a deque) and never leaves the event
    loop. It replaces the ``limits`` library's async MemoryStorage, whose hit inserts at the head of a
    list (O(n) at high limits) and schedules a thread-pool expiry task for every key on most hits.
    Only the limit *strings* are parsed with ``limits``, once each.
    """

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._last_sweep = time.monotonic()
        self._longest = 0.0  # the longest window used so far: older hits count for no limit

    @staticmethod
    @lru_cache(maxsize=64)
    def _parse(limit: str) -> tuple[int, float]:
        item = parse(limit)
        return item.amount, float(item.get_expiry())

    def hit(self, key: str, limit: str) -> float | None:
        """Count one hit; None when allowed, else the seconds until a hit would be allowed again."""
        amount, window = self._parse(limit)
        self._longest = max(self._longest, window)
        now = time.monotonic()
        if now - self._last_sweep > 60.0:
            self._sweep(now)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
        cutoff = now - window
        while hits and hits[0] <= cutoff:
            hits.popleft()
        if len(hits) >= amount:
            return hits[len(hits) - amount] + window - now
        hits.append(now)
        return None

    def _sweep(self, now: float) -> None:
        """Forget keys with no hit inside the longest window (memory stays bounded by active keys)."""
        self._last_sweep = now
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self._longest]:
            del self._hits[key]


async def rate_limit(request: Request, key: str, limit: str) -> None:
    """Count one hit for ``key`` against ``limit`` (e.g. "600/minute"); TooManyRequestsError when over."""
    limiter: MovingWindowLimiter | None = getattr(request.app.state, "limiter", None)
    if limiter is None:
        return
    wait = limiter.hit(key, limit)
    if wait is not None:
        raise TooManyRequestsError(f"rate limit of {limit} exceeded; slow down", retry_after=max(1, math.ceil(wait)))


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
    app.state.limiter = MovingWindowLimiter()
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
