"""Campaign tools for the campaigns specialist: segments (saved filters) with consent-aware audience
counts, and campaign drafts. Nothing is sent: sending arrives with the message hub."""

from __future__ import annotations

from typing import Any, Literal

from langchain.tools import tool

from leadloom.crm.errors import ValidationError
from leadloom.crm.models.campaigns import AudienceFilters, CampaignCreate, SegmentCreate
from leadloom.crm.services import campaigns as campaigns_svc
from leadloom.crm.services import segments as segments_svc
from leadloom.tools.common import Runtime, caller, compact, context, jsonable, pick
from leadloom.tools.errors import tool_errors
from leadloom.tools.safety import confirm_if_untrusted


def audience_filters(filters: dict[str, Any] | None) -> AudienceFilters:
    values = dict(filters or {})
    if "q" in values and "query" not in values:
        values["query"] = values.pop("q")
    return AudienceFilters(**values)


async def _segment(runtime: Runtime, ref: str) -> dict[str, Any]:
    found = await segments_svc.find_segments(context(runtime).pool, caller(runtime), ref)
    exact = [s for s in found if s["name"].lower() == ref.strip().lower()]
    return pick(
        "segment",
        ref,
        exact if len(exact) == 1 else found,
        lambda s: {"id": str(s["id"]), "name": s["name"]},
        hint="Use list_segments to see the saved segments, or create_segment.",
    )


def _segment_view(seg: dict[str, Any]) -> dict[str, Any]:
    return compact(
        {
            "id": seg["id"],
            "name": seg["name"],
            "filters": seg["filters"],
            "counts": seg.get("counts"),
            "problem": seg.get("problem"),
        }
    )


@tool(parse_docstring=True)
@tool_errors
async def create_segment(runtime: Runtime, name: str, filters: dict[str, Any]) -> dict[str, Any]:
    """Save a segment: a named set of contact filters whose audience stays current. Returns its audience
    counts (all, with email, reachable by email with consent, with phone, reachable by SMS with consent).

    Args:
        name: e.g. "VIP leads in Berlin".
        filters: the same keys as search_contacts, e.g. {"tag": "vip", "stage": "lead"} or
            {"company": "Acme"}; {} means every contact.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "create_segment", {"name": name, "filters": filters}, f"Create segment {name}"
        )
    ) is not None:
        return stop
    seg = await segments_svc.create_segment(
        context(runtime).pool, caller(runtime), SegmentCreate(name=name, filters=audience_filters(filters))
    )
    return {"created": _segment_view(seg)}


@tool(parse_docstring=True)
@tool_errors
async def list_segments(runtime: Runtime) -> dict[str, Any]:
    """All saved segments (named contact filters) with their current audience counts per channel."""
    segs = await segments_svc.list_segments(context(runtime).pool, caller(runtime))
    return {"segments": [_segment_view(s) for s in segs]}


@tool(parse_docstring=True)
@tool_errors
async def segment_audience(runtime: Runtime, segment: str, limit: int = 10) -> dict[str, Any]:
    """Who is in a segment: counts per channel (with consent) and a sample of contacts.

    Args:
        segment: the segment's name or id, e.g. "VIP leads".
        limit: how many sample contacts (0-50).
    """
    seg = await _segment(runtime, segment)
    found = await segments_svc.segment_audience(
        context(runtime).pool, caller(runtime), seg["id"], sample=max(0, min(limit, 50))
    )
    return {
        **_segment_view(found),
        "sample": [
            compact({k: r.get(k) for k in ("id", "name", "email", "phone", "company", "stage")})
            for r in found["sample"]
        ],
    }


@tool(parse_docstring=True)
@tool_errors
async def draft_campaign(
    runtime: Runtime,
    name: str,
    channel: Literal["email", "sms"],
    segment: str | None = None,
    filters: dict[str, Any] | None = None,
    subject: str | None = None,
    body: str | None = None,
) -> dict[str, Any]:
    """Save a campaign draft for a segment (or ad-hoc filters) and count who it can reach: contacts with an
    address for the channel AND consent. Nothing is sent: sending arrives with the message hub.

    Args:
        name: e.g. "Spring webinar invite".
        channel: "email" or "sms".
        segment: a saved segment's name or id (use this or filters).
        filters: contact filters with the search_contacts keys, e.g. {"stage": "mql"}.
        subject: the email subject line (email only).
        body: the message text.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime,
            "draft_campaign",
            {"name": name, "channel": channel, "segment": segment},
            f"Draft {channel} campaign {name}",
        )
    ) is not None:
        return stop
    if segment and filters:
        raise ValidationError(
            "give a segment or filters, not both", errors=[{"field": "filters", "message": "segment xor filters"}]
        )
    seg = await _segment(runtime, segment) if segment else None
    draft = await campaigns_svc.create_draft(
        context(runtime).pool,
        caller(runtime),
        CampaignCreate(
            name=name,
            channel=channel,
            segment_id=seg["id"] if seg else None,
            filters=audience_filters(filters) if filters is not None else None,
            subject=subject,
            body=body or "",
        ),
    )
    return {
        "draft": compact(
            {
                "id": draft["id"],
                "name": draft["name"],
                "status": draft["status"],
                "channel": draft["channel"],
                "segment": draft["segment_name"],
                "subject": draft["subject"],
            }
        ),
        "audience": jsonable(draft["audience"]),
        "missing": draft["missing"],
        "note": draft["note"],
    }


@tool(parse_docstring=True)
@tool_errors
async def list_campaigns(
    runtime: Runtime, status: Literal["draft", "scheduled", "sending", "sent", "cancelled"] | None = None
) -> dict[str, Any]:
    """Campaign drafts and campaigns, newest first, with channel, segment and reachable audience.

    Args:
        status: only campaigns in this status, e.g. "draft".
    """
    rows = await campaigns_svc.list_campaigns(context(runtime).pool, caller(runtime), status=status)
    return {
        "campaigns": [
            compact(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "status": r["status"],
                    "channel": r["channel"],
                    "segment": r["segment_name"],
                    "subject": r["subject"],
                    "reachable": r["audience_count"],
                    "created_at": r["created_at"],
                }
            )
            for r in rows
        ]
    }


TOOLS = [create_segment, list_segments, segment_audience, draft_campaign, list_campaigns]
