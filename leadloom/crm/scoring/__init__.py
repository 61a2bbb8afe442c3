"""Lead scoring: features, learned and cold-start models, explanations, the gate.

What other code calls:

- :func:`build_scorer` - learned model with enough closed deals, cold start otherwise;
- :func:`train_model` / :class:`TrainedModel` - the one training path, and the model
  with metrics, features, training window and ``to_bytes()``/``from_bytes()``;
- :func:`explain` / :func:`explain_any` - a score with its reasons up/down and
  counterfactuals (``explain_any`` also takes the cold-start model);
- :func:`compare` - champion/challenger decision on a held-back, time-ordered test set;
- :func:`lead_to_record` - CRM lead dict -> feature record (no outcome leakage);
- :func:`evaluate_csv` - the same path measured on any labelled CSV.
"""

from leadloom.crm.scoring.coldstart import ColdStartModel, build_scorer, status
from leadloom.crm.scoring.csv_eval import EvalReport, evaluate_csv, read_csv
from leadloom.crm.scoring.explain import Factor, ScoreExplanation, explain, explain_any
from leadloom.crm.scoring.features import FeatureBuilder, lead_to_record
from leadloom.crm.scoring.gate import GateDecision, compare
from leadloom.crm.scoring.model import (
    MIN_CLOSED_OUTCOMES,
    Metrics,
    TrainConfig,
    TrainedModel,
    compute_metrics,
    train_model,
)

__all__ = [
    "MIN_CLOSED_OUTCOMES",
    "ColdStartModel",
    "EvalReport",
    "Factor",
    "FeatureBuilder",
    "GateDecision",
    "Metrics",
    "ScoreExplanation",
    "TrainConfig",
    "TrainedModel",
    "build_scorer",
    "compare",
    "compute_metrics",
    "evaluate_csv",
    "explain",
    "explain_any",
    "lead_to_record",
    "read_csv",
    "status",
    "train_model",
]
