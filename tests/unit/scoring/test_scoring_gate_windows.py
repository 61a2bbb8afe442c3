"""The rolling-origin gate: the recent holdout cut into windows, each judged by models
trained on every row before it."""

from __future__ import annotations

import numpy as np

from leadloom.crm.scoring import train_model
from leadloom.crm.scoring.model import TrainConfig, _gate_windows

from .conftest import make_records


def test_windows_split_the_recent_holdout_in_time_order() -> None:
    y = np.tile([0, 1, 0, 0], 1000)  # 4,000 rows, both classes everywhere
    assert _gate_windows(y, TrainConfig(gate_windows=1)) == [(3200, 4000)]
    assert _gate_windows(y, TrainConfig(gate_windows=2)) == [(3200, 3600), (3600, 4000)]
    assert _gate_windows(y, TrainConfig(gate_windows=2, holdout_fraction=0.3)) == [(2800, 3400), (3400, 4000)]


def test_small_data_keeps_one_window() -> None:
    y = np.tile([0, 1, 0, 0], 250)  # 1,000 rows: 25 won per 10 % window, fewer than 50
    assert _gate_windows(y, TrainConfig(gate_windows=2)) == [(800, 1000)]
    assert _gate_windows(y, TrainConfig(gate_windows=2, gate_window_min_class=25)) == [(800, 900), (900, 1000)]


def test_a_window_without_both_outcomes_is_skipped() -> None:
    y = np.tile([0, 1, 0, 0], 250)
    y[900:] = 0  # the newest window has no won deal: no ROC-AUC there
    assert _gate_windows(y, TrainConfig(gate_windows=2, gate_window_min_class=0)) == [(800, 900)]
    y[800:] = 0
    assert _gate_windows(y, TrainConfig(gate_windows=2, gate_window_min_class=0)) == []


def test_gate_reports_the_mean_over_windows() -> None:
    records, labels = make_records(600, seed=11)
    model = train_model(records, labels, config=TrainConfig(gate_windows=2, gate_window_min_class=5))
    assert model.candidates
    for figures in model.candidates.values():
        assert figures["windows"] == 2
        assert 0.0 <= figures["roc_auc"] <= 1.0
    assert model.predict_proba(records[:5]).shape == (5,)
