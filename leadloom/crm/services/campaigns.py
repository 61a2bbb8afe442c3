"""Campaign drafts: a name, an audience (a segment or ad-hoc filters), a channel and the content.

Nothing is sent here: sending arrives with the message hub (messaging outbox + dispatcher), and every
result says so. The audience count stored with a draft is the number of contacts the channel can
legally reach (an address plus consent: ``email_consent`` / ``sms_consent``).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.campaigns import AudienceFilters, CampaignCreate
from leadloom.crm.repositories import campaigns as repo
from leadloom.crm.repositories import history
from leadloom.crm.services.segments import _require_write, audience_in

SENDING_NOTE = "Draft only: nothing was sent. Sending arrives with the message hub."
STATUSES = ("draft", "scheduled", "sending", "sent", "cancelled")


def _reach(channel: str, counts: dict[str, int]) -> dict[str, int]:
    """How many the channel reaches, and why the others are left out."""
    if channel == "email":
        return {
            "reachable": counts["email_reachable"],
            "without_address": counts["total"] - counts["with_email"],
            "without_consent": counts["with_email"] - counts["email_reachable"],
        }
    return {
        "reachable": counts["sms_reachable"],
        "without_address": counts["total"] - counts["with_phone"],
        "without_consent": counts["with_phone"] - counts["sms_reachable"],
    }


async def create_draft(pool: AsyncConnectionPool[Conn], actor: Actor, data: CampaignCreate) -> dict[str, Any]:
    """Save a campaign draft and count its reachable audience."""
    _require_write(actor, "campaigns.manage")
    name = normalize.clean_text(data.name, max_len=200)
    if not name:
        raise ValidationError("a campaign needs a name", errors=[{"field": "name", "message": "required"}])
    if data.segment_id is None and data.filters is None:
        raise ValidationError(
            "a campaign needs an audience: a segment or filters",
            errors=[{"field": "segment", "message": "give a segment or filters"}],
        )
    if data.channel == "sms" and len(data.body) > 1600:
        raise ValidationError("an SMS body is at most 1600 characters", errors=[{"field": "body", "message": "long"}])
    async with org_tx(pool, actor) as conn:
        filters = data.filters or AudienceFilters()
        if data.segment_id is not None:
            seg = await repo.get_segment(conn, org_id=actor.org_id, id=data.segment_id)
            if seg is None:
                raise NotFoundError("no such segment")
            # The draft keeps a copy of the segment's filters, so it still shows what it targeted if the
            # segment is changed or deleted later.
            filters = AudienceFilters(**seg["filters"])
        found = await audience_in(conn, actor, filters, sample=0)
        reach = _reach(data.channel, found["counts"])
        campaign_id = await repo.insert_campaign(
            conn,
            org_id=actor.org_id,
            name=name,
            segment_id=data.segment_id,
            filters=filters.as_json(),
            channel=data.channel,
            subject=data.subject,
            body=data.body,
            audience_count=reach["reachable"],
            created_by=actor.user_id,
        )
        row = await repo.get_campaign(conn, org_id=actor.org_id, id=campaign_id)
        assert row is not None
        await history.record(conn, actor, entity="campaign", entity_id=campaign_id, action="create", after=row)
    missing = []
    if data.channel == "email" and not data.subject:
        missing.append("subject")
    if not data.body:
        missing.append("body")
    return {**row, "audience": {**found["counts"], **reach}, "missing": missing, "note": SENDING_NOTE}


async def get_campaign(pool: AsyncConnectionPool[Conn], actor: Actor, campaign_id: UUID) -> dict[str, Any]:
    async with org_tx(pool, actor) as conn:
        row = await repo.get_campaign(conn, org_id=actor.org_id, id=campaign_id)
    if row is None:
        raise NotFoundError("no such campaign")
    return row


async def list_campaigns(
    pool: AsyncConnectionPool[Conn], actor: Actor, *, status: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    if status is not None and status not in STATUSES:
        raise ValidationError(
            f"status must be one of {', '.join(STATUSES)}", errors=[{"field": "status", "message": "unknown"}]
        )
    if not 1 <= limit <= 200:
        raise ValidationError("limit must be 1..200", errors=[{"field": "limit", "message": "range"}])
    async with org_tx(pool, actor) as conn:
        return await repo.list_campaigns(conn, org_id=actor.org_id, status=status, limit=limit)
