"""/api/v1/pipelines and /api/v1/pipeline-summary: configurable deal pipelines and their numbers."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.deals import Pipeline, PipelineCreate, PipelineStagesUpdate
from leadloom.crm.services import deals, pipelines

router = APIRouter(prefix="/api/v1", tags=["pipelines"])


@router.get("/pipelines", summary="Pipelines with their stages in order (the default first)")
async def list_pipelines(actor: CurrentActor, pool: PoolDep) -> list[Pipeline]:
    return await pipelines.list_pipelines(pool, actor)


@router.post("/pipelines", status_code=201, summary="Create a pipeline with its stages")
async def create_pipeline(body: PipelineCreate, actor: CurrentActor, pool: PoolDep) -> Pipeline:
    return await pipelines.create_pipeline(pool, actor, body)


@router.get("/pipelines/{pipeline_id}", summary="One pipeline with its stages")
async def get_pipeline(pipeline_id: UUID, actor: CurrentActor, pool: PoolDep) -> Pipeline:
    return await pipelines.get_pipeline(pool, actor, pipeline_id)


@router.put(
    "/pipelines/{pipeline_id}/stages",
    summary="Set the pipeline's stages: keep (by id), rename, reorder, add; stages left out are removed",
)
async def update_stages(pipeline_id: UUID, body: PipelineStagesUpdate, actor: CurrentActor, pool: PoolDep) -> Pipeline:
    return await pipelines.update_pipeline_stages(pool, actor, pipeline_id, body)


@router.get("/pipeline-summary", summary="Per stage: deal count, amount and probability-weighted amount")
async def pipeline_summary(
    actor: CurrentActor, pool: PoolDep, pipeline_id: UUID | None = None, owner_id: UUID | None = None
) -> list[dict[str, Any]]:
    return await deals.pipeline_summary(pool, actor, pipeline_id=pipeline_id, owner_id=owner_id)
