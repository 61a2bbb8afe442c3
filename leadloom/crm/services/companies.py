"""Companies: create, read, update, list with filters and keyset pagination, soft delete and restore.
Every write runs in one transaction with its record_history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.custom_fields import validate_custom
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.common import parse
from leadloom.crm.models.companies import SORTS, Company, CompanyCreate, CompanyFilter, CompanyUpdate
from leadloom.crm.pagination import Page, clamp_limit, decode_cursor, encode_cursor
from leadloom.crm.repositories import companies as repo
from leadloom.crm.repositories import contacts as contacts_repo
from leadloom.crm.repositories import history
from leadloom.crm.services import resolve
from leadloom.crm.services._access import authorize_record
from leadloom.crm.services._records import FieldErrors, like, prefix_tsquery, require_write
from leadloom.crm.services.custom_fields import load_defs

Pool = AsyncConnectionPool[Conn]
Row = dict[str, Any]

EDITABLE = ("name", "domain", "industry", "size", "owner_id", "custom", "external_id")
NO_OWNER = {"none", "nobody", "unassigned", "no one", "noone", "unowned"}


def state_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in EDITABLE}


async def _validate(
    conn: Conn, actor: Actor, state: dict[str, Any], *, custom_keys: set[str] | None, owner_changed: bool = True
) -> dict[str, Any]:
    """Owner and custom fields; ``custom_keys`` None = a new company (all values and required fields)."""
    problems = FieldErrors()
    if (
        owner_changed
        and state["owner_id"] is not None
        and not await contacts_repo.user_exists(conn, org_id=actor.org_id, user_id=state["owner_id"])
    ):
        problems.add("owner_id", "no such user in this organization")
    if custom_keys is None or custom_keys:
        defs = await load_defs(conn, actor.org_id, "company")
        custom = state["custom"]
        to_check = custom if custom_keys is None else {k: custom[k] for k in custom_keys if k in custom}
        try:
            clean = validate_custom(defs, to_check, partial=custom_keys is not None)
        except ValidationError as exc:
            problems.extend(exc)
            clean = {}
        state["custom"] = {k: v for k, v in {**custom, **clean}.items() if v is not None}
        for d in defs:
            if custom_keys and d["required"] and d["key"] in custom_keys and d["key"] not in state["custom"]:
                problems.add(f"custom.{d['key']}", "is required")
    problems.raise_if_any()
    return state


async def _get_row(
    conn: Conn, actor: Actor, company_id: UUID, *, for_update: bool = False, deleted_ok: bool = False
) -> Row:
    row = await repo.get_company(conn, org_id=actor.org_id, company_id=company_id, for_update=for_update)
    if row is None or (row["deleted_at"] is not None and not deleted_ok):
        raise NotFoundError(f"no company {company_id}")
    return row


async def create_company(pool: Pool, actor: Actor, data: CompanyCreate | Mapping[str, Any]) -> Company:
    require_write(actor)
    spec = parse(CompanyCreate, data)
    async with org_tx(pool, actor) as conn:
        row = await insert_company(conn, actor, spec)
    return Company.model_validate(row)


async def insert_company(conn: Conn, actor: Actor, spec: CompanyCreate) -> Row:
    """A new company inside the caller's transaction, so a contact created with it commits or fails with it."""
    values = await _validate(conn, actor, {k: getattr(spec, k) for k in EDITABLE}, custom_keys=None)
    company_id = await repo.insert_company(conn, org_id=actor.org_id, values=values)
    row = await _get_row(conn, actor, company_id)
    await history.record(conn, actor, entity="company", entity_id=company_id, action="create", after=state_of(row))
    return row


async def get_company(pool: Pool, actor: Actor, company_id: UUID) -> Company:
    async with org_tx(pool, actor) as conn:
        return Company.model_validate(await _get_row(conn, actor, company_id))


