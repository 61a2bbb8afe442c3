"""A record's timeline: its activities (for a company, its contacts' too) and its deals' stage changes,
newest first, keyset-paged on (time, id) so new entries never shift the pages being read."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.activities import TimelineItem
from leadloom.crm.pagination import Page, clamp_limit, decode_cursor, encode_cursor
from leadloom.crm.repositories import activities as repo

Entity = Literal["contact", "company", "deal"]
_SORT = "timeline"  # cursors are bound to this listing, so one from another list is refused


async def timeline(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    entity: Entity,
    entity_id: UUID,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[TimelineItem]:
    """The timeline of a contact, company or deal; NotFoundError when the record is not in this organization."""
    if entity not in ("contact", "company", "deal"):
        raise ValidationError(
            f"unknown entity {entity!r}; use contact, company or deal",
            errors=[{"field": "entity", "message": "unknown entity"}],
        )
    limit = clamp_limit(limit)
    before: tuple[datetime, UUID] | None = None
    if cursor:
        c = decode_cursor(cursor, _SORT)
        if not isinstance(c.sort_value, datetime):
            raise ValidationError("invalid cursor", errors=[{"field": "cursor", "message": "not a timeline cursor"}])
        before = (c.sort_value, c.id)
    async with org_tx(pool, actor) as conn:
        if not await repo.entity_exists(conn, org_id=actor.org_id, entity=entity, entity_id=entity_id):
            raise NotFoundError(f"no {entity} {entity_id}")
        rows = await repo.timeline(
            conn, org_id=actor.org_id, entity=entity, entity_id=entity_id, before=before, limit=limit + 1
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["at"], rows[-1]["id"], _SORT)
    return Page[TimelineItem](items=[TimelineItem(**r) for r in rows], next_cursor=next_cursor)
