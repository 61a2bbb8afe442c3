"""Contact, company, deal and task tools through LangChain's tool interface on the real database."""

from __future__ import annotations

import pytest

from leadloom.crm.services import companies as companies_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.tools import companies, contacts, deals, tasks
from tests.conftest import new_org
from tests.integration.tools.conftest import call, make_ctx


@pytest.fixture
async def people(pool, actor):
    acme = await companies_svc.create_company(pool, actor, {"name": "Acme Corp", "domain": "acme.com"})
    made = {}
    for first, last, email, stage, tags in [
        ("Alex", "Kim", "alex.kim@acme.com", "lead", ["vip"]),
        ("Alex", "Lee", "alex.lee@globex.com", "mql", []),
        ("Ada", "Lovelace", "ada@acme.com", "lead", ["vip", "webinar"]),
        ("Grace", "Hopper", "grace@navy.mil", "customer", []),
    ]:
        made[email] = await contacts_svc.create_contact(
            pool,
            actor,
            {
                "first_name": first,
                "last_name": last,
                "email": email,
                "lifecycle_stage": stage,
                "tags": tags,
                "company_id": acme.id if email.endswith("acme.com") else None,
            },
        )
    return made


async def test_search_contacts_filters_and_counts(ctx, people):
    result = await call(contacts.search_contacts, ctx, company="Acme", tag="vip")
    assert result["count"] == 2
    assert {c["name"] for c in result["contacts"]} == {"Alex Kim", "Ada Lovelace"}
    assert result["contacts"][0]["company"] == "Acme Corp"
    by_stage = await call(contacts.search_contacts, ctx, stage="MQL")
    assert [c["email"] for c in by_stage["contacts"]] == ["alex.lee@globex.com"]


async def test_ambiguous_name_returns_a_question(ctx, people):
    result = await call(contacts.get_contact, ctx, contact="Alex")
    assert "error" not in result
    assert {c["name"] for c in result["ambiguous"]} == {"Alex Kim", "Alex Lee"}
    assert result["question"].startswith("Which contact did you mean by 'Alex'")
    assert "alex.kim@acme.com" in result["question"]


async def test_unknown_name_and_bad_arguments_are_short_errors(ctx, people):
    missing = await call(contacts.get_contact, ctx, contact="Zebediah Quux")
    assert missing["error"] == "no contact matches 'Zebediah Quux'" and "search_contacts" in missing["hint"]
    bad_date = await call(contacts.search_contacts, ctx, created_after="last tuesday")
    assert "ISO date" in bad_date["error"] and bad_date["hint"]
    bad_stage = await call(contacts.search_contacts, ctx, stage="astronaut")
    assert "error" in bad_stage
    bad_change = await call(contacts.update_contact, ctx, contact="Ada Lovelace", changes={"colour": "red"})
    assert "cannot change colour" in bad_change["error"]


async def test_get_update_and_create_contact(ctx, people):
    ada = await call(contacts.get_contact, ctx, contact="ada@acme.com")
    assert ada["name"] == "Ada Lovelace" and ada["company"] == "Acme Corp"
    assert ada["open_deals"] == [] and ada["next_tasks"] == []

    changed = await call(
        contacts.update_contact,
        ctx,
        contact="Ada Lovelace",
        changes={"stage": "sql", "owner": "me", "tags_add": ["q3"]},
    )
    assert changed["before"]["stage"] == "lead" and changed["after"]["stage"] == "sql"
    assert changed["after"]["owner"] == "Olive Owner" and "q3" in changed["after"]["tags"]

    created = await call(
        contacts.create_contact,
        ctx,
        name="Katherine Johnson",
        email="kj@nasa.gov",
        company="NASA",
        stage="lead",
        notes="Met at the webinar",
    )
    assert created["created"]["name"] == "Katherine Johnson"
    assert created["created_company"] == "NASA" and created["note_logged"] is True
    timeline = await call(contacts.get_timeline, ctx, contact="kj@nasa.gov")
    assert [i["type"] for i in timeline["items"]] == ["note"]


async def test_a_company_sharing_a_word_with_a_known_one_is_created_not_confused(ctx, pool, actor, people):
    await companies_svc.create_company(pool, actor, {"name": "Davis Dental"})
    created = await call(
        contacts.create_contact, ctx, name="Nkechi Eze", company="Clintonville Family Dental", stage="lead"
    )
    assert created["created_company"] == "Clintonville Family Dental"
    assert created["created"]["company"] == "Clintonville Family Dental"
    # a known company typed loosely is linked, not duplicated
    linked = await call(contacts.create_contact, ctx, name="Ola Nwosu", company="davis dental group")
    assert "created_company" not in linked and linked["created"]["company"] == "Davis Dental"


async def test_moving_a_contact_to_an_unknown_company_creates_it(ctx, pool, actor, people):
    moved = await call(contacts.update_contact, ctx, contact="Grace Hopper", changes={"company": "Harbor Labs"})
    assert moved["created_company"] == "Harbor Labs" and moved["after"]["company"] == "Harbor Labs"
    assert [c.name for c in (await companies_svc.list_companies(pool, actor, {"q": "Harbor"})).items] == ["Harbor Labs"]


