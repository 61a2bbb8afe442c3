"""Stages said by describing the event, and stage words that name the record's old value."""

from __future__ import annotations

import pytest

from leadloom.agents.local.stage_words import described_stage


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("We have lost him as a client, update stage pls", "churned"),
        ("she is no longer with us as a customer, they moved to in-house software", "churned"),
        ("the trust has decided not to renew the retainer", "churned"),
        ("he is basically our brand ambassador now", "evangelist"),
        ("she's been singing our praises to everyone", "evangelist"),
        ("already referred 2 Dutch clients to us", "evangelist"),
        ("is sales ready - budget, authority, need, timeline all confirmed", "sql"),
        ("has received our quotation and negotiation is going on", "opportunity"),
        ("PO received today", "customer"),
        ("Leah can be qualified out, way beyond what we do", "disqualified"),
    ],
)
def test_described_stages(text: str, stage: str) -> None:
    assert described_stage(text) == stage


@pytest.mark.parametrize(
    "text",
    [
        "log a call with jonah, he wants the quote revised",  # asking for a quote is no stage yet
        "she wants a proposal for seo",
        "renewal is due in march",
        "move her to customer",  # a stage said outright is not a description
    ],
)
def test_no_stage_described(text: str) -> None:
    assert described_stage(text) is None
