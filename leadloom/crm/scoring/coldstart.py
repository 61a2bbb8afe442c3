"""Cold start: a transparent naive-Bayes score until there are enough closed deals.

A learned model needs outcomes. Before an organization has :data:`MIN_CLOSED_OUTCOMES`
closed deals (won or lost), Leadloom scores leads with a frequency model over a few
fields a marketer can read (source, industry, company size, has phone/email, has
replied), the way Odoo's predictive lead scoring does:

    P(won | fields) ∝ P(won) x Π P(field value | won)      (Laplace-smoothed counts)

The prior P(won) is shrunk towards :data:`DEFAULT_PRIOR` while outcomes are few, so
three lucky deals do not make every lead look hot. Every score it produces is labelled
"cold-start estimate", and :func:`build_scorer` switches to the learned model by
itself once enough outcomes exist.
"""

from __future__ import annotations

import io
import math
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import joblib
import numpy as np

from leadloom.crm.errors import InsufficientDataError, ValidationError
from leadloom.crm.scoring.explain import Factor, ScoreExplanation
from leadloom.crm.scoring.features import NEGATIVE_PHRASES, PHRASES, category_key, humanize, is_missing, to_float
from leadloom.crm.scoring.model import MIN_CLOSED_OUTCOMES, TrainConfig, TrainedModel, _as_labels, train_model

DEFAULT_FIELDS = ("source", "industry", "company_size", "has_phone", "has_email", "inbound_replies")
# A typical B2B lead-to-customer rate; used only until real outcomes outweigh it.
DEFAULT_PRIOR = 0.1
PRIOR_STRENGTH = 20.0
SIZE_BUCKETS = ((10, "1-10"), (50, "11-50"), (200, "51-200"), (1000, "201-1000"))


def status(closed: int, needed: int = MIN_CLOSED_OUTCOMES) -> str:
    """The sentence shown where a learned model would be."""
    if closed >= needed:
        return f"learned model: trained on {closed} closed deals"
    return f"not enough closed deals to train: {closed} of {needed}"


def _bucket(name: str, value: Any) -> str:
    """Numbers become readable buckets; everything else its category key."""
    if is_missing(value):
        return "(missing)"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return category_key(value)
    x = to_float(value)
    if math.isnan(x):
        return category_key(value)
    if name == "company_size":
        for limit, text in SIZE_BUCKETS:
            if x <= limit:
                return text
        return "1000+"
    if x <= 0:
        return "0"
    if x <= 1:
        return "1"
    if x <= 5:
        return "2-5"
    return "6+"


def _words(name: str, bucket: str) -> str:
    """A field's bucket in words, with the same phrases as the learned model's reasons."""
    if bucket == "(missing)":
        return f"{humanize(name)} not known"
    if bucket in ("true", "false") and name in PHRASES:
        return PHRASES[name] if bucket == "true" else NEGATIVE_PHRASES.get(name, f"{humanize(name)} is no")
    if name in PHRASES:
        return PHRASES[name].format(v=bucket)
    return f"{humanize(name)} is {bucket}"


