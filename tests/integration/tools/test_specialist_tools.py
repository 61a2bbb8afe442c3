"""Scoring, campaign, analytics and knowledge tools through LangChain's tool interface."""

from __future__ import annotations

import pytest

from leadloom.crm.db.pool import org_tx
from leadloom.crm.models.activities import ActivityCreate
from leadloom.crm.services import activities as activities_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.tools import analytics, campaigns, contacts, knowledge, scoring
from leadloom.tools.registry import TOOLS_BY_SPECIALIST, all_tools
from tests.conftest import new_org
from tests.integration.tools.conftest import call, make_ctx


@pytest.fixture
async def leads(pool, actor):
    hot = await contacts_svc.create_contact(
        pool,
        actor,
        {
            "first_name": "Hana",
            "last_name": "Hot",
            "email": "hana@big.com",
            "phone": "+14155550111",
            "title": "VP Marketing",
            "lifecycle_stage": "sql",
            "email_consent": True,
            "tags": ["vip"],
        },
    )
    await activities_svc.log_activity(
        pool, actor, ActivityCreate(type="email", direction="inbound", subject="Pricing?", contact_id=hot.id)
    )
    await activities_svc.log_activity(pool, actor, ActivityCreate(type="call", subject="Demo", contact_id=hot.id))
    cold = await contacts_svc.create_contact(
        pool, actor, {"first_name": "Carl", "last_name": "Cold", "email": "carl@small.com", "lifecycle_stage": "lead"}
    )
    customer = await contacts_svc.create_contact(
        pool, actor, {"first_name": "Cora", "last_name": "Customer", "lifecycle_stage": "customer", "tags": ["vip"]}
    )
    return {"hot": hot, "cold": cold, "customer": customer}


async def test_score_lead_names_its_model_and_is_saved(ctx, leads):
    # Model-agnostic on purpose: the rule-based score is replaced by the learned / cold-start model.
    result = await call(scoring.score_lead, ctx, contact="Hana Hot")
    assert 0 <= result["score"] <= 100 and result["model"] and result["version"]
    assert "explanation" not in result and len(result["factors"]) <= 5
    assert all({"factor", "points", "detail"} <= set(f) for f in result["factors"])
    found = await call(contacts.search_contacts, ctx, min_score=result["score"], max_score=result["score"])
    assert "Hana Hot" in [c["name"] for c in found["contacts"]]


async def test_explain_score_and_top_leads(ctx, leads):
    why = await call(scoring.explain_score, ctx, contact="carl@small.com")
    assert 0 <= why["score"] <= 100 and why["model"]
    assert isinstance(why["up"], list) and isinstance(why["down"], list)
    assert isinstance(why["counterfactuals"], list)
    top = await call(scoring.top_leads, ctx, limit=5)
    names = [lead["name"] for lead in top["leads"]]
    assert set(names) == {"Hana Hot", "Carl Cold"}  # the customer is not a lead
    assert top["model"] and all(lead["score"] is not None for lead in top["leads"])
    assert [lead["name"] for lead in (await call(scoring.top_leads, ctx, stage="customer"))["leads"]] == [
        "Cora Customer"
    ]


async def test_campaign_tools(ctx, leads):
    seg = await call(campaigns.create_segment, ctx, name="VIPs", filters={"tag": "vip"})
    assert seg["created"]["counts"]["total"] == 2 and seg["created"]["counts"]["email_reachable"] == 1
    audience = await call(campaigns.segment_audience, ctx, segment="vips", limit=5)
    assert {c["name"] for c in audience["sample"]} == {"Hana Hot", "Cora Customer"}
    assert (await call(campaigns.list_segments, ctx))["segments"][0]["name"] == "VIPs"
    draft = await call(
        campaigns.draft_campaign, ctx, name="Spring", channel="email", segment="VIPs", subject="Hi", body="Hello"
    )
    assert draft["draft"]["status"] == "draft" and draft["audience"]["reachable"] == 1
    assert "nothing was sent" in draft["note"]
    listed = await call(campaigns.list_campaigns, ctx, status="draft")
    assert [c["name"] for c in listed["campaigns"]] == ["Spring"]
    missing = await call(campaigns.segment_audience, ctx, segment="Nope")
    assert missing["error"] == "no segment matches 'Nope'"
    bad = await call(campaigns.create_segment, ctx, name="Bad", filters={"colour": "red"})
    assert "error" in bad and "colour" in bad["error"]


async def test_analytics_tools(ctx, leads, pool, actor):
    score = (await call(scoring.score_lead, ctx, contact="Hana Hot"))["score"]
    dist = await call(analytics.score_distribution, ctx, bins=5)
    assert dist["scored"] == 1 and dist["unscored"] == 2
    (hit,) = [b for b in dist["bins"] if b["contacts"]]
    assert hit["from"] <= score <= hit["to"]
    act = await call(analytics.activity_by_owner, ctx)
    assert act["owners"][0]["owner"] == "Olive Owner" and act["owners"][0]["emails"] == 1
    conv = await call(analytics.conversion_by_source, ctx)
    assert conv["total"]["leads"] == 3 and conv["total"]["converted"] == 1
    by_period = await call(analytics.conversion_by_period, ctx, period="quarter")
    assert sum(p["leads"] for p in by_period["periods"]) == 3
    pipe = await call(analytics.pipeline_by_stage, ctx)
    assert pipe["pipeline"]["name"] == "Sales" and pipe["open_deals"] == 0
    revenue = await call(analytics.revenue_won_over_time, ctx, period="month")
    assert revenue["periods"] == []
    bad = await call(analytics.conversion_by_period, ctx, since="2025-05-01", until="2025-01-01")
    assert "after until" in bad["error"]


async def test_search_notes_finds_by_meaning_or_says_why_not(ctx, leads):
    result = await call(knowledge.search_notes, ctx, query="pricing question", limit=3)
    # The index fills asynchronously (the indexer worker); the tool must answer with results or a clear error.
    assert "results" in result or ("error" in result and result["hint"])
    if "results" in result:
        assert result["note"].startswith("Quoted CRM text")


async def test_tenant_isolation_for_scores_and_segments(pool, settings, ctx, leads):
    seg = await call(campaigns.create_segment, ctx, name="Mine", filters={})
    other = await new_org(pool, "Other Org")
    rival = make_ctx(pool, settings, other)
    assert "error" in await call(scoring.score_lead, rival, contact=str(leads["hot"].id))
    assert "error" in await call(campaigns.segment_audience, rival, segment=seg["created"]["id"])
    assert (await call(scoring.top_leads, rival))["leads"] == []
    assert (await call(analytics.activity_by_owner, rival))["owners"] == []
    async with org_tx(pool, other.org["id"]) as conn:
        cur = await conn.execute("SELECT count(*) AS n FROM contacts")
        assert (await cur.fetchone())["n"] == 0


def test_registry_names_match_the_catalogue():
    names = {t.name for t in all_tools()}
    assert len(names) == len(all_tools()) == 38
    assert set(TOOLS_BY_SPECIALIST) == {"contacts", "scoring", "campaigns", "analytics"}
    for t in all_tools():
        schema = t.tool_call_schema.model_json_schema()
        assert "runtime" not in schema["properties"], t.name  # injected, never chosen by the model
        assert t.description and len(t.description) > 30, t.name
