"""The caller's organization: who am I, its users, lifecycle stages and pipelines, API keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.services import orgs

router = APIRouter(prefix="/api/v1", tags=["organization"])


class UserCreate(BaseModel):
    email: str = Field(max_length=320)
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="rep", pattern="^(admin|manager|rep|viewer)$")


class ApiKeyCreate(BaseModel):
    name: str = Field(default="default", min_length=1, max_length=100)
    scopes: list[str] = Field(default_factory=lambda: ["read", "write"], min_length=1, max_length=3)


@router.get("/me", summary="The calling user and organization")
async def me(actor: CurrentActor) -> dict[str, Any]:
    return {"org_id": str(actor.org_id), "user_id": str(actor.user_id), "role": actor.role}


@router.get("/users", summary="Users of the organization")
async def list_users(actor: CurrentActor, pool: PoolDep) -> list[dict[str, Any]]:
    return await orgs.list_users(pool, actor)


@router.post("/users", status_code=201, summary="Add a user (owners and admins)")
async def create_user(body: UserCreate, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    if actor.role not in {"owner", "admin"}:
        raise PermissionDeniedError("only owners and admins add users")
    return await orgs.create_user(pool, actor, email=body.email, name=body.name, role=body.role)


@router.post("/api-keys", status_code=201, summary="Create an API key for yourself; the secret is shown once")
async def create_key(body: ApiKeyCreate, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    if "admin" in body.scopes and actor.role not in {"owner", "admin"}:
        raise PermissionDeniedError("only owners and admins may create admin keys")
    assert actor.user_id is not None
    key = await orgs.create_api_key(
        pool, org_id=actor.org_id, user_id=actor.user_id, name=body.name, scopes=body.scopes
    )
    return {"api_key": key, "name": body.name, "scopes": sorted(body.scopes)}
