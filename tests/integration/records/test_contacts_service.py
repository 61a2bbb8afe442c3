"""Contact services on the real database: create/read/update with normalisation, lenient stages, custom
fields, filters, sorts and keyset pages, bulk changes, soft delete/restore, history, and bad input."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from leadloom.crm.models.contacts import ContactCreate, ContactFilter, ContactUpdate
from leadloom.crm.services import contacts, custom_fields, lifecycle, orgs
from tests.conftest import new_org
from tests.integration.records.helpers import add_activity, count_rows, set_score


async def test_create_normalises_and_reads_back(pool, actor):
    c = await contacts.create_contact(
        pool,
        actor,
        ContactCreate(
            name="  Zoë   Ñúñez ",
            email="ZOE@Example.COM",
            phones=["(415) 555-0100"],
            tags=["VIP Client", "vip-client", "Webinar"],
            stage="Customers",
            email_consent=True,
        ),
    )
    assert (c.first_name, c.last_name, c.name) == ("Zoë", "Ñúñez", "Zoë Ñúñez")
    assert c.emails == ["zoe@example.com"] and c.email == "zoe@example.com"
    assert c.phone == "+14155550100"
    assert c.tags == ["vip-client", "webinar"]
    assert c.lifecycle_stage == "customer"
    assert c.email_consent is True and c.sms_consent is False
    assert c.score is None and c.deleted_at is None
    assert await contacts.get_contact(pool, actor, c.id) == c
    history = await contacts.contact_history(pool, actor, c.id)
    assert [h["action"] for h in history] == ["create"]


async def test_create_accepts_plain_dicts_and_links_company_and_owner(pool, actor, org):
    from leadloom.crm.services import companies

    acme = await companies.create_company(pool, actor, {"name": "Acme Corp", "domain": "https://www.acme.com/x"})
    c = await contacts.create_contact(
        pool, actor, {"first_name": "李", "last_name": "小龙", "company_id": acme.id, "owner_id": org.owner["id"]}
    )
    assert c.name == "李 小龙"
    assert c.company_name == "Acme Corp" and c.owner_name == "Olive Owner"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": "A", "email": "not-an-email"}, "email"),
        ({"first_name": "A", "phone": "12"}, "phone"),
        ({"first_name": "A" * 201}, "first_name"),
        ({"first_name": "A", "stage": "astronaut"}, "lifecycle_stage"),
        ({"title": "CEO"}, "name"),
        ({"first_name": "A", "company_id": str(uuid4())}, "company_id"),
        ({"first_name": "A", "shoe_size": 44}, "shoe_size"),
    ],
)
async def test_bad_input_is_a_validation_error_and_writes_nothing(pool, actor, data, field):
    with pytest.raises(ValidationError) as info:
        await contacts.create_contact(pool, actor, data)
    assert any(e["field"].startswith(field) for e in info.value.errors), info.value.errors
    assert await count_rows(pool, actor, "contacts") == 0
    assert await count_rows(pool, actor, "record_history", "entity = 'contact'") == 0


async def test_unknown_stage_lists_the_allowed_ones(pool, actor):
    with pytest.raises(ValidationError) as info:
        await contacts.create_contact(pool, actor, {"first_name": "A", "stage": "astronaut"})
    assert "customer (Customer)" in info.value.detail
    for given, key in [("SQL", "sql"), ("Sales qualified lead", "sql"), ("customers", "customer"), ("LEAD", "lead")]:
        c = await contacts.create_contact(pool, actor, {"first_name": given, "stage": given})
        assert c.lifecycle_stage == key


async def test_sql_looking_strings_are_stored_verbatim(pool, actor):
    evil = "Robert'); DROP TABLE contacts;--"
    c = await contacts.create_contact(pool, actor, {"first_name": evil, "title": "1' OR '1'='1"})
    assert (await contacts.get_contact(pool, actor, c.id)).first_name == evil
    page = await contacts.list_contacts(pool, actor, {"q": evil})
    assert [x.id for x in page.items] == [c.id]
    page = await contacts.list_contacts(pool, actor, {"name": "%"})
    assert page.items == []  # a literal %, not a wildcard


async def test_custom_fields_are_validated_and_coerced(pool, actor):
    await custom_fields.create_custom_field(
        pool, actor, {"entity": "contact", "label": "Budget (USD)", "type": "number"}
    )
    await custom_fields.create_custom_field(
        pool, actor, {"entity": "contact", "label": "Plan", "type": "select", "options": ["Basic", "Pro"]}
    )
    c = await contacts.create_contact(pool, actor, {"first_name": "A", "custom": {"budget_usd": "$12k", "plan": "pro"}})
    assert c.custom == {"budget_usd": 12000, "plan": "Pro"}
    with pytest.raises(ValidationError) as info:
        await contacts.update_contact(pool, actor, c.id, {"custom": {"budget_usd": "lots"}})
    assert info.value.errors[0]["field"] == "custom.budget_usd"
    with pytest.raises(ValidationError):
        await contacts.create_contact(pool, actor, {"first_name": "B", "custom": {"nope": 1}})
    c = await contacts.update_contact(pool, actor, c.id, {"custom": {"plan": None}})
    assert c.custom == {"budget_usd": 12000}


async def test_required_custom_field(pool, actor):
    f = await custom_fields.create_custom_field(
        pool, actor, {"entity": "contact", "label": "Region", "type": "text", "required": True}
    )
    with pytest.raises(ValidationError) as info:
        await contacts.create_contact(pool, actor, {"first_name": "A"})
    assert info.value.errors == [{"field": "custom.region", "message": "is required"}]
    c = await contacts.create_contact(pool, actor, {"first_name": "A", "custom": {"region": "EMEA"}})
    with pytest.raises(ValidationError):
        await contacts.update_contact(pool, actor, c.id, {"custom": {"region": None}})
    await custom_fields.delete_custom_field(pool, actor, f.id)
    assert await custom_fields.list_custom_fields(pool, actor, "contact") == []


async def test_update_changes_only_given_fields_with_history(pool, actor):
    c = await contacts.create_contact(
        pool, actor, {"name": "Ada Lovelace", "emails": ["ada@a.com", "ada@b.com"], "tags": ["x"], "title": "CTO"}
    )
    u = await contacts.update_contact(
        pool, actor, c.id, ContactUpdate(email="ada@b.com", tags_add=["y"], tags_remove=["x"], title=None)
    )
    assert u.emails == ["ada@b.com", "ada@a.com"] and u.tags == ["y"] and u.title is None
    assert u.first_name == "Ada"
    h = await contacts.contact_history(pool, actor, c.id)
    assert h[0]["action"] == "update"
    assert h[0]["before"]["title"] == "CTO" and h[0]["after"]["title"] is None
    assert set(h[0]["after"]) == {"emails", "tags", "title"}
    with pytest.raises(ValidationError):
        await contacts.update_contact(pool, actor, c.id, {"emails": [], "first_name": "", "last_name": ""})
    with pytest.raises(ValidationError):
        await contacts.update_contact(pool, actor, c.id, {})


async def test_soft_delete_restore_and_other_org(pool, actor):
    c = await contacts.create_contact(pool, actor, {"first_name": "Gone"})
    await contacts.delete_contact(pool, actor, c.id)
    with pytest.raises(NotFoundError):
        await contacts.get_contact(pool, actor, c.id)
    assert (await contacts.list_contacts(pool, actor, {})).items == []
    assert len((await contacts.list_contacts(pool, actor, {"include_deleted": True})).items) == 1
    with pytest.raises(NotFoundError):
        await contacts.delete_contact(pool, actor, c.id)
    restored = await contacts.restore_contact(pool, actor, c.id)
    assert restored.deleted_at is None
    assert [h["action"] for h in await contacts.contact_history(pool, actor, c.id)] == ["restore", "delete", "create"]

    other = await new_org(pool, "Other")
    intruder = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    for call in (
        contacts.get_contact(pool, intruder, c.id),
        contacts.update_contact(pool, intruder, c.id, {"title": "x"}),
        contacts.delete_contact(pool, intruder, c.id),
        contacts.contact_history(pool, intruder, c.id),
    ):
        with pytest.raises(NotFoundError):
            await call
    assert (await contacts.list_contacts(pool, intruder, {})).items == []
    # A company id of another organization cannot be linked either.
    from leadloom.crm.services import companies

    theirs = await companies.create_company(pool, intruder, {"name": "Theirs"})
    with pytest.raises(ValidationError):
        await contacts.update_contact(pool, actor, c.id, {"company_id": theirs.id})


async def test_viewers_cannot_write(pool, actor):
    viewer_user = await orgs.create_user(pool, actor, email=f"v-{uuid4().hex[:6]}@x.com", name="Vic", role="viewer")
    viewer = Actor(org_id=actor.org_id, user_id=viewer_user["id"], role="viewer")
    with pytest.raises(PermissionDeniedError):
        await contacts.create_contact(pool, viewer, {"first_name": "A"})
    c = await contacts.create_contact(pool, actor, {"first_name": "A"})
    assert (await contacts.get_contact(pool, viewer, c.id)).id == c.id
    with pytest.raises(PermissionDeniedError):
        await contacts.update_contact(pool, viewer, c.id, {"title": "x"})
    with pytest.raises(PermissionDeniedError):
        await contacts.bulk_delete_contacts(pool, viewer, {})


async def _seed(pool, actor, n=25):
    made = []
    for i in range(n):
        made.append(
            await contacts.create_contact(
                pool,
                actor,
                {
                    "first_name": f"Person{i:02d}",
                    "last_name": "Smith" if i % 2 else "Jones",
                    "email": f"p{i}@{'acme' if i % 3 == 0 else 'globex'}.com",
                    "phone": f"+1415555{i:04d}" if i % 4 == 0 else None,
                    "stage": "lead" if i % 2 else "customer",
                    "tags": ["vip"] if i % 5 == 0 else [],
                    "lead_source": "Webinar" if i < 10 else "Referral",
                    "next_follow_up": (date.today() + timedelta(days=i)).isoformat() if i % 3 else None,
                },
            )
        )
    return made


@pytest.mark.parametrize(
    "sort",
    [
        "created_at",
        "-created_at",
        "name",
        "-name",
        "score",
        "-score",
        "next_follow_up",
        "-next_follow_up",
        "updated_at",
        "-updated_at",
    ],
)
async def test_keyset_pages_cover_everything_once_in_order(pool, actor, sort):
    made = await _seed(pool, actor, 23)
    for i, c in enumerate(made[:12]):
        await set_score(pool, actor, c.id, (i * 7) % 50 if i % 4 else None)
    seen, cursor = [], None
    while True:
        page = await contacts.list_contacts(pool, actor, {}, sort=sort, limit=5, cursor=cursor)
        seen.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 23 and len({c.id for c in seen}) == 23
    full = (await contacts.list_contacts(pool, actor, {}, sort=sort, limit=200)).items
    assert [c.id for c in seen] == [c.id for c in full]
    if sort.lstrip("-") in ("score", "next_follow_up"):
        field = sort.lstrip("-")
        values = [getattr(c, field) for c in seen]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=sort.startswith("-"))
        assert all(v is None for v in values[len(present) :])  # NULLs last, both directions


async def test_filters(pool, actor, org):
    made = await _seed(pool, actor, 20)

    async def ids(**f):
        return {c.id for c in (await contacts.list_contacts(pool, actor, f, limit=200)).items}

    assert len(await ids(stage="Customers")) == 10
    assert len(await ids(stage=["lead", "customer"])) == 20
    assert await ids(email="p3@acme.com") == {made[3].id}
    assert len(await ids(email="@acme.com")) == 7
    assert await ids(phone="(415) 555-0004") == {made[4].id}
    assert len(await ids(tag="VIP")) == 4
    assert len(await ids(lead_source="webinar")) == 10
    assert len(await ids(has_phone=True)) == 5
    assert len(await ids(name="smith")) == 10
    assert await ids(q="person07") == {made[7].id}
    assert len(await ids(q="pers smi")) == 10  # prefixes of every word
    assert len(await ids(follow_up_before=date.today() + timedelta(days=5))) == 4  # days 1, 2, 4, 5
    assert await ids(created_after=date.today() + timedelta(days=1)) == set()
    assert len(await ids(created_before=date.today() + timedelta(days=1))) == 20
    await set_score(pool, actor, made[0].id, 90)
    await set_score(pool, actor, made[1].id, 40)
    assert await ids(min_score=50) == {made[0].id}
    assert await ids(max_score=50) == {made[1].id}
    await contacts.update_contact(pool, actor, made[2].id, {"owner_id": org.owner["id"]})
    assert await ids(owner="me") == {made[2].id}
    assert await ids(owner="olive owner") == {made[2].id}
    assert len(await ids(owner="none")) == 19
    await add_activity(pool, actor, made[5].id, type="call", days_ago=1)
    await add_activity(pool, actor, made[6].id, type="call", days_ago=40)
    stale = await ids(not_contacted_since=date.today() - timedelta(days=7))
    assert made[5].id not in stale and made[6].id in stale and len(stale) == 19
    assert await contacts.count_contacts(pool, actor, ContactFilter(stage="lead")) == 10
    with pytest.raises(ValidationError):
        await ids(stage="astronaut")
    with pytest.raises(ValidationError):
        await ids(owner="nobody-we-know")
    with pytest.raises(ValidationError):
        await ids(stge="lead")
    with pytest.raises(ValidationError):
        await contacts.list_contacts(pool, actor, {}, sort="shoe_size")
    with pytest.raises(ValidationError):
        await contacts.list_contacts(pool, actor, {}, sort="name", cursor="garbage")


async def test_company_filter_is_fuzzy(pool, actor):
    from leadloom.crm.services import companies

    acme = await companies.create_company(pool, actor, {"name": "Acme Corporation"})
    other = await companies.create_company(pool, actor, {"name": "Globex"})
    a = await contacts.create_contact(pool, actor, {"first_name": "A", "company_id": acme.id})
    await contacts.create_contact(pool, actor, {"first_name": "B", "company_id": other.id})
    page = await contacts.list_contacts(pool, actor, {"company": "acme corp"})
    assert [c.id for c in page.items] == [a.id]


async def test_bulk_update_preview_and_apply(pool, actor):
    made = await _seed(pool, actor, 12)
    preview = await contacts.preview_bulk_update(
        pool, actor, {"stage": "lead"}, {"stage": "MQL", "tags_add": ["nurture"]}, limit=3
    )
    assert preview["count"] == 6 and len(preview["records"]) == 3
    rec = preview["records"][0]
    assert rec["before"]["lifecycle_stage"] == "lead" and rec["after"]["lifecycle_stage"] == "mql"
    assert await contacts.count_contacts(pool, actor, {"stage": "mql"}) == 0  # a preview writes nothing
    n = await contacts.bulk_update_contacts(pool, actor, {"stage": "lead"}, {"stage": "MQL", "tags_add": ["nurture"]})
    assert n == 6
    assert await contacts.count_contacts(pool, actor, {"stage": "mql", "tag": "nurture"}) == 6
    assert await count_rows(pool, actor, "record_history", "action = 'update'") == 6
    with pytest.raises(ValidationError):
        await contacts.bulk_update_contacts(pool, actor, {}, {"email": "same@x.com"})
    with pytest.raises(ValidationError):
        await contacts.bulk_update_contacts(pool, actor, {}, {"stage": "astronaut"})
    assert await contacts.count_contacts(pool, actor, {"stage": "mql"}) == 6
    deleted = await contacts.bulk_delete_contacts(pool, actor, {"stage": "mql"})
    assert deleted == 6 and await contacts.count_contacts(pool, actor, {}) == 6
    assert made


async def test_lifecycle_stages_are_configurable(pool, actor):
    stages = await lifecycle.list_lifecycle_stages(pool, actor)
    assert stages[0]["key"] == "subscriber"
    c = await contacts.create_contact(pool, actor, {"first_name": "A", "stage": "lead"})
    with pytest.raises(ConflictError):
        await lifecycle.set_lifecycle_stages(pool, actor, [{"label": "Prospect"}])
    new = await lifecycle.set_lifecycle_stages(
        pool, actor, [{"key": "lead", "label": "Lead"}, {"label": "Hot Prospect"}, {"label": "Won Client"}]
    )
    assert [s["key"] for s in new] == ["lead", "hot_prospect", "won_client"]
    c = await contacts.update_contact(pool, actor, c.id, {"stage": "hot prospects"})
    assert c.lifecycle_stage == "hot_prospect"
    with pytest.raises(ValidationError):
        await contacts.update_contact(pool, actor, c.id, {"stage": "customer"})
    with pytest.raises(ValidationError):
        await lifecycle.set_lifecycle_stages(pool, actor, [])


async def test_blank_email_and_phone_mean_none_and_punctuation_search_finds_nothing(pool, actor):
    c = await contacts.create_contact(pool, actor, {"first_name": "Blank", "email": " ", "phone": "", "emails": [""]})
    assert c.emails == [] and c.phones == []
    assert (await contacts.list_contacts(pool, actor, {"q": "!!! ???"})).items == []
    assert [x.id for x in (await contacts.list_contacts(pool, actor, {"q": "bla"})).items] == [c.id]
    with pytest.raises(ValidationError) as info:
        await contacts.create_contact(pool, actor, {"first_name": "T", "tags": ["x" * 61]})
    assert info.value.errors[0]["field"].startswith("tags")


async def test_phones_without_a_country_code_are_read_in_the_organizations_country(pool):
    """A Nairobi agency types local numbers: stored in E.164 (+254…), found again however they are typed."""
    kenya = await new_org(pool, "Nairobi Agency")
    actor = Actor(org_id=kenya.org["id"], user_id=kenya.owner["id"], role="owner")
    await orgs.set_locale(pool, actor, {"country": "KE"})
    c = await contacts.create_contact(
        pool, actor, {"first_name": "Mike", "last_name": "Kuria", "phone": "0745 210 998"}
    )
    assert c.phone == "+254745210998"
    c = await contacts.update_contact(pool, actor, c.id, {"phones": ["0722 418 903", "+44 7911 123456"]})
    assert c.phones == ["+254722418903", "+447911123456"]
    found = await contacts.list_contacts(pool, actor, ContactFilter(phone="0722-418-903"))
    assert [x.id for x in found.items] == [c.id]
    found = await contacts.list_contacts(pool, actor, ContactFilter(q="0722 418 903"))
    assert [x.id for x in found.items] == [c.id]
    # An organization without a country keeps reading national numbers as US ones.
    o = await new_org(pool)
    us = Actor(org_id=o.org["id"], user_id=o.owner["id"], role="owner")
    assert (
        await contacts.create_contact(pool, us, {"name": "Ann Lee", "phone": "415 555 0100"})
    ).phone == "+14155550100"


async def test_stating_the_country_reads_the_phones_already_stored_without_one(pool):
    """Contacts added before the organization said where it is keep their typed digits; setting the country
    reads them in it (history kept), and numbers already in E.164 are left alone."""
    o = await new_org(pool, "Mombasa Agency")
    actor = Actor(org_id=o.org["id"], user_id=o.owner["id"], role="owner")
    local = await contacts.create_contact(pool, actor, {"name": "Juma Bakari", "phone": "0723 887 410"})
    placed = await contacts.create_contact(pool, actor, {"name": "Ann Lee", "phone": "+44 7911 123456"})
    assert local.phone == "0723887410"  # no country yet: a trunk 0 places it nowhere, so the digits are kept
    await orgs.set_locale(pool, actor, {"country": "ke"})
    assert (await contacts.get_contact(pool, actor, local.id)).phone == "+254723887410"
    assert (await contacts.get_contact(pool, actor, placed.id)).phone == "+447911123456"
    history = await contacts.contact_history(pool, actor, local.id)
    assert any((h.get("after") or {}).get("phones") == ["+254723887410"] for h in history), history
