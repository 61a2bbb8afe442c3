"""Typed FastAPI dependencies: the pool, the settings and the calling Actor.

A caller authenticates with ``Authorization: Bearer <API key>`` or with the browser session cookie set
by ``POST /api/v1/auth/login``. Cookie-authenticated writes must carry ``X-Requested-With`` (a header a
cross-site form cannot send, and that cross-origin scripts may send only if CORS allows their origin)
and, when the browser sends one, an allowed ``Origin``: together with SameSite=Lax that stops CSRF.
Every authenticated caller is rate limited per API key or per user (api/security.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from psycopg_pool import AsyncConnectionPool

from leadloom.api.security import client_ip, origin_allowed, rate_limit
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.errors import AuthenticationError, PermissionDeniedError
from leadloom.crm.services.auth import authenticate_session
from leadloom.crm.services.orgs import authenticate_key, hash_key
from leadloom.crm.settings import Settings

SESSION_COOKIE = "leadloom_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def _pool(request: Request) -> AsyncConnectionPool[Conn]:
    return request.app.state.pool  # type: ignore[no-any-return]


async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


# Dependencies are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in a worker thread,
# two thread hand-offs per request for what is an attribute read.
PoolDep = Annotated[AsyncConnectionPool[Conn], Depends(_pool)]
SettingsDep = Annotated[Settings, Depends(_settings)]


async def _actor(request: Request, pool: PoolDep, settings: SettingsDep) -> Actor:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    ip = client_ip(request)
    if header:
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("send an API key as 'Authorization: Bearer <key>'")
        principal = await authenticate_key(pool, token.strip())
        await rate_limit(request, f"key:{hash_key(token.strip())[:32]}", settings.rate_limit)
        # Reads need 'read'; anything that changes data needs 'write'.
        needed = "read" if request.method in SAFE_METHODS else "write"
        if needed not in principal.scopes and "admin" not in principal.scopes:
            raise PermissionDeniedError(f"this API key lacks the '{needed}' scope")
        actor = Actor(
            org_id=principal.actor.org_id,
            user_id=principal.actor.user_id,
            role=principal.actor.role,
            team_id=principal.actor.team_id,
            ip=ip,
        )
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            raise AuthenticationError("send an API key as 'Authorization: Bearer <key>' or sign in")
        actor = await authenticate_session(pool, cookie, ip=ip)
        await rate_limit(request, f"user:{actor.user_id}", settings.rate_limit)
        if request.method not in SAFE_METHODS:
            if not request.headers.get("x-requested-with"):
                raise PermissionDeniedError("cookie-authenticated changes need the X-Requested-With header")
            if not origin_allowed(request, settings):
                raise PermissionDeniedError("this request comes from an origin that is not allowed")
    request.state.actor = actor
    return actor


CurrentActor = Annotated[Actor, Depends(_actor)]


async def page_params(limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    return {"limit": limit, "cursor": cursor}
