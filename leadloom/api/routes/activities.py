"""/api/v1/activities and /api/v1/tasks: log emails, calls, meetings and notes; create, list and complete tasks."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.activities import Activity, ActivityCreate, ActivityUpdate, TaskCreate, TaskFilter
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services import activities

router = APIRouter(prefix="/api/v1", tags=["activities"])


class TaskQuery(TaskFilter):
    sort: str = Field(default="due_at", description="due_at, created_at; '-' = descending")
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=2000)


@router.post("/activities", status_code=201, summary="Log an activity linked to a contact, company or deal")
async def log_activity(body: ActivityCreate, actor: CurrentActor, pool: PoolDep) -> Activity:
    return await activities.log_activity(pool, actor, body)


@router.get("/activities/{activity_id}", summary="One activity")
async def get_activity(activity_id: UUID, actor: CurrentActor, pool: PoolDep) -> Activity:
    return await activities.get_activity(pool, actor, activity_id)


@router.patch("/activities/{activity_id}", summary="Change some fields of an activity")
async def update_activity(activity_id: UUID, body: ActivityUpdate, actor: CurrentActor, pool: PoolDep) -> Activity:
    return await activities.update_activity(pool, actor, activity_id, body)


@router.delete("/activities/{activity_id}", status_code=204, summary="Soft-delete an activity")
async def delete_activity(activity_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await activities.delete_activity(pool, actor, activity_id)
    return Response(status_code=204)


@router.get("/tasks", summary="List tasks (owner, status, due window, overdue, linked record)")
async def list_tasks(query: Annotated[TaskQuery, Query()], actor: CurrentActor, pool: PoolDep) -> Page[Activity]:
    filters = TaskFilter.model_validate(query.model_dump(exclude={"sort", "limit", "cursor"}, exclude_unset=True))
    return await activities.list_tasks(pool, actor, filters, sort=query.sort, limit=query.limit, cursor=query.cursor)


@router.post("/tasks", status_code=201, summary="Create a task (owner defaults to you)")
async def create_task(body: TaskCreate, actor: CurrentActor, pool: PoolDep) -> Activity:
    return await activities.create_task(pool, actor, body)


@router.post("/tasks/{task_id}/complete", summary="Mark a task done")
async def complete_task(task_id: UUID, actor: CurrentActor, pool: PoolDep) -> Activity:
    return await activities.complete_task(pool, actor, task_id)
