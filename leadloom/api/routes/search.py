"""/api/v1/search: one search box across contacts, companies and deals."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.common import SearchHit
from leadloom.crm.services import search as search_service

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search", summary="Full-text search (partial words match) across contacts, companies and deals")
async def search(
    actor: CurrentActor,
    pool: PoolDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    types: Annotated[list[Literal["contact", "company", "deal"]] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[SearchHit]:
    return await search_service.search(pool, actor, q, types=types or ("contact", "company", "deal"), limit=limit)
