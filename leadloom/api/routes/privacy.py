"""/api/v1/privacy: a person's data on request (export as JSON or a zip of CSV files), erasure
(owners and admins), and unsubscribes. The rules live in crm/services/privacy.py; this only adapts HTTP."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.services import privacy

router = APIRouter(prefix="/api/v1/privacy", tags=["privacy"])


class PersonRef(BaseModel):
    contact: str = Field(
        min_length=1, max_length=320, description="the contact's id, an email it holds, or its full name"
    )


class EraseRequest(PersonRef):
    reason: str = Field(min_length=1, max_length=1000, description="why, e.g. 'erasure request of 2025-03-01'")


class UnsubscribeRequest(PersonRef):
    channel: Literal["email", "sms"]


@router.post(
    "/export",
    summary="Everything held about one person",
    responses={200: {"content": {"application/json": {}, "application/zip": {}}}},
)
async def export_person(
    body: PersonRef, actor: CurrentActor, pool: PoolDep, format: Literal["json", "csv"] = Query(default="json")
) -> Any:
    """The contact, its company, activities, tasks, deals, scores, corrections, merges, history, audit entries,
    knowledge chunks, import rows, agent conversations and memories that mention the person. ``format=csv``
    returns a zip with one CSV per section. Managers and above; the export itself is audited."""
    data = await privacy.export_person(pool, actor, body.contact)
    if format == "csv":
        return Response(
            content=privacy.export_csv_zip(data),
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="person-export.zip"'},
        )
    return data


@router.post("/erase", summary="Erase one person everywhere (owners and admins)")
async def erase_person(body: EraseRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    """Irreversible. Returns counts per place and the request id; the audit log keeps who, when, why and a
    hash of the contact id, never the erased data."""
    report = await privacy.erase_person(pool, actor, body.contact, reason=body.reason)
    return report.to_dict()


@router.post("/unsubscribe", summary="Record that a person opted out of a channel")
async def unsubscribe(body: UnsubscribeRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return await privacy.unsubscribe(pool, actor, body.contact, body.channel)
