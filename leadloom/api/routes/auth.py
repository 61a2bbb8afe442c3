"""/api/v1/auth: password sign-in to a browser session cookie, sign-out, accepting an invitation, and
setting a new password with a reset token. These are the only endpoints callable without credentials;
each is rate limited per client address on top of the per-email lockout in crm/services/auth.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from leadloom.api.deps import SESSION_COOKIE, CurrentActor, PoolDep, SettingsDep
from leadloom.api.security import client_ip, rate_limit
from leadloom.crm.services import auth

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Wrong email or password"},
    429: {"description": "Locked out or rate limited"},
}


class LoginRequest(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    user_id: UUID
    org_id: UUID
    role: str
    expires_at: datetime


class AcceptInvitation(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=auth.MIN_PASSWORD, max_length=1000)


class UserOut(BaseModel):
    id: UUID
    org_id: UUID
    email: str
    name: str
    role: str
    team_id: UUID | None = None
    created_at: datetime


class ResetPassword(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=auth.MIN_PASSWORD, max_length=1000)


async def _throttle(request: Request, settings: SettingsDep) -> None:
    await rate_limit(request, f"anon:{client_ip(request)}", settings.rate_limit_anonymous)


def _secure(request: Request) -> bool:
    # Secure cookies need https; plain http on localhost (make run, tests) would otherwise drop the cookie.
    return request.url.scheme == "https" or request.url.hostname not in {"localhost", "127.0.0.1", "::1"}


@router.post("/login", summary="Sign in with email and password; sets the session cookie", responses=PROBLEMS)
async def login(
    body: LoginRequest, request: Request, response: Response, pool: PoolDep, settings: SettingsDep
) -> SessionOut:
    await _throttle(request, settings)
    session = await auth.login(
        pool,
        settings,
        email=body.email,
        password=body.password,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=settings.session_ttl_s,
        httponly=True,
        secure=_secure(request),
        samesite="lax",
        path="/",
    )
    assert session.actor.user_id is not None
    return SessionOut(
        user_id=session.actor.user_id,
        org_id=session.actor.org_id,
        role=session.actor.role,
        expires_at=session.expires_at,
    )


@router.post("/logout", status_code=204, summary="End the browser session")
async def logout(request: Request, actor: CurrentActor, pool: PoolDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await auth.logout(pool, actor, token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post(
    "/invitations/accept",
    status_code=201,
    summary="Accept an invitation: create your user with a name and password",
    responses={404: {"description": "Unknown, used, revoked or expired invitation"}},
)
async def accept_invitation(body: AcceptInvitation, request: Request, pool: PoolDep, settings: SettingsDep) -> UserOut:
    await _throttle(request, settings)
    return UserOut.model_validate(
        await auth.accept_invitation(pool, token=body.token, name=body.name, password=body.password)
    )


@router.post(
    "/password-reset",
    status_code=204,
    summary="Set a new password with a reset token (ends every session of the user)",
    responses={404: {"description": "Unknown, used or expired token"}},
)
async def reset_password(body: ResetPassword, request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    await _throttle(request, settings)
    await auth.reset_password(pool, token=body.token, password=body.password)
    return Response(status_code=204)
