"""Synthetic leads for the scoring unit tests: small, seeded, generated in the test run."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest

from leadloom.crm.scoring import lead_to_record

AS_OF = datetime(2026, 6, 1, 12, 0)
SOURCES = ["webinar", "referral", "ads", "cold_list"]
INDUSTRIES = ["retail", "software", "health", "finance", "food"]


def make_leads(n: int, seed: int = 0) -> tuple[list[dict[str, Any]], list[int]]:
    """Leads whose outcome depends on replies, phone, source and company size (plus noise)."""
    rng = random.Random(seed)
    leads, labels = [], []
    for i in range(n):
        source = rng.choice(SOURCES)
        has_phone = rng.random() < 0.5
        size = rng.choice([3, 8, 25, 60, 150, 400, 2000])
        activities = []
        replies = 0
        for _ in range(rng.randint(0, 6)):
            inbound = rng.random() < 0.35
            replies += inbound
            activities.append(
                {
                    "type": rng.choice(["email", "call", "meeting", "web_visit"]),
                    "direction": "inbound" if inbound else "outbound",
                    "occurred_at": AS_OF - timedelta(days=rng.uniform(0, 40)),
                }
            )
        lead = {
            "id": f"lead-{i}",
            "email": f"person{i}@example.com" if rng.random() < 0.9 else None,
            "phone": "+33 1 23 45 67 89" if has_phone else None,
            "source": source,
            "company": {"size": size, "industry": rng.choice(INDUSTRIES)},
            "created_at": AS_OF - timedelta(days=rng.uniform(1, 120)),
            "activities": activities,
            "custom_fields": {"budget_known": rng.random() < 0.3},
            "status": "won",  # an outcome field: must never become a feature
        }
        logit = -2.2 + 0.9 * replies + 1.3 * has_phone + {"referral": 1.2, "webinar": 0.5}.get(source, 0.0)
        logit += 0.4 if 25 <= size <= 400 else 0.0
        p = 1 / (1 + 2.718281828 ** (-logit))
        won = int(rng.random() < p)
        lead["status"] = "won" if won else "lost"
        leads.append(lead)
        labels.append(won)
    return leads, labels


def make_records(n: int, seed: int = 0) -> tuple[list[dict[str, Any]], list[int]]:
    leads, labels = make_leads(n, seed)
    return [lead_to_record(lead, as_of=AS_OF) for lead in leads], labels


@pytest.fixture(scope="session")
def lead_data() -> tuple[list[dict[str, Any]], list[int]]:
    return make_records(1200, seed=1)


@pytest.fixture(scope="session")
def trained(lead_data):  # type: ignore[no-untyped-def]
    from leadloom.crm.scoring import train_model

    records, labels = lead_data
    return train_model(records, labels)
