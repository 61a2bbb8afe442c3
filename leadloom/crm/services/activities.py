"""Activities and tasks: log an email, call, meeting or note against a contact, company or deal; create,
list and complete tasks; edit and soft-delete activities. Each write commits with its history row."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.activities import TASK_SORTS, Activity, ActivityCreate, ActivityUpdate, TaskCreate, TaskFilter
from leadloom.crm.pagination import Page, clamp_limit, decode_cursor, encode_cursor
from leadloom.crm.repositories import activities as repo
from leadloom.crm.repositories import deals as deals_repo
from leadloom.crm.repositories import history
from leadloom.crm.services._access import authorize_record
from leadloom.crm.services._dealsupport import Problems, require_write, to_datetime, verbatim_text

TYPES = ("email", "call", "meeting", "note", "task")
DIRECTIONS = ("inbound", "outbound")
TASK_STATUSES = ("open", "done", "cancelled")
_COLUMNS = (
    "type",
    "direction",
    "subject",
    "body",
    "occurred_at",
    "due_at",
    "status",
    "contact_id",
    "company_id",
    "deal_id",
    "owner_id",
)


def _choice(value: str, allowed: tuple[str, ...], field: str, problems: Problems) -> str | None:
    text = value.strip().lower()
    if text in allowed:
        return text
    problems.add(field, f"{value!r} is not one of: {', '.join(allowed)}", valid=list(allowed))
    return None


def _clean(data: ActivityCreate | ActivityUpdate | TaskCreate, problems: Problems) -> dict[str, Any]:
    """Normalised values of the fields that were set (explicit nulls included)."""
    given = data.model_fields_set
    out: dict[str, Any] = {}
    for field in given:
        value = getattr(data, field)
        if value is None or (isinstance(value, str) and not value.strip() and field not in ("subject", "body")):
            out[field] = None
            continue
        try:
            if field == "type":
                out[field] = _choice(value, TYPES, field, problems)
            elif field == "direction":
                out[field] = _choice(value, DIRECTIONS, field, problems)
            elif field == "status":
                out[field] = _choice(value, TASK_STATUSES, field, problems)
            elif field == "subject":
                out[field] = verbatim_text(value, max_len=500) or None
            elif field == "body":
                out[field] = verbatim_text(value, max_len=100_000) or None
            elif field == "occurred_at":
                out[field] = to_datetime(value)
            elif field == "due_at":
                # A due date with no time means "by the end of that day".
                out[field] = to_datetime(value, end_of_day=True)
            else:
                out[field] = value
        except ValueError as exc:
            problems.add(field, str(exc))
    return out


async def _check_links(
    conn: Conn, actor: Actor, values: dict[str, Any], problems: Problems, *, fill_company: bool
) -> None:
    """Linked records must be live records of this organization (another org's id is simply unknown)."""
    org = actor.org_id
    if values.get("contact_id"):
        contact = await deals_repo.contact_ref(conn, org_id=org, contact_id=values["contact_id"])
        if contact is None:
            problems.add("contact_id", "no such contact in this organization")
        elif fill_company and values.get("company_id") is None and contact["company_id"] is not None:
            # Logged against a person, the activity also belongs to their company's story.
            values["company_id"] = contact["company_id"]
    if values.get("company_id") and not await deals_repo.company_ref(conn, org_id=org, company_id=values["company_id"]):
        problems.add("company_id", "no such company in this organization")
    if values.get("deal_id"):
        deal = await repo.deal_ref(conn, org_id=org, deal_id=values["deal_id"])
        if deal is None:
            problems.add("deal_id", "no such deal in this organization")
        elif fill_company and values.get("company_id") is None and deal["company_id"] is not None:
            # Work on a deal is work on the account: it shows on the company's timeline too.
            values["company_id"] = deal["company_id"]
    if values.get("owner_id") and not await deals_repo.user_exists(conn, org_id=org, user_id=values["owner_id"]):
        problems.add("owner_id", "no such user in this organization")


def _check_shape(values: dict[str, Any], problems: Problems) -> None:
    """Rules across fields: links, task-only fields, directions only on conversations."""
    kind = values.get("type")
    if kind != "task" and not any(values.get(k) for k in ("contact_id", "company_id", "deal_id")):
        problems.add("contact_id", "link the activity to a contact, a company or a deal (at least one)")
    if kind != "task":
        if values.get("due_at") is not None:
            problems.add("due_at", "only tasks have a due date")
        if values.get("status") is not None:
            problems.add("status", "only tasks have a status")
    if kind in ("note", "task") and values.get("direction") is not None:
        problems.add("direction", f"a {kind} has no direction")


def _to_activity(row: dict[str, Any]) -> Activity:
    return Activity(**row)


async def _insert(conn: Conn, actor: Actor, values: dict[str, Any]) -> Activity:
    activity_id = await repo.insert_activity(conn, org_id=actor.org_id, values={k: values.get(k) for k in _COLUMNS})
    row = await repo.get_activity(conn, org_id=actor.org_id, activity_id=activity_id)
    assert row is not None
    await history.record(conn, actor, entity="activity", entity_id=activity_id, action="create", after=row)
    return _to_activity(row)


async def log_activity(pool: AsyncConnectionPool[Conn], actor: Actor, data: ActivityCreate) -> Activity:
    """Record an email, call, meeting, note (or task) linked to at least one of contact, company, deal.

    Without a company, the activity is also linked to the company of its contact (else of its deal). The
    owner defaults to the acting user and ``occurred_at`` to now.
    """
    require_write(actor)
    problems = Problems()
    values = _clean(data, problems)
    if values.get("type") is None and "type" not in {e["field"] for e in problems.errors}:
        problems.add("type", f"is required: one of {', '.join(TYPES)}")
    if values.get("type") == "task" and values.get("status") is None:
        values["status"] = "open"
    values.setdefault("owner_id", actor.user_id)
    _check_shape(values, problems)
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        await _check_links(conn, actor, values, problems, fill_company="company_id" not in data.model_fields_set)
        problems.raise_if_any()
        return await _insert(conn, actor, values)


async def create_task(pool: AsyncConnectionPool[Conn], actor: Actor, data: TaskCreate) -> Activity:
    """A to-do with a subject and optional due date, open, owned by ``owner_id`` or the acting user.

    A task may stand alone or link to a contact, company or deal; a contact brings its company.
    """
    require_write(actor)
    problems = Problems()
    values = _clean(data, problems)
    if not values.get("subject"):
        problems.add("subject", "is required")
    values.update(type="task", status="open")
    if values.get("owner_id") is None:
        values["owner_id"] = actor.user_id
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        await _check_links(conn, actor, values, problems, fill_company="company_id" not in data.model_fields_set)
        problems.raise_if_any()
        return await _insert(conn, actor, values)


async def get_activity(pool: AsyncConnectionPool[Conn], actor: Actor, activity_id: UUID) -> Activity:
    async with org_tx(pool, actor) as conn:
        row = await repo.get_activity(conn, org_id=actor.org_id, activity_id=activity_id)
    if row is None:
        raise NotFoundError(f"no activity {activity_id}")
    return _to_activity(row)


async def _update(conn: Conn, actor: Actor, activity_id: UUID, changes: dict[str, Any], action: str) -> Activity:
    before = await repo.get_activity_for_update(conn, org_id=actor.org_id, activity_id=activity_id)
    if before is None:
        raise NotFoundError(f"no activity {activity_id}")
    await authorize_record(conn, actor, "record.update", before)
    new = {k: before[k] for k in _COLUMNS}
    new.update({k: v for k, v in changes.items() if k in _COLUMNS})
    if new == {k: before[k] for k in _COLUMNS}:
        row = await repo.get_activity(conn, org_id=actor.org_id, activity_id=activity_id)
        assert row is not None
        return _to_activity(row)
    problems = Problems()
    _check_shape(new, problems)
    if new["type"] == "task" and new["status"] is None:
        problems.add("status", "a task needs a status")
    if new["occurred_at"] is None:
        problems.add("occurred_at", "cannot be cleared")
    await _check_links(conn, actor, changes, problems, fill_company=False)
    problems.raise_if_any()
    await repo.update_activity(conn, org_id=actor.org_id, activity_id=activity_id, values=new)
    after = await repo.get_activity(conn, org_id=actor.org_id, activity_id=activity_id)
    assert after is not None
    await history.record(
        conn, actor, entity="activity", entity_id=activity_id, action=action, before=before, after=after
    )
    return _to_activity(after)


async def update_activity(
    pool: AsyncConnectionPool[Conn], actor: Actor, activity_id: UUID, changes: ActivityUpdate
) -> Activity:
    """Change the fields set in ``changes``; the activity must stay linked to something (unless a task)."""
    require_write(actor)
    problems = Problems()
    values = _clean(changes, problems)
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        return await _update(conn, actor, activity_id, values, "update")


async def complete_task(pool: AsyncConnectionPool[Conn], actor: Actor, task_id: UUID) -> Activity:
    """Mark a task done; its ``occurred_at`` becomes the completion time, which is where timelines show it.
    Completing a task that is already done changes nothing."""
    require_write(actor)
    async with org_tx(pool, actor) as conn:
        current = await repo.get_activity_for_update(conn, org_id=actor.org_id, activity_id=task_id)
        if current is None:
            raise NotFoundError(f"no task {task_id}")
        if current["type"] != "task":
            raise ValidationError(
                f"{task_id} is a {current['type']}, not a task", errors=[{"field": "task_id", "message": "not a task"}]
            )
        if current["status"] == "done":
            return await _update(conn, actor, task_id, {}, "complete")
        return await _update(conn, actor, task_id, {"status": "done", "occurred_at": datetime.now(UTC)}, "complete")


async def delete_activity(pool: AsyncConnectionPool[Conn], actor: Actor, activity_id: UUID) -> None:
    """Soft delete: gone from timelines, task lists and recommendations; kept in history."""
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        before = await repo.get_activity(conn, org_id=actor.org_id, activity_id=activity_id)
        if before is not None:
            await authorize_record(conn, actor, "record.delete", before)
        if before is None or not await repo.soft_delete_activity(conn, org_id=actor.org_id, activity_id=activity_id):
            raise NotFoundError(f"no activity {activity_id}")
        await history.record(conn, actor, entity="activity", entity_id=activity_id, action="delete", before=before)


async def list_tasks(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    filters: TaskFilter | None = None,
    *,
    sort: str = "due_at",
    limit: int = 50,
    cursor: str | None = None,
    now: datetime | None = None,
) -> Page[Activity]:
    """Tasks by owner, status, due window, overdue (open and due before ``now``), contact, company or deal.

    Sorted by due date (undated last) unless ``sort`` says otherwise; keyset paged.
    """
    filters = filters or TaskFilter()
    if sort not in TASK_SORTS:
        raise ValidationError(
            f"unknown sort {sort!r}; use one of: {', '.join(TASK_SORTS)}",
            errors=[{"field": "sort", "message": "unknown sort", "valid": list(TASK_SORTS)}],
        )
    limit = clamp_limit(limit)
    after = None
    if cursor:
        c = decode_cursor(cursor, sort)
        after = (c.sort_value, c.id)
    problems = Problems()
    params: dict[str, Any] = {
        "owner_id": filters.owner_id,
        "status": filters.status,
        "overdue": filters.overdue,
        "contact_id": filters.contact_id,
        "company_id": filters.company_id,
        "deal_id": filters.deal_id,
        "now": now or datetime.now(UTC),
    }
    for field in ("due_before", "due_after"):
        value = getattr(filters, field)
        params[field] = None
        if value is not None and not (isinstance(value, str) and not value.strip()):
            try:
                params[field] = to_datetime(value)
            except ValueError as exc:
                problems.add(field, str(exc))
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        rows = await repo.list_tasks(
            conn,
            org_id=actor.org_id,
            filters=params,
            sort_key=sort.lstrip("-"),
            descending=sort.startswith("-"),
            after=after,
            limit=limit + 1,
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"], sort)
    return Page[Activity](items=[_to_activity(r) for r in rows], next_cursor=next_cursor)
