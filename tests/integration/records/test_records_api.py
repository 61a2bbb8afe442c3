"""The records REST API through an ASGI client: CRUD, filters and pages, problems for bad input with
field errors and nothing written, viewers refused, and a second organization seeing nothing."""

from __future__ import annotations

from uuid import uuid4

import httpx
import pytest

from leadloom.crm.services import orgs
from tests.conftest import new_org


def _problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"]
    return body


async def _other_client(app) -> httpx.AsyncClient:
    other = await new_org(app.state.pool, "Other Agency")
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test",
        headers={"Authorization": f"Bearer {other.api_key}"},
    )


async def test_contact_crud_over_http(client):
    r = await client.post(
        "/api/v1/contacts",
        json={"name": "Zoë Ñúñez", "email": "Zoe@Example.com", "phone": "415-555-0100", "stage": "SQL", "tags": "a, B"},
    )
    assert r.status_code == 201, r.text
    c = r.json()
    assert (c["first_name"], c["email"], c["phone"], c["lifecycle_stage"], c["tags"]) == (
        "Zoë",
        "zoe@example.com",
        "+14155550100",
        "sql",
        ["a", "b"],
    )
    for key in ("id", "name", "emails", "phones", "company_name", "owner_name", "score", "custom", "deleted_at"):
        assert key in c
    r = await client.patch(f"/api/v1/contacts/{c['id']}", json={"title": "CEO", "next_follow_up": "2030-01-02"})
    assert r.status_code == 200 and r.json()["title"] == "CEO" and r.json()["next_follow_up"] == "2030-01-02"
    assert (await client.get(f"/api/v1/contacts/{c['id']}")).json()["title"] == "CEO"
    hist = (await client.get(f"/api/v1/contacts/{c['id']}/history")).json()
    assert [h["action"] for h in hist] == ["update", "create"]
    assert (await client.delete(f"/api/v1/contacts/{c['id']}")).status_code == 204
    _problem(await client.get(f"/api/v1/contacts/{c['id']}"), 404)
    r = await client.post(f"/api/v1/contacts/{c['id']}/restore")
    assert r.status_code == 200 and r.json()["deleted_at"] is None


async def test_list_filters_sort_and_cursor_pages(client):
    for i in range(7):
        r = await client.post(
            "/api/v1/contacts",
            json={"first_name": f"P{i}", "last_name": "Doe", "stage": "lead" if i % 2 else "customer", "tags": ["t"]},
        )
        assert r.status_code == 201
    seen, cursor = [], None
    while True:
        params = {"sort": "name", "limit": 3, "tag": "t"}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get("/api/v1/contacts", params=params)).json()
        seen += [c["first_name"] for c in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [f"P{i}" for i in range(7)]
    r = await client.get("/api/v1/contacts", params=[("stage", "lead"), ("stage", "Customers")])
    assert len(r.json()["items"]) == 7
    r = await client.get("/api/v1/contacts", params={"stage": "lead", "sort": "-created_at"})
    assert len(r.json()["items"]) == 3
    _problem(await client.get("/api/v1/contacts", params={"stage": "astronaut"}), 422)
    _problem(await client.get("/api/v1/contacts", params={"sort": "shoe"}), 422)
    _problem(await client.get("/api/v1/contacts", params={"limit": 0}), 422)
    _problem(await client.get("/api/v1/contacts", params={"cursor": "bogus"}), 422)
    _problem(await client.get("/api/v1/contacts", params={"stge": "lead"}), 422)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": "A", "email": "nope@"}, "email"),
        ({"first_name": "A", "phone": "call me maybe"}, "phone"),
        ({"first_name": "A", "stage": "astronaut"}, "lifecycle_stage"),
        ({"first_name": "x" * 5000}, "first_name"),
        ({"first_name": "A", "title": "t" * 301}, "title"),
        ({"first_name": "A", "custom": {"budget": "lots"}}, "custom.budget"),
        ({"first_name": "A", "emails": ["a@b.com"] * 21}, "emails"),
        ({"title": "no name"}, "name"),
        ({"first_name": "A", "sms_consent": "perhaps"}, "sms_consent"),
        ({"first_name": "A", "next_follow_up": "soon"}, "next_follow_up"),
    ],
)
async def test_bad_input_is_a_422_problem_and_nothing_is_written(client, body, field):
    await client.post("/api/v1/custom-fields", json={"entity": "contact", "label": "Budget", "type": "number"})
    body = _problem(await client.post("/api/v1/contacts", json=body), 422)
    assert any(e["field"].startswith(field) for e in body["errors"]), body
    assert (await client.get("/api/v1/contacts")).json()["items"] == []


