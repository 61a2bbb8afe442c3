"""Search, resolve and de-duplication on the real database: ranked hits with partial words, fuzzy
name resolution, duplicate candidates with confidence and reason, merge that loses nothing, and undo."""

from __future__ import annotations

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.crm.services import companies, contacts, dedup, resolve, search
from tests.conftest import new_org
from tests.integration.records.helpers import add_activity, add_deal, count_rows


async def test_search_across_types_with_prefixes(pool, actor):
    acme = await companies.create_company(pool, actor, {"name": "Acme Rockets", "domain": "acme.io"})
    ada = await contacts.create_contact(pool, actor, {"name": "Ada Lovelace", "email": "ada@acme.io"})
    await contacts.create_contact(pool, actor, {"name": "Charles Babbage"})
    deal = await add_deal(pool, actor, ada.id, name="Acme rocket fuel")
    hits = await search.search(pool, actor, "acme")
    assert {(h.type, h.id) for h in hits} >= {("company", acme.id), ("deal", deal)}
    hits = await search.search(pool, actor, "lovel")
    assert [(h.type, h.id) for h in hits] == [("contact", ada.id)]
    assert hits[0].title == "Ada Lovelace" and "ada@acme.io" in (hits[0].subtitle or "")
    hits = await search.search(pool, actor, "ada lovelace")
    assert hits[0].id == ada.id and hits[0].rank >= 1  # exact name outranks everything
    hits = await search.search(pool, actor, "acme", types=["contact"])  # the email's domain
    assert [h.id for h in hits] == [ada.id]
    assert [c.id for c in (await contacts.list_contacts(pool, actor, {"q": "acme.io"})).items] == [ada.id]
    assert await search.search(pool, actor, "'); DROP TABLE contacts;--") == []
    assert await search.search(pool, actor, "!!!") == []
    with pytest.raises(ValidationError):
        await search.search(pool, actor, "x", types=["planet"])
    other = await new_org(pool, "Other")
    intruder = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    assert await search.search(pool, intruder, "acme") == []


async def test_search_skips_deleted(pool, actor):
    c = await contacts.create_contact(pool, actor, {"name": "Temporary Person"})
    await contacts.delete_contact(pool, actor, c.id)
    assert await search.search(pool, actor, "temporary") == []


async def test_resolve_contact_by_id_email_and_fuzzy_name(pool, actor):
    ada = await contacts.create_contact(pool, actor, {"name": "Ada Lovelace", "email": "ada@x.com"})
    alex = await contacts.create_contact(pool, actor, {"name": "Alex Smith"})
    alexa = await contacts.create_contact(pool, actor, {"name": "Alexa Smithers"})
    zoe = await contacts.create_contact(pool, actor, {"name": "Zoë Ñúñez"})
    assert [c.id for c in await resolve.resolve_contact(pool, actor, str(ada.id))] == [ada.id]
    assert [c.id for c in await resolve.resolve_contact(pool, actor, "ADA@x.com")] == [ada.id]
    assert [c.id for c in await resolve.resolve_contact(pool, actor, "ada lovelace")] == [ada.id]  # exact alone
    assert [c.id for c in await resolve.resolve_contact(pool, actor, "Zoe Nunez")] == [zoe.id]
    found = await resolve.resolve_contact(pool, actor, "Alxe Smith")  # typo: ranked candidates
    assert found and found[0].id == alex.id
    found = await resolve.resolve_contact(pool, actor, "Alex")
    assert {c.id for c in found[:2]} == {alex.id, alexa.id}
    assert await resolve.resolve_contact(pool, actor, "Nobody Atall") == []
    assert await resolve.resolve_contact(pool, actor, "nobody@nowhere.com") == []


async def test_a_shared_first_name_is_told_apart_by_the_company(pool, actor):
    glass = await companies.create_company(pool, actor, {"name": "Lancaster Glass Products"})
    auto = await companies.create_company(pool, actor, {"name": "Marysville Auto Components"})
    oakes = await contacts.create_contact(pool, actor, {"name": "Jennifer Oakes", "company_id": glass.id})
    pfeiffer = await contacts.create_contact(pool, actor, {"name": "Jennifer Pfeiffer", "company_id": auto.id})
    both = {c.id for c in await resolve.resolve_contact(pool, actor, "Jennifer")}
    assert both == {oakes.id, pfeiffer.id}
    for ref in ("Jennifer at Lancaster Glass", "jennifer from lancaster glass products", "Jennifer (Lancaster Glass)"):
        assert [c.id for c in await resolve.resolve_contact(pool, actor, ref)] == [oakes.id], ref
    assert [c.id for c in await resolve.resolve_contact(pool, actor, "Jennifer @ Marysville Auto")] == [pfeiffer.id]
    # a company that says nothing about either leaves the choice to the person (both come back)
    assert {c.id for c in await resolve.resolve_contact(pool, actor, "Jennifer at Globex")} == both