async def test_a_contact_that_fails_validation_leaves_no_new_company(ctx, pool, actor, people):
    failed = await call(contacts.create_contact, ctx, name="Bad Stage", company="Orphan Works", stage="nonsense")
    assert "error" in failed
    moved = await call(
        contacts.update_contact, ctx, contact="Grace Hopper", changes={"company": "Orphan Works", "stage": "nope"}
    )
    assert "error" in moved
    assert (await companies_svc.list_companies(pool, actor, {"q": "Orphan"})).items == []


async def test_log_activity_and_timeline(ctx, people):
    logged = await call(
        contacts.log_activity, ctx, contact="Grace Hopper", type="call", subject="Intro", direction="outbound"
    )
    assert logged["logged"]["type"] == "call" and logged["contact"]["name"] == "Grace Hopper"
    timeline = await call(contacts.get_timeline, ctx, contact="Grace Hopper", limit=5)
    assert timeline["items"][0]["subject"] == "Intro"


async def test_companies_tools(ctx, people):
    found = await call(companies.search_companies, ctx, query="acme")
    assert [c["name"] for c in found["companies"]] == ["Acme Corp"]
    acme = await call(companies.get_company, ctx, company="acme.com")
    assert {c["name"] for c in acme["contacts"]} == {"Alex Kim", "Ada Lovelace"}
    created = await call(companies.create_company, ctx, name="Globex", domain="globex.com", size=120)
    assert created["created"]["domain"] == "globex.com"
    changed = await call(companies.update_company, ctx, company="Globex", changes={"industry": "energy"})
    assert changed["before"] == {"industry": None} and changed["after"] == {"industry": "energy"}


async def test_deal_tools(ctx, people):
    created = await call(deals.create_deal, ctx, name="Acme redesign", contact="Ada Lovelace", amount=12000)
    deal = created["created"]
    assert deal["company"] == "Acme Corp" and deal["amount"] == 12000 and deal["stage"] == "Qualification"
    moved = await call(deals.move_deal_stage, ctx, deal="Acme redesign", stage="proposal")
    assert moved["before"]["stage"] == "Qualification" and moved["after"]["stage"] == "Proposal"
    summary = await call(deals.pipeline_summary, ctx)
    proposal = next(s for s in summary["stages"] if s["stage"] == "Proposal")
    assert proposal["deals"] == 1 and proposal["amount"] == 12000 and summary["open_amount"] == 12000
    listed = await call(deals.list_deals, ctx, company="Acme", status="open")
    assert [d["name"] for d in listed["deals"]] == ["Acme redesign"]
    updated = await call(deals.update_deal, ctx, deal="Acme redesign", changes={"amount": 15000})
    assert updated["before"]["amount"] == 12000 and updated["after"]["amount"] == 15000
    won = await call(deals.move_deal_stage, ctx, deal="Acme redesign", stage="Closed Won", reason="best fit")
    assert won["after"] == {"stage": "Closed Won", "status": "won", "reason": "best fit"}
    ada = await call(contacts.get_contact, ctx, contact="Ada Lovelace")
    assert ada["open_deals"] == []


async def test_task_tools(ctx, people):
    created = await call(tasks.create_task, ctx, subject="Send the proposal", contact="Grace Hopper", due="2030-01-15")
    assert created["created"]["contact"] == "Grace Hopper"
    listed = await call(tasks.list_tasks, ctx, owner="me")
    assert [t["subject"] for t in listed["tasks"]] == ["Send the proposal"]
    grace = await call(contacts.get_contact, ctx, contact="Grace Hopper")
    assert [t["subject"] for t in grace["next_tasks"]] == ["Send the proposal"]
    done = await call(tasks.complete_task, ctx, task="proposal")
    assert done["completed"]["status"] == "done"
    assert (await call(tasks.list_tasks, ctx))["tasks"] == []
    recs = await call(tasks.recommend_follow_ups, ctx, limit=5)
    assert isinstance(recs["recommendations"], list)


async def test_viewer_cannot_write(pool, settings, org, people):
    viewer = make_ctx(pool, settings, org, role="viewer")
    result = await call(contacts.update_contact, viewer, contact="Grace Hopper", changes={"stage": "lead"})
    assert "error" in result and "role" in result["hint"]


async def test_tenant_isolation_other_orgs_ids_find_nothing(pool, settings, ctx, people):
    other = await new_org(pool, "Rival Agency")
    rival = make_ctx(pool, settings, other)
    ada_id = str(people["ada@acme.com"].id)
    for tool, args in [
        (contacts.get_contact, {"contact": ada_id}),
        (contacts.get_contact, {"contact": "ada@acme.com"}),
        (contacts.update_contact, {"contact": ada_id, "changes": {"stage": "customer"}}),
        (contacts.log_activity, {"contact": ada_id, "type": "note", "body": "x"}),
        (contacts.delete_contacts, {"contact": ada_id}),
        (companies.get_company, {"company": "acme.com"}),
    ]:
        result = await call(tool, rival, **args)
        assert "error" in result and "matches" in result["error"], (tool.name, result)
    assert (await call(contacts.search_contacts, rival))["count"] == 0
    # ... and nothing changed for the owner.
    ada = await call(contacts.get_contact, ctx, contact=ada_id)
    assert ada["stage"] == "lead"