async def test_sql_looking_and_unicode_values_round_trip(client):
    evil = "Robert'); DROP TABLE contacts;--"
    for name in (evil, "李小龙", "Zoë Ñúñez"):
        r = await client.post("/api/v1/contacts", json={"first_name": name})
        assert r.status_code == 201 and r.json()["first_name"] == name
    names = {c["first_name"] for c in (await client.get("/api/v1/contacts")).json()["items"]}
    assert names == {evil, "李小龙", "Zoë Ñúñez"}
    hits = (await client.get("/api/v1/search", params={"q": "李小龙"})).json()
    assert [h["title"] for h in hits] == ["李小龙"]


async def test_update_bad_input_writes_nothing(client):
    c = (await client.post("/api/v1/contacts", json={"first_name": "A", "email": "a@x.com"})).json()
    _problem(await client.patch(f"/api/v1/contacts/{c['id']}", json={"email": "bad", "title": "New"}), 422)
    _problem(await client.patch(f"/api/v1/contacts/{c['id']}", json={"stage": "nope", "title": "New"}), 422)
    after = (await client.get(f"/api/v1/contacts/{c['id']}")).json()
    assert after["title"] is None and after["updated_at"] == c["updated_at"]
    assert len((await client.get(f"/api/v1/contacts/{c['id']}/history")).json()) == 1
    _problem(await client.patch(f"/api/v1/contacts/{uuid4()}", json={"title": "x"}), 404)
    _problem(await client.get("/api/v1/contacts/not-a-uuid"), 422)


async def test_company_crud_and_filters(client):
    r = await client.post("/api/v1/companies", json={"name": "Acme Rockets", "domain": "WWW.Acme.io", "size": 40})
    assert r.status_code == 201, r.text
    acme = r.json()
    assert acme["domain"] == "acme.io"
    await client.post("/api/v1/companies", json={"name": "Globex", "industry": "Energy", "size": 4000})
    _problem(await client.post("/api/v1/companies", json={"name": "Acme 2", "domain": "acme.io"}), 409)
    _problem(await client.post("/api/v1/companies", json={"name": "  "}), 422)
    _problem(await client.post("/api/v1/companies", json={"name": "X", "domain": "not a domain"}), 422)
    _problem(await client.post("/api/v1/companies", json={"name": "X", "size": -1}), 422)
    items = (await client.get("/api/v1/companies", params={"min_size": 100})).json()["items"]
    assert [c["name"] for c in items] == ["Globex"]
    items = (await client.get("/api/v1/companies", params={"domain": "acme.io"})).json()["items"]
    assert [c["id"] for c in items] == [acme["id"]]
    items = (await client.get("/api/v1/companies", params={"q": "rock", "sort": "name"})).json()["items"]
    assert [c["id"] for c in items] == [acme["id"]]
    r = await client.patch(f"/api/v1/companies/{acme['id']}", json={"industry": "Aerospace"})
    assert r.json()["industry"] == "Aerospace"
    await client.post("/api/v1/contacts", json={"first_name": "A", "company_id": acme["id"]})
    assert (await client.get(f"/api/v1/companies/{acme['id']}")).json()["contact_count"] == 1
    assert (await client.delete(f"/api/v1/companies/{acme['id']}")).status_code == 204
    _problem(await client.get(f"/api/v1/companies/{acme['id']}"), 404)
    assert (await client.post(f"/api/v1/companies/{acme['id']}/restore")).json()["deleted_at"] is None
    hist = (await client.get(f"/api/v1/companies/{acme['id']}/history")).json()
    assert [h["action"] for h in hist] == ["restore", "delete", "update", "create"]


