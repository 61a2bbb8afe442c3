"""Consent wording: the phrase that makes the planner choose an update always yields the change itself."""

from __future__ import annotations

import pytest

from leadloom.agents.local.consent import consent_changes, mentions_consent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Olivia Dubois unsubscribed from our emails", {"email_consent": False}),
        ("Mina Park asked us to stop emailing her", {"email_consent": False}),
        ("lucia asked us to stop texting her", {"sms_consent": False}),
        ("no more texts or emails for Ben, he asked", {"email_consent": False, "sms_consent": False}),
        ("marcus bell ok'd texts", {"sms_consent": True}),
        ("stefan is fine with getting texts from us now, he opted in", {"sms_consent": True}),
        ("she said yes to the newsletter emails, opt her in", {"email_consent": True}),
        ("turn off sms consent for everyone tagged do-not-call", {"sms_consent": False}),
        # an explicit per-channel switch wins over the story around it
        (
            "he unsubscribed from the newsletter but set his sms consent to yes",
            {"email_consent": False, "sms_consent": True},
        ),
        ("Dana doesn't want our marketing any more", {"email_consent": False}),
        ("Turn off both email and SMS consent for everyone tagged dnc", {"email_consent": False, "sms_consent": False}),
        # the switch names the channel; "newsletter" in the reason does not add email
        ("switch off sms consent, we're not texting newsletter people", {"sms_consent": False}),
    ],
)
def test_consent_changes(text: str, expected: dict[str, bool]) -> None:
    assert consent_changes(text) == expected
    assert mentions_consent(text)


@pytest.mark.parametrize(
    "text",
    [
        "mark Jane Doe as customer",
        "send Alex the consent form by email",
        "log an email to Jane",
        "opt for the cheaper plan",
    ],
)
def test_no_consent_change(text: str) -> None:
    assert consent_changes(text) == {}
    assert not mentions_consent(text)
