"""Deal and pipeline services on the real database: CRUD, lenient stage names, won/lost, summaries,
filters and pages, soft delete, and bad input that writes nothing."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from leadloom.crm.models.deals import DealCreate, DealFilter, DealUpdate, PipelineCreate, PipelineStagesUpdate, StageIn
from leadloom.crm.services import deals, pipelines
from tests.conftest import new_org
from tests.integration.deals.helpers import count, make_company, make_contact


async def test_default_pipeline_has_the_six_stages(pool, actor):
    pipes = await pipelines.list_pipelines(pool, actor)
    assert [p.name for p in pipes] == ["Sales"]
    assert [s.name for s in pipes[0].stages] == [
        "Qualification",
        "Discovery",
        "Proposal",
        "Negotiation",
        "Closed Won",
        "Closed Lost",
    ]
    assert (await pipelines.default_pipeline(pool, actor)).id == pipes[0].id


async def test_create_deal_defaults_and_fuzzy_stage(pool, actor):
    company = await make_company(pool, actor, "Globex")
    contact = await make_contact(pool, actor, company_id=company)
    deal = await deals.create_deal(
        pool,
        actor,
        DealCreate(
            name="Website redesign",
            contact_id=contact,
            amount="$12,500.50",
            currency="eur",
            expected_close="Mar 5, 2027",
            stage="propsal",
        ),
    )
    assert deal.stage == "Proposal" and deal.stage_kind == "open" and deal.status == "open"
    assert deal.amount == Decimal("12500.50") and deal.currency == "EUR"
    assert deal.expected_close.isoformat() == "2027-03-05"
    assert deal.probability == 50  # the stage's
    assert deal.company_id == company and deal.company_name == "Globex"  # filled from the contact
    assert deal.contact_name == "Ada Lovelace"
    assert deal.owner_id == actor.user_id
    first = await deals.create_deal(pool, actor, DealCreate(name="Retainer"))
    assert first.stage == "Qualification" and first.currency == "USD" and first.amount is None
    assert await count(pool, actor, "record_history", "entity = 'deal' AND action = 'create'") == 2


@pytest.mark.parametrize("spelling", ["closed won", "Closd-Won", "CLOSED_WON", "closed  won "])
async def test_won_by_lenient_name_sets_status_and_reason(pool, actor, spelling):
    deal = await deals.create_deal(pool, actor, DealCreate(name="SEO", amount=1000))
    won = await deals.move_deal_stage(pool, actor, deal.id, spelling, reason="Best proposal")
    assert won.stage == "Closed Won" and won.status == "won" and won.closed_at is not None
    assert won.close_reason == "Best proposal" and won.probability == 100


async def test_lost_then_reopen_clears_closing_fields(pool, actor):
    deal = await deals.create_deal(pool, actor, DealCreate(name="PPC", amount=500))
    lost = await deals.move_deal_stage(pool, actor, deal.id, "closed lost", reason="Went with a cheaper agency")
    assert (lost.status, lost.close_reason, lost.probability) == ("lost", "Went with a cheaper agency", 0)
    reopened = await deals.move_deal_stage(pool, actor, deal.id, "Negotiation")
    assert reopened.status == "open" and reopened.closed_at is None and reopened.close_reason is None
    assert reopened.probability == 75
    changes = await deals.deal_stage_history(pool, actor, deal.id)
    assert [c["to_stage"] for c in changes] == ["Negotiation", "Closed Lost", "Qualification"]
    # a no-op move writes nothing
    again = await deals.move_deal_stage(pool, actor, deal.id, "negotiation")
    assert again.updated_at == reopened.updated_at
    assert len(await deals.deal_stage_history(pool, actor, deal.id)) == 3


async def test_unknown_stage_lists_valid_stages_and_writes_nothing(pool, actor):
    with pytest.raises(ValidationError) as err:
        await deals.create_deal(pool, actor, DealCreate(name="X", stage="Signed contract"))
    assert "Closed Won" in err.value.detail
    assert err.value.errors[0]["field"] == "stage" and "Proposal" in err.value.errors[0]["valid"]
    deal = await deals.create_deal(pool, actor, DealCreate(name="Y"))
    with pytest.raises(ValidationError):
        await deals.move_deal_stage(pool, actor, deal.id, "Banana")
    assert await count(pool, actor, "deals") == 1
    assert await count(pool, actor, "deal_stage_changes") == 1


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"amount": -5}, "amount"),
        ({"amount": "(500)"}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"currency": "USDD"}, "currency"),
        ({"currency": "EURO"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"expected_close": "31/31/2026"}, "expected_close"),
        ({"expected_close": "soon"}, "expected_close"),
        ({"probability": 150}, "probability"),
        ({"contact_id": "00000000-0000-0000-0000-000000000001"}, "contact_id"),
        ({"company_id": "00000000-0000-0000-0000-000000000002"}, "company_id"),
        ({"owner_id": "00000000-0000-0000-0000-000000000003"}, "owner_id"),
        ({"custom": {"nope": 1}}, "custom.nope"),
    ],
)
async def test_bad_deal_input_is_rejected_and_nothing_written(pool, actor, fields, bad_field):
    with pytest.raises(ValidationError) as err:
        await deals.create_deal(pool, actor, DealCreate(name="Bad", **fields))
    assert bad_field in [e["field"] for e in err.value.errors]
    assert await count(pool, actor, "deals") == 0
    assert await count(pool, actor, "record_history") == 0


async def test_several_problems_reported_together(pool, actor):
    with pytest.raises(ValidationError) as err:
        await deals.create_deal(pool, actor, DealCreate(name="Bad", amount=-1, currency="??", stage="nope"))
    assert {e["field"] for e in err.value.errors} == {"amount", "currency", "stage"}


async def test_other_orgs_contact_is_unknown(pool, actor):
    other = await new_org(pool, "Other")
    other_actor = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    their_contact = await make_contact(pool, other_actor, "Eve")
    with pytest.raises(ValidationError) as err:
        await deals.create_deal(pool, actor, DealCreate(name="Steal", contact_id=their_contact))
    assert err.value.errors[0]["field"] == "contact_id"
    their_deal = await deals.create_deal(pool, other_actor, DealCreate(name="Theirs"))
    for call in (
        deals.get_deal(pool, actor, their_deal.id),
        deals.update_deal(pool, actor, their_deal.id, DealUpdate(name="mine")),
        deals.move_deal_stage(pool, actor, their_deal.id, "Closed Won"),
        deals.delete_deal(pool, actor, their_deal.id),
        deals.restore_deal(pool, actor, their_deal.id),
    ):
        with pytest.raises(NotFoundError):
            await call
    assert (await deals.get_deal(pool, other_actor, their_deal.id)).name == "Theirs"


async def test_sql_looking_and_unicode_text_stored_verbatim(pool, actor):
    name = "Robert'); DROP TABLE deals;-- 🚀 Zoë Ångström 日本語"
    deal = await deals.create_deal(
        pool, actor, DealCreate(name=name, stage="closed lost", close_reason="'; DELETE FROM deals; -- ❌")
    )
    fetched = await deals.get_deal(pool, actor, deal.id)
    assert fetched.name == name and fetched.close_reason == "'; DELETE FROM deals; -- ❌"
    page = await deals.list_deals(pool, actor, DealFilter(q="DROP TABLE"))
    assert [d.id for d in page.items] == [deal.id]
    assert (await deals.list_deals(pool, actor, DealFilter(q="%"))).items == []


async def test_update_deal_fields_and_stage(pool, actor):
    deal = await deals.create_deal(pool, actor, DealCreate(name="Ads", amount=100))
    updated = await deals.update_deal(pool, actor, deal.id, DealUpdate(amount="2.5k", expected_close="2027-01-31"))
    assert updated.amount == Decimal("2500.00") and str(updated.expected_close) == "2027-01-31"
    won = await deals.update_deal(pool, actor, deal.id, DealUpdate(stage="won", close_reason="Signed"))
    assert won.status == "won" and won.close_reason == "Signed"
    cleared = await deals.update_deal(pool, actor, deal.id, DealUpdate(amount=None))
    assert cleared.amount is None
    with pytest.raises(ValidationError):
        await deals.update_deal(pool, actor, deal.id, DealUpdate(currency="dollars"))
    assert (await deals.get_deal(pool, actor, deal.id)).currency == "USD"
    actions = await count(pool, actor, "record_history", "entity_id = %s", (deal.id,))
    assert actions == 4  # create + three updates


async def test_delete_and_restore(pool, actor):
    deal = await deals.create_deal(pool, actor, DealCreate(name="Gone soon"))
    await deals.delete_deal(pool, actor, deal.id)
    with pytest.raises(NotFoundError):
        await deals.get_deal(pool, actor, deal.id)
    assert (await deals.list_deals(pool, actor)).items == []
    restored = await deals.restore_deal(pool, actor, deal.id)
    assert restored.deleted_at is None and (await deals.get_deal(pool, actor, deal.id)).name == "Gone soon"


async def test_pipeline_summary_matches_inserted_deals(pool, actor):
    data = [
        ("A", "Qualification", 1000, None),
        ("B", "Qualification", 3000, None),
        ("C", "Proposal", 2000, None),
        ("D", "Proposal", 4000, 80),
        ("E", "Closed Won", 5000, None),
        ("F", "Closed Lost", 7000, None),
        ("G", "Negotiation", None, None),
    ]
    for name, stage, amount, prob in data:
        await deals.create_deal(pool, actor, DealCreate(name=name, stage=stage, amount=amount, probability=prob))
    gone = await deals.create_deal(pool, actor, DealCreate(name="deleted", stage="Proposal", amount=99999))
    await deals.delete_deal(pool, actor, gone.id)
    summary = {r["stage"]: r for r in await deals.pipeline_summary(pool, actor)}
    assert list(summary) == [
        "Qualification",
        "Discovery",
        "Proposal",
        "Negotiation",
        "Closed Won",
        "Closed Lost",
    ]
    assert (summary["Qualification"]["count"], summary["Qualification"]["amount"]) == (2, Decimal("4000.00"))
    assert summary["Qualification"]["weighted_amount"] == Decimal("400.00")  # 10%
    assert summary["Discovery"]["count"] == 0 and summary["Discovery"]["amount"] == 0
    # Proposal: 2000 x 50% + 4000 x 80% (the deal's own probability)
    assert summary["Proposal"]["weighted_amount"] == Decimal("4200.00")
    assert summary["Negotiation"]["count"] == 1 and summary["Negotiation"]["amount"] == 0
    assert summary["Closed Won"]["weighted_amount"] == Decimal("5000.00") and summary["Closed Won"]["kind"] == "won"
    assert summary["Closed Lost"]["amount"] == Decimal("7000.00") and summary["Closed Lost"]["weighted_amount"] == 0
    # by owner: nobody else owns anything
    other_owner = [r for r in await deals.pipeline_summary(pool, actor, owner_id=uuid4()) if r["count"]]
    assert other_owner == []


async def test_list_filters_sort_and_keyset_pages(pool, actor):
    company = await make_company(pool, actor, "Initech")
    for i in range(7):
        await deals.create_deal(
            pool,
            actor,
            DealCreate(
                name=f"Deal {i}",
                amount=i * 100,
                company_id=company if i % 2 else None,
                stage="Proposal" if i < 3 else "Discovery",
                expected_close=f"2027-01-0{i + 1}",
            ),
        )
    await deals.move_deal_stage(
        pool, actor, (await deals.list_deals(pool, actor, DealFilter(q="Deal 6"))).items[0].id, "won"
    )
    seen, cursor = [], None
    while True:
        page = await deals.list_deals(pool, actor, sort="-amount", limit=3, cursor=cursor)
        seen += [d.amount for d in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == 7
    names = lambda page: sorted(d.name for d in page.items)  # noqa: E731
    assert names(await deals.list_deals(pool, actor, DealFilter(stage="proposal"))) == ["Deal 0", "Deal 1", "Deal 2"]
    assert names(await deals.list_deals(pool, actor, DealFilter(company_id=company))) == ["Deal 1", "Deal 3", "Deal 5"]
    assert names(await deals.list_deals(pool, actor, DealFilter(min_amount="200", max_amount=400))) == [
        "Deal 2",
        "Deal 3",
        "Deal 4",
    ]
    assert names(await deals.list_deals(pool, actor, DealFilter(status="won"))) == ["Deal 6"]
    assert names(await deals.list_deals(pool, actor, DealFilter(closing_before="2027-01-02"))) == ["Deal 0", "Deal 1"]
    assert len((await deals.list_deals(pool, actor, DealFilter(created_after="2000-01-01"))).items) == 7
    assert (await deals.list_deals(pool, actor, DealFilter(created_before="2000-01-01"))).items == []
    by_name = await deals.list_deals(pool, actor, sort="name", limit=4)
    rest = await deals.list_deals(pool, actor, sort="name", limit=4, cursor=by_name.next_cursor)
    assert [d.name for d in by_name.items + rest.items] == [f"Deal {i}" for i in range(7)]
    with pytest.raises(ValidationError):
        await deals.list_deals(pool, actor, sort="-bogus")
    with pytest.raises(ValidationError):
        await deals.list_deals(pool, actor, sort="amount", cursor=by_name.next_cursor)  # cursor of another sort
    with pytest.raises(ValidationError):
        await deals.list_deals(pool, actor, DealFilter(stage="Nope"))
    with pytest.raises(ValidationError):
        await deals.list_deals(pool, actor, DealFilter(closing_before="not a date"))


async def test_configure_pipeline_stages(pool, actor):
    pipe = await pipelines.create_pipeline(
        pool,
        actor,
        PipelineCreate(
            name="Partnerships",
            stages=[
                StageIn(name="Intro"),
                StageIn(name="Pilot", probability=40),
                StageIn(name="Signed", kind="won"),
                StageIn(name="Dropped", kind="lost"),
            ],
        ),
    )
    assert [(s.name, s.probability, s.kind) for s in pipe.stages] == [
        ("Intro", 10, "open"),
        ("Pilot", 40, "open"),
        ("Signed", 100, "won"),
        ("Dropped", 0, "lost"),
    ]
    intro, pilot, signed, _dropped = pipe.stages
    deal = await deals.create_deal(pool, actor, DealCreate(name="Partner X", pipeline_id=pipe.id, stage="pilot"))
    # swap names, reorder, add a stage, drop an empty one
    updated = await pipelines.update_pipeline_stages(
        pool,
        actor,
        pipe.id,
        PipelineStagesUpdate(
            stages=[
                StageIn(id=pilot.id, name="Intro", probability=30),
                StageIn(id=intro.id, name="Pilot"),
                StageIn(name="Contract", probability=80),
                StageIn(id=signed.id, name="Signed", kind="won"),
            ]
        ),
    )
    assert [s.name for s in updated.stages] == ["Intro", "Pilot", "Contract", "Signed"]
    assert updated.stages[0].id == pilot.id
    assert (await deals.get_deal(pool, actor, deal.id)).stage == "Intro"
    # a stage that still holds a deal cannot be removed
    with pytest.raises(ConflictError):
        await pipelines.update_pipeline_stages(
            pool, actor, pipe.id, PipelineStagesUpdate(stages=[StageIn(name="Only")])
        )
    # changing the kind of a stage carries its deals' status along
    await pipelines.update_pipeline_stages(
        pool,
        actor,
        pipe.id,
        PipelineStagesUpdate(
            stages=[StageIn(id=pilot.id, name="Intro", kind="won"), StageIn(id=intro.id, name="Pilot")]
        ),
    )
    assert (await deals.get_deal(pool, actor, deal.id)).status == "won"
    with pytest.raises(ValidationError):
        await pipelines.create_pipeline(
            pool, actor, PipelineCreate(name="Bad", stages=[StageIn(name="Won", kind="won")])
        )
    with pytest.raises(ValidationError):
        await pipelines.create_pipeline(
            pool, actor, PipelineCreate(name="Dup", stages=[StageIn(name="A"), StageIn(name="a")])
        )
    with pytest.raises(ConflictError):
        await pipelines.create_pipeline(pool, actor, PipelineCreate(name="partnerships", stages=[StageIn(name="A")]))
    with pytest.raises(ConflictError):
        await pipelines.update_pipeline_stages(
            pool,
            actor,
            pipe.id,
            PipelineStagesUpdate(name="sales", stages=[StageIn(id=s.id, name=s.name) for s in updated.stages]),
        )
    renamed = await pipelines.update_pipeline_stages(
        pool,
        actor,
        pipe.id,
        PipelineStagesUpdate(
            name="Partners",
            is_default=True,
            stages=[
                StageIn(id=s.id, name=s.name, kind=s.kind)
                for s in (await pipelines.get_pipeline(pool, actor, pipe.id)).stages
            ],
        ),
    )
    assert renamed.name == "Partners" and renamed.is_default
    assert [p.name for p in await pipelines.list_pipelines(pool, actor)] == ["Partners", "Sales"]
    assert (await pipelines.default_pipeline(pool, actor)).id == pipe.id
    # deals in a non-default pipeline resolve stages in their own pipeline only
    with pytest.raises(ValidationError):
        await deals.move_deal_stage(pool, actor, deal.id, "Proposal")


async def test_viewer_cannot_write(pool, actor):
    viewer = Actor(org_id=actor.org_id, user_id=actor.user_id, role="viewer")
    with pytest.raises(PermissionDeniedError):
        await deals.create_deal(pool, viewer, DealCreate(name="no"))
    with pytest.raises(PermissionDeniedError):
        await pipelines.create_pipeline(pool, viewer, PipelineCreate(name="no", stages=[StageIn(name="a")]))
    assert (await deals.list_deals(pool, viewer)).items == []