@dataclass
class ColdStartModel:
    """Naive Bayes over a few readable fields; see the module doc."""

    fields: tuple[str, ...]
    counts: dict[str, dict[int, Counter[str]]]
    class_counts: tuple[int, int]
    closed: int
    needed: int = MIN_CLOSED_OUTCOMES
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    kind: str = "cold_start"
    algorithm: str = "naive_bayes_cold_start"
    # Why there is no learned model yet, when it is not simply the count of outcomes.
    reason: str | None = None

    @classmethod
    def fit(
        cls,
        records: Sequence[Mapping[str, Any]],
        labels: Sequence[Any],
        *,
        fields: Sequence[str] = DEFAULT_FIELDS,
        needed: int = MIN_CLOSED_OUTCOMES,
        reason: str | None = None,
    ) -> ColdStartModel:
        """Count field values per outcome. Works with zero outcomes (prior only)."""
        if len(records) != len(labels):
            raise ValidationError(f"{len(records)} records but {len(labels)} labels")
        y = _as_labels(labels) if len(labels) else np.zeros(0, dtype=int)
        counts: dict[str, dict[int, Counter[str]]] = {f: {0: Counter(), 1: Counter()} for f in fields}
        for record, label in zip(records, y, strict=True):
            for f in fields:
                counts[f][int(label)][_bucket(f, record.get(f))] += 1
        won = int(y.sum())
        return cls(tuple(fields), counts, (len(y) - won, won), len(y), needed, reason=reason)

    @property
    def label(self) -> str:
        why = self.reason or status(self.closed, self.needed)
        return f"cold-start estimate (naive Bayes over {', '.join(self.fields)}); {why}"

    def _prior(self) -> float:
        lost, won = self.class_counts
        return (won + PRIOR_STRENGTH * DEFAULT_PRIOR) / (won + lost + PRIOR_STRENGTH)

    def _log_ratio(self, f: str, value: str) -> float:
        """log P(value|won) - log P(value|lost), Laplace-smoothed."""
        by_class = self.counts[f]
        distinct = len(set(by_class[0]) | set(by_class[1]) | {value})
        p_won = (by_class[1][value] + 1) / (sum(by_class[1].values()) + distinct)
        p_lost = (by_class[0][value] + 1) / (sum(by_class[0].values()) + distinct)
        return math.log(p_won / p_lost)

    def _proba(self, ratios: Mapping[str, float]) -> float:
        prior = self._prior()
        logit = math.log(prior / (1 - prior)) + sum(ratios.values())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, logit))))

    def predict_proba(self, records: Sequence[Mapping[str, Any]], **_: Any) -> list[float]:
        return [self._proba(self._ratios(r)) for r in records]

    def _ratios(self, record: Mapping[str, Any]) -> dict[str, float]:
        return {f: self._log_ratio(f, _bucket(f, record.get(f))) for f in self.fields}

    def score_one(self, record: Mapping[str, Any], **_: Any) -> int:
        return round(100 * self._proba(self._ratios(record)))

    def explain(self, record: Mapping[str, Any], *, top: int = 3, **_: Any) -> ScoreExplanation:
        """Each field's effect = score with it minus score without it (points)."""
        ratios = self._ratios(record)
        p = self._proba(ratios)
        factors = []
        for f in ratios:
            without = self._proba({k: v for k, v in ratios.items() if k != f})
            points = round((p - without) * 100)
            if points:
                factors.append(Factor(f, _words(f, _bucket(f, record.get(f))), points))
        return ScoreExplanation(
            score=round(100 * p),
            probability=p,
            model_kind=self.kind,
            model_label=self.label,
            model_version=self.version,
            up=sorted((x for x in factors if x.points > 0), key=lambda x: -x.points)[:top],
            down=sorted((x for x in factors if x.points < 0), key=lambda x: x.points)[:top],
        )

    def card(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "kind": self.kind,
            "algorithm": self.algorithm,
            "label": self.label,
            "status": self.reason or status(self.closed, self.needed),
            "fields": list(self.fields),
            "closed": self.closed,
            "created_at": self.created_at.isoformat(),
        }

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> ColdStartModel:
        try:
            model = joblib.load(io.BytesIO(data))
        except Exception as exc:  # any unpickling failure means "not a model"
            raise ValidationError(f"these bytes are not a cold-start scoring model: {exc}") from exc
        if not isinstance(model, cls):
            raise ValidationError("these bytes are not a cold-start scoring model")
        return model


def build_scorer(
    records: Sequence[Mapping[str, Any]],
    labels: Sequence[Any],
    *,
    times: Sequence[Any] | None = None,
    needed: int = MIN_CLOSED_OUTCOMES,
    fields: Sequence[str] = DEFAULT_FIELDS,
    config: TrainConfig | None = None,
) -> TrainedModel | ColdStartModel:
    """The learned model when there are enough closed deals, else the cold-start model.

    Also falls back to cold start when the outcomes cannot train a model yet (say all
    50 deals were lost); the returned model's ``label`` says why.
    """
    reason = None
    if len(labels) >= needed:
        try:
            return train_model(records, labels, times=times, config=config or TrainConfig(min_rows=needed))
        except InsufficientDataError as exc:
            reason = exc.detail
    return ColdStartModel.fit(records, labels, fields=fields, needed=needed, reason=reason)
