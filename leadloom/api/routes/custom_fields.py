"""/api/v1/custom-fields: the extra fields an organization keeps on contacts, companies and deals."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Response

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.custom_fields import CustomFieldDef, CustomFieldDefCreate
from leadloom.crm.services import custom_fields

router = APIRouter(prefix="/api/v1", tags=["custom fields"])


@router.get("/custom-fields", summary="Custom field definitions (optionally of one entity)")
async def list_custom_fields(
    actor: CurrentActor, pool: PoolDep, entity: Literal["contact", "company", "deal"] | None = None
) -> list[CustomFieldDef]:
    return await custom_fields.list_custom_fields(pool, actor, entity)


@router.post("/custom-fields", status_code=201, summary="Define a custom field")
async def create_custom_field(body: CustomFieldDefCreate, actor: CurrentActor, pool: PoolDep) -> CustomFieldDef:
    return await custom_fields.create_custom_field(pool, actor, body)


@router.delete("/custom-fields/{field_id}", status_code=204, summary="Remove a custom field definition")
async def delete_custom_field(field_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await custom_fields.delete_custom_field(pool, actor, field_id)
    return Response(status_code=204)
