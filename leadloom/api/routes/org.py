"""The caller's organization: who am I, its users, teams, roles, invitations, password resets, API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from leadloom.api.deps import CurrentActor, PoolDep, SettingsDep
from leadloom.api.routes.auth import UserOut
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.permissions import authorize, can_grant
from leadloom.crm.services import auth, orgs

router = APIRouter(prefix="/api/v1", tags=["organization"])
RoleName = Literal["owner", "admin", "manager", "rep", "viewer"]
Scope = Literal["read", "write", "admin"]


class UserCreate(BaseModel):
    email: str = Field(max_length=320)
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="rep", pattern="^(admin|manager|rep|viewer)$")


class UserAccess(BaseModel):
    role: RoleName | None = None
    team_id: UUID | None = Field(default=None, description="the team; null removes the user from their team")


class ApiKeyCreate(BaseModel):
    name: str = Field(default="default", min_length=1, max_length=100)
    scopes: list[Scope] = Field(default_factory=lambda: list[Scope](["read", "write"]), min_length=1, max_length=3)
    expires_at: datetime | None = None


class ApiKeyOut(BaseModel):
    id: UUID
    user_id: UUID
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime
    replaced_by: UUID | None = None


class ApiKeyCreated(ApiKeyOut):
    api_key: str = Field(description="the secret: shown once, only its hash is stored")


class Rotate(BaseModel):
    grace_s: int = Field(default=0, ge=0, le=7 * 24 * 3600, description="seconds the old secret keeps working")


class TeamCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class TeamOut(BaseModel):
    id: UUID
    name: str
    created_at: datetime


class InvitationCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    role: RoleName = "rep"
    team_id: UUID | None = None


class InvitationOut(BaseModel):
    id: UUID
    email: str
    role: str
    team_id: UUID | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None = None
    revoked_at: datetime | None = None


class InvitationCreated(InvitationOut):
    token: str = Field(description="one-time token for the invitee (POST /api/v1/auth/invitations/accept)")


class ResetIssued(BaseModel):
    token: str = Field(description="one-time token for POST /api/v1/auth/password-reset; hand it over yourself")
    expires_at: datetime


class Me(BaseModel):
    org_id: UUID
    user_id: UUID | None
    role: str
    team_id: UUID | None = None


@router.get("/me", summary="The calling user and organization")
async def me(actor: CurrentActor) -> Me:
    return Me(org_id=actor.org_id, user_id=actor.user_id, role=actor.role, team_id=actor.team_id)


class Locale(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt key is a 422 naming it, not a silent no-op

    country: str | None = Field(default=None, description="ISO 3166 alpha-2 code, e.g. AU; sets the date order")
    date_order: Literal["dmy", "mdy", "ymd"] | None = Field(
        default=None, description='how people here write dates: "dmy" reads 3/12 as 3 December'
    )


@router.get("/org/locale", summary="The organization's country and date order (how the assistant reads 3/12)")
async def get_locale(actor: CurrentActor, pool: PoolDep) -> Locale:
    return Locale.model_validate(await orgs.get_locale(pool, actor))


@router.patch("/org/locale", summary="Set the organization's country or date order (owners and admins; audited)")
async def set_locale(body: Locale, actor: CurrentActor, pool: PoolDep) -> Locale:
    changes = {k: getattr(body, k) for k in body.model_fields_set}
    return Locale.model_validate(await orgs.set_locale(pool, actor, changes))


@router.get("/users", summary="Users of the organization")
async def list_users(actor: CurrentActor, pool: PoolDep) -> list[UserOut]:
    return [UserOut.model_validate(u) for u in await auth.list_users(pool, actor)]


@router.post("/users", status_code=201, summary="Add a user without a password (owners and admins)")
async def create_user(body: UserCreate, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    authorize(actor, "users.manage")
    if not can_grant(actor, body.role):  # type: ignore[arg-type]
        raise PermissionDeniedError(f"your role ({actor.role}) cannot grant the role {body.role}")
    return await orgs.create_user(pool, actor, email=body.email, name=body.name, role=body.role)


@router.patch("/users/{user_id}", summary="Change a user's role or team (owners and admins; audited)")
async def set_user_access(user_id: UUID, body: UserAccess, actor: CurrentActor, pool: PoolDep) -> UserOut:
    team: UUID | str | None = body.team_id if "team_id" in body.model_fields_set else "keep"
    return UserOut.model_validate(await auth.set_user_access(pool, actor, user_id, role=body.role, team_id=team))


@router.post(
    "/users/{user_id}/password-reset",
    status_code=201,
    summary="Issue a one-time password reset token for a user (owners/admins, or yourself)",
)
async def issue_password_reset(user_id: UUID, actor: CurrentActor, pool: PoolDep, settings: SettingsDep) -> ResetIssued:
    expires_at, token = await auth.create_password_reset(pool, settings, actor, user_id)
    return ResetIssued(token=token, expires_at=expires_at)


@router.get("/teams", summary="Teams of the organization")
async def list_teams(actor: CurrentActor, pool: PoolDep) -> list[TeamOut]:
    return [TeamOut.model_validate(t) for t in await auth.list_teams(pool, actor)]


@router.post("/teams", status_code=201, summary="Create a team (owners and admins)")
async def create_team(body: TeamCreate, actor: CurrentActor, pool: PoolDep) -> TeamOut:
    return TeamOut.model_validate(await auth.create_team(pool, actor, body.name))


@router.get("/invitations", summary="Invitations of the organization (owners and admins)")
async def list_invitations(actor: CurrentActor, pool: PoolDep) -> list[InvitationOut]:
    return [InvitationOut.model_validate(i) for i in await auth.list_invitations(pool, actor)]


@router.post("/invitations", status_code=201, summary="Invite someone by email with a role; the token is shown once")
async def invite(
    body: InvitationCreate, actor: CurrentActor, pool: PoolDep, settings: SettingsDep
) -> InvitationCreated:
    row, token = await auth.invite(pool, settings, actor, email=body.email, role=body.role, team_id=body.team_id)
    return InvitationCreated(**row, token=token)


@router.delete("/invitations/{invitation_id}", status_code=204, summary="Revoke an open invitation")
async def revoke_invitation(invitation_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await auth.revoke_invitation(pool, actor, invitation_id)
    return Response(status_code=204)


@router.get("/api-keys", summary="Your API keys (everyone=true: every key of the organization, owners/admins)")
async def list_keys(actor: CurrentActor, pool: PoolDep, everyone: bool = False) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(k) for k in await auth.list_keys(pool, actor, everyone=everyone)]


@router.post("/api-keys", status_code=201, summary="Create an API key for yourself; the secret is shown once")
async def create_key(body: ApiKeyCreate, actor: CurrentActor, pool: PoolDep) -> ApiKeyCreated:
    row, key = await auth.create_key(
        pool, actor, name=body.name, scopes=sorted(set(body.scopes)), expires_at=body.expires_at
    )
    return ApiKeyCreated(**row, api_key=key)


@router.delete("/api-keys/{key_id}", status_code=204, summary="Revoke an API key now")
async def revoke_key(key_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await auth.revoke_key(pool, actor, key_id)
    return Response(status_code=204)


@router.post("/api-keys/{key_id}/rotate", status_code=201, summary="A new secret; the old one ends after grace_s")
async def rotate_key(key_id: UUID, actor: CurrentActor, pool: PoolDep, body: Rotate | None = None) -> ApiKeyCreated:
    row, key = await auth.rotate_key(pool, actor, key_id, grace_s=body.grace_s if body else 0)
    return ApiKeyCreated(**row, api_key=key)
