"""Champion/challenger gate on a held-back, time-ordered test set."""

from __future__ import annotations

import random

import pytest

from leadloom.crm.errors import InsufficientDataError
from leadloom.crm.scoring import TrainedModel, compare, train_model

from .conftest import make_records


def test_better_challenger_accepted_worse_rejected_with_metrics(trained: TrainedModel) -> None:
    test_records, test_labels = make_records(400, seed=31)
    records, labels = make_records(400, seed=32)
    shuffled = labels[:]
    random.Random(0).shuffle(shuffled)
    worse = train_model(records, shuffled)
    decision = compare(trained, worse, test_records, test_labels)
    assert not decision.accepted and decision.reason.startswith("rejected")
    assert decision.champion and decision.challenger["roc_auc"] < decision.champion["roc_auc"]

    same = compare(trained, trained, test_records, test_labels)
    assert same.accepted  # "at least as good" includes equal

    first = compare(None, worse, test_records, test_labels)
    assert first.accepted and first.reason == "no learned champion yet"


def test_gate_needs_a_real_test_set(trained: TrainedModel) -> None:
    records, _ = make_records(30, seed=33)
    with pytest.raises(InsufficientDataError, match="held-back test set"):
        compare(trained, trained, records, [0] * 30)
