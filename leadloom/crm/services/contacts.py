"""Contacts: create, read, update, list with filters and keyset pagination, bulk changes, soft delete and
restore. Every write runs in one transaction with its record_history row, so a failure writes nothing."""

from __future__ import annotations

import re
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
from leadloom.crm.models.companies import CompanyCreate
from leadloom.crm.models.contacts import SORTS, Contact, ContactCreate, ContactFilter, ContactUpdate
from leadloom.crm.pagination import Page, clamp_limit, decode_cursor, encode_cursor
from leadloom.crm.repositories import contacts as repo
from leadloom.crm.repositories import history
from leadloom.crm.repositories import orgs as orgs_repo
from leadloom.crm.services import companies as companies_svc
from leadloom.crm.services import lead_scores, lifecycle, resolve
from leadloom.crm.services._access import authorize_record, authorize_records
from leadloom.crm.services._records import FieldErrors, as_datetime, like, prefix_tsquery, require_write
from leadloom.crm.services.custom_fields import load_defs

Pool = AsyncConnectionPool[Conn]
Row = dict[str, Any]

# The columns a service may write; everything else (id, timestamps, score) is the database's or the scorer's.
EDITABLE = (
    "first_name",
    "last_name",
    "emails",
    "phones",
    "title",
    "company_id",
    "lifecycle_stage",
    "lead_source",
    "owner_id",
    "tags",
    "email_consent",
    "sms_consent",
    "next_follow_up",
    "custom",
    "external_id",
)
# Identity fields make no sense set to one value on many contacts at once.
NOT_BULK = {"first_name", "last_name", "name", "email", "emails", "phone", "phones"}
NO_OWNER = {"none", "nobody", "unassigned", "no one", "noone", "unowned"}


def state_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in EDITABLE}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in EDITABLE if before[k] != after[k]]
    return {k: before[k] for k in changed}, {k: after[k] for k in changed}


def _name(row: Mapping[str, Any]) -> str:
    full = f"{row['first_name']} {row['last_name']}".strip()
    return full or (row["emails"][0] if row["emails"] else "")


def apply_changes(before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The contact's new editable state after ``changes`` (a ContactUpdate's set fields). Pure."""
    state = dict(before)
    if "name" in changes and not ({"first_name", "last_name"} & set(changes)):
        state["first_name"], state["last_name"] = normalize.split_name(changes["name"] or "")
    for key in ("first_name", "last_name"):
        if key in changes:
            state[key] = changes[key] or ""
    for one, many in (("email", "emails"), ("phone", "phones")):
        if many in changes:
            state[many] = list(dict.fromkeys(changes[many] or []))
        if one in changes:
            value = changes[one]
            # Setting the primary keeps the other addresses; clearing it drops only the primary.
            state[many] = [value, *[v for v in state[many] if v != value]] if value else state[many][1:]
    if "tags" in changes:
        state["tags"] = list(dict.fromkeys(changes["tags"] or []))
    if changes.get("tags_add"):
        state["tags"] = list(dict.fromkeys([*state["tags"], *changes["tags_add"]]))
    if changes.get("tags_remove"):
        state["tags"] = [t for t in state["tags"] if t not in set(changes["tags_remove"])]
    for key in (
        "title",
        "company_id",
        "lifecycle_stage",
        "lead_source",
        "owner_id",
        "next_follow_up",
        "email_consent",
        "sms_consent",
    ):
        if key in changes:
            value = changes[key]
            state[key] = bool(value) if key.endswith("_consent") else value
    if changes.get("custom") is not None:
        custom = dict(state["custom"])
        for key, value in changes["custom"].items():
            if value is None:
                custom.pop(key, None)
            else:
                custom[key] = value
        state["custom"] = custom
    return state


async def _check_refs(conn: Conn, actor: Actor, values: dict[str, Any], problems: FieldErrors) -> None:
    """Stage (lenient match to a key), company and owner of the organization: in place, problems collected."""
    if values.get("lifecycle_stage") is not None:
        try:
            values["lifecycle_stage"] = await lifecycle.stage_key(conn, actor.org_id, values["lifecycle_stage"])
        except ValueError as exc:
            problems.add("lifecycle_stage", str(exc))
    if values.get("company_id") is not None:
        # The foreign key alone would accept another organization's company id: check it is ours.
        if not await repo.company_exists(conn, org_id=actor.org_id, company_id=values["company_id"]):
            problems.add("company_id", "no such company in this organization")
    if values.get("owner_id") is not None:
        if not await repo.user_exists(conn, org_id=actor.org_id, user_id=values["owner_id"]):
            problems.add("owner_id", "no such user in this organization")


def _check_identity(state: Mapping[str, Any]) -> None:
    if not (state["first_name"] or state["last_name"] or state["emails"]):
        raise ValidationError(
            "a contact needs at least a name or an email address",
            errors=[{"field": "name", "message": "a contact needs at least a name or an email address"}],
        )


async def _validate_new(conn: Conn, actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """A new contact's references and custom fields (all of them, required ones too), all problems at once."""
    problems = FieldErrors()
    await _place_phones(conn, actor, values)
    await _check_refs(conn, actor, values, problems)
    try:
        clean = validate_custom(await load_defs(conn, actor.org_id, "contact"), values["custom"])
        values["custom"] = {k: v for k, v in clean.items() if v is not None}
    except ValidationError as exc:
        problems.extend(exc)
    if not (values["first_name"] or values["last_name"] or values["emails"]):
        problems.add("name", "a contact needs at least a name or an email address")
    problems.raise_if_any()
    return values


