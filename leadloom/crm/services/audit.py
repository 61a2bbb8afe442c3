"""The audit log: explicit entries for what row triggers cannot see (logins, exports, permission changes,
approvals) and searching / exporting the log. Row changes themselves are captured by the triggers of
migration 0080 from the transaction's actor settings (``org_tx(pool, actor)``).
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel, Field

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ValidationError
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import audit as repo

Pool = AsyncConnectionPool[Conn]


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor_user_id: UUID | None
    actor_kind: str
    run_id: str | None
    thread_id: str | None
    source: str
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    ip: str | None


class AuditFilter(BaseModel):
    actor: UUID | None = Field(default=None, description="the acting user's id")
    entity: str | None = Field(default=None, max_length=64)
    entity_id: str | None = Field(default=None, max_length=200)
    action: str | None = Field(default=None, max_length=64)
    source: str | None = Field(default=None, max_length=32)
    run_id: str | None = Field(default=None, max_length=200)
    since: datetime | None = None
    until: datetime | None = None


def actor_kind(actor: Actor | None) -> str:
    if actor is None or actor.user_id is None:
        return "system"
    return "agent" if actor.run_id else "user"


async def record(
    conn: Conn,
    actor: Actor | None,
    *,
    org_id: UUID,
    action: str,
    entity: str,
    entity_id: UUID | str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
    source: str | None = None,
) -> None:
    """Write one audit entry in the caller's transaction (commits or rolls back with the change)."""
    await repo.insert(
        conn,
        org_id=org_id,
        actor_user_id=actor.user_id if actor else None,
        actor_kind=actor_kind(actor),
        run_id=actor.run_id if actor else None,
        thread_id=actor.thread_id if actor else None,
        source=source or (actor.source if actor else "system"),
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
        ip=ip or (actor.ip if actor else None),
    )


async def log(pool: Pool, actor: Actor, *, action: str, entity: str, **fields: Any) -> None:
    """``record`` in a transaction of its own (for events with no data change, such as an export)."""
    async with org_tx(pool, actor) as conn:
        await record(conn, actor, org_id=actor.org_id, action=action, entity=entity, **fields)


def _cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"a:{last_id}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        kind, _, value = raw.partition(":")
        if kind != "a":
            raise ValueError("not an audit cursor")
        return int(value)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(
            "invalid cursor: pass the next_cursor of the previous page",
            errors=[{"field": "cursor", "message": "invalid"}],
        ) from None


def _params(actor: Actor, filters: AuditFilter) -> dict[str, Any]:
    if filters.since and filters.until and filters.since >= filters.until:
        raise ValidationError("since must be before until", errors=[{"field": "since", "message": "after until"}])
    return {"org_id": actor.org_id, **filters.model_dump()}


async def search(
    pool: Pool, actor: Actor, filters: AuditFilter, *, limit: int = 50, cursor: str | None = None
) -> Page[AuditEntry]:
    """Newest first, keyset-paginated by id. Owners, admins and managers (docs/permissions.md)."""
    authorize(actor, "audit.read")
    limit = max(1, min(limit, MAX_LIMIT))
    params = {**_params(actor, filters), "before_id": _decode(cursor) if cursor else None, "limit": limit + 1}
    async with org_tx(pool, actor.org_id) as conn:
        rows = await repo.search(conn, **params)
    items = [AuditEntry.model_validate(r) for r in rows[:limit]]
    return Page(items=items, next_cursor=_cursor(items[-1].id) if len(rows) > limit and items else None)


async def export(pool: Pool, actor: Actor, filters: AuditFilter, *, batch: int = 1000) -> AsyncIterator[AuditEntry]:
    """Every matching entry, newest first, in batches (so a long log is streamed, not held in memory).

    The export itself is audited before the first row is read.
    """
    authorize(actor, "audit.export")
    params = _params(actor, filters)
    await log(pool, actor, action="export", entity="audit_log", after={"filters": filters.model_dump(mode="json")})
    before_id: int | None = None
    while True:
        async with org_tx(pool, actor.org_id) as conn:
            rows = await repo.search(conn, **params, before_id=before_id, limit=batch)
        for row in rows:
            yield AuditEntry.model_validate(row)
        if len(rows) < batch:
            return
        before_id = rows[-1]["id"]