async def test_resolve_company_and_user(pool, actor, org):
    acme = await companies.create_company(pool, actor, {"name": "Acme Corporation", "domain": "acme.com"})
    await companies.create_company(pool, actor, {"name": "Globex"})
    assert [c.id for c in await resolve.resolve_company(pool, actor, "acme corp")] == [acme.id]
    assert [c.id for c in await resolve.resolve_company(pool, actor, "https://acme.com")] == [acme.id]
    group = await companies.create_company(pool, actor, {"name": "The Zeta Group"})
    assert [c.id for c in await resolve.resolve_company(pool, actor, "zeta")] == [group.id]
    assert [u["id"] for u in await resolve.resolve_user(pool, actor, "me")] == [org.owner["id"]]
    assert [u["id"] for u in await resolve.resolve_user(pool, actor, "Olive")] == [org.owner["id"]]
    assert [u["id"] for u in await resolve.resolve_user(pool, actor, org.owner["email"])] == [org.owner["id"]]
    assert await resolve.resolve_user(pool, actor, "Zebediah") == []


async def test_find_duplicates_reasons_and_confidence(pool, actor):
    acme = await companies.create_company(pool, actor, {"name": "Acme"})
    a = await contacts.create_contact(
        pool, actor, {"name": "Jon Smith", "email": "jon@acme.com", "company_id": acme.id}
    )
    b = await contacts.create_contact(pool, actor, {"name": "John Smith", "email": "JON@acme.com"})
    c = await contacts.create_contact(pool, actor, {"name": "Jonathan Smyth", "phone": "415 555 0101"})
    d = await contacts.create_contact(pool, actor, {"name": "Jane Doe", "phone": "+1 (415) 555-0101"})
    e = await contacts.create_contact(pool, actor, {"name": "Maria Garcia", "company_id": acme.id})
    f = await contacts.create_contact(pool, actor, {"name": "María García", "company_id": acme.id})
    await contacts.create_contact(pool, actor, {"name": "Unrelated Person"})
    pairs = await dedup.find_duplicates(pool, actor)
    by_ids = {frozenset((p.a.id, p.b.id)): p for p in pairs}
    ab = by_ids[frozenset((a.id, b.id))]
    assert "same email jon@acme.com" in ab.reason and ab.confidence >= 0.95
    cd = by_ids[frozenset((c.id, d.id))]
    assert "same phone +14155550101" in cd.reason and 0.7 <= cd.confidence < 0.95
    ef = by_ids[frozenset((e.id, f.id))]
    assert "same company" in ef.reason and ef.confidence >= 0.9
    assert pairs[0].confidence == max(p.confidence for p in pairs)
    assert all(p.suggested_winner_id in (p.a.id, p.b.id) for p in pairs)
    mine = await dedup.find_duplicates(pool, actor, contact_id=c.id)
    assert [frozenset((p.a.id, p.b.id)) for p in mine] == [frozenset((c.id, d.id))]
    with pytest.raises(NotFoundError):
        await dedup.find_duplicates(pool, actor, contact_id=acme.id)


async def test_merge_keeps_everything_and_undo_restores(pool, actor, org):
    acme = await companies.create_company(pool, actor, {"name": "Acme"})
    winner = await contacts.create_contact(
        pool, actor, {"name": "Jon Smith", "email": "jon@acme.com", "tags": ["vip"], "stage": "lead"}
    )
    loser = await contacts.create_contact(
        pool,
        actor,
        {
            "name": "John Smith",
            "emails": ["john@home.net", "jon@acme.com"],
            "phone": "+14155550199",
            "title": "CMO",
            "company_id": acme.id,
            "tags": ["webinar"],
            "stage": "customer",
            "owner_id": org.owner["id"],
        },
    )
    acts = [await add_activity(pool, actor, loser.id) for _ in range(3)]
    own_act = await add_activity(pool, actor, winner.id)
    deal = await add_deal(pool, actor, loser.id)
    result = await dedup.merge_contacts(pool, actor, winner.id, loser.id)
    w = result["winner"]
    assert result["moved_activities"] == 3 and result["moved_deals"] == 1
    assert w.emails == ["jon@acme.com", "john@home.net"] and w.phones == ["+14155550199"]
    assert w.tags == ["vip", "webinar"]
    assert (w.title, w.company_id, w.owner_id) == ("CMO", acme.id, org.owner["id"])
    assert w.lifecycle_stage == "lead"  # the winner's own value wins; the loser's is kept in history
    with pytest.raises(NotFoundError):
        await contacts.get_contact(pool, actor, loser.id)
    assert await count_rows(pool, actor, "activities", f"contact_id = '{winner.id}'") == 4
    assert await count_rows(pool, actor, "deals", f"contact_id = '{winner.id}'") == 1
    loser_history = await contacts.contact_history(pool, actor, loser.id)
    assert loser_history[0]["action"] == "merged_into"
    assert loser_history[0]["before"]["lifecycle_stage"] == "customer"
    assert (await contacts.contact_history(pool, actor, winner.id))[0]["action"] == "merge"

    # an edit after the merge survives the undo
    await contacts.update_contact(pool, actor, winner.id, {"title": "Chief Marketing Officer"})
    undone = await dedup.undo_merge(pool, actor, result["merge_id"])
    assert undone["restored_activities"] == 3 and undone["restored_deals"] == 1
    w2, l2 = undone["winner"], undone["loser"]
    assert w2.emails == ["jon@acme.com"] and w2.phones == [] and w2.tags == ["vip"]
    assert w2.company_id is None and w2.owner_id is None
    assert w2.title == "Chief Marketing Officer"
    assert l2.deleted_at is None
    assert (l2.emails, l2.title, l2.lifecycle_stage, l2.company_id) == (
        loser.emails,
        "CMO",
        "customer",
        acme.id,
    )
    assert await count_rows(pool, actor, "activities", f"contact_id = '{loser.id}'") == 3
    assert await count_rows(pool, actor, "activities", f"contact_id = '{winner.id}'") == 1
    assert await count_rows(pool, actor, "deals", f"id = '{deal}' AND contact_id = '{loser.id}'") == 1
    assert own_act and acts
    with pytest.raises(ConflictError):
        await dedup.undo_merge(pool, actor, result["merge_id"])


