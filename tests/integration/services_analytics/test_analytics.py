"""Analytics reports on the real database: every number checked against rows this test inserts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import ValidationError
from leadloom.crm.services import analytics
from tests.conftest import new_org


async def _stage_ids(conn, org_id) -> dict[str, dict]:
    cur = await conn.execute("SELECT s.id, s.name, s.pipeline_id FROM pipeline_stages s WHERE s.org_id = %s", (org_id,))
    return {r["name"]: r for r in await cur.fetchall()}


async def _contact(conn, org_id, first, *, source=None, stage="lead", created="2025-01-15", score=None):
    cur = await conn.execute(
        "INSERT INTO contacts (org_id, first_name, lead_source, lifecycle_stage, created_at, score) "
        "VALUES (%s, %s, %s, %s, %s::timestamptz, %s) RETURNING id",
        (org_id, first, source, stage, f"{created} 12:00+00", score),
    )
    return (await cur.fetchone())["id"]


async def _deal(conn, org_id, stages, name, stage, amount, *, contact_id=None, closed=None, owner_id=None, prob=None):
    s = stages[stage]
    status = {"Closed Won": "won", "Closed Lost": "lost"}.get(stage, "open")
    await conn.execute(
        "INSERT INTO deals (org_id, name, pipeline_id, stage_id, amount, status, closed_at, contact_id, owner_id,"
        " probability) VALUES (%s, %s, %s, %s, %s, %s, %s::timestamptz, %s, %s, %s)",
        (
            org_id,
            name,
            s["pipeline_id"],
            s["id"],
            amount,
            status,
            f"{closed} 12:00+00" if closed else None,
            contact_id,
            owner_id,
            prob,
        ),
    )


@pytest.fixture
async def seeded(pool, org, actor):
    """Three sources, five contacts, deals across stages, activities for two owners."""
    org_id = org.org["id"]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO users (org_id, email, name) VALUES (%s, %s, 'Rita Rep') RETURNING id",
            (org_id, f"rita-{org_id}@example.com"),
        )
        rita = (await cur.fetchone())["id"]
        stages = await _stage_ids(conn, org_id)
        web1 = await _contact(conn, org_id, "Web1", source="web", stage="customer", created="2025-01-10", score=91)
        await _contact(conn, org_id, "Web2", source="web", stage="lead", created="2025-01-20", score=45)
        ref1 = await _contact(conn, org_id, "Ref1", source="referral", stage="mql", created="2025-02-05", score=5)
        await _contact(conn, org_id, "Ads1", source="ads", stage="lead", created="2025-02-15")
        await _contact(conn, org_id, "Old", source="web", stage="lead", created="2024-06-01", score=100)
        # ref1 is an MQL with a won deal: converted by the deal, not by its stage.
        await _deal(conn, org_id, stages, "A", "Closed Won", 1000, contact_id=web1, closed="2025-01-25")
        await _deal(conn, org_id, stages, "B", "Closed Won", 500, contact_id=ref1, closed="2025-02-10")
        await _deal(conn, org_id, stages, "C", "Closed Lost", 300, closed="2025-02-12")
        await _deal(conn, org_id, stages, "D", "Proposal", 2000, owner_id=rita)
        await _deal(conn, org_id, stages, "E", "Proposal", 1000, prob=90)
        await _deal(conn, org_id, stages, "F", "Discovery", 400, owner_id=rita)
        for owner, kind, when, status in [
            (actor.user_id, "call", "2025-02-01", None),
            (actor.user_id, "call", "2025-02-02", None),
            (actor.user_id, "email", "2025-02-03", None),
            (rita, "meeting", "2025-02-04", None),
            (rita, "task", "2025-02-05", "done"),
            (rita, "task", "2025-02-06", "open"),
            (rita, "call", "2025-03-20", None),  # outside the window used below
        ]:
            await conn.execute(
                "INSERT INTO activities (org_id, type, occurred_at, owner_id, status, subject) "
                "VALUES (%s, %s, %s::timestamptz, %s, %s, 'x')",
                (org_id, kind, f"{when} 12:00+00", owner, status),
            )
    return {"rita": rita}


async def test_pipeline_by_stage_counts_amounts_and_weights(pool, actor, seeded):
    report = await analytics.pipeline_by_stage(pool, actor)
    by = {s["stage"]: s for s in report["stages"]}
    assert report["pipeline"]["name"] == "Sales"
    assert by["Proposal"]["deals"] == 2
    assert by["Proposal"]["amount"] == Decimal(3000)
    # 2000 at the stage's 50 % plus 1000 at the deal's own 90 %.
    assert by["Proposal"]["weighted_amount"] == Decimal("1900.00")
    assert by["Discovery"]["weighted_amount"] == Decimal("80.00")
    assert by["Closed Won"]["deals"] == 2 and by["Qualification"]["deals"] == 0
    assert report["open_deals"] == 3 and report["open_amount"] == Decimal(3400)
    assert report["weighted_open_amount"] == Decimal("1980.00")

    mine = await analytics.pipeline_by_stage(pool, actor, owner_id=seeded["rita"])
    assert mine["open_deals"] == 2 and mine["open_amount"] == Decimal(2400)


async def test_conversion_by_source(pool, actor, seeded):
    report = await analytics.conversion_by_source(pool, actor, since=date(2025, 1, 1), until=date(2025, 2, 28))
    by = {s["source"]: s for s in report["sources"]}
    assert by["web"] == {
        "source": "web",
        "leads": 2,
        "converted": 1,
        "deals_won": 1,
        "won_amount": Decimal(1000),
        "conversion_rate": 0.5,
    }
    assert by["referral"]["converted"] == 1 and by["referral"]["won_amount"] == Decimal(500)
    assert by["ads"]["converted"] == 0 and by["ads"]["conversion_rate"] == 0.0
    assert report["total"] == {"leads": 4, "converted": 2, "conversion_rate": 0.5}
    everything = await analytics.conversion_by_source(pool, actor)
    assert everything["total"]["leads"] == 5


async def test_conversion_by_period_month_and_quarter(pool, actor, seeded):
    report = await analytics.conversion_by_period(
        pool, actor, period="month", since=date(2025, 1, 1), until=date(2025, 12, 31)
    )
    rows = {r["period_start"]: r for r in report["periods"]}
    jan, feb = rows[date(2025, 1, 1)], rows[date(2025, 2, 1)]
    assert (jan["leads"], jan["converted"], jan["deals_won"], jan["deals_lost"]) == (2, 1, 1, 0)
    assert (feb["leads"], feb["converted"], feb["deals_won"], feb["deals_lost"]) == (2, 1, 1, 1)
    assert feb["win_rate"] == 0.5 and jan["win_rate"] == 1.0
    quarter = await analytics.conversion_by_period(pool, actor, period="quarter", since=date(2025, 1, 1))
    (q1,) = quarter["periods"]
    assert (q1["period_start"], q1["leads"], q1["deals_won"]) == (date(2025, 1, 1), 4, 2)
    with pytest.raises(ValidationError):
        await analytics.conversion_by_period(pool, actor, period="decade")
    with pytest.raises(ValidationError):
        await analytics.conversion_by_period(pool, actor, since=date(2025, 3, 1), until=date(2025, 1, 1))


async def test_activity_by_owner(pool, actor, seeded):
    report = await analytics.activity_by_owner(pool, actor, since=date(2025, 2, 1), until=date(2025, 2, 28))
    by = {r["owner"]: r for r in report["owners"]}
    assert by["Olive Owner"]["calls"] == 2 and by["Olive Owner"]["emails"] == 1 and by["Olive Owner"]["total"] == 3
    assert by["Rita Rep"]["total"] == 3 and by["Rita Rep"]["tasks"] == 2 and by["Rita Rep"]["tasks_done"] == 1
    calls = await analytics.activity_by_owner(pool, actor, type="call")
    assert {r["owner"]: r["total"] for r in calls["owners"]} == {"Olive Owner": 2, "Rita Rep": 1}
    with pytest.raises(ValidationError):
        await analytics.activity_by_owner(pool, actor, type="fax")


async def test_revenue_won_over_time(pool, actor, seeded):
    report = await analytics.revenue_won_over_time(pool, actor, period="month")
    assert [(r["period_start"], r["revenue"], r["deals_won"]) for r in report["periods"]] == [
        (date(2025, 1, 1), Decimal(1000), 1),
        (date(2025, 2, 1), Decimal(500), 1),
    ]
    assert report["total_by_currency"] == {"USD": Decimal(1500)}


async def test_score_distribution(pool, actor, seeded):
    report = await analytics.score_distribution(pool, actor, bins=4)
    assert [b["contacts"] for b in report["bins"]] == [1, 1, 0, 2]  # 5 | 45 | - | 91, 100
    assert report["bins"][0]["range"] == "0-25"
    assert report["scored"] == 4 and report["unscored"] == 1


async def test_score_distribution_without_scores_says_so(pool):
    other = await new_org(pool, "No Scores Inc")
    actor = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    report = await analytics.score_distribution(pool, actor)
    assert report["bins"] == [] and "No lead scores yet" in report["message"]


async def test_reports_see_only_their_organization(pool, seeded):
    other = await new_org(pool, "Other Agency")
    actor = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    assert (await analytics.pipeline_by_stage(pool, actor))["open_deals"] == 0
    assert (await analytics.conversion_by_source(pool, actor))["sources"] == []
    assert (await analytics.activity_by_owner(pool, actor))["owners"] == []
    assert (await analytics.revenue_won_over_time(pool, actor))["periods"] == []
