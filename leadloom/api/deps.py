"""Typed FastAPI dependencies: the pool, the settings and the calling Actor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.errors import AuthenticationError, PermissionDeniedError
from leadloom.crm.services.orgs import authenticate_key
from leadloom.crm.settings import Settings


def _pool(request: Request) -> AsyncConnectionPool[Conn]:
    return request.app.state.pool  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


PoolDep = Annotated[AsyncConnectionPool[Conn], Depends(_pool)]
SettingsDep = Annotated[Settings, Depends(_settings)]


async def _actor(request: Request, pool: PoolDep) -> Actor:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("send an API key as 'Authorization: Bearer <key>'")
    principal = await authenticate_key(pool, token.strip())
    # Reads need 'read'; anything that changes data needs 'write'.
    needed = "read" if request.method in {"GET", "HEAD", "OPTIONS"} else "write"
    if needed not in principal.scopes and "admin" not in principal.scopes:
        raise PermissionDeniedError(f"this API key lacks the '{needed}' scope")
    request.state.actor = principal.actor
    return principal.actor


CurrentActor = Annotated[Actor, Depends(_actor)]


def page_params(limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    return {"limit": limit, "cursor": cursor}