async def test_custom_fields_and_lifecycle_over_http(client):
    r = await client.post(
        "/api/v1/custom-fields",
        json={"entity": "contact", "label": "Plan", "type": "select", "options": ["Basic", "Pro"]},
    )
    assert r.status_code == 201 and r.json()["key"] == "plan"
    _problem(
        await client.post("/api/v1/custom-fields", json={"entity": "contact", "label": "Plan", "type": "text"}), 409
    )
    _problem(
        await client.post("/api/v1/custom-fields", json={"entity": "contact", "label": "X", "type": "select"}), 422
    )
    _problem(await client.post("/api/v1/custom-fields", json={"entity": "planet", "label": "X", "type": "text"}), 422)
    c = await client.post("/api/v1/contacts", json={"first_name": "A", "custom_fields": {"plan": "pro"}})
    assert c.json()["custom"] == {"plan": "Pro"}
    body = _problem(await client.post("/api/v1/contacts", json={"first_name": "A", "custom": {"plan": "Gold"}}), 422)
    assert body["errors"][0]["field"] == "custom.plan"
    assert [f["key"] for f in (await client.get("/api/v1/custom-fields", params={"entity": "contact"})).json()] == [
        "plan"
    ]
    stages = (await client.get("/api/v1/lifecycle-stages")).json()
    assert "customer" in [s["key"] for s in stages]
    r = await client.put("/api/v1/lifecycle-stages", json=[{"label": "Cold"}, {"label": "Warm"}, {"label": "Hot"}])
    assert [s["key"] for s in r.json()] == ["cold", "warm", "hot"]
    r = await client.post("/api/v1/contacts", json={"first_name": "B", "stage": "warm"})
    assert r.json()["lifecycle_stage"] == "warm"
    _problem(await client.put("/api/v1/lifecycle-stages", json=[{"label": "Cold"}]), 409)
    _problem(await client.put("/api/v1/lifecycle-stages", json=[]), 422)


async def test_duplicates_merge_and_undo_over_http(client):
    a = (await client.post("/api/v1/contacts", json={"name": "Jon Smith", "email": "jon@x.com"})).json()
    b = (
        await client.post("/api/v1/contacts", json={"name": "John Smith", "email": "jon@x.com", "title": "CMO"})
    ).json()
    pairs = (await client.get("/api/v1/contacts/duplicates")).json()
    assert len(pairs) == 1 and {pairs[0]["a"]["id"], pairs[0]["b"]["id"]} == {a["id"], b["id"]}
    assert pairs[0]["confidence"] > 0.9 and "same email" in pairs[0]["reason"]
    r = await client.post("/api/v1/contacts/merge", json={"winner_id": a["id"], "loser_id": b["id"]})
    assert r.status_code == 200, r.text
    merged = r.json()
    assert merged["winner"]["title"] == "CMO"
    assert (await client.get("/api/v1/contacts/duplicates")).json() == []
    r = await client.post(f"/api/v1/merges/{merged['merge_id']}/undo")
    assert r.status_code == 200 and r.json()["loser"]["deleted_at"] is None
    _problem(await client.post(f"/api/v1/merges/{merged['merge_id']}/undo"), 409)
    _problem(await client.post("/api/v1/contacts/merge", json={"winner_id": a["id"], "loser_id": a["id"]}), 422)


