"""Timelines of contacts, companies and deals: activities and stage changes, newest first, keyset paged."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.activities import TimelineItem
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services.timeline import timeline

router = APIRouter(prefix="/api/v1", tags=["timeline"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str | None, Query(max_length=2000)]


@router.get("/contacts/{contact_id}/timeline", summary="A contact's activities and deal stage changes")
async def contact_timeline(
    contact_id: UUID, actor: CurrentActor, pool: PoolDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[TimelineItem]:
    return await timeline(pool, actor, entity="contact", entity_id=contact_id, limit=limit, cursor=cursor)


@router.get("/companies/{company_id}/timeline", summary="A company's activities, its contacts' too, and its deals")
async def company_timeline(
    company_id: UUID, actor: CurrentActor, pool: PoolDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[TimelineItem]:
    return await timeline(pool, actor, entity="company", entity_id=company_id, limit=limit, cursor=cursor)


@router.get("/deals/{deal_id}/timeline", summary="A deal's activities and stage changes")
async def deal_timeline(
    deal_id: UUID, actor: CurrentActor, pool: PoolDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[TimelineItem]:
    return await timeline(pool, actor, entity="deal", entity_id=deal_id, limit=limit, cursor=cursor)
