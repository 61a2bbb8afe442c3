"""The deals, pipelines, activities, tasks, timeline and follow-up endpoints through the ASGI app:
status codes, RFC 9457 problems for bad input with nothing written, viewers read-only, other orgs 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import httpx
import pytest

from leadloom.crm.context import Actor
from leadloom.crm.services import orgs
from tests.conftest import new_org
from tests.integration.deals.helpers import make_company, make_contact

PROBLEM = "application/problem+json"


def owner(client) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(org_id=client.org.org["id"], user_id=client.org.owner["id"], role="owner")


async def _client_for(app, key: str) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test", headers={"Authorization": f"Bearer {key}"}
    )


async def _deal_count(client) -> int:  # type: ignore[no-untyped-def]
    r = await client.get("/api/v1/deals", params={"limit": 200, "include_deleted": True})
    assert r.status_code == 200
    return len(r.json()["items"])


async def test_pipelines_endpoints(client):
    r = await client.get("/api/v1/pipelines")
    assert r.status_code == 200
    sales = r.json()[0]
    assert sales["is_default"] and [s["name"] for s in sales["stages"]][-2:] == ["Closed Won", "Closed Lost"]
    r = await client.post(
        "/api/v1/pipelines",
        json={
            "name": "Renewals",
            "stages": [{"name": "Due"}, {"name": "Renewed", "kind": "won"}, {"name": "Churned", "kind": "lost"}],
        },
    )
    assert r.status_code == 201
    pipe = r.json()
    due = pipe["stages"][0]
    r = await client.put(
        f"/api/v1/pipelines/{pipe['id']}/stages",
        json={
            "stages": [
                {"name": "Contacted", "probability": 30},
                {"id": due["id"], "name": "Due soon"},
                {"name": "Renewed", "kind": "won"},
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert [(s["name"], s["probability"]) for s in r.json()["stages"]] == [
        ("Contacted", 30),
        ("Due soon", 10),
        ("Renewed", 100),
    ]
    r = await client.put(f"/api/v1/pipelines/{pipe['id']}/stages", json={"stages": [{"name": "Only", "kind": "won"}]})
    assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM)
    r = await client.put(f"/api/v1/pipelines/{uuid4()}/stages", json={"stages": [{"name": "x"}]})
    assert r.status_code == 404


async def test_deal_lifecycle_over_http(client):
    r = await client.post(
        "/api/v1/deals",
        json={
            "name": "Brand refresh",
            "amount": "15,000",
            "currency": "gbp",
            "stage": "Negotiaton",
            "expected_close": "2027-04-30",
        },
    )
    assert r.status_code == 201, r.text
    deal = r.json()
    assert (deal["stage"], deal["currency"], deal["amount"], deal["probability"]) == (
        "Negotiation",
        "GBP",
        "15000.00",
        75,
    )
    r = await client.patch(f"/api/v1/deals/{deal['id']}", json={"name": "Brand refresh 2027", "probability": 60})
    assert r.status_code == 200 and r.json()["name"] == "Brand refresh 2027" and r.json()["probability"] == 60
    r = await client.post(
        f"/api/v1/deals/{deal['id']}/stage", json={"stage": "closed-won", "reason": "Great references"}
    )
    assert r.status_code == 200
    won = r.json()
    assert (won["status"], won["close_reason"], won["stage"]) == ("won", "Great references", "Closed Won")
    assert won["closed_at"] is not None
    r = await client.post(f"/api/v1/deals/{deal['id']}/stage", json={"stage": "Lost", "reason": "Budget cut"})
    assert r.json()["status"] == "lost" and r.json()["close_reason"] == "Budget cut"
    r = await client.get(f"/api/v1/deals/{deal['id']}/stages")
    assert [c["to_stage"] for c in r.json()] == ["Closed Lost", "Closed Won", "Negotiation"]
    assert (await client.delete(f"/api/v1/deals/{deal['id']}")).status_code == 204
    assert (await client.get(f"/api/v1/deals/{deal['id']}")).status_code == 404
    r = await client.post(f"/api/v1/deals/{deal['id']}/restore")
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    r = await client.get(f"/api/v1/deals/{deal['id']}/timeline")
    assert [i["to_stage"] for i in r.json()["items"]] == ["Closed Lost", "Closed Won", "Negotiation"]


async def test_list_summary_and_pages(client):
    for i, (stage, amount) in enumerate([("Proposal", 1000), ("Proposal", 3000), ("Discovery", 500), ("won", 2000)]):
        r = await client.post("/api/v1/deals", json={"name": f"D{i}", "stage": stage, "amount": amount})
        assert r.status_code == 201
    r = await client.get("/api/v1/deals", params={"stage": "proposal", "sort": "amount"})
    assert [d["name"] for d in r.json()["items"]] == ["D0", "D1"]
    r = await client.get("/api/v1/deals", params={"min_amount": 1500, "status": "open"})
    assert [d["name"] for d in r.json()["items"]] == ["D1"]
    names, cursor = [], None
    while True:
        params = {"limit": 1, "sort": "-amount", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/api/v1/deals", params=params)).json()
        names += [d["name"] for d in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert names == ["D1", "D3", "D0", "D2"]
    r = await client.get("/api/v1/pipeline-summary")
    rows = {s["stage"]: s for s in r.json()}
    assert rows["Proposal"]["count"] == 2 and rows["Proposal"]["amount"] == "4000.00"
    assert rows["Proposal"]["weighted_amount"] == "2000.00"
    assert rows["Discovery"]["weighted_amount"] == "100.00" and rows["Closed Won"]["amount"] == "2000.00"
    r = await client.get("/api/v1/deals", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM)
    r = await client.get("/api/v1/deals", params={"sort": "password"})
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "stage": "Signed"}, "stage"),
        ({"name": "X", "amount": -100}, "amount"),
        ({"name": "X", "amount": "a lot"}, "amount"),
        ({"name": "X", "currency": "US"}, "currency"),
        ({"name": "X", "currency": "BTC"}, "currency"),
        ({"name": "X", "expected_close": "2026-02-30"}, "expected_close"),
        ({"name": "X", "contact_id": str(uuid4())}, "contact_id"),
        ({"name": "X", "contact_id": "not-a-uuid"}, "contact_id"),
        ({"name": ""}, "name"),
        ({"amount": 5}, "name"),
        ({"name": "X", "colour": "red"}, "colour"),
        ({"name": "X", "stage": "Proposal", "close_reason": "why"}, "close_reason"),
    ],
)
async def test_bad_deal_input_is_a_problem_and_writes_nothing(client, body, field):
    r = await client.post("/api/v1/deals", json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    problem = r.json()
    assert problem["status"] == 422 and problem["title"] == "Invalid input" and problem["detail"]
    assert any(e["field"].startswith(field) for e in problem["errors"]), problem
    assert await _deal_count(client) == 0


async def test_unknown_stage_lists_valid_stages(client):
    r = await client.post("/api/v1/deals", json={"name": "X", "stage": "Contract signed"})
    problem = r.json()
    assert r.status_code == 422
    assert problem["errors"][0]["valid"] == [
        "Qualification",
        "Discovery",
        "Proposal",
        "Negotiation",
        "Closed Won",
        "Closed Lost",
    ]
    assert "Closed Won" in problem["detail"]
    deal = (await client.post("/api/v1/deals", json={"name": "Y"})).json()
    r = await client.post(f"/api/v1/deals/{deal['id']}/stage", json={"stage": "Pending"})
    assert r.status_code == 422 and "Proposal" in r.json()["detail"]
    assert (await client.get(f"/api/v1/deals/{deal['id']}")).json()["stage"] == "Qualification"


async def test_sql_and_unicode_text_round_trip(client):
    contact = await make_contact_via(client, "Søren", "Kierkegaard")
    name = "'; DROP TABLE deals; -- Ünïcödé ✨ 中文"
    r = await client.post("/api/v1/deals", json={"name": name, "contact_id": str(contact)})
    assert r.status_code == 201 and r.json()["name"] == name and r.json()["contact_name"] == "Søren Kierkegaard"
    body = "Robert'); DROP TABLE activities;--\n¿Qué tal? 😀"
    r = await client.post("/api/v1/activities", json={"type": "note", "contact_id": str(contact), "body": body})
    assert r.status_code == 201 and r.json()["body"] == body
    r = await client.get(f"/api/v1/contacts/{contact}/timeline")
    assert r.json()["items"][0]["body"] == body


async def make_contact_via(client, first: str, last: str, **kw):  # type: ignore[no-untyped-def]
    pool = client._transport.app.state.pool  # the app's own pool: same database, same RLS
    return await make_contact(pool, owner(client), first, last, **kw)


async def test_activities_and_tasks_over_http(client):
    pool = client._transport.app.state.pool
    company = await make_company(pool, owner(client), "Vandelay")
    contact = await make_contact(pool, owner(client), "Art", "Vandelay", company_id=company)
    r = await client.post(
        "/api/v1/activities", json={"type": "call", "direction": "inbound", "contact_id": str(contact)}
    )
    assert r.status_code == 201 and r.json()["company_id"] == str(company)
    act = r.json()
    r = await client.patch(f"/api/v1/activities/{act['id']}", json={"subject": "Import/export"})
    assert r.status_code == 200 and r.json()["subject"] == "Import/export"
    assert (await client.get(f"/api/v1/activities/{act['id']}")).json()["subject"] == "Import/export"
    for body in (
        {"type": "email", "subject": "orphan"},
        {"type": "email", "contact_id": str(uuid4())},
        {"type": "telegram", "contact_id": str(contact)},
        {"type": "call", "contact_id": str(contact), "occurred_at": "31/02/2026 25:00"},
    ):
        r = await client.post("/api/v1/activities", json=body)
        assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM), body
    r = await client.get(f"/api/v1/companies/{company}/timeline")
    assert [i["id"] for i in r.json()["items"]] == [act["id"]]  # nothing half-written by the failures
    assert (await client.delete(f"/api/v1/activities/{act['id']}")).status_code == 204
    assert (await client.get(f"/api/v1/activities/{act['id']}")).status_code == 404

    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    r = await client.post(
        "/api/v1/tasks", json={"subject": "Follow up", "due_at": yesterday, "contact_id": str(contact)}
    )
    assert r.status_code == 201
    task = r.json()
    assert task["status"] == "open" and task["owner_id"] == str(client.org.owner["id"])
    await client.post("/api/v1/tasks", json={"subject": "Later", "due_at": "2099-01-01"})
    r = await client.get("/api/v1/tasks", params={"overdue": True})
    assert [t["id"] for t in r.json()["items"]] == [task["id"]]
    r = await client.post(f"/api/v1/tasks/{task['id']}/complete")
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert (await client.get("/api/v1/tasks", params={"overdue": True})).json()["items"] == []
    assert (await client.post("/api/v1/tasks", json={"subject": "x", "due_at": "someday"})).status_code == 422
    assert (await client.post(f"/api/v1/tasks/{uuid4()}/complete")).status_code == 404


async def test_follow_ups_endpoint(client):
    pool = client._transport.app.state.pool
    contact = await make_contact(pool, owner(client), "Ivy", owner_id=client.org.owner["id"])
    await client.post(
        "/api/v1/activities",
        json={
            "type": "email",
            "direction": "inbound",
            "contact_id": str(contact),
            "subject": "Quote please",
            "occurred_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(),
        },
    )
    await client.post("/api/v1/tasks", json={"subject": "Chase invoice", "due_at": "2020-01-01"})
    r = await client.get("/api/v1/follow-ups", params={"owner_id": "me"})
    assert r.status_code == 200
    recs = r.json()
    assert [x["kind"] for x in recs] == ["overdue_task", "unanswered_inbound"]
    assert all(x["reason"] for x in recs)
    assert (await client.get("/api/v1/follow-ups", params={"limit": 1})).json()[0]["kind"] == "overdue_task"
    assert (await client.get("/api/v1/follow-ups", params={"limit": 0})).status_code == 422
    assert (await client.get("/api/v1/follow-ups", params={"owner_id": "you"})).status_code == 422


async def test_viewer_reads_but_cannot_write(app, client):
    pool = app.state.pool
    viewer = await orgs.create_user(
        pool, owner(client), email=f"v-{uuid4().hex[:6]}@example.com", name="Vi", role="viewer"
    )
    key = await orgs.create_api_key(pool, org_id=client.org.org["id"], user_id=viewer["id"])
    deal = (await client.post("/api/v1/deals", json={"name": "Visible"})).json()
    async with await _client_for(app, key) as v:
        assert (await v.get("/api/v1/deals")).status_code == 200
        assert (await v.get(f"/api/v1/deals/{deal['id']}/timeline")).status_code == 200
        assert (await v.get("/api/v1/follow-ups")).status_code == 200
        for method, url, body in [
            ("POST", "/api/v1/deals", {"name": "nope"}),
            ("PATCH", f"/api/v1/deals/{deal['id']}", {"name": "nope"}),
            ("DELETE", f"/api/v1/deals/{deal['id']}", None),
            ("POST", f"/api/v1/deals/{deal['id']}/stage", {"stage": "won"}),
            ("POST", f"/api/v1/deals/{deal['id']}/restore", None),
            ("POST", "/api/v1/pipelines", {"name": "P", "stages": [{"name": "a"}]}),
            ("POST", "/api/v1/tasks", {"subject": "nope"}),
            ("POST", "/api/v1/activities", {"type": "note", "deal_id": deal["id"]}),
        ]:
            r = await v.request(method, url, json=body)
            assert r.status_code == 403, (method, url, r.text)
            assert r.headers["content-type"].startswith(PROBLEM)
    assert (await client.get(f"/api/v1/deals/{deal['id']}")).json()["name"] == "Visible"
    assert await _deal_count(client) == 1


async def test_other_organization_gets_404(app, client):
    pool = app.state.pool
    contact = await make_contact(pool, owner(client), "Mine")
    company = await make_company(pool, owner(client), "MineCo")
    deal = (await client.post("/api/v1/deals", json={"name": "Ours", "contact_id": str(contact)})).json()
    act = (await client.post("/api/v1/activities", json={"type": "note", "contact_id": str(contact)})).json()
    task = (await client.post("/api/v1/tasks", json={"subject": "Ours"})).json()
    pipeline_id = (await client.get("/api/v1/pipelines")).json()[0]["id"]
    other = await new_org(pool, "Intruders Inc")
    async with await _client_for(app, other.api_key) as them:
        for method, url, body in [
            ("GET", f"/api/v1/deals/{deal['id']}", None),
            ("PATCH", f"/api/v1/deals/{deal['id']}", {"name": "theirs"}),
            ("DELETE", f"/api/v1/deals/{deal['id']}", None),
            ("POST", f"/api/v1/deals/{deal['id']}/restore", None),
            ("POST", f"/api/v1/deals/{deal['id']}/stage", {"stage": "won"}),
            ("GET", f"/api/v1/deals/{deal['id']}/timeline", None),
            ("GET", f"/api/v1/deals/{deal['id']}/stages", None),
            ("GET", f"/api/v1/contacts/{contact}/timeline", None),
            ("GET", f"/api/v1/companies/{company}/timeline", None),
            ("GET", f"/api/v1/activities/{act['id']}", None),
            ("PATCH", f"/api/v1/activities/{act['id']}", {"subject": "x"}),
            ("DELETE", f"/api/v1/activities/{act['id']}", None),
            ("POST", f"/api/v1/tasks/{task['id']}/complete", None),
            ("GET", f"/api/v1/pipelines/{pipeline_id}", None),
            ("PUT", f"/api/v1/pipelines/{pipeline_id}/stages", {"stages": [{"name": "x"}]}),
            ("GET", f"/api/v1/pipeline-summary?pipeline_id={pipeline_id}", None),
        ]:
            r = await them.request(method, url, json=body)
            assert r.status_code == 404, (method, url, r.text)
        # linking to our records from their org is as if they did not exist
        r = await them.post("/api/v1/deals", json={"name": "x", "contact_id": str(contact)})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "contact_id"
        r = await them.post("/api/v1/activities", json={"type": "note", "deal_id": deal["id"]})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "deal_id"
        assert (await them.get("/api/v1/deals")).json()["items"] == []
        assert (await them.get("/api/v1/tasks")).json()["items"] == []
    r = await client.get(f"/api/v1/deals/{deal['id']}")
    assert r.json()["name"] == "Ours" and r.json()["deleted_at"] is None
    assert (await client.get(f"/api/v1/tasks/{task['id']}/complete")).status_code == 405
