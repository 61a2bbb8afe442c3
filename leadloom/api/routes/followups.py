"""/api/v1/follow-ups: the ranked list of who and what needs attention, each with a reason."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.activities import Recommendation
from leadloom.crm.services.followups import recommend_follow_ups

router = APIRouter(prefix="/api/v1", tags=["follow-ups"])
Days = Annotated[int | None, Query(ge=0, le=3650)]


@router.get("/follow-ups", summary="Ranked follow-up recommendations (overdue tasks, unanswered messages, ...)")
async def follow_ups(
    actor: CurrentActor,
    pool: PoolDep,
    owner_id: Annotated[UUID | Literal["me"] | None, Query(description="a user id, or 'me'")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    idle_days: Days = None,
    stall_days: Days = None,
) -> list[Recommendation]:
    owner = actor.user_id if owner_id == "me" else owner_id
    return await recommend_follow_ups(
        pool, actor, owner_id=owner, limit=limit, idle_days=idle_days, stall_days=stall_days
    )
