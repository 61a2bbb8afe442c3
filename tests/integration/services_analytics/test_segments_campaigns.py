"""Segments and campaign drafts on the real database: audience counts respect consent and tenants."""

from __future__ import annotations

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from leadloom.crm.models.campaigns import AudienceFilters, CampaignCreate, SegmentCreate
from leadloom.crm.services import campaigns, segments
from tests.conftest import new_org


@pytest.fixture
async def people(pool, org):
    org_id = org.org["id"]
    rows = [
        # first, emails, phones, stage, tags, email_consent, sms_consent
        ("Ann", ["ann@a.com"], ["+14155550101"], "lead", ["vip"], True, True),
        ("Ben", ["ben@a.com"], [], "lead", ["vip"], False, False),
        ("Cat", [], ["+14155550103"], "lead", ["vip"], False, True),
        ("Dan", ["dan@a.com"], [], "customer", ["vip"], True, False),
        ("Eve", ["eve@a.com"], [], "lead", [], True, False),
    ]
    async with org_tx(pool, org_id) as conn:
        for first, emails, phones, stage, tags, ec, sc in rows:
            await conn.execute(
                "INSERT INTO contacts (org_id, first_name, emails, phones, lifecycle_stage, tags, email_consent,"
                " sms_consent) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (org_id, first, emails, phones, stage, tags, ec, sc),
            )


async def test_segment_counts_by_channel_and_consent(pool, actor, people):
    seg = await segments.create_segment(
        pool, actor, SegmentCreate(name="VIP leads", filters=AudienceFilters(tag="VIP", stage="Lead"))
    )
    assert seg["filters"] == {"tag": "VIP", "stage": "Lead"}
    assert seg["counts"] == {"total": 3, "with_email": 2, "email_reachable": 1, "with_phone": 2, "sms_reachable": 2}
    found = await segments.segment_audience(pool, actor, seg["id"], sample=2)
    assert len(found["sample"]) == 2 and found["counts"]["total"] == 3
    listed = await segments.list_segments(pool, actor)
    assert [s["name"] for s in listed] == ["VIP leads"] and listed[0]["counts"]["total"] == 3
    assert [s["id"] for s in await segments.find_segments(pool, actor, "vip")] == [seg["id"]]
    with pytest.raises(ConflictError):
        await segments.create_segment(pool, actor, SegmentCreate(name="vip LEADS", filters=AudienceFilters()))


async def test_unknown_filters_and_owners_are_refused(pool, actor, people):
    with pytest.raises(Exception, match="extra"):
        AudienceFilters(colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="no user matches"):
        await segments.audience(pool, actor, AudienceFilters(owner="nobody-like-this"))
    with pytest.raises(ValidationError):
        await segments.audience(pool, actor, AudienceFilters(stage="astronaut"))
    mine = await segments.audience(pool, actor, AudienceFilters(owner="me"))
    assert mine["counts"]["total"] == 0
    unowned = await segments.audience(pool, actor, AudienceFilters(owner="none", stage=["lead", "customer"]))
    assert unowned["counts"]["total"] == 5


async def test_campaign_draft_counts_reachable_and_sends_nothing(pool, actor, people):
    seg = await segments.create_segment(pool, actor, SegmentCreate(name="VIPs", filters=AudienceFilters(tag="vip")))
    draft = await campaigns.create_draft(
        pool, actor, CampaignCreate(name="Spring", channel="email", segment_id=seg["id"], body="Hello")
    )
    assert draft["status"] == "draft" and draft["segment_name"] == "VIPs"
    # VIPs: Ann, Ben, Cat, Dan. With email: Ann, Ben, Dan; with consent: Ann, Dan.
    assert draft["audience"]["reachable"] == 2
    assert draft["audience"]["without_consent"] == 1 and draft["audience"]["without_address"] == 1
    assert draft["audience_count"] == 2 and draft["missing"] == ["subject"]
    assert "nothing was sent" in draft["note"]
    sms = await campaigns.create_draft(
        pool, actor, CampaignCreate(name="Text", channel="sms", filters=AudienceFilters(), body="Hi")
    )
    assert sms["audience"]["reachable"] == 2  # Ann and Cat
    assert [c["name"] for c in await campaigns.list_campaigns(pool, actor)] == ["Text", "Spring"]
    with pytest.raises(ValidationError):
        await campaigns.create_draft(pool, actor, CampaignCreate(name="No audience", channel="sms"))


async def test_viewer_cannot_create_and_other_org_sees_nothing(pool, actor, people):
    viewer = Actor(org_id=actor.org_id, user_id=actor.user_id, role="viewer")
    with pytest.raises(PermissionDeniedError):
        await segments.create_segment(pool, viewer, SegmentCreate(name="x", filters=AudienceFilters()))
    seg = await segments.create_segment(pool, actor, SegmentCreate(name="All", filters=AudienceFilters()))
    other = await new_org(pool, "Elsewhere")
    stranger = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    with pytest.raises(NotFoundError):
        await segments.segment_audience(pool, stranger, seg["id"])
    assert (await segments.audience(pool, stranger, AudienceFilters()))["counts"]["total"] == 0
    with pytest.raises(NotFoundError):
        await campaigns.create_draft(
            pool, stranger, CampaignCreate(name="steal", channel="email", segment_id=seg["id"])
        )
