"""The PNG of an analytics chart for Slack, drawn with matplotlib (Plotly's PNG export needs kaleido and
a browser engine; matplotlib's Agg backend needs neither). Same ChartSpec as the browser's Plotly chart."""

from __future__ import annotations

import io

from leadloom.graphs.charts import ChartSpec


def chart_png(spec: ChartSpec, *, width_in: float = 8.0, height_in: float = 4.5, dpi: int = 100) -> bytes:
    """The chart as PNG bytes. Uses matplotlib's object API (no pyplot), so threads never share a figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(spec.x)))
    n = max(1, len(spec.series))
    width = 0.8 / n
    for i, (name, values) in enumerate(spec.series.items()):
        if spec.kind == "line":
            ax.plot(positions, values, marker="o", label=name)
        else:
            ax.bar([p - 0.4 + width * (i + 0.5) for p in positions], values, width=width, label=name)
    ax.set_xticks(positions)
    ax.set_xticklabels(spec.x, rotation=30 if len(spec.x) > 5 else 0, ha="right" if len(spec.x) > 5 else "center")
    ax.set_title(spec.title)
    ax.set_xlabel(spec.x_title)
    ax.set_ylabel(spec.y_title)
    if len(spec.series) > 1:
        ax.legend()
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
