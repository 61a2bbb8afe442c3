"""Segments: saved contact filters with live audience counts (per channel, respecting consent).

A segment stores the filters, never a list of ids, so its audience is always current. The filter
keys are the ones ``search_contacts`` takes (:class:`~leadloom.crm.models.campaigns.AudienceFilters`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg import errors as pg_errors
from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.consent import CHANNELS, can_contact
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.crm.models.campaigns import AudienceCounts, AudienceFilters, SegmentCreate
from leadloom.crm.permissions import Action, authorize
from leadloom.crm.repositories import campaigns as repo
from leadloom.crm.services import contacts as contacts_svc

MAX_SAMPLE = 50


def _require_write(actor: Actor, action: Action = "segments.manage") -> None:
    authorize(actor, action)


async def query_filters(conn: Conn, actor: Actor, filters: AudienceFilters) -> dict[str, Any]:
    """The filters as the audience SQL reads them, resolved exactly as search_contacts resolves them
    (owner and company names to ids, stages matched leniently), so the two never disagree."""
    if filters.min_score is not None and filters.max_score is not None and filters.min_score > filters.max_score:
        raise ValidationError("min_score is above max_score", errors=[{"field": "min_score", "message": "> max"}])
    return await contacts_svc.filter_params(conn, actor, filters.contact_filter())


async def audience_in(conn: Conn, actor: Actor, filters: AudienceFilters, *, sample: int = 10) -> dict[str, Any]:
    """Counts (all, per channel, with consent) and a sample of the newest matching contacts."""
    if not 0 <= sample <= MAX_SAMPLE:
        raise ValidationError(f"sample must be 0..{MAX_SAMPLE}", errors=[{"field": "limit", "message": "range"}])
    values = await query_filters(conn, actor, filters)
    counts = AudienceCounts(**await repo.audience_counts(conn, org_id=actor.org_id, filters=values))
    rows = await repo.audience_sample(conn, org_id=actor.org_id, filters=values, limit=sample) if sample else []
    # Each sampled contact says which channels may reach it, by the one rule every sender must use.
    shown = [
        {
            **{k: v for k, v in r.items() if k not in ("email_unsubscribed_at", "sms_unsubscribed_at", "deleted_at")},
            "reachable": {ch: can_contact(r, ch) for ch in CHANNELS},
        }
        for r in rows
    ]
    return {"counts": counts.model_dump(), "sample": shown}


async def audience(
    pool: AsyncConnectionPool[Conn], actor: Actor, filters: AudienceFilters, *, sample: int = 10
) -> dict[str, Any]:
    """The audience of ad-hoc filters (no segment saved)."""
    async with org_tx(pool, actor) as conn:
        return await audience_in(conn, actor, filters, sample=sample)


async def create_segment(pool: AsyncConnectionPool[Conn], actor: Actor, data: SegmentCreate) -> dict[str, Any]:
    """Save filters under a name; returns the segment with its current audience counts."""
    _require_write(actor)
    name = normalize.clean_text(data.name, max_len=200)
    if not name:
        raise ValidationError("a segment needs a name", errors=[{"field": "name", "message": "required"}])
    async with org_tx(pool, actor) as conn:
        # Resolve now so a wrong owner/stage is refused at save time, not at every later count.
        found = await audience_in(conn, actor, data.filters, sample=0)
        try:
            async with conn.transaction():
                seg = await repo.insert_segment(
                    conn,
                    org_id=actor.org_id,
                    name=name,
                    description=data.description,
                    filters=data.filters.as_json(),
                    created_by=actor.user_id,
                )
        except pg_errors.UniqueViolation:
            raise ConflictError(f"a segment named {name!r} already exists") from None
    return {**seg, "counts": found["counts"]}


async def list_segments(pool: AsyncConnectionPool[Conn], actor: Actor) -> list[dict[str, Any]]:
    """Every segment with its current counts."""
    async with org_tx(pool, actor) as conn:
        out = []
        for seg in await repo.list_segments(conn, org_id=actor.org_id):
            counts = await _counts_or_error(conn, actor, seg)
            out.append({**seg, **counts})
        return out


async def _counts_or_error(conn: Conn, actor: Actor, seg: dict[str, Any]) -> dict[str, Any]:
    # A saved filter can go stale (its owner left, a stage was renamed); list the rest instead of failing.
    try:
        async with conn.transaction():
            found = await audience_in(conn, actor, AudienceFilters(**seg["filters"]), sample=0)
        return {"counts": found["counts"]}
    except (ValidationError, NotFoundError) as exc:
        return {"counts": None, "problem": exc.detail}


async def get_segment(pool: AsyncConnectionPool[Conn], actor: Actor, segment_id: UUID) -> dict[str, Any]:
    async with org_tx(pool, actor) as conn:
        seg = await repo.get_segment(conn, org_id=actor.org_id, id=segment_id)
    if seg is None:
        raise NotFoundError("no such segment")
    return seg


async def find_segments(pool: AsyncConnectionPool[Conn], actor: Actor, ref: str) -> list[dict[str, Any]]:
    """Segments a reference could mean: the one with that id, else those whose name contains it (exact first)."""
    text = ref.strip()
    async with org_tx(pool, actor) as conn:
        try:
            seg = await repo.get_segment(conn, org_id=actor.org_id, id=UUID(text))
            return [seg] if seg else []
        except ValueError:
            pass
        return await repo.find_segments_by_name(conn, org_id=actor.org_id, name=text)


async def segment_audience(
    pool: AsyncConnectionPool[Conn], actor: Actor, segment_id: UUID, *, sample: int = 10
) -> dict[str, Any]:
    """A segment with its counts and a sample of its contacts."""
    async with org_tx(pool, actor) as conn:
        seg = await repo.get_segment(conn, org_id=actor.org_id, id=segment_id)
        if seg is None:
            raise NotFoundError("no such segment")
        found = await audience_in(conn, actor, AudienceFilters(**seg["filters"]), sample=sample)
    return {**seg, **found}