async def _region(conn: Conn, actor: Actor) -> str | None:
    """The organization's country (ISO 3166), in which phone numbers without a country code are read."""
    org = await orgs_repo.get_org(conn, org_id=actor.org_id)
    return ((org or {}).get("settings") or {}).get("country")


async def _place_phones(conn: Conn, actor: Actor, values: dict[str, Any]) -> None:
    """Phones typed without a country code (kept as digits by validation) read in the organization's country,
    so a Kenyan agency's "0745 210 998" is stored as +254745210998 and can be texted; one query, only when
    such a number is there."""
    keys = [k for k in ("phone", "phones") if values.get(k)]
    typed = [p for k in keys for p in ([values[k]] if k == "phone" else values[k])]
    if not any(not p.startswith("+") for p in typed):
        return
    region = await _region(conn, actor)
    for k in keys:
        values[k] = normalize.phone_in_region(values[k], region) if k == "phone" else _placed(values[k], region)


def _placed(phones: list[str], region: str | None) -> list[str]:
    return list(dict.fromkeys(normalize.phone_in_region(p, region) for p in phones))


async def place_stored_phones(conn: Conn, actor: Actor, region: str) -> int:
    """When the organization states its country: phones stored without a country code before (kept as typed,
    digits only) are read in it, each contact's change in its history. Numbers already in E.164 are left
    alone, and so is a number the country cannot place. Runs in the caller's transaction; returns how many
    contacts changed."""
    changed = 0
    for row in await repo.national_phones(conn, org_id=actor.org_id):
        phones = _placed(row["phones"], region)
        if phones == list(row["phones"]):
            continue
        await repo.set_phones(conn, org_id=actor.org_id, contact_id=row["id"], phones=phones)
        await history.record(
            conn, actor, entity="contact", entity_id=row["id"], action="update",
            before={"phones": list(row["phones"])}, after={"phones": phones},
        )  # fmt: skip
        changed += 1
    return changed


