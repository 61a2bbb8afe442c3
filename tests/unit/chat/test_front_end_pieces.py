"""The chat front ends' pure pieces: chart specs from report results, the Slack PNG, the offline index
page, record tables with links, and the rule-based test model's routing."""

from __future__ import annotations

import pytest

from leadloom.graphs.charts import chart_for

PIPELINE = {
    "pipeline": {"id": "p1", "name": "Sales"},
    "stages": [
        {"stage": "Qualification", "amount": 100, "weighted_amount": 10},
        {"stage": "Proposal", "amount": "250.5", "weighted_amount": 125},
    ],
    "open_deals": 3,
}


def test_pipeline_chart_spec() -> None:
    spec = chart_for("pipeline_by_stage", PIPELINE)
    assert spec is not None and spec.kind == "bar" and spec.title == "Pipeline by stage (Sales)"
    assert spec.x == ["Qualification", "Proposal"]
    assert spec.series == {"amount": [100.0, 250.5], "weighted amount": [10.0, 125.0]}


def test_conversion_and_scores_and_revenue() -> None:
    conv = chart_for(
        "conversion_by_period",
        {"period": "month", "periods": [{"period_start": "2025-01-01", "leads": 4, "converted": 1, "deals_won": 1}]},
    )
    assert conv is not None and conv.kind == "line" and conv.series["leads"] == [4.0]
    scores = chart_for(
        "score_distribution", {"bins": [{"range": "0-50", "contacts": 2}, {"range": "50-100", "contacts": 5}]}
    )
    assert scores is not None and scores.series == {"contacts": [2.0, 5.0]}
    revenue = chart_for(
        "revenue_won_over_time",
        {
            "periods": [
                {"period_start": "2025-01-01", "currency": "USD", "revenue": 10},
                {"period_start": "2025-02-01", "currency": "USD", "revenue": 5},
                {"period_start": "2025-02-01", "currency": "EUR", "revenue": 7},
            ]
        },
    )
    assert revenue is not None and revenue.series == {"USD": [10.0, 5.0], "EUR": [0.0, 7.0]}


@pytest.mark.parametrize(
    ("tool", "result"),
    [
        ("search_contacts", {"contacts": []}),
        ("pipeline_by_stage", {"error": "no pipeline named 'x'"}),
        ("score_distribution", {"bins": [], "message": "no scores yet"}),
        ("pipeline_by_stage", "a truncated result…"),
    ],
)
def test_no_chart_when_there_is_nothing_to_draw(tool: str, result: object) -> None:
    assert chart_for(tool, result) is None


def test_slack_png_is_a_png() -> None:
    from leadloom.integrations.slack.charts import chart_png

    spec = chart_for("pipeline_by_stage", PIPELINE)
    assert spec is not None
    png = chart_png(spec)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_offline_index_drops_outside_links_only() -> None:
    from leadloom.chat_ui.mount import offline_index

    html = """<head>
    <link rel="preconnect" href="https://fonts.googleapis.com" />
    <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin />
    <!-- FONT START -->
    <link
      href="https://fonts.googleapis.com/css2?family=Inter:wght@400;500;700&display=swap"
      rel="stylesheet"
    />
    <!-- FONT END -->
    <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/katex.min.css" />
    <link rel="stylesheet" crossorigin href="/assets/index.css">
    </head>"""
    out = offline_index(html)
    assert "https://" not in out
    assert 'href="/assets/index.css"' in out


def test_the_installed_chainlit_index_has_no_outside_links_once_patched() -> None:
    from leadloom.chat_ui.mount import _chainlit_frontend, offline_index

    html = (_chainlit_frontend() / "index.html").read_text(encoding="utf-8")
    assert "https://" not in offline_index(html)


def test_records_table_links_each_record() -> None:
    from leadloom.chat_ui.render import find_records, records_table

    found = find_records({"leads": [{"contact_id": "c1", "name": "Nora | Q", "score": 91, "company": "Quinn"}]})
    assert found is not None
    table = records_table(*found)
    assert table.splitlines()[0] == "| name | company | score |"
    assert "[Nora \\| Q](/api/v1/contacts/c1)" in table


def test_rule_model_routes() -> None:
    from tests.e2e.crm_model import route

    assert route("Who are my hottest leads this week?") == "scoring"
    assert route("Show the pipeline by stage") == "analytics"
    assert route("Delete Zed Doe") == "contacts"