async def update_company(
    pool: Pool, actor: Actor, company_id: UUID, changes: CompanyUpdate | Mapping[str, Any]
) -> Company:
    require_write(actor, "record.update")
    fields = parse(CompanyUpdate, changes).changes()
    if not fields:
        raise ValidationError("no changes given", errors=[{"field": "body", "message": "no fields to change"}])
    if "name" in fields and not fields["name"]:
        raise ValidationError("a company needs a name", errors=[{"field": "name", "message": "is required"}])
    async with org_tx(pool, actor) as conn:
        row = await _get_row(conn, actor, company_id, for_update=True)
        await authorize_record(conn, actor, "record.update", row)
        before = state_of(row)
        after = dict(before)
        for key in ("name", "domain", "industry", "size", "owner_id"):
            if key in fields:
                after[key] = fields[key]
        if fields.get("custom") is not None:
            after["custom"] = {**before["custom"], **fields["custom"]}
            after["custom"] = {k: v for k, v in after["custom"].items() if v is not None}
        after = await _validate(
            conn, actor, after, custom_keys=set(fields.get("custom") or {}), owner_changed="owner_id" in fields
        )
        changed = [k for k in EDITABLE if before[k] != after[k]]
        if changed:
            await repo.update_company(conn, org_id=actor.org_id, company_id=company_id, values=after)
            await history.record(
                conn,
                actor,
                entity="company",
                entity_id=company_id,
                action="update",
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
        return Company.model_validate(await _get_row(conn, actor, company_id))


async def filter_params(conn: Conn, actor: Actor, filters: CompanyFilter | Mapping[str, Any] | None) -> dict[str, Any]:
    f = parse(CompanyFilter, filters or {})
    problems = FieldErrors()
    p: dict[str, Any] = {"include_deleted": f.include_deleted, "min_size": f.min_size, "max_size": f.max_size}
    if f.q:
        p["tsquery"] = prefix_tsquery(f.q) or ""  # empty query: matches nothing
    if f.name:
        p["name_like"] = like(f.name)
    if f.domain:
        try:
            p["domain"] = normalize.domain(f.domain)
        except ValueError:
            p["domain"] = f.domain.lower()
        p["domain_like"] = like(f.domain.lower())
    if f.industry:
        p["industry_like"] = like(f.industry)
    owner_ids = [f.owner_id] if f.owner_id else []
    if f.owner:
        if f.owner.lower() in NO_OWNER:
            p["unowned"] = True
        else:
            users = await resolve.user_rows(conn, actor, f.owner)
            if not users:
                problems.add("owner", f"no user matches {f.owner!r}")
            owner_ids += [u["id"] for u in users]
    if owner_ids:
        p["owner_ids"] = owner_ids
    problems.raise_if_any()
    return p


async def list_companies(
    pool: Pool,
    actor: Actor,
    filters: CompanyFilter | Mapping[str, Any] | None = None,
    *,
    sort: str = "-created_at",
    limit: int = 50,
    cursor: str | None = None,
) -> Page[Company]:
    if sort not in SORTS:
        raise ValidationError(
            f"sort must be one of {', '.join(SORTS)}", errors=[{"field": "sort", "message": "unknown sort"}]
        )
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, sort) if cursor else None
    async with org_tx(pool, actor) as conn:
        params = await filter_params(conn, actor, filters)
        rows = await repo.list_companies(
            conn, org_id=actor.org_id, filters=params, sort=sort, limit=limit + 1, cursor=after
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"], sort)
    return Page[Company](items=[Company.model_validate(r) for r in rows], next_cursor=next_cursor)


async def delete_company(pool: Pool, actor: Actor, company_id: UUID) -> None:
    """Soft delete. Its contacts keep their link (and show the company's name) until it is purged."""
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        row = await _get_row(conn, actor, company_id, for_update=True)
        await authorize_record(conn, actor, "record.delete", row)
        await repo.set_deleted(conn, org_id=actor.org_id, company_id=company_id, deleted=True)
        await history.record(conn, actor, entity="company", entity_id=company_id, action="delete", before=state_of(row))


async def restore_company(pool: Pool, actor: Actor, company_id: UUID) -> Company:
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        row = await _get_row(conn, actor, company_id, for_update=True, deleted_ok=True)
        await authorize_record(conn, actor, "record.delete", row)
        if row["deleted_at"] is not None:
            await repo.set_deleted(conn, org_id=actor.org_id, company_id=company_id, deleted=False)
            await history.record(
                conn, actor, entity="company", entity_id=company_id, action="restore", after=state_of(row)
            )
        return Company.model_validate(await _get_row(conn, actor, company_id))


async def company_history(pool: Pool, actor: Actor, company_id: UUID, *, limit: int = 100) -> list[dict[str, Any]]:
    async with org_tx(pool, actor) as conn:
        await _get_row(conn, actor, company_id, deleted_ok=True)
        return await history.list_history(
            conn, org_id=actor.org_id, entity="company", entity_id=company_id, limit=limit
        )
