"""Activities, tasks and timelines on the real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.errors import NotFoundError, PermissionDeniedError, ValidationError
from leadloom.crm.models.activities import ActivityCreate, ActivityUpdate, TaskCreate, TaskFilter
from leadloom.crm.models.deals import DealCreate
from leadloom.crm.services import activities, deals
from leadloom.crm.services.timeline import timeline
from tests.conftest import new_org
from tests.integration.deals.helpers import count, make_company, make_contact


async def test_log_activity_fills_company_from_contact(pool, actor):
    company = await make_company(pool, actor, "Umbrella")
    contact = await make_contact(pool, actor, "Jill", "Valentine", company_id=company)
    act = await activities.log_activity(
        pool,
        actor,
        ActivityCreate(
            type="Email",
            direction="INBOUND",
            subject="Pricing?",
            contact_id=contact,
            occurred_at="2026-05-01T10:00:00Z",
        ),
    )
    assert (act.type, act.direction, act.company_id, act.company_name) == ("email", "inbound", company, "Umbrella")
    assert act.contact_name == "Jill Valentine" and act.owner_id == actor.user_id
    assert act.occurred_at == datetime(2026, 5, 1, 10, tzinfo=UTC)
    assert await count(pool, actor, "record_history", "entity = 'activity'") == 1


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"type": "email"}, "contact_id"),  # linked to nothing
        ({"type": "fax", "contact_id": None}, "type"),
        ({"type": "call", "direction": "sideways"}, "direction"),
        ({"type": "note", "direction": "inbound"}, "direction"),
        ({"type": "call", "occurred_at": "yesterday-ish"}, "occurred_at"),
        ({"type": "call", "due_at": "2026-01-01"}, "due_at"),
        ({"type": "call", "contact_id": "00000000-0000-0000-0000-000000000009"}, "contact_id"),
        ({"type": "call", "deal_id": "00000000-0000-0000-0000-000000000009"}, "deal_id"),
        ({"type": "call", "company_id": "00000000-0000-0000-0000-000000000009"}, "company_id"),
    ],
)
async def test_bad_activity_input_writes_nothing(pool, actor, fields, bad_field):
    contact = await make_contact(pool, actor)
    data = {"contact_id": contact, **fields} if "contact_id" not in fields and fields != {"type": "email"} else fields
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(ValidationError) as err:
        await activities.log_activity(pool, actor, ActivityCreate(**data))
    assert bad_field in [e["field"] for e in err.value.errors]
    assert await count(pool, actor, "activities") == 0
    assert await count(pool, actor, "record_history") == 0


async def test_other_orgs_records_are_unknown_links(pool, actor):
    other = await new_org(pool, "Other")
    them = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    their_contact = await make_contact(pool, them, "Eve")
    with pytest.raises(ValidationError) as err:
        await activities.log_activity(pool, actor, ActivityCreate(type="call", contact_id=their_contact))
    assert err.value.errors[0]["field"] == "contact_id"
    their_act = await activities.log_activity(
        pool, them, ActivityCreate(type="note", contact_id=their_contact, body="x")
    )
    with pytest.raises(NotFoundError):
        await activities.get_activity(pool, actor, their_act.id)
    with pytest.raises(NotFoundError):
        await activities.update_activity(pool, actor, their_act.id, ActivityUpdate(body="hacked"))
    with pytest.raises(NotFoundError):
        await activities.delete_activity(pool, actor, their_act.id)
    with pytest.raises(NotFoundError):
        await activities.complete_task(pool, actor, their_act.id)
    with pytest.raises(NotFoundError):
        await timeline(pool, actor, entity="contact", entity_id=their_contact)
    assert (await activities.get_activity(pool, them, their_act.id)).body == "x"


async def test_unicode_and_sql_text_verbatim(pool, actor):
    contact = await make_contact(pool, actor, "Zoë", "Ångström")
    body = "Line 1: '; DROP TABLE activities; --\nLine 2: 日本語 👩‍👩‍👧 naïve café\n\tindented"
    act = await activities.log_activity(
        pool, actor, ActivityCreate(type="note", contact_id=contact, subject="Robert'); --", body=body)
    )
    fetched = await activities.get_activity(pool, actor, act.id)
    assert fetched.body == body and fetched.subject == "Robert'); --"
    assert fetched.contact_name == "Zoë Ångström"


async def test_update_and_delete_activity(pool, actor):
    contact = await make_contact(pool, actor)
    act = await activities.log_activity(
        pool, actor, ActivityCreate(type="call", direction="outbound", contact_id=contact)
    )
    changed = await activities.update_activity(
        pool, actor, act.id, ActivityUpdate(subject="Discovery call", direction="inbound")
    )
    assert (changed.subject, changed.direction) == ("Discovery call", "inbound")
    with pytest.raises(ValidationError):  # would leave it linked to nothing
        await activities.update_activity(pool, actor, act.id, ActivityUpdate(contact_id=None, company_id=None))
    assert (await activities.get_activity(pool, actor, act.id)).contact_id == contact
    await activities.delete_activity(pool, actor, act.id)
    with pytest.raises(NotFoundError):
        await activities.get_activity(pool, actor, act.id)
    with pytest.raises(NotFoundError):
        await activities.delete_activity(pool, actor, act.id)
    assert await count(pool, actor, "record_history", "entity_id = %s", (act.id,)) == 3


async def test_tasks_overdue_complete_and_filters(pool, actor):
    contact = await make_contact(pool, actor)
    now = datetime.now(UTC)
    late = await activities.create_task(
        pool, actor, TaskCreate(subject="Send proposal", due_at=now - timedelta(days=2), contact_id=contact)
    )
    soon = await activities.create_task(pool, actor, TaskCreate(subject="Call back", due_at=now + timedelta(days=1)))
    undated = await activities.create_task(pool, actor, TaskCreate(subject="Someday"))
    by_date = await activities.create_task(pool, actor, TaskCreate(subject="Report", due_at="2020-02-03"))
    assert late.status == "open" and late.owner_id == actor.user_id and late.type == "task"
    assert by_date.due_at == datetime(2020, 2, 3, 23, 59, 59, 999999, tzinfo=UTC)  # end of that day
    ids = lambda page: [t.id for t in page.items]  # noqa: E731
    assert ids(await activities.list_tasks(pool, actor)) == [by_date.id, late.id, soon.id, undated.id]
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(overdue=True))) == [by_date.id, late.id]
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(contact_id=contact))) == [late.id]
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(due_after=now))) == [soon.id]
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(owner_id=uuid4()))) == []
    done = await activities.complete_task(pool, actor, late.id)
    assert done.status == "done" and done.occurred_at >= now
    assert (await activities.complete_task(pool, actor, late.id)).updated_at == done.updated_at  # idempotent
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(overdue=True))) == [by_date.id]
    assert ids(await activities.list_tasks(pool, actor, TaskFilter(status="done"))) == [late.id]
    first = await activities.list_tasks(pool, actor, limit=2)
    second = await activities.list_tasks(pool, actor, limit=2, cursor=first.next_cursor)
    assert ids(first) + ids(second) == [by_date.id, late.id, soon.id, undated.id]
    assert second.next_cursor is None
    note = await activities.log_activity(pool, actor, ActivityCreate(type="note", contact_id=contact))
    with pytest.raises(ValidationError):
        await activities.complete_task(pool, actor, note.id)
    with pytest.raises(ValidationError):
        await activities.create_task(pool, actor, TaskCreate(subject="x", due_at="the 35th of Smarch"))
    with pytest.raises(ValidationError):
        await activities.list_tasks(pool, actor, TaskFilter(due_before="nope"))


async def test_viewer_cannot_log(pool, actor):
    viewer = Actor(org_id=actor.org_id, user_id=actor.user_id, role="viewer")
    contact = await make_contact(pool, actor)
    with pytest.raises(PermissionDeniedError):
        await activities.log_activity(pool, viewer, ActivityCreate(type="note", contact_id=contact))
    with pytest.raises(PermissionDeniedError):
        await activities.create_task(pool, viewer, TaskCreate(subject="x"))


async def test_timelines_order_pages_and_scope(pool, actor):
    company = await make_company(pool, actor, "Acme")
    ada = await make_contact(pool, actor, "Ada", company_id=company)
    bob = await make_contact(pool, actor, "Bob", company_id=company)
    stranger = await make_contact(pool, actor, "Sam")
    base = datetime(2026, 1, 1, tzinfo=UTC)
    made = []
    for i in range(5):
        who = ada if i % 2 == 0 else bob
        made.append(
            await activities.log_activity(
                pool, actor, ActivityCreate(type="email", direction="outbound", contact_id=who, subject=f"m{i}",
                                            occurred_at=base + timedelta(days=i))
            )
        )  # fmt: skip
    await activities.log_activity(pool, actor, ActivityCreate(type="note", contact_id=stranger, occurred_at=base))
    same_time = [
        await activities.log_activity(pool, actor, ActivityCreate(type="note", company_id=company, occurred_at=base))
        for _ in range(2)
    ]
    deal = await deals.create_deal(pool, actor, DealCreate(name="Acme deal", contact_id=ada))
    await deals.move_deal_stage(pool, actor, deal.id, "closed won", reason="Signed")
    await activities.log_activity(
        pool, actor, ActivityCreate(type="call", deal_id=deal.id, occurred_at=base + timedelta(days=10))
    )

    page = await timeline(pool, actor, entity="contact", entity_id=ada)
    # newest first: the two stage changes (created now), then activities on Ada by date
    kinds = [(i.kind, i.to_stage or i.subject) for i in page.items]
    assert kinds[:2] == [("stage_change", "Closed Won"), ("stage_change", "Qualification")]
    assert [i.subject for i in page.items[2:]] == ["m4", "m2", "m0"]
    assert page.items[0].reason == "Signed" and page.items[0].deal_name == "Acme deal"

    # company: its own notes, both contacts' emails, the deal's stage changes and the deal call (company filled)
    items, cursor = [], None
    while True:
        p = await timeline(pool, actor, entity="company", entity_id=company, limit=3, cursor=cursor)
        items += p.items
        cursor = p.next_cursor
        if not cursor:
            break
    assert len(items) == 2 + 5 + 2 + 1
    keys = [(i.at, i.id) for i in items]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)  # strict order, no repeats
    assert {i.id for i in items} >= {a.id for a in made} | {a.id for a in same_time}
    assert stranger not in {i.contact_id for i in items}

    deal_items = (await timeline(pool, actor, entity="deal", entity_id=deal.id)).items
    assert [i.kind for i in deal_items] == ["stage_change", "stage_change", "activity"]
    with pytest.raises(NotFoundError):
        await timeline(pool, actor, entity="deal", entity_id=uuid4())
    with pytest.raises(ValidationError):
        await timeline(pool, actor, entity="contact", entity_id=ada, cursor="garbage")
