"""train_model: learns, calibrates, persists, and refuses bad input clearly."""

from __future__ import annotations

import numpy as np
import pytest

from leadloom.crm.errors import InsufficientDataError, ValidationError
from leadloom.crm.scoring import TrainedModel, compute_metrics, train_model
from leadloom.crm.scoring.model import LOGISTIC, TrainConfig, time_proxy_columns

from .conftest import make_records


def test_learns_a_useful_calibrated_model(trained: TrainedModel) -> None:
    records, labels = make_records(600, seed=7)
    p = trained.predict_proba(records)
    m = compute_metrics(np.asarray(labels), p)
    assert m.roc_auc > 0.72
    # Calibrated: the mean prediction is close to the observed rate.
    assert abs(p.mean() - np.mean(labels)) < 0.06
    assert set(trained.candidates) >= {"logistic_regression", "hist_gradient_boosting"}
    assert trained.metrics["roc_auc"] > 0.6


def test_score_is_0_to_100_and_unseen_categories_work(trained: TrainedModel) -> None:
    records, _ = make_records(5, seed=3)
    records[0]["source"] = "a brand-new source"
    records[1]["industry"] = None
    scores = trained.score(records)
    assert scores.dtype.kind == "i" and ((scores >= 0) & (scores <= 100)).all()
    assert 0 <= trained.score_one(records[0]) <= 100


def test_round_trips_through_bytes(trained: TrainedModel) -> None:
    records, _ = make_records(20, seed=4)
    clone = TrainedModel.from_bytes(trained.to_bytes())
    assert np.allclose(clone.predict_proba(records), trained.predict_proba(records))
    card = clone.card()
    assert card["algorithm"] == trained.algorithm and card["feature_names"]
    assert "status" not in card["feature_names"]  # outcome field never a feature
    with pytest.raises(ValidationError):
        TrainedModel.from_bytes(b"not a model")  # type: ignore[arg-type]


def test_too_few_rows_single_class_and_bad_labels() -> None:
    records, labels = make_records(12, seed=5)
    with pytest.raises(InsufficientDataError, match="not enough closed deals to train: 12 of 50"):
        train_model(records, labels)
    records, _ = make_records(80, seed=5)
    with pytest.raises(InsufficientDataError, match="every closed deal is lost"):
        train_model(records, [0] * 80)
    with pytest.raises(ValidationError, match="row 3"):
        train_model(records, [0, 1, 0, "maybe"] + [0, 1] * 38)
    with pytest.raises(ValidationError, match="labels"):
        train_model(records, [0, 1])


def test_absurd_value_at_predict_time_is_an_error(trained: TrainedModel) -> None:
    records, _ = make_records(1, seed=6)
    records[0]["company_size"] = float("inf")
    with pytest.raises(ValidationError, match="company_size"):
        trained.score_one(records[0])


def test_small_data_without_a_usable_gate_uses_logistic_regression() -> None:
    records, labels = make_records(60, seed=8)
    model = train_model(records, labels, config=TrainConfig(holdout_fraction=0.01))
    assert model.algorithm == LOGISTIC


def test_time_proxy_detection_flags_calendar_like_columns() -> None:
    from leadloom.crm.scoring import FeatureBuilder

    rows = [{"trend": i * 0.01 + (i % 7) * 0.001, "noise": (i * 37) % 101, "c": "ab"[i % 2]} for i in range(500)]
    builder = FeatureBuilder().fit(rows)
    X = builder.transform(rows)
    assert time_proxy_columns(builder, X, 0.6) == ["trend"]


def test_compiled_linear_model_matches_its_pipeline() -> None:
    from leadloom.crm.scoring.model import CompiledLinear, _cardinalities, _logistic

    records, labels = make_records(400, seed=9)
    from leadloom.crm.scoring import FeatureBuilder

    builder = FeatureBuilder().fit(records)
    X = builder.transform(records)
    cols = list(range(X.shape[1]))
    pipeline = _logistic(builder, cols, 0).fit(X, labels)
    compiled = CompiledLinear.from_pipeline(pipeline, builder.feature_kinds, _cardinalities(builder, cols), X[:50])
    # Including rows with missing values and unseen ("other") categories.
    X_new = builder.transform(make_records(100, seed=10)[0] + [{"source": "brand new", "company_size": None}])
    assert np.allclose(compiled.predict_proba(X_new), pipeline.predict_proba(X_new), atol=1e-9)


def test_compiled_trees_match_scikit_learn() -> None:
    from leadloom.crm.scoring import FeatureBuilder
    from leadloom.crm.scoring.model import CompiledTrees, _boosting, _cardinalities

    records, labels = make_records(600, seed=14)
    builder = FeatureBuilder().fit(records)
    X = builder.transform(records)
    cols = list(range(X.shape[1]))
    estimator = _boosting(builder, cols, 0).fit(X, labels)
    compiled = CompiledTrees.from_estimator(estimator, _cardinalities(builder, cols), X[:50])
    assert isinstance(compiled, CompiledTrees)
    X_new = builder.transform(make_records(100, seed=15)[0] + [{"source": "brand new", "company_size": None}])
    assert np.allclose(compiled.predict_proba(X_new), estimator.predict_proba(X_new), atol=1e-9)


def test_blend_is_a_candidate_and_compiles_to_the_same_numbers() -> None:
    from leadloom.crm.scoring import FeatureBuilder
    from leadloom.crm.scoring.model import BLEND, Blend, _boosting, _cardinalities, _logistic

    records, labels = make_records(600, seed=16)
    builder = FeatureBuilder().fit(records)
    X = builder.transform(records)
    cols = list(range(X.shape[1]))
    members = [_logistic(builder, cols, 0).fit(X, labels), _boosting(builder, cols, 0).fit(X, labels)]
    blend = Blend(list(members))
    X_new = builder.transform(make_records(100, seed=17)[0] + [{"source": "brand new", "company_size": None}])
    expected = blend.predict_proba(X_new)[:, 1]
    # The blend is the average log-odds of its members.
    logits = [np.log(m.predict_proba(X_new)[:, 1] / m.predict_proba(X_new)[:, 0]) for m in members]
    assert np.allclose(expected, 1 / (1 + np.exp(-np.mean(logits, axis=0))), atol=1e-9)
    blend.compile(builder.feature_kinds, _cardinalities(builder, cols), X[:50])
    assert not any(m is orig for m, orig in zip(blend.members, members, strict=True))
    assert np.allclose(blend.predict_proba(X_new)[:, 1], expected, atol=1e-9)

    model = train_model(records, labels, config=TrainConfig(candidates=(BLEND,)))
    assert model.algorithm == BLEND and set(model.candidates) == {BLEND}
    assert 0 <= model.score_one(records[0]) <= 100
