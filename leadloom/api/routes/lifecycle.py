"""/api/v1/lifecycle-stages: the organization's configurable lifecycle stages, in order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.services import lifecycle

router = APIRouter(prefix="/api/v1", tags=["lifecycle stages"])


class StageIn(BaseModel):
    key: str | None = Field(default=None, max_length=40, description="derived from the label when omitted")
    label: str = Field(min_length=1, max_length=100)


@router.get("/lifecycle-stages", summary="Lifecycle stages, in order")
async def list_stages(actor: CurrentActor, pool: PoolDep) -> list[dict[str, Any]]:
    return await lifecycle.list_lifecycle_stages(pool, actor)


@router.put("/lifecycle-stages", summary="Replace the lifecycle stages (stages in use cannot be removed)")
async def set_stages(
    body: Annotated[list[StageIn], Body(min_length=1, max_length=50)], actor: CurrentActor, pool: PoolDep
) -> list[dict[str, Any]]:
    return await lifecycle.set_lifecycle_stages(pool, actor, [s.model_dump() for s in body])
