"""The agent API: conversation threads, runs (plain or streamed as server-sent events) and approvals.

A thin adapter over the one AgentRunner (``app.state.runner``, created in the app's lifespan by the
composition root). Every call is authenticated; threads belong to the calling person, and another
organization's thread id is simply not found.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sse_starlette.sse import EventSourceResponse

from leadloom.api.deps import CurrentActor
from leadloom.crm.errors import LeadloomError
from leadloom.graphs.runner import AgentRunner, Event

router = APIRouter(prefix="/api/v1/agent", tags=["agent"])


class AgentRuntimeUnavailableError(LeadloomError):
    """The agent runtime is not running (no model could be loaded at start); the CRM API still works."""

    status = 503
    title = "Agent runtime unavailable"


class ThreadCreate(BaseModel):
    title: str | None = Field(default=None, max_length=200)


class RunRequest(BaseModel):
    input: str = Field(min_length=1, max_length=8000, description="What the person says.")


class ResumeRequest(BaseModel):
    decision: Literal["approve", "edit", "reject"]
    args: dict[str, Any] | None = Field(default=None, description="With 'edit': the arguments to act with instead.")
    reason: str | None = Field(default=None, max_length=2000, description="With 'reject': why, for the agent.")


class Interrupt(BaseModel):
    id: str
    action: str | None
    args: dict[str, Any]
    preview: dict[str, Any]


class RunOut(BaseModel):
    run_id: str
    thread_id: str
    status: Literal["completed", "interrupted", "failed"]
    output: str
    interrupts: list[Interrupt]
    tool_calls: list[dict[str, Any]]
    timings: dict[str, Any]
    error: str | None = None


def _runner(request: Request) -> AgentRunner:
    runner = getattr(request.app.state, "runner", None)
    if runner is None:
        reason = getattr(request.app.state, "runner_error", None) or "it was not started in this process"
        raise AgentRuntimeUnavailableError(f"the agent runtime is not running: {reason}")
    return runner  # type: ignore[no-any-return]


@router.post("/threads", status_code=201)
async def create_thread(request: Request, actor: CurrentActor, body: ThreadCreate | None = None) -> dict[str, str]:
    thread_id = await _runner(request).create_thread(actor, (body.title if body else None))
    return {"thread_id": thread_id}


@router.get("/threads")
async def list_threads(request: Request, actor: CurrentActor, limit: int = 100) -> dict[str, Any]:
    return {"items": await _runner(request).list_threads(actor, limit=limit)}


@router.get("/threads/{thread_id}")
async def get_thread(request: Request, actor: CurrentActor, thread_id: str) -> dict[str, Any]:
    runner = _runner(request)
    thread = await runner.get_thread(actor, thread_id)
    messages = await runner.get_thread_messages(actor, thread_id)
    pending = await runner.pending_interrupts(actor, thread_id)
    return {**thread, "messages": messages, "pending_interrupts": pending}


@router.post("/threads/{thread_id}/runs")
async def create_run(request: Request, actor: CurrentActor, thread_id: str, body: RunRequest) -> RunOut:
    result = await _runner(request).run(actor, thread_id, body.input, source="api")
    return RunOut(**result.to_dict())


def _sse(events: AsyncIterator[Event], first: Event) -> EventSourceResponse:
    async def gen() -> AsyncIterator[dict[str, str]]:
        yield {"event": first.type, "data": json.dumps(first.to_dict(), default=str)}
        async for event in events:
            yield {"event": event.type, "data": json.dumps(event.to_dict(), default=str)}

    return EventSourceResponse(gen(), ping=15)


@router.post("/threads/{thread_id}/runs/stream")
async def stream_run(request: Request, actor: CurrentActor, thread_id: str, body: RunRequest) -> EventSourceResponse:
    events = _runner(request).stream(actor, thread_id, body.input, source="api")
    # The first event is awaited here, so an unknown thread or bad input is a problem response, not a
    # broken stream.
    first = await anext(events)
    return _sse(events, first)


@router.post("/threads/{thread_id}/runs/{run_id}/resume")
async def resume_run(request: Request, actor: CurrentActor, thread_id: str, run_id: str, body: ResumeRequest) -> RunOut:
    result = await _runner(request).resume(
        actor, thread_id, run_id, body.decision, body.args, body.reason, source="api"
    )
    return RunOut(**result.to_dict())


@router.post("/threads/{thread_id}/runs/{run_id}/resume/stream")
async def resume_run_stream(
    request: Request, actor: CurrentActor, thread_id: str, run_id: str, body: ResumeRequest
) -> EventSourceResponse:
    events = _runner(request).resume_stream(
        actor, thread_id, run_id, body.decision, body.args, body.reason, source="api"
    )
    first = await anext(events)
    return _sse(events, first)


@router.get("/threads/{thread_id}/runs/{run_id}")
async def get_run(request: Request, actor: CurrentActor, thread_id: str, run_id: str) -> dict[str, Any]:
    return await _runner(request).get_run(actor, thread_id, run_id)
