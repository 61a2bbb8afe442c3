"""Explain a lead's score in a marketer's words: what pushes it up, what pulls it down.

Method (the same for every algorithm, so logistic regression and boosted trees read
alike): *ablation against a typical lead*. For each input column, the lead's value is
replaced by the typical value (median number, most common category, the usual
missing/never state; see ``FeatureBuilder.baseline``) and the lead is re-scored. The
difference in score points is that factor's contribution: "replied 2 times in the last
week: +14" means the score would be 14 points lower with a typical reply count.

Counterfactuals try one change a salesperson can make (add a phone number, switch a
categorical field such as the contact channel to another known value) and report the
one or two with the biggest gain: "with a phone number: +6".

All variants go through the model in *one* batched prediction, so explaining costs
about as much as scoring.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from leadloom.crm.scoring.features import (
    COUNTERFACTUAL_PHRASES,
    NEGATIVE_PHRASES,
    OTHER,
    PHRASES,
    ColumnSpec,
    is_missing,
    to_bool,
    to_float,
)
from leadloom.crm.scoring.model import TrainedModel, to_score
from leadloom.crm.threads import single_thread

# A factor smaller than this (score points) is noise, not a reason.
MIN_POINTS = 1.0
MAX_COUNTERFACTUAL_CATEGORIES = 12


@dataclass
class Factor:
    """One reason: ``text`` in words, ``points`` its effect on the 0-100 score."""

    feature: str
    text: str
    points: int

    def __str__(self) -> str:
        return f"{self.text}: {self.points:+d}"


@dataclass
class ScoreExplanation:
    """A score with its reasons; what the contact API returns next to every score."""

    score: int
    probability: float
    model_kind: str
    model_label: str
    model_version: str
    up: list[Factor] = field(default_factory=list)
    down: list[Factor] = field(default_factory=list)
    counterfactuals: list[Factor] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"Score {self.score}/100 ({self.model_label})"]
        out += [f"  up    {f}" for f in self.up]
        out += [f"  down  {f}" for f in self.down]
        out += [f"  if    {f}" for f in self.counterfactuals]
        return out


def _fmt_number(x: float) -> str:
    if math.isnan(x):
        return "unknown"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def describe(spec: ColumnSpec, value: Any) -> str:
    """The lead's value of one column in words ("replied 2 times in the last week")."""
    name = spec.name
    template = PHRASES.get(name)
    if spec.kind == "boolean":
        b = to_bool(value)
        if math.isnan(b):
            return f"{spec.label} not known"
        if b:
            return template.format(v="yes") if template else f"{spec.label} is yes"
        return NEGATIVE_PHRASES.get(name, f"{spec.label} is no")
    if spec.kind == "numeric":
        x = to_float(value)
        if spec.sentinel is not None and x == spec.sentinel:
            return f"{spec.label} is never"
        if math.isnan(x):
            return f"{spec.label} not known"
        return template.format(v=_fmt_number(x)) if template else f"{spec.label} is {_fmt_number(x)}"
    if is_missing(value):
        return f"{spec.label} not known"
    text = str(value).strip()
    return template.format(v=text) if template else f"{spec.label} is {text}"


def _counterfactual_text(spec: ColumnSpec, new_value: str) -> str:
    if spec.kind == "boolean":
        return COUNTERFACTUAL_PHRASES.get(spec.name, f"with {spec.label}: yes")
    template = PHRASES.get(spec.name)
    return f"with {template.format(v=new_value)}" if template else f"with {spec.label} {new_value}"


def explain_any(model: Any, record: Mapping[str, Any], **kwargs: Any) -> ScoreExplanation:
    """:func:`explain` for a learned model, the model's own explanation for cold start."""
    if getattr(model, "kind", "") == "cold_start":
        return model.explain(record, top=kwargs.get("top", 3))  # type: ignore[no-any-return]
    return explain(model, record, **kwargs)


def explain(
    model: TrainedModel,
    record: Mapping[str, Any],
    *,
    as_of: datetime | None = None,
    top: int = 3,
    counterfactuals: int = 2,
    actionable: Collection[str] | None = None,
    label: str | None = None,
) -> ScoreExplanation:
    """Score one record and explain it (see the module doc for the method).

    ``actionable`` limits which columns counterfactuals may change (default: every
    boolean and low-cardinality categorical column, as a generic table gives no better
    hint; the CRM passes the fields a salesperson can actually change).
    """
    builder = model.builder
    full = builder.transform([record], as_of=as_of)[0]
    base = builder.baseline
    cols = model.columns
    pos = {c: i for i, c in enumerate(cols)}

    rows = [full]
    groups: list[tuple[str, ColumnSpec, Any]] = []
    for spec in builder.specs:
        start, stop = spec.feature_slice
        if start not in pos:
            continue  # column not used by this model (e.g. a time proxy)
        variant = full.copy()
        variant[start:stop] = base[start:stop]
        if np.array_equal(variant, full, equal_nan=True):
            continue
        rows.append(variant)
        groups.append(("factor", spec, record.get(spec.name)))

    for spec in builder.specs:
        start, stop = spec.feature_slice
        if start not in pos or (actionable is not None and spec.name not in actionable):
            continue
        if spec.kind == "boolean" and to_bool(record.get(spec.name)) != 1.0:
            variant = full.copy()
            variant[start] = 1.0
            if stop - start > 1:
                variant[start + 1] = 0.0
            rows.append(variant)
            groups.append(("what_if", spec, "yes"))
        elif spec.kind == "categorical" and len(spec.categories) <= MAX_COUNTERFACTUAL_CATEGORIES:
            current = full[start]
            for code, name in enumerate(spec.categories):
                if name == OTHER or code == current or name.startswith("("):
                    continue
                variant = full.copy()
                variant[start] = code
                rows.append(variant)
                groups.append(("what_if", spec, name))

    matrix = np.vstack(rows)[:, cols]
    with single_thread():
        p = model.proba_matrix(matrix)
    p0 = float(p[0])
    score = int(to_score(np.asarray([p0]))[0])

    factors: list[Factor] = []
    options: dict[str, Factor] = {}
    for (kind, spec, value), pv in zip(groups, p[1:], strict=True):
        if kind == "factor":
            points = (p0 - float(pv)) * 100
            if abs(points) >= MIN_POINTS:
                factors.append(Factor(spec.name, describe(spec, value), round(points)))
        else:
            gain = (float(pv) - p0) * 100
            if gain >= MIN_POINTS and (spec.name not in options or gain > options[spec.name].points):
                options[spec.name] = Factor(spec.name, _counterfactual_text(spec, value), round(gain))
    up = sorted((f for f in factors if f.points > 0), key=lambda f: -f.points)[:top]
    down = sorted((f for f in factors if f.points < 0), key=lambda f: f.points)[:top]
    what_if = sorted(options.values(), key=lambda f: -f.points)[:counterfactuals]
    return ScoreExplanation(
        score=score,
        probability=p0,
        model_kind=model.kind,
        model_label=label or f"learned model ({model.algorithm}, version {model.version})",
        model_version=model.version,
        up=up,
        down=down,
        counterfactuals=what_if,
    )


__all__ = ["Factor", "ScoreExplanation", "describe", "explain", "explain_any"]
