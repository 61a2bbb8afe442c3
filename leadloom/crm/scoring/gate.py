"""Champion/challenger: a retrained model replaces the current one only if it is not worse.

Both models score the same *held-back, time-ordered* test set: the most recent closed
deals, which the challenger did not train on (the caller trains the challenger on
outcomes up to a cut-off and passes the outcomes after it). The challenger wins when

- its ROC-AUC (ranking the right leads first) is at least the champion's minus
  ``auc_tolerance`` (default 0: "at least as good"), and
- its Brier score (honest probabilities) is at most the champion's plus
  ``brier_tolerance``.

Otherwise it is rejected and the decision keeps both sets of metrics, so the registry
can store the rejected candidate with the reason. With no champion yet (or a cold-start
champion, which has no comparable ranking), any challenger that trains is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from leadloom.crm.errors import InsufficientDataError
from leadloom.crm.scoring.model import TrainedModel, _as_labels, compute_metrics


@dataclass
class GateDecision:
    """Outcome of a champion/challenger comparison, ready for the registry."""

    accepted: bool
    reason: str
    challenger: dict[str, float]
    champion: dict[str, float] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "reason": self.reason,
            "challenger": self.challenger,
            "champion": self.champion,
        }


def compare(
    champion: Any | None,
    challenger: TrainedModel,
    test_records: Sequence[Mapping[str, Any]],
    test_labels: Sequence[Any],
    *,
    auc_tolerance: float = 0.0,
    brier_tolerance: float = 0.002,
    min_test: int = 20,
) -> GateDecision:
    """Decide whether ``challenger`` replaces ``champion`` (see the module doc)."""
    y = _as_labels(test_labels)
    if y.size < min_test or y.sum() in (0, y.size):
        raise InsufficientDataError(
            f"the held-back test set needs at least {min_test} closed deals with both outcomes; "
            f"it has {y.size} ({int(y.sum())} won)"
        )
    new = compute_metrics(y, challenger.predict_proba(test_records)).as_dict()
    if champion is None or getattr(champion, "kind", "") != "learned":
        return GateDecision(True, "no learned champion yet", new, None)
    old = compute_metrics(y, np.asarray(champion.predict_proba(test_records))).as_dict()
    auc_ok = new["roc_auc"] >= old["roc_auc"] - auc_tolerance
    brier_ok = new["brier"] <= old["brier"] + brier_tolerance
    if auc_ok and brier_ok:
        reason = (
            f"challenger at least as good: ROC-AUC {new['roc_auc']:.3f} vs {old['roc_auc']:.3f}, "
            f"Brier {new['brier']:.4f} vs {old['brier']:.4f}"
        )
        return GateDecision(True, reason, new, old)
    why = []
    if not auc_ok:
        why.append(f"ROC-AUC {new['roc_auc']:.3f} below champion's {old['roc_auc']:.3f}")
    if not brier_ok:
        why.append(f"Brier {new['brier']:.4f} worse than champion's {old['brier']:.4f}")
    return GateDecision(False, "rejected: " + "; ".join(why), new, old)
