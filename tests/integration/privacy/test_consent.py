"""Consent and unsubscribes: the one rule (crm/consent.can_contact) and the audience counts of segments and
campaign drafts (the only path that targets people today) agree, and an unsubscribe sticks."""

from __future__ import annotations

import pytest

from leadloom.crm.consent import can_contact
from leadloom.crm.context import Actor
from leadloom.crm.models.campaigns import AudienceFilters, CampaignCreate
from leadloom.crm.models.contacts import ContactCreate, ContactUpdate
from leadloom.crm.services import campaigns, contacts, privacy, segments


def test_can_contact_rule() -> None:
    base = {"emails": ["a@x.example"], "phones": ["+14155550100"], "email_consent": True, "sms_consent": True}
    assert can_contact(base, "email") and can_contact(base, "sms")
    assert not can_contact({**base, "email_consent": False}, "email")
    assert not can_contact({**base, "emails": []}, "email")
    assert not can_contact({**base, "sms_unsubscribed_at": "2025-01-01"}, "sms")
    assert not can_contact({**base, "deleted_at": "2025-01-01"}, "email")
    with pytest.raises(ValueError):
        can_contact(base, "fax")


async def test_audiences_exclude_non_consenting_and_unsubscribed(pool, actor: Actor) -> None:
    tag = "consent-test"
    yes = await contacts.create_contact(
        pool,
        actor,
        ContactCreate(
            name="Yes Yvonne",
            email="y@c.example",
            phone="+14155550111",
            tags=[tag],
            email_consent=True,
            sms_consent=True,
        ),
    )
    await contacts.create_contact(pool, actor, ContactCreate(name="No Nora", email="n@c.example", tags=[tag]))
    leaver = await contacts.create_contact(
        pool, actor, ContactCreate(name="Leo Leaver", email="l@c.example", tags=[tag], email_consent=True)
    )
    filters = AudienceFilters(tag=tag)
    found = await segments.audience(pool, actor, filters, sample=10)
    assert found["counts"]["email_reachable"] == 2

    out = await privacy.unsubscribe(pool, actor, "l@c.example", "email")
    assert out["can_contact"] == {"email": False, "sms": False}
    # Whoever writes the row later (an update, an import, an agent), consent stays off until the opt-out is cleared.
    await contacts.update_contact(pool, actor, leaver.id, ContactUpdate(email_consent=True))
    assert (await contacts.get_contact(pool, actor, leaver.id)).email_consent is False

    found = await segments.audience(pool, actor, filters, sample=10)
    assert found["counts"]["email_reachable"] == 1 and found["counts"]["sms_reachable"] == 1
    reach = {r["name"]: r["reachable"] for r in found["sample"]}
    assert reach == {
        "Yes Yvonne": {"email": True, "sms": True},
        "No Nora": {"email": False, "sms": False},
        "Leo Leaver": {"email": False, "sms": False},
    }
    draft = await campaigns.create_draft(
        pool, actor, CampaignCreate(name="Spring", filters=filters, channel="email", subject="Hi", body="Hello")
    )
    assert draft["audience_count"] == 1 and draft["audience"]["without_consent"] == 2
    assert yes.id  # the consenting contact is the one counted