async def test_viewer_gets_403_on_writes(app, client):
    pool = app.state.pool
    from leadloom.crm.context import Actor

    owner = Actor(org_id=client.org.org["id"], user_id=client.org.owner["id"], role="owner")
    user = await orgs.create_user(pool, owner, email=f"v-{uuid4().hex[:6]}@x.com", name="Vic Viewer", role="viewer")
    key = await orgs.create_api_key(pool, org_id=owner.org_id, user_id=user["id"])
    c = (await client.post("/api/v1/contacts", json={"first_name": "A"})).json()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test", headers={"Authorization": f"Bearer {key}"}
    ) as viewer:
        assert (await viewer.get(f"/api/v1/contacts/{c['id']}")).status_code == 200
        _problem(await viewer.post("/api/v1/contacts", json={"first_name": "B"}), 403)
        _problem(await viewer.patch(f"/api/v1/contacts/{c['id']}", json={"title": "x"}), 403)
        _problem(await viewer.delete(f"/api/v1/contacts/{c['id']}"), 403)
        _problem(await viewer.post("/api/v1/companies", json={"name": "X"}), 403)
        _problem(await viewer.put("/api/v1/lifecycle-stages", json=[{"label": "X"}]), 403)
        _problem(
            await viewer.post("/api/v1/custom-fields", json={"entity": "contact", "label": "X", "type": "text"}), 403
        )
    assert len((await client.get("/api/v1/contacts")).json()["items"]) == 1


async def test_second_organization_sees_nothing(app, client):
    c = (await client.post("/api/v1/contacts", json={"name": "Secret Person", "email": "s@secret.com"})).json()
    co = (await client.post("/api/v1/companies", json={"name": "Secret Co"})).json()
    async with await _other_client(app) as other:
        _problem(await other.get(f"/api/v1/contacts/{c['id']}"), 404)
        _problem(await other.patch(f"/api/v1/contacts/{c['id']}", json={"title": "x"}), 404)
        _problem(await other.delete(f"/api/v1/contacts/{c['id']}"), 404)
        _problem(await other.get(f"/api/v1/contacts/{c['id']}/history"), 404)
        _problem(await other.get(f"/api/v1/companies/{co['id']}"), 404)
        assert (await other.get("/api/v1/contacts")).json()["items"] == []
        assert (await other.get("/api/v1/contacts", params={"email": "s@secret.com"})).json()["items"] == []
        assert (await other.get("/api/v1/companies")).json()["items"] == []
        assert (await other.get("/api/v1/search", params={"q": "secret"})).json() == []
        assert (await other.get("/api/v1/contacts/duplicates")).json() == []
        r = await other.post("/api/v1/contacts", json={"first_name": "Mine", "company_id": co["id"]})
        assert _problem(r, 422)["errors"][0]["field"] == "company_id"
    assert (await client.get(f"/api/v1/contacts/{c['id']}")).json()["title"] is None


async def test_bulk_update_preview_and_delete_over_http(client):
    for i in range(4):
        await client.post("/api/v1/contacts", json={"first_name": f"B{i}", "stage": "lead", "tags": ["x"] if i else []})
    body = {"filters": {"tag": "x"}, "changes": {"stage": "MQL"}, "dry_run": True}
    preview = (await client.post("/api/v1/contacts/bulk-update", json=body)).json()
    assert preview["count"] == 3 and preview["records"][0]["after"] == {"lifecycle_stage": "mql"}
    body["dry_run"] = False
    assert (await client.post("/api/v1/contacts/bulk-update", json=body)).json() == {"updated": 3}
    bad = {"filters": {"tag": "x"}, "changes": {"email": "a@b.com"}}
    _problem(await client.post("/api/v1/contacts/bulk-update", json=bad), 422)
    _problem(await client.post("/api/v1/contacts/bulk-delete", json={"filters": {}}), 422)
    r = await client.post("/api/v1/contacts/bulk-delete", json={"filters": {"stage": "mql"}})
    assert r.json() == {"deleted": 3}
    assert [c["first_name"] for c in (await client.get("/api/v1/contacts")).json()["items"]] == ["B0"]
