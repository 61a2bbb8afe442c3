"""/api/v1/deals: CRUD, filtered lists with keyset pagination, stage moves, soft delete and restore."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.deals import Deal, DealCreate, DealFilter, DealUpdate, StageMove
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services import deals

router = APIRouter(prefix="/api/v1", tags=["deals"])


class DealQuery(DealFilter):
    sort: str = Field(
        default="-created_at", description="created_at, updated_at, amount, expected_close, name; '-' = descending"
    )
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=2000)


@router.get("/deals", summary="List deals (filters, sort, keyset pagination)")
async def list_deals(query: Annotated[DealQuery, Query()], actor: CurrentActor, pool: PoolDep) -> Page[Deal]:
    filters = DealFilter.model_validate(query.model_dump(exclude={"sort", "limit", "cursor"}, exclude_unset=True))
    return await deals.list_deals(pool, actor, filters, sort=query.sort, limit=query.limit, cursor=query.cursor)


@router.post("/deals", status_code=201, summary="Create a deal (stage by id or name, e.g. 'closed won')")
async def create_deal(body: DealCreate, actor: CurrentActor, pool: PoolDep) -> Deal:
    return await deals.create_deal(pool, actor, body)


@router.get("/deals/{deal_id}", summary="One deal")
async def get_deal(deal_id: UUID, actor: CurrentActor, pool: PoolDep) -> Deal:
    return await deals.get_deal(pool, actor, deal_id)


@router.patch("/deals/{deal_id}", summary="Change some fields of a deal (null clears a field)")
async def update_deal(deal_id: UUID, body: DealUpdate, actor: CurrentActor, pool: PoolDep) -> Deal:
    return await deals.update_deal(pool, actor, deal_id, body)


@router.delete("/deals/{deal_id}", status_code=204, summary="Soft-delete a deal (restorable)")
async def delete_deal(deal_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await deals.delete_deal(pool, actor, deal_id)
    return Response(status_code=204)


@router.post("/deals/{deal_id}/restore", summary="Restore a soft-deleted deal")
async def restore_deal(deal_id: UUID, actor: CurrentActor, pool: PoolDep) -> Deal:
    return await deals.restore_deal(pool, actor, deal_id)


@router.post("/deals/{deal_id}/stage", summary="Move a deal to a stage; won/lost stages take a reason")
async def move_stage(deal_id: UUID, body: StageMove, actor: CurrentActor, pool: PoolDep) -> Deal:
    return await deals.move_deal_stage(pool, actor, deal_id, body.stage, reason=body.reason)


@router.get("/deals/{deal_id}/stages", summary="The deal's stage moves, newest first")
async def stage_history(deal_id: UUID, actor: CurrentActor, pool: PoolDep) -> list[dict[str, Any]]:
    return await deals.deal_stage_history(pool, actor, deal_id)
