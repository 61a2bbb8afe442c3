"""/api/v1/companies: CRUD, filtered lists with keyset pagination, soft delete and restore, history."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.models.companies import Company, CompanyCreate, CompanyFilter, CompanyUpdate
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services import companies

router = APIRouter(prefix="/api/v1", tags=["companies"])


class CompanyQuery(CompanyFilter):
    sort: str = Field(default="-created_at", description="created_at, updated_at or name; '-' = descending")
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=2000)


@router.get("/companies", summary="List companies (filters, sort, keyset pagination)")
async def list_companies(query: Annotated[CompanyQuery, Query()], actor: CurrentActor, pool: PoolDep) -> Page[Company]:
    filters = CompanyFilter.model_validate(query.model_dump(exclude={"sort", "limit", "cursor"}, exclude_unset=True))
    return await companies.list_companies(pool, actor, filters, sort=query.sort, limit=query.limit, cursor=query.cursor)


@router.post("/companies", status_code=201, summary="Create a company")
async def create_company(body: CompanyCreate, actor: CurrentActor, pool: PoolDep) -> Company:
    return await companies.create_company(pool, actor, body)


@router.get("/companies/{company_id}", summary="One company")
async def get_company(company_id: UUID, actor: CurrentActor, pool: PoolDep) -> Company:
    return await companies.get_company(pool, actor, company_id)


@router.patch("/companies/{company_id}", summary="Change some fields of a company")
async def update_company(company_id: UUID, body: CompanyUpdate, actor: CurrentActor, pool: PoolDep) -> Company:
    return await companies.update_company(pool, actor, company_id, body)


@router.delete("/companies/{company_id}", status_code=204, summary="Soft-delete a company (restorable)")
async def delete_company(company_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    await companies.delete_company(pool, actor, company_id)
    return Response(status_code=204)


@router.post("/companies/{company_id}/restore", summary="Restore a soft-deleted company")
async def restore_company(company_id: UUID, actor: CurrentActor, pool: PoolDep) -> Company:
    return await companies.restore_company(pool, actor, company_id)


@router.get("/companies/{company_id}/history", summary="Every recorded change of a company, newest first")
async def company_history(company_id: UUID, actor: CurrentActor, pool: PoolDep) -> list[dict[str, Any]]:
    return await companies.company_history(pool, actor, company_id)
