"""/api/v1/contacts: CRUD, filtered lists with keyset pagination, history, duplicates and merges."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from leadloom.api.deps import CurrentActor, PoolDep, query_model
from leadloom.api.routes.scoring import ScoredContact, scored_contact
from leadloom.crm.errors import ValidationError
from leadloom.crm.models.contacts import Contact, ContactCreate, ContactFilter, ContactUpdate, DuplicatePair
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services import contacts, dedup

router = APIRouter(prefix="/api/v1", tags=["contacts"])


class ContactQuery(ContactFilter):
    sort: str = Field(
        default="-created_at", description="created_at, name, score, next_follow_up, updated_at; '-' = descending"
    )
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=2000)


class BulkUpdateRequest(BaseModel):
    filters: ContactFilter = Field(default_factory=ContactFilter)
    changes: ContactUpdate
    dry_run: bool = Field(default=False, description="only preview: the count and before/after for a sample")


class BulkDeleteRequest(BaseModel):
    filters: ContactFilter


class MergeRequest(BaseModel):
    winner_id: UUID
    loser_id: UUID


_contact_query, _CONTACT_QUERY_DOC = query_model(ContactQuery)


@router.get("/contacts", summary="List contacts (filters, sort, keyset pagination)", openapi_extra=_CONTACT_QUERY_DOC)
async def list_contacts(
    query: Annotated[ContactQuery, Depends(_contact_query)], actor: CurrentActor, pool: PoolDep
) -> Page[Contact]:
    filters = ContactFilter.model_validate(query.model_dump(exclude={"sort", "limit", "cursor"}, exclude_unset=True))
    return await contacts.list_contacts(pool, actor, filters, sort=query.sort, limit=query.limit, cursor=query.cursor)


@router.post("/contacts", status_code=201, summary="Create a contact")
async def create_contact(body: ContactCreate, actor: CurrentActor, pool: PoolDep) -> Contact:
    return await contacts.create_contact(pool, actor, body)


@router.get("/contacts/duplicates", summary="Likely duplicate contacts, with confidence and reason")
async def find_duplicates(
    actor: CurrentActor,
    pool: PoolDep,
    contact_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[DuplicatePair]:
    return await dedup.find_duplicates(pool, actor, contact_id=contact_id, limit=limit)


@router.post("/contacts/bulk-update", summary="Change every contact matching the filters (or preview it)")
async def bulk_update(body: BulkUpdateRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    if body.dry_run:
        return await contacts.preview_bulk_update(pool, actor, body.filters, body.changes)
    return {"updated": await contacts.bulk_update_contacts(pool, actor, body.filters, body.changes)}


@router.post("/contacts/bulk-delete", summary="Soft-delete every contact matching the filters")
async def bulk_delete(body: BulkDeleteRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    if body.filters == ContactFilter():
        # An empty filter means "everything": too easy to send by accident to honour silently.
        raise ValidationError(
            "give at least one filter to bulk-delete", errors=[{"field": "filters", "message": "empty"}]
        )
    return {"deleted": await contacts.bulk_delete_contacts(pool, actor, body.filters)}


@router.post("/contacts/merge", summary="Merge the loser into the winner (undoable)")
async def merge_contacts(body: MergeRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return await dedup.merge_contacts(pool, actor, body.winner_id, body.loser_id)


@router.post("/merges/{merge_id}/undo", summary="Undo a merge: both contacts and their activities and deals back")
async def undo_merge(merge_id: UUID, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return await dedup.undo_merge(pool, actor, merge_id)


@router.get("/contacts/{contact_id}", summary="One contact, with the explanation of its score")
async def get_contact(contact_id: UUID, actor: CurrentActor, pool: PoolDep) -> ScoredContact:
    return await scored_contact(pool, actor, contact_id)


@router.patch("/contacts/{contact_id}", summary="Change some fields of a contact")
async def update_contact(contact_id: UUID, body: ContactUpdate, actor: CurrentActor, pool: PoolDep) -> Contact:
    return await contacts.update_contact(pool, actor, contact_id, body)


@router.delete("/contacts/{contact_id}", status_code=204, summary="Soft-delete a contact (restorable)")
async def delete_contact(contact_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await contacts.delete_contact(pool, actor, contact_id)
    return Response(status_code=204)


@router.post("/contacts/{contact_id}/restore", summary="Restore a soft-deleted contact")
async def restore_contact(contact_id: UUID, actor: CurrentActor, pool: PoolDep) -> Contact:
    return await contacts.restore_contact(pool, actor, contact_id)


@router.get("/contacts/{contact_id}/history", summary="Every recorded change of a contact, newest first")
async def contact_history(contact_id: UUID, actor: CurrentActor, pool: PoolDep) -> list[dict[str, Any]]:
    return await contacts.contact_history(pool, actor, contact_id)
