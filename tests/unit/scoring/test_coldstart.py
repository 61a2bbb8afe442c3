"""Cold start: transparent, labelled, and replaced automatically once data suffices."""

from __future__ import annotations

from leadloom.crm.scoring import ColdStartModel, TrainedModel, build_scorer, status

from .conftest import make_records


def test_status_strings() -> None:
    assert status(12) == "not enough closed deals to train: 12 of 50"
    assert status(80).startswith("learned model")


def test_few_outcomes_give_a_labelled_cold_start_score() -> None:
    records, labels = make_records(12, seed=21)
    scorer = build_scorer(records, labels)
    assert isinstance(scorer, ColdStartModel)
    assert "not enough closed deals to train: 12 of 50" in scorer.label
    assert "cold-start" in scorer.label
    result = scorer.explain(records[0])
    assert 0 <= result.score <= 100 and result.model_kind == "cold_start"
    assert ColdStartModel.from_bytes(scorer.to_bytes()).score_one(records[0]) == result.score


def test_zero_outcomes_score_the_prior() -> None:
    records, _ = make_records(3, seed=22)
    scorer = build_scorer([], [])
    assert scorer.score_one(records[0]) == 10


def test_naive_bayes_follows_the_counts() -> None:
    records = [{"source": "referral", "has_phone": True}] * 20 + [{"source": "ads", "has_phone": False}] * 20
    labels = [1] * 15 + [0] * 5 + [0] * 18 + [1] * 2
    model = ColdStartModel.fit(records, labels, fields=("source", "has_phone"))
    assert model.score_one(records[0]) > 60 > 20 > model.score_one(records[-1])
    assert model.explain(records[0]).up[0].feature in {"source", "has_phone"}


def test_switches_to_the_learned_model_with_enough_outcomes(lead_data) -> None:  # type: ignore[no-untyped-def]
    records, labels = lead_data
    assert isinstance(build_scorer(records[:300], labels[:300]), TrainedModel)
    # 60 closed deals but all lost: cannot learn yet, so cold start with the reason.
    scorer = build_scorer(records[:60], [0] * 60)
    assert isinstance(scorer, ColdStartModel) and "both won and lost" in scorer.label


def test_explain_any_reads_the_same_for_cold_start() -> None:
    from leadloom.crm.scoring import explain_any

    records = [{"source": "referral", "has_phone": True}] * 20 + [{"source": "ads", "has_phone": False}] * 20
    labels = [1] * 15 + [0] * 5 + [0] * 18 + [1] * 2
    model = ColdStartModel.fit(records, labels, fields=("source", "has_phone"))
    result = explain_any(model, records[0])
    assert {f.text for f in result.up} == {"came from referral", "has a phone number"}
    assert result.model_kind == "cold_start" and "cold-start" in result.model_label
