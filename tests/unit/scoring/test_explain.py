"""Explanations: reasons in words with points, counterfactuals, and speed."""

from __future__ import annotations

import time

from leadloom.crm.scoring import TrainedModel, explain

from .conftest import make_records


def test_explains_with_factors_and_a_phone_counterfactual(trained: TrainedModel) -> None:
    records, _ = make_records(200, seed=11)
    # A lead without a phone: adding one should be suggested with a positive gain.
    lead = next(r for r in records if not r["has_phone"] and r["inbound_replies"] == 0)
    result = explain(trained, lead, actionable={"has_phone", "has_email", "source"})
    assert result.score == trained.score_one(lead)
    assert result.model_kind == "learned"
    texts = [f.text for f in result.counterfactuals]
    assert "with a phone number" in texts
    assert all(f.points > 0 for f in result.counterfactuals)
    assert all(f.points > 0 for f in result.up) and all(f.points < 0 for f in result.down)
    # The typical lead either has a phone or not; whichever it is, the other state is a reason.
    with_phone = next(r for r in records if r["has_phone"])
    mentions = [
        [f.text for f in (*e.up, *e.down) if f.feature == "has_phone"]
        for e in (explain(trained, lead, top=20), explain(trained, with_phone, top=20))
    ]
    assert mentions in ([["no phone number"], []], [[], ["has a phone number"]])


def test_replies_show_up_as_a_reason(trained: TrainedModel) -> None:
    records, _ = make_records(300, seed=12)
    lead = max(records, key=lambda r: r["inbound_replies"])
    result = explain(trained, lead)
    assert any(f.feature.startswith("inbound_replies") and f.points > 0 for f in result.up), result.lines()
    assert str(result.up[0]).endswith(f": +{result.up[0].points}")


def test_explain_is_fast(trained: TrainedModel) -> None:
    records, _ = make_records(50, seed=13)
    explain(trained, records[0])
    started = time.perf_counter()
    for r in records:
        explain(trained, r)
    assert (time.perf_counter() - started) / len(records) < 0.05
