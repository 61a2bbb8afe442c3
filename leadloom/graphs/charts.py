"""Chart specs for analytics answers, shared by the chat front ends.

A report tool's result becomes a small, framework-free ``ChartSpec`` (title, kind, x labels, named
series). Chainlit draws it with Plotly, Slack as a matplotlib PNG: one place decides what is charted, so
the browser and Slack show the same chart for the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["bar", "line"]


@dataclass
class ChartSpec:
    title: str
    kind: Kind
    x: list[str]
    series: dict[str, list[float]] = field(default_factory=dict)
    x_title: str = ""
    y_title: str = ""


def _num(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _pipeline(r: dict[str, Any]) -> ChartSpec | None:
    stages = r.get("stages") or []
    if not stages:
        return None
    name = (r.get("pipeline") or {}).get("name") or "pipeline"
    return ChartSpec(
        title=f"Pipeline by stage ({name})",
        kind="bar",
        x=[str(s.get("stage")) for s in stages],
        series={
            "amount": [_num(s.get("amount")) for s in stages],
            "weighted amount": [_num(s.get("weighted_amount")) for s in stages],
        },
        x_title="stage",
        y_title="amount",
    )


def _conversion_by_period(r: dict[str, Any]) -> ChartSpec | None:
    periods = r.get("periods") or []
    if not periods:
        return None
    return ChartSpec(
        title=f"Conversion over time (per {r.get('period') or 'period'})",
        kind="line",
        x=[str(p.get("period_start")) for p in periods],
        series={
            "leads": [_num(p.get("leads")) for p in periods],
            "converted": [_num(p.get("converted")) for p in periods],
            "deals won": [_num(p.get("deals_won")) for p in periods],
        },
        x_title=str(r.get("period") or "period"),
        y_title="count",
    )


def _conversion_by_source(r: dict[str, Any]) -> ChartSpec | None:
    sources = r.get("sources") or []
    if not sources:
        return None
    return ChartSpec(
        title="Conversion by lead source",
        kind="bar",
        x=[str(s.get("source")) for s in sources],
        series={
            "leads": [_num(s.get("leads")) for s in sources],
            "converted": [_num(s.get("converted")) for s in sources],
        },
        x_title="source",
        y_title="contacts",
    )


def _score_distribution(r: dict[str, Any]) -> ChartSpec | None:
    bins = r.get("bins") or []
    if not bins:
        return None
    return ChartSpec(
        title="Lead score distribution",
        kind="bar",
        x=[str(b.get("range")) for b in bins],
        series={"contacts": [_num(b.get("contacts")) for b in bins]},
        x_title="score",
        y_title="contacts",
    )


def _revenue(r: dict[str, Any]) -> ChartSpec | None:
    rows = r.get("periods") or r.get("rows") or []
    if not rows:
        return None
    x = sorted({str(p.get("period_start")) for p in rows})
    series: dict[str, list[float]] = {}
    for p in rows:
        cur = str(p.get("currency") or "revenue")
        series.setdefault(cur, [0.0] * len(x))[x.index(str(p.get("period_start")))] += _num(p.get("revenue"))
    return ChartSpec(
        title="Revenue from won deals", kind="line", x=x, series=series, x_title="period", y_title="revenue"
    )


def _activity(r: dict[str, Any]) -> ChartSpec | None:
    owners = r.get("owners") or r.get("rows") or []
    if not owners:
        return None
    kinds = ("calls", "emails", "meetings", "notes", "tasks")
    return ChartSpec(
        title="Activity by owner",
        kind="bar",
        x=[str(o.get("owner")) for o in owners],
        series={k: [_num(o.get(k)) for o in owners] for k in kinds},
        x_title="owner",
        y_title="activities",
    )


_BUILDERS = {
    "pipeline_by_stage": _pipeline,
    "conversion_by_period": _conversion_by_period,
    "conversion_by_source": _conversion_by_source,
    "score_distribution": _score_distribution,
    "revenue_won_over_time": _revenue,
    "activity_by_owner": _activity,
}


def chart_for(tool: str, result: Any) -> ChartSpec | None:
    """The chart for a report tool's result, or None (not a report, an error, or nothing to draw)."""
    builder = _BUILDERS.get(tool)
    if builder is None or not isinstance(result, dict) or "error" in result:
        return None
    try:
        return builder(result)
    except (AttributeError, TypeError, ValueError):
        # A result shape this version does not know: the text answer still stands, just without a chart.
        return None
