"""Follow-up recommendations: each kind appears for data built to trigger it, and not for near misses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from leadloom.crm.db.pool import org_tx
from leadloom.crm.models.activities import ActivityCreate, TaskCreate
from leadloom.crm.models.deals import DealCreate
from leadloom.crm.services import activities, deals
from leadloom.crm.services.followups import recommend_follow_ups
from leadloom.crm.services.orgs import create_user
from tests.integration.deals.helpers import make_company, make_contact

NOW = datetime.now(UTC)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


async def log(pool, actor, contact, type_, direction, days_ago, **kw):  # type: ignore[no-untyped-def]
    return await activities.log_activity(
        pool,
        actor,
        ActivityCreate(type=type_, direction=direction, contact_id=contact, occurred_at=ago(days_ago), **kw),
    )


def of_kind(recs, kind):  # type: ignore[no-untyped-def]
    return [r for r in recs if r.kind == kind]


async def test_overdue_task(pool, actor):
    contact = await make_contact(pool, actor, "Tess", owner_id=actor.user_id)
    late = await activities.create_task(pool, actor, TaskCreate(subject="Send deck", due_at=ago(3), contact_id=contact))
    await activities.create_task(pool, actor, TaskCreate(subject="Future", due_at=ago(-3)))
    done = await activities.create_task(pool, actor, TaskCreate(subject="Done already", due_at=ago(5)))
    await activities.complete_task(pool, actor, done.id)
    recs = await recommend_follow_ups(pool, actor, now=NOW)
    tasks = of_kind(recs, "overdue_task")
    assert [r.task_id for r in tasks] == [late.id]
    assert "Send deck" in tasks[0].reason and "3 days ago" in tasks[0].reason and "Tess" in tasks[0].reason
    assert tasks[0].priority == 74.5  # 70 + 1.5 x 3


async def test_unanswered_inbound(pool, actor):
    waiting = await make_contact(pool, actor, "Wanda", owner_id=actor.user_id)
    await log(pool, actor, waiting, "email", "outbound", 10)
    await log(pool, actor, waiting, "email", "inbound", 3, subject="Can we talk?")
    await log(pool, actor, waiting, "note", None, 1)  # a note is not a reply
    answered = await make_contact(pool, actor, "Andy", owner_id=actor.user_id)
    await log(pool, actor, answered, "call", "inbound", 5)
    await log(pool, actor, answered, "email", "outbound", 4)
    met = await make_contact(pool, actor, "Mia", owner_id=actor.user_id)
    await log(pool, actor, met, "email", "inbound", 6)
    await log(pool, actor, met, "meeting", None, 2)
    recs = of_kind(await recommend_follow_ups(pool, actor, now=NOW), "unanswered_inbound")
    assert [r.contact_id for r in recs] == [waiting]
    assert "Wanda" in recs[0].reason and "Can we talk?" in recs[0].reason and "no reply" in recs[0].reason


async def test_engaged_not_touched(pool, actor):
    stale = await make_contact(pool, actor, "Stan", owner_id=actor.user_id)
    await log(pool, actor, stale, "email", "inbound", 20)
    await log(pool, actor, stale, "email", "outbound", 19)
    busy = await make_contact(pool, actor, "Nora", owner_id=actor.user_id)  # engaged by volume, never contacted
    for d in (2, 8, 15):
        await log(pool, actor, busy, "note", None, d)
    recent = await make_contact(pool, actor, "Rita", owner_id=actor.user_id)  # touched 2 days ago
    await log(pool, actor, recent, "email", "inbound", 20)
    await log(pool, actor, recent, "call", "outbound", 2)
    quiet = await make_contact(pool, actor, "Quinn", owner_id=actor.user_id)  # one note: not engaged
    await log(pool, actor, quiet, "note", None, 5)
    old = await make_contact(pool, actor, "Olga", owner_id=actor.user_id)  # inbound long ago: not engaged
    await log(pool, actor, old, "email", "inbound", 60)
    await log(pool, actor, old, "email", "outbound", 59)
    recs = of_kind(await recommend_follow_ups(pool, actor, now=NOW), "engaged_not_touched")
    assert {r.contact_id for r in recs} == {stale, busy}
    by_id = {r.contact_id: r for r in recs}
    assert "19 days" in by_id[stale].reason and "including inbound" in by_id[stale].reason
    assert "nobody has reached out yet" in by_id[busy].reason
    # N is configurable: with a 30-day window of silence allowed, Stan is fine
    recs = of_kind(await recommend_follow_ups(pool, actor, now=NOW, idle_days=30), "engaged_not_touched")
    assert {r.contact_id for r in recs} == {busy}


async def test_stalled_deals(pool, actor):
    big = await deals.create_deal(pool, actor, DealCreate(name="Big retainer", amount=10000))
    worked = await deals.create_deal(pool, actor, DealCreate(name="Worked on", amount=10000))
    await activities.log_activity(
        pool, actor, ActivityCreate(type="call", deal_id=worked.id, occurred_at=NOW + timedelta(days=25))
    )
    moved = await deals.create_deal(pool, actor, DealCreate(name="Closed", amount=10000))
    await deals.move_deal_stage(pool, actor, moved.id, "won")
    later = NOW + timedelta(days=30)
    recs = of_kind(await recommend_follow_ups(pool, actor, now=later), "stalled_deal")
    assert [r.deal_id for r in recs] == [big.id]
    assert "Big retainer" in recs[0].reason and "no activity or stage change for 29 days" in recs[0].reason
    # today, nothing is stalled... unless it is past its expected close
    assert of_kind(await recommend_follow_ups(pool, actor, now=NOW), "stalled_deal") == []
    overdue = await deals.create_deal(
        pool, actor, DealCreate(name="Late one", expected_close=(NOW - timedelta(days=3)).date())
    )
    recs = of_kind(await recommend_follow_ups(pool, actor, now=NOW), "stalled_deal")
    assert [r.deal_id for r in recs] == [overdue.id] and "past its expected close" in recs[0].reason


async def test_hot_lead_with_no_owner(pool, actor):
    hot = await make_contact(pool, actor, "Hattie")  # no owner, lots of activity
    for d in range(1, 6):
        await log(pool, actor, hot, "email", "inbound", d)
    lukewarm = await make_contact(pool, actor, "Luke")  # no owner, little activity
    await log(pool, actor, lukewarm, "note", None, 1)
    owned = await make_contact(pool, actor, "Owen", owner_id=actor.user_id)  # busy but owned
    for d in range(1, 7):
        await log(pool, actor, owned, "note", None, d)
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'contacts' AND column_name = 'score'"
        )
        has_score = await cur.fetchone() is not None
    scored = None
    if has_score:  # contacts.score comes with the scoring migration; test the score path when it is there
        scored = await make_contact(pool, actor, "Scarlett")
        async with org_tx(pool, actor.org_id) as conn:
            await conn.execute("UPDATE contacts SET score = 92 WHERE id = %s", (scored,))
            await conn.execute("UPDATE contacts SET score = 10 WHERE id = %s", (lukewarm,))
    recs = of_kind(await recommend_follow_ups(pool, actor, now=NOW), "hot_lead_no_owner")
    expected = {hot} | ({scored} if scored else set())
    assert {r.contact_id for r in recs} == expected
    assert all("no owner" in r.reason for r in recs)
    # hot unowned leads are nobody's, so an owner's own list leaves them out
    assert of_kind(await recommend_follow_ups(pool, actor, owner_id=actor.user_id, now=NOW), "hot_lead_no_owner") == []


async def test_ranking_is_deterministic_and_deduplicated(pool, actor):
    rep = await create_user(pool, actor, email=f"rep-{actor.org_id.hex[:6]}@example.com", name="Rep", role="rep")
    company = await make_company(pool, actor)
    contact = await make_contact(pool, actor, "Cara", company_id=company)  # unowned: unanswered, hot and engaged
    for d in range(1, 7):
        await log(pool, actor, contact, "email", "inbound", d)
    await activities.create_task(pool, actor, TaskCreate(subject="Very late", due_at=ago(20)))
    await activities.create_task(pool, actor, TaskCreate(subject="Rep's task", due_at=ago(1), owner_id=rep["id"]))
    await deals.create_deal(pool, actor, DealCreate(name="Old deal", expected_close=ago(2).date(), amount=50000))
    first = await recommend_follow_ups(pool, actor, now=NOW)
    assert first == await recommend_follow_ups(pool, actor, now=NOW)
    # 91 (20 days late, capped at 14), 71.5, 67.4 (past close, 50k), 67 (waiting 1 day), 46.5 (6 activities)
    assert [r.kind for r in first] == [
        "overdue_task",
        "overdue_task",
        "stalled_deal",
        "unanswered_inbound",
        "hot_lead_no_owner",
    ]
    assert [r.priority for r in first] == [91.0, 71.5, 67.4, 67.0, 46.5]
    assert [r.priority for r in first] == sorted((r.priority for r in first), reverse=True)
    # Cara is asked to be answered once (not also as engaged-not-touched), and to be given an owner
    assert [r.kind for r in first if r.contact_id == contact] == ["unanswered_inbound", "hot_lead_no_owner"]
    assert len(await recommend_follow_ups(pool, actor, now=NOW, limit=2)) == 2
    mine = await recommend_follow_ups(pool, actor, owner_id=rep["id"], now=NOW)
    assert [r.reason for r in mine] == ["Task \u201cRep's task\u201d was due 1 day ago"]
