"""The permission matrix (docs/permissions.md) as enforced by the services, whichever front end calls them:
record ownership for reps and managers, role-only actions, and a viewer who can change nothing through the
API or the agents' tools (the tools are what Chainlit and Slack run)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest

from leadloom.crm import permissions
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.models.contacts import ContactCreate
from leadloom.crm.models.deals import DealCreate, DealUpdate
from leadloom.crm.services import auth, contacts, deals, dedup, lifecycle
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import all_tools
from tests.conftest import new_org
from tests.integration.security.conftest import add_person, client_for
from tests.integration.tools.conftest import call


def test_matrix_shape() -> None:
    """Every action has a row; admins and owners may do everything; viewers only read."""
    for action, roles in permissions.MATRIX.items():
        assert {"owner", "admin"} <= roles, action
        assert ("viewer" in roles) == (action == "record.read"), action
    owner = Actor(org_id=UUID(int=1), user_id=UUID(int=2), role="owner")
    admin = Actor(org_id=owner.org_id, user_id=UUID(int=3), role="admin")
    assert permissions.can_grant(owner, "owner") and not permissions.can_grant(admin, "owner")


@pytest.fixture
async def team_org(sec_app) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """An organization with two teams: a manager and a rep in North, a rep in South, a viewer, an admin."""
    pool = sec_app.state.pool
    org = await new_org(pool)
    owner = Actor(org_id=org.org["id"], user_id=org.owner["id"], role="owner")
    north = await auth.create_team(pool, owner, "North")
    south = await auth.create_team(pool, owner, "South")
    people = {
        "manager": await add_person(pool, org, "manager", team_id=north["id"]),
        "rep": await add_person(pool, org, "rep", team_id=north["id"]),
        "south_rep": await add_person(pool, org, "rep", team_id=south["id"]),
        "viewer": await add_person(pool, org, "viewer"),
        "admin": await add_person(pool, org, "admin"),
    }
    return {"org": org, "owner": owner, "pool": pool, **people}


async def _contact(pool: Any, owner: Actor, owner_id: Any, name: str) -> Any:
    c = await contacts.create_contact(pool, owner, ContactCreate(first_name=name, last_name="X", owner_id=owner_id))
    return c.id


async def test_reps_change_their_own_and_unowned_records_only(team_org) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    rep, south = team_org["rep"]["actor"], team_org["south_rep"]["actor"]
    mine = await _contact(pool, owner, rep.user_id, "Mine")
    unowned = await _contact(pool, owner, None, "Pool")
    theirs = await _contact(pool, owner, south.user_id, "Theirs")
    assert (await contacts.update_contact(pool, rep, mine, {"title": "Mine now"})).title == "Mine now"
    assert (await contacts.update_contact(pool, rep, unowned, {"title": "Shared"})).title == "Shared"
    with pytest.raises(PermissionDeniedError):
        await contacts.update_contact(pool, rep, theirs, {"title": "Nope"})
    with pytest.raises(PermissionDeniedError):
        await contacts.delete_contact(pool, rep, theirs)
    # Reading is organization-wide.
    assert (await contacts.get_contact(pool, rep, theirs)).first_name == "Theirs"
    # Bulk changes and merges need a manager.
    with pytest.raises(PermissionDeniedError):
        await contacts.bulk_update_contacts(pool, rep, {"name": "Mine"}, {"title": "x"})
    with pytest.raises(PermissionDeniedError):
        await lifecycle.set_lifecycle_stages(pool, rep, [{"key": "lead", "label": "Lead"}])


async def test_managers_change_their_teams_records(team_org) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    manager = team_org["manager"]["actor"]
    rep, south = team_org["rep"]["actor"], team_org["south_rep"]["actor"]
    team_deal = await deals.create_deal(pool, owner, DealCreate(name="North deal", owner_id=rep.user_id))
    south_deal = await deals.create_deal(pool, owner, DealCreate(name="South deal", owner_id=south.user_id))
    assert (await deals.update_deal(pool, manager, team_deal.id, DealUpdate(name="North deal 2"))).name
    with pytest.raises(PermissionDeniedError):
        await deals.update_deal(pool, manager, south_deal.id, DealUpdate(name="Mine now"))
    with pytest.raises(PermissionDeniedError):
        await deals.move_deal_stage(pool, manager, south_deal.id, "Discovery")
    # The admin changes anything.
    admin = team_org["admin"]["actor"]
    assert (await deals.update_deal(pool, admin, south_deal.id, DealUpdate(name="Admin's"))).name == "Admin's"


async def test_api_answers_403_problem_for_someone_elses_record(sec_app, team_org) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    theirs = await _contact(pool, owner, team_org["south_rep"]["id"], "Theirs")
    async with client_for(sec_app, team_org["rep"]["api_key"]) as rep:
        r = await rep.patch(f"/api/v1/contacts/{theirs}", json={"title": "x"})
        assert r.status_code == 403
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "someone else's" in r.json()["detail"]


async def test_role_and_team_changes_are_audited_and_take_effect(sec_app, team_org) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    rep = team_org["south_rep"]
    theirs = await _contact(pool, owner, team_org["rep"]["id"], "Northern")
    async with client_for(sec_app, team_org["org"].api_key) as o:
        r = await o.patch(f"/api/v1/users/{rep['id']}", json={"role": "manager"})
        assert r.status_code == 200 and r.json()["role"] == "manager"
        teams = (await o.get("/api/v1/teams")).json()
        north = next(t for t in teams if t["name"] == "North")
        assert (await o.patch(f"/api/v1/users/{rep['id']}", json={"team_id": north["id"]})).json()["team_id"]
        log = (await o.get("/api/v1/audit", params={"action": "permission_change", "entity_id": str(rep["id"])})).json()
        assert [e["after"]["role"] for e in log["items"]] == ["manager", "manager"]
        assert log["items"][-1]["before"]["role"] == "rep"
    async with client_for(sec_app, rep["api_key"]) as now_manager:
        assert (await now_manager.patch(f"/api/v1/contacts/{theirs}", json={"title": "Managed"})).status_code == 200
    # The last owner cannot be demoted.
    async with client_for(sec_app, team_org["org"].api_key) as o:
        assert (await o.patch(f"/api/v1/users/{owner.user_id}", json={"role": "admin"})).status_code == 409


VIEWER_WRITES: list[tuple[str, str, Any]] = [
    ("POST", "/api/v1/contacts", {"first_name": "Viewer"}),
    ("PATCH", "/api/v1/contacts/{cid}", {"title": "x"}),
    ("DELETE", "/api/v1/contacts/{cid}", None),
    ("POST", "/api/v1/contacts/bulk-update", {"filters": {}, "changes": {"title": "x"}}),
    ("POST", "/api/v1/contacts/bulk-delete", {"filters": {"q": "x"}}),
    ("POST", "/api/v1/companies", {"name": "Viewer Co"}),
    ("POST", "/api/v1/deals", {"name": "Viewer deal"}),
    ("POST", "/api/v1/activities", {"type": "note", "body": "x", "contact_id": "{cid}"}),
    ("POST", "/api/v1/tasks", {"subject": "x"}),
    ("POST", "/api/v1/custom-fields", {"entity": "contact", "key": "vv", "label": "V", "type": "text"}),
    ("PUT", "/api/v1/lifecycle-stages", [{"key": "lead", "label": "Lead"}]),
    ("POST", "/api/v1/pipelines", {"name": "V", "stages": [{"name": "A", "probability": 1, "kind": "open"}]}),
    ("POST", "/api/v1/users", {"email": "v@example.com", "name": "V"}),
    ("POST", "/api/v1/teams", {"name": "V"}),
    ("POST", "/api/v1/invitations", {"email": "w@example.com"}),
    ("POST", "/api/v1/contacts/{cid}/score/correction", {"label": True}),
    ("POST", "/api/v1/scoring/train", None),
]


async def test_a_viewer_changes_nothing_through_the_api_or_the_agents(sec_app, team_org, settings) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    viewer = team_org["viewer"]
    cid = str(await _contact(pool, owner, None, "Viewed"))
    async with client_for(sec_app, viewer["api_key"]) as v:
        for method, path, body in VIEWER_WRITES:
            payload = json.loads(json.dumps(body).replace("{cid}", cid)) if body is not None else None
            r = await v.request(method, path.replace("{cid}", cid), json=payload)
            assert r.status_code == 403, f"{method} {path} -> {r.status_code} {r.text[:200]}"
    ctx = AgentContext(
        pool=pool,
        actor=viewer["actor"].via("slack", run_id="run-v", thread_id="t-v"),
        settings=settings,
        approval_threshold=1000,
    )
    fill: dict[str, Any] = {
        "contact": cid,
        "winner": cid,
        "loser": cid,
        "changes": {"title": "x"},
        "name": "Viewer thing",
        "first_name": "Viewer",
        "subject": "x",
        "type": "note",
        "stage": "Discovery",
        "channel": "email",
        "body": "x",
        "filters": {"name": "Viewed"},
        "company": "Nope Co",
        "deal": "Nope",
        "task": "Nope",
        "segment": "Nope",
        "period": "month",
        "query": "x",
    }
    for tool in all_tools():
        schema = tool.tool_call_schema.model_json_schema()
        args = {k: fill[k] for k in schema.get("required", []) if k in fill}
        if tool.name in {"update_contact", "delete_contacts", "log_activity", "find_duplicates", "get_timeline"}:
            args["contact"] = cid
        try:
            await call(tool, ctx, **args)
        except Exception as exc:  # an approval interrupt means the viewer got as far as a write: not allowed
            raise AssertionError(f"{tool.name} went past the permission check: {exc!r}") from exc
    async with org_tx(pool, owner.org_id) as conn:
        cur = await conn.execute("SELECT action, entity FROM audit_log WHERE actor_user_id = %s", (viewer["id"],))
        changes = await cur.fetchall()
    assert changes == [], changes
    assert (await contacts.get_contact(pool, owner, cid)).title is None


async def test_a_managers_bulk_change_or_merge_reaching_another_team_is_refused_whole(team_org) -> None:  # type: ignore[no-untyped-def]
    pool, owner = team_org["pool"], team_org["owner"]
    manager = team_org["manager"]["actor"]
    north = await _contact(pool, owner, team_org["rep"]["id"], "Bulkname")
    south = await _contact(pool, owner, team_org["south_rep"]["id"], "Bulkname")
    with pytest.raises(PermissionDeniedError):
        await contacts.bulk_update_contacts(pool, manager, {"name": "Bulkname"}, {"title": "Changed"})
    with pytest.raises(PermissionDeniedError):
        await dedup.merge_contacts(pool, manager, north, south)
    assert (await contacts.get_contact(pool, owner, north)).title is None  # nothing changed, not even North's
    assert (
        await contacts.bulk_update_contacts(pool, manager, {"name": "Bulkname", "owner": "none"}, {"title": "x"}) == 0
    )
    mine = await _contact(pool, owner, manager.user_id, "Bulkname")
    assert (
        await contacts.bulk_update_contacts(pool, manager, {"name": "Bulkname", "owner": "me"}, {"title": "Mine"}) == 1
    )
    assert (await contacts.get_contact(pool, owner, mine)).title == "Mine"