async def test_merge_moves_external_id_and_undo_gives_it_back(pool, actor):
    w = await contacts.create_contact(pool, actor, {"name": "A One"})
    lo = await contacts.create_contact(pool, actor, {"name": "A Two", "external_id": "hs-42"})
    r = await dedup.merge_contacts(pool, actor, w.id, lo.id)
    assert r["winner"].external_id == "hs-42"
    u = await dedup.undo_merge(pool, actor, r["merge_id"])
    assert u["winner"].external_id is None and u["loser"].external_id == "hs-42"


async def test_merge_bad_requests_write_nothing(pool, actor):
    a = await contacts.create_contact(pool, actor, {"name": "A One"})
    b = await contacts.create_contact(pool, actor, {"name": "B Two"})
    with pytest.raises(ValidationError):
        await dedup.merge_contacts(pool, actor, a.id, a.id)
    await contacts.delete_contact(pool, actor, b.id)
    with pytest.raises(NotFoundError):
        await dedup.merge_contacts(pool, actor, a.id, b.id)
    other = await new_org(pool, "Other")
    intruder = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    c = await contacts.create_contact(pool, intruder, {"name": "C Three"})
    with pytest.raises(NotFoundError):
        await dedup.merge_contacts(pool, actor, a.id, c.id)
    assert await count_rows(pool, actor, "merges") == 0
    assert (await contacts.get_contact(pool, actor, a.id)).updated_at == a.updated_at


async def test_a_failure_midway_writes_nothing(pool, actor, monkeypatch):
    """Fault injection (the database is real): the last write of a merge and of a bulk change fails,
    and everything before it in the same transaction is rolled back."""
    from leadloom.crm.repositories import history

    w = await contacts.create_contact(pool, actor, {"name": "Jon Smith", "email": "jon@x.com"})
    lo = await contacts.create_contact(pool, actor, {"name": "John Smith", "email": "john@x.com", "title": "CMO"})
    act = await add_activity(pool, actor, lo.id)
    real = history.record
    calls = {"n": 0}

    async def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return await real(*args, **kwargs)

    monkeypatch.setattr(history, "record", flaky)
    with pytest.raises(RuntimeError):
        await dedup.merge_contacts(pool, actor, w.id, lo.id)
    calls["n"] = 0
    with pytest.raises(RuntimeError):
        await contacts.bulk_update_contacts(pool, actor, {}, {"tags_add": ["x"]})
    monkeypatch.setattr(history, "record", real)
    assert await contacts.get_contact(pool, actor, w.id) == w
    assert await contacts.get_contact(pool, actor, lo.id) == lo
    assert await count_rows(pool, actor, "merges") == 0
    assert await count_rows(pool, actor, "activities", f"id = '{act}' AND contact_id = '{lo.id}'") == 1
    assert await count_rows(pool, actor, "record_history", "action <> 'create'") == 0


async def test_resolve_company_needs_the_same_name_not_a_shared_word(pool, actor):
    davis = await companies.create_company(pool, actor, {"name": "Davis Dental"})
    await companies.create_company(pool, actor, {"name": "Upper Arlington Veterinary Clinic"})
    # Fuzzy scoring ranks these close (they share "Dental"); they are different practices.
    assert await resolve.resolve_company(pool, actor, "Clintonville Family Dental") == []
    assert [c.id for c in await resolve.resolve_company(pool, actor, "davis dentl")] == [davis.id]
    assert [c.name for c in await resolve.resolve_company(pool, actor, "UA Veterinary")] == [
        "Upper Arlington Veterinary Clinic"
    ]