async def _resolve_changes(conn: Conn, actor: Actor, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate changes once against the database (not once per contact in a bulk change): stage to its
    key, company and owner checked, custom values coerced. Only the custom keys being set are checked,
    so values stored under since-changed definitions are left alone."""
    problems = FieldErrors()
    out = dict(fields)
    await _place_phones(conn, actor, out)
    await _check_refs(conn, actor, out, problems)
    if out.get("custom"):
        defs = await load_defs(conn, actor.org_id, "contact")
        given = {k: v for k, v in out["custom"].items() if v is not None}
        try:
            clean = validate_custom(defs, given, partial=True)
        except ValidationError as exc:
            problems.extend(exc)
            clean = {}
        merged = {**dict.fromkeys(out["custom"]), **clean}  # None = remove the key
        for d in defs:
            if d["required"] and d["key"] in merged and merged[d["key"]] is None:
                problems.add(f"custom.{d['key']}", "is required")
        out["custom"] = merged
    problems.raise_if_any()
    return out


async def _get_row(
    conn: Conn, actor: Actor, contact_id: UUID, *, for_update: bool = False, deleted_ok: bool = False
) -> Row:
    row = await repo.get_contact(conn, org_id=actor.org_id, contact_id=contact_id, for_update=for_update)
    if row is None or (row["deleted_at"] is not None and not deleted_ok):
        raise NotFoundError(f"no contact {contact_id}")
    return row


async def create_contact(
    pool: Pool, actor: Actor, data: ContactCreate | Mapping[str, Any], *, new_company: str | None = None
) -> Contact:
    """Create a contact; ``new_company`` names a company to create with it, in the same transaction."""
    require_write(actor)
    spec = parse(ContactCreate, data)
    company = parse(CompanyCreate, {"name": new_company}) if new_company else None
    values = {k: getattr(spec, k) for k in EDITABLE}
    async with org_tx(pool, actor) as conn:
        if company is not None:
            values["company_id"] = (await companies_svc.insert_company(conn, actor, company))["id"]
        values = await _validate_new(conn, actor, values)
        contact_id = await repo.insert_contact(conn, org_id=actor.org_id, values=values)
        row = await _get_row(conn, actor, contact_id)
        await history.record(conn, actor, entity="contact", entity_id=contact_id, action="create", after=state_of(row))
    return Contact.from_row(row)


async def get_contact(pool: Pool, actor: Actor, contact_id: UUID) -> Contact:
    async with org_tx(pool, actor) as conn:
        return Contact.from_row(await _get_row(conn, actor, contact_id))


async def get_contact_scored(pool: Pool, actor: Actor, contact_id: UUID) -> tuple[Contact, dict[str, Any] | None]:
    """The contact and its latest score explanation, read in one transaction (GET /contacts/{id})."""
    async with org_tx(pool, actor) as conn:
        contact = Contact.from_row(await _get_row(conn, actor, contact_id))
        return contact, await lead_scores.latest_score_on(conn, actor.org_id, contact_id)


async def _prepare_changes(changes: ContactUpdate | Mapping[str, Any], *, bulk: bool) -> dict[str, Any]:
    update = parse(ContactUpdate, changes)
    fields = update.changes()
    if bulk and (bad := sorted(NOT_BULK & set(fields))):
        raise ValidationError(
            f"{', '.join(bad)} cannot be set on many contacts at once",
            errors=[{"field": f, "message": "not allowed in a bulk change"} for f in bad],
        )
    if not fields:
        raise ValidationError("no changes given", errors=[{"field": "body", "message": "no fields to change"}])
    return fields


async def _change_one(
    conn: Conn, actor: Actor, before_row: Row, resolved: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Apply already-resolved changes to one locked contact, with its history row; None if nothing changed."""
    before = state_of(before_row)
    after = apply_changes(before, resolved)
    _check_identity(after)
    old, new = diff(before, after)
    if not new and not old:
        return None
    await repo.update_contact(conn, org_id=actor.org_id, contact_id=before_row["id"], values=after)
    await history.record(
        conn, actor, entity="contact", entity_id=before_row["id"], action="update", before=old, after=new
    )
    return old, new


async def update_contact(
    pool: Pool,
    actor: Actor,
    contact_id: UUID,
    changes: ContactUpdate | Mapping[str, Any],
    *,
    new_company: str | None = None,
) -> Contact:
    """Change one contact; ``new_company`` names a company to create and move them to, in the same transaction."""
    require_write(actor, "record.update")
    fields = await _prepare_changes(changes, bulk=False)
    company = parse(CompanyCreate, {"name": new_company}) if new_company else None
    async with org_tx(pool, actor) as conn:
        before = await _get_row(conn, actor, contact_id, for_update=True)
        await authorize_record(conn, actor, "record.update", before)
        if company is not None:
            fields["company_id"] = (await companies_svc.insert_company(conn, actor, company))["id"]
        await _change_one(conn, actor, before, await _resolve_changes(conn, actor, fields))
        return Contact.from_row(await _get_row(conn, actor, contact_id))


async def filter_params(conn: Conn, actor: Actor, filters: ContactFilter | Mapping[str, Any] | None) -> dict[str, Any]:
    """ContactFilter -> the repository's SQL parameters, resolving stage, owner and company names."""
    f = parse(ContactFilter, filters or {})
    problems = FieldErrors()
    p: dict[str, Any] = {"include_deleted": f.include_deleted}
    if f.q:
        p["tsquery"] = prefix_tsquery(f.q)
        if sum(ch.isdigit() for ch in f.q) >= 7:
            try:
                p["q_phone"] = normalize.phone(f.q, region=await _region(conn, actor) or "US")
            except ValueError:
                pass
        if p["tsquery"] is None and "q_phone" not in p:
            p["tsquery"] = ""  # punctuation only: an empty query matches nothing (not everything)
    if f.name:
        p["name_like"] = like(f.name)
    if f.email:
        try:
            p["email_exact"] = normalize.email(f.email)
        except ValueError:
            p["email_like"] = like(f.email.lower())
    if f.phone:
        try:
            p["phone_exact"] = normalize.phone(f.phone, region=await _region(conn, actor) or "US")
        except ValueError:
            digits = re.sub(r"\D", "", f.phone)
            if not digits:
                problems.add("phone", f"{f.phone!r} has no digits")
            p["phone_like"] = like(digits)
    p["company_id"] = f.company_id
    if f.company:
        p["company_ids"] = [r["id"] for r in await resolve.company_rows(conn, actor.org_id, f.company)]
    if f.stage:
        stages = await lifecycle.load_stages(conn, actor.org_id)
        keys = []
        for value in f.stage:
            try:
                keys.append(lifecycle.match_stage(stages, value))
            except ValueError as exc:
                problems.add("stage", str(exc))
        p["stages"] = keys
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
    if f.tag:
        p["tags"] = f.tag
    p.update(
        lead_source=f.lead_source,
        min_score=f.min_score,
        max_score=f.max_score,
        created_after=as_datetime(f.created_after),
        created_before=as_datetime(f.created_before),
        updated_after=as_datetime(f.updated_after),
        updated_before=as_datetime(f.updated_before),
        follow_up_before=f.follow_up_before,
        follow_up_after=f.follow_up_after,
        has_email=f.has_email,
        has_phone=f.has_phone,
        not_contacted_since=as_datetime(f.not_contacted_since),
    )
    problems.raise_if_any()
    return p


def _check_sort(sort: str, allowed: tuple[str, ...]) -> None:
    if sort not in allowed:
        raise ValidationError(
            f"sort must be one of {', '.join(allowed)}", errors=[{"field": "sort", "message": "unknown sort"}]
        )


async def list_contacts(
    pool: Pool,
    actor: Actor,
    filters: ContactFilter | Mapping[str, Any] | None = None,
    *,
    sort: str = "-created_at",
    limit: int = 50,
    cursor: str | None = None,
) -> Page[Contact]:
    """One page of matching contacts; pass ``next_cursor`` back (same filters and sort) for the next."""
    _check_sort(sort, SORTS)
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, sort) if cursor else None
    async with org_tx(pool, actor) as conn:
        params = await filter_params(conn, actor, filters)
        rows = await repo.list_contacts(
            conn, org_id=actor.org_id, filters=params, sort=sort, limit=limit + 1, cursor=after
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"], sort)
    return Page[Contact](items=[Contact.from_row(r) for r in rows], next_cursor=next_cursor)


async def count_contacts(pool: Pool, actor: Actor, filters: ContactFilter | Mapping[str, Any] | None = None) -> int:
    async with org_tx(pool, actor) as conn:
        return await repo.count_contacts(conn, org_id=actor.org_id, filters=await filter_params(conn, actor, filters))


async def preview_bulk_update(
    pool: Pool,
    actor: Actor,
    filters: ContactFilter | Mapping[str, Any] | None,
    changes: ContactUpdate | Mapping[str, Any],
    *,
    limit: int = 20,
) -> dict[str, Any]:
    """What ``bulk_update_contacts`` would do, without doing it: how many match, and before/after for a
    sample. Validation is the same as the real run, so a preview that succeeds will not fail for bad input."""
    fields = await _prepare_changes(changes, bulk=True)
    async with org_tx(pool, actor) as conn:
        resolved = await _resolve_changes(conn, actor, fields)
        params = await filter_params(conn, actor, filters)
        total = await repo.count_contacts(conn, org_id=actor.org_id, filters=params)
        rows = await repo.list_contacts(
            conn, org_id=actor.org_id, filters=params, sort="name", limit=max(1, min(limit, 200)), cursor=None
        )
        records = []
        for row in rows:
            before = state_of(row)
            after = apply_changes(before, resolved)
            old, new = diff(before, after)
            records.append({"id": row["id"], "name": _name(row), "before": old, "after": new})
    return {"count": total, "records": records}


async def bulk_update_contacts(
    pool: Pool,
    actor: Actor,
    filters: ContactFilter | Mapping[str, Any] | None,
    changes: ContactUpdate | Mapping[str, Any],
) -> int:
    """Apply ``changes`` to every matching contact in one transaction; returns how many actually changed."""
    require_write(actor, "record.bulk")
    fields = await _prepare_changes(changes, bulk=True)
    changed = 0
    async with org_tx(pool, actor) as conn:
        resolved = await _resolve_changes(conn, actor, fields)
        params = await filter_params(conn, actor, filters)
        rows = await repo.select_for_update(conn, org_id=actor.org_id, filters=params, limit=None)
        await authorize_records(conn, actor, "record.update", rows)
        for row in rows:
            if await _change_one(conn, actor, row, resolved) is not None:
                changed += 1
    return changed


async def delete_contact(pool: Pool, actor: Actor, contact_id: UUID) -> None:
    """Soft delete: the contact disappears from lists and search and can be restored."""
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        row = await _get_row(conn, actor, contact_id, for_update=True)
        await authorize_record(conn, actor, "record.delete", row)
        await repo.set_deleted(conn, org_id=actor.org_id, ids=[contact_id], deleted=True)
        await history.record(conn, actor, entity="contact", entity_id=contact_id, action="delete", before=state_of(row))


async def restore_contact(pool: Pool, actor: Actor, contact_id: UUID) -> Contact:
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        row = await _get_row(conn, actor, contact_id, for_update=True, deleted_ok=True)
        await authorize_record(conn, actor, "record.delete", row)
        if row["deleted_at"] is not None:
            await repo.set_deleted(conn, org_id=actor.org_id, ids=[contact_id], deleted=False)
            await history.record(
                conn, actor, entity="contact", entity_id=contact_id, action="restore", after=state_of(row)
            )
        return Contact.from_row(await _get_row(conn, actor, contact_id))


async def bulk_delete_contacts(pool: Pool, actor: Actor, filters: ContactFilter | Mapping[str, Any] | None) -> int:
    """Soft-delete every matching contact (one transaction, one history row each); returns how many."""
    require_write(actor, "record.bulk")
    async with org_tx(pool, actor) as conn:
        params = {**await filter_params(conn, actor, filters), "include_deleted": False}
        rows = await repo.select_for_update(conn, org_id=actor.org_id, filters=params, limit=None)
        await authorize_records(conn, actor, "record.delete", rows)
        if rows:
            await repo.set_deleted(conn, org_id=actor.org_id, ids=[r["id"] for r in rows], deleted=True)
        for row in rows:
            await history.record(
                conn, actor, entity="contact", entity_id=row["id"], action="delete", before=state_of(row)
            )
    return len(rows)


async def contact_history(pool: Pool, actor: Actor, contact_id: UUID, *, limit: int = 100) -> list[dict[str, Any]]:
    """Every recorded change of a contact (deleted ones too), newest first."""
    async with org_tx(pool, actor) as conn:
        await _get_row(conn, actor, contact_id, deleted_ok=True)
        return await history.list_history(
            conn, org_id=actor.org_id, entity="contact", entity_id=contact_id, limit=limit
        )
