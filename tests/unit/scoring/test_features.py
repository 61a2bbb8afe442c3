"""FeatureBuilder and lead_to_record: kinds, sentinels, unseen categories, bad values, no leakage."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np
import pytest

from leadloom.crm.errors import ValidationError
from leadloom.crm.scoring.features import FeatureBuilder, lead_to_record


def _rows(n: int = 200) -> list[dict[str, object]]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "age": str(20 + i % 50),
                "plan": ["basic", "pro", "team"][i % 3],
                "newsletter": "yes" if i % 4 else "no",
                "days_since_contact": "999" if i % 3 else str(i % 20),
                "signup": (datetime(2025, 1, 1) + timedelta(days=i)).date().isoformat(),
                "revenue": "" if i % 10 == 0 else str(i * 10.5),
                "customer_id": f"C{i:05d}",
            }
        )
    return rows


def test_infers_kinds_sentinel_and_drops_identifiers() -> None:
    builder = FeatureBuilder().fit(_rows())
    kinds = {s.name: s.kind for s in builder.specs}
    assert kinds == {
        "age": "numeric",
        "plan": "categorical",
        "newsletter": "boolean",
        "days_since_contact": "numeric",
        "signup": "datetime",
        "revenue": "numeric",
    }
    assert "customer_id" in builder.dropped
    assert builder.spec("days_since_contact").sentinel == 999
    assert "days_since_contact__never" in builder.feature_names
    assert "revenue__missing" in builder.feature_names


def test_transform_handles_unseen_category_missing_and_sentinel() -> None:
    builder = FeatureBuilder().fit(_rows())
    X = builder.transform(
        [{"age": "33", "plan": "enterprise", "newsletter": None, "days_since_contact": "999", "revenue": None}]
    )
    names = builder.feature_names
    row = dict(zip(names, X[0], strict=True))
    assert row["plan"] == len(builder.spec("plan").categories) - 1  # the shared "other" code
    assert math.isnan(row["days_since_contact"]) and row["days_since_contact__never"] == 1
    assert row["revenue__missing"] == 1
    assert math.isnan(row["signup"])  # absent date stays unknown, never a made-up recency


def test_absurd_values_raise_clear_errors() -> None:
    rows = _rows()
    rows[7]["age"] = "inf"
    with pytest.raises(ValidationError, match=r"age.*row 7"):
        FeatureBuilder().fit(rows)
    builder = FeatureBuilder().fit(_rows())
    with pytest.raises(ValidationError, match="absurd"):
        builder.transform([{"age": 1e300}])


def test_numbers_can_be_clipped_to_the_training_range() -> None:
    builder = FeatureBuilder(clip_numeric=True).fit(_rows())
    X = builder.transform([{"age": "500"}])
    assert X[0, builder.feature_names.index("age")] == builder.spec("age").high


def test_no_usable_column_is_an_error() -> None:
    with pytest.raises(ValidationError, match="none of the columns"):
        FeatureBuilder().fit([{"id": f"x{i}"} for i in range(100)])


def test_lead_to_record_counts_activity_and_ignores_outcome_and_future() -> None:
    now = datetime(2026, 6, 1)
    lead = {
        "email": "a@b.example",
        "phone": "",
        "source": "webinar",
        "company": {"size": 40, "industry": "retail"},
        "status": "won",
        "closed_at": now,
        "custom_fields": {"budget": 5000, "won": True},
        "activities": [
            {"type": "email", "direction": "inbound", "occurred_at": now - timedelta(days=2)},
            {"type": "email", "direction": "inbound", "occurred_at": now - timedelta(days=5)},
            {"type": "call", "direction": "outbound", "occurred_at": now - timedelta(days=20)},
            {"type": "meeting", "direction": "inbound", "occurred_at": now + timedelta(days=3)},
        ],
    }
    record = lead_to_record(lead, as_of=now)
    assert record["has_email"] is True and record["has_phone"] is False
    assert record["inbound_replies_7d"] == 2 and record["activities_total"] == 3
    assert record["email_activities"] == 2 and record["meeting_activities"] == 0
    assert record["days_since_last_reply"] == pytest.approx(2)
    assert record["custom_budget"] == 5000
    assert not {"status", "closed_at", "custom_won"} & set(record)


def test_transform_is_vectorised_enough_for_batches() -> None:
    builder = FeatureBuilder().fit(_rows())
    X = builder.transform(_rows(2000))
    assert X.shape == (2000, len(builder.feature_names))
    assert np.isfinite(X[:, builder.feature_names.index("plan")]).all()
