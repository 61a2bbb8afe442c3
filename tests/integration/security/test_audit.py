"""The audit log: every change made in a day of demo use (API calls, agent tool calls, an import, a merge,
a login, a role change, an export) can be found with who made it and how; it is append-only in the
database, even for its owner; it is searchable with filters and keyset pages, and exportable."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import psycopg
import pytest

from leadloom.crm.db.pool import org_tx
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import all_tools
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact
from tests.integration.security.conftest import PASSWORD, add_person, client_for
from tests.integration.tools.conftest import call
from tests.unit.agents.fakes import call as fake_call
from tests.unit.agents.fakes import last_tool_result

TOOLS = {t.name: t for t in all_tools()}


async def _entries(api, **filters):  # type: ignore[no-untyped-def]
    items, cursor = [], None
    while True:
        r = await api.get("/api/v1/audit", params={**filters, "limit": 50, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


async def test_a_day_of_demo_use_is_in_the_audit_log(sec_app, settings) -> None:  # type: ignore[no-untyped-def]
    pool = sec_app.state.pool
    org = await new_org(pool)
    rep = await add_person(pool, org, "rep")
    async with client_for(sec_app, org.api_key) as owner, client_for(sec_app, rep["api_key"]) as r:
        # Morning: the owner signs in and sets things up through the API.
        async with client_for(sec_app) as web:
            assert (await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": PASSWORD})).is_success
        company = (await owner.post("/api/v1/companies", json={"name": "Globex", "domain": "globex.example"})).json()
        ada = (
            await r.post(
                "/api/v1/contacts", json={"first_name": "Ada", "last_name": "L", "email": "ada@globex.example"}
            )
        ).json()
        dup = (
            await r.post(
                "/api/v1/contacts", json={"first_name": "Ada", "last_name": "L", "email": "ada.l@globex.example"}
            )
        ).json()
        await r.patch(f"/api/v1/contacts/{ada['id']}", json={"title": "CTO", "company_id": company["id"]})
        deal = (
            await r.post("/api/v1/deals", json={"name": "Globex rollout", "amount": 5000, "contact_id": ada["id"]})
        ).json()
        await r.post(f"/api/v1/deals/{deal['id']}/stage", json={"stage": "Proposal"})
        note = (
            await r.post("/api/v1/activities", json={"type": "note", "body": "Called", "contact_id": ada["id"]})
        ).json()
        await owner.post("/api/v1/contacts/merge", json={"winner_id": ada["id"], "loser_id": dup["id"]})
        await owner.patch(f"/api/v1/users/{rep['id']}", json={"role": "manager"})
        # An import of two contacts, run for real.
        job = (
            await r.post(
                "/api/v1/imports",
                data={"entity": "contacts", "dry_run": "false"},
                files={
                    "file": ("leads.csv", b"first_name,email\nGrace,grace@x.example\nAlan,alan@x.example\n", "text/csv")
                },
            )
        ).json()
        for _ in range(100):
            if (await r.get(f"/api/v1/imports/{job['id']}")).json()["status"] not in {"pending", "running"}:
                break
            await asyncio.sleep(0.1)
        # Afternoon: the rep works through the agents (what Chainlit and Slack run).
        ctx = AgentContext(
            pool=pool,
            actor=rep["actor"].via("slack", run_id="run-42", thread_id="thread-7"),
            settings=settings,
            approval_threshold=1000,
        )
        created = await call(TOOLS["create_contact"], ctx, first_name="Linus", last_name="T", email="linus@x.example")
        assert "error" not in created, created
        await call(TOOLS["update_contact"], ctx, contact="linus@x.example", changes={"stage": "mql"})
        await call(TOOLS["create_task"], ctx, subject="Send proposal", contact="Ada L")
        # Evening: an admin export.
        assert (await owner.get("/api/v1/audit/export", params={"format": "jsonl"})).status_code == 200

        log = await _entries(owner)
    by = lambda **kw: [e for e in log if all(e.get(k) == v for k, v in kw.items())]  # noqa: E731
    owner_id, rep_id = str(org.owner["id"]), str(rep["id"])
    assert by(action="login", actor_user_id=rep_id, source="api")
    assert by(action="create", entity="company", entity_id=company["id"], actor_user_id=owner_id, source="api")
    assert by(action="create", entity="contact", entity_id=ada["id"], actor_user_id=rep_id, actor_kind="user")
    upd = by(action="update", entity="contact", entity_id=ada["id"], actor_user_id=rep_id)
    assert any(e["after"].get("title") == "CTO" and e["before"].get("title") is None for e in upd)
    assert by(action="create", entity="deal", entity_id=deal["id"], actor_user_id=rep_id)
    assert any(e["after"].get("stage_id") for e in by(action="update", entity="deal", entity_id=deal["id"]))
    assert by(action="create", entity="activity", entity_id=note["id"])
    merge = by(action="merge", entity="contact", entity_id=ada["id"], actor_user_id=owner_id)
    assert merge and merge[0]["after"]["loser_id"] == dup["id"]
    assert by(action="delete", entity="contact", entity_id=dup["id"], actor_user_id=owner_id)
    perm = by(action="permission_change", entity="user", entity_id=rep_id, actor_user_id=owner_id)
    assert perm and perm[0]["before"]["role"] == "rep" and perm[0]["after"]["role"] == "manager"
    imported = by(action="import", entity="import", entity_id=job["id"], actor_user_id=rep_id)
    assert imported and imported[0]["after"]["stats"]
    assert (
        len([e for e in by(action="create", entity="contact") if e["after"].get("first_name") in {"Grace", "Alan"}])
        == 2
    )
    agent = [e for e in log if e["run_id"] == "run-42"]
    assert {e["action"] for e in agent} >= {"create", "update"}
    assert all(
        e["actor_kind"] == "agent"
        and e["source"] == "slack"
        and e["thread_id"] == "thread-7"
        and e["actor_user_id"] == rep_id
        for e in agent
    )
    linus = next(e for e in agent if e["entity"] == "contact" and e["action"] == "create")
    assert linus["after"]["emails"] == ["linus@x.example"]
    assert any(e["entity"] == "activity" and e["after"].get("subject") == "Send proposal" for e in agent)
    assert by(action="export", entity="audit_log", actor_user_id=owner_id)
    # Secrets never reach the log.
    text = json.dumps(log)
    assert "password_hash" not in text and "key_hash" not in text and "token_hash" not in text
    # Filters narrow it down.
    async with client_for(sec_app, org.api_key) as owner:
        only = await _entries(owner, entity="contact", entity_id=ada["id"])
        assert only and all(e["entity_id"] == ada["id"] for e in only)
        slack = await _entries(owner, source="slack")
        assert slack and all(e["source"] == "slack" for e in slack)
        csv_text = (await owner.get("/api/v1/audit/export", params={"format": "csv", "action": "merge"})).text
        rows = list(csv.DictReader(io.StringIO(csv_text)))
        assert [row["action"] for row in rows] == ["merge"]


async def test_audit_log_is_append_only_in_the_database(sec_app, db) -> None:  # type: ignore[no-untyped-def]
    pool = sec_app.state.pool
    org = await new_org(pool)
    async with org_tx(pool, org.org["id"]) as conn:
        cur = await conn.execute("SELECT count(*) AS n FROM audit_log")
        assert (await cur.fetchone())["n"] > 0  # the new organization's owner, key, stages, pipeline
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            async with org_tx(pool, org.org["id"]) as conn:
                await conn.execute(statement)
    # Even the owning (migrating) role cannot change or remove rows: the trigger refuses.
    with psycopg.connect(db.admin, autocommit=True) as admin:
        for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                admin.execute(statement)
    # The erasure hook blanks one subject's values and nothing else.
    async with org_tx(pool, org.org["id"]) as conn:
        cur = await conn.execute("SELECT redact_audit_subject(%s) AS n", (str(org.owner["id"]),))
        assert (await cur.fetchone())["n"] >= 1
        cur = await conn.execute("SELECT after FROM audit_log WHERE entity_id = %s", (str(org.owner["id"]),))
        assert all(r["after"] in (None, {"redacted": True}) for r in await cur.fetchall())


async def test_reps_cannot_read_the_audit_log_managers_cannot_export(sec_app) -> None:  # type: ignore[no-untyped-def]
    pool = sec_app.state.pool
    org = await new_org(pool)
    rep, manager = await add_person(pool, org, "rep"), await add_person(pool, org, "manager")
    async with client_for(sec_app, rep["api_key"]) as r, client_for(sec_app, manager["api_key"]) as m:
        assert (await r.get("/api/v1/audit")).status_code == 403
        assert (await m.get("/api/v1/audit")).status_code == 200
        assert (await m.get("/api/v1/audit/export")).status_code == 403
        assert (await m.get("/api/v1/audit", params={"cursor": "garbage"})).status_code == 422


async def test_approvals_are_audited_and_viewers_cannot_approve(sec_app) -> None:  # type: ignore[no-untyped-def]
    pool, model = sec_app.state.pool, sec_app.state.test_model
    org = await new_org(pool)
    viewer = await add_person(pool, org, "viewer")
    script = [
        fake_call("transfer_to_contacts", task="delete Otto"),
        fake_call("find_contact", name="Otto"),
        lambda m, t: fake_call("delete_contact", contact_id=last_tool_result(m, "find_contact")["contacts"][0]["id"]),
        lambda m, t: "Result: {status}".format(**last_tool_result(m, "delete_contact")),
        lambda m, t: "Otto: {status}".format(**last_tool_result(m, "delete_contact")),
    ]
    await add_contact(pool, org.org["id"], "Otto")
    try:
        for who in (viewer["api_key"], org.api_key):
            model.script, model.position, model.calls, model.cycle = list(script), 0, [], False
            async with client_for(sec_app, who) as api:
                thread = (await api.post("/api/v1/agent/threads")).json()["thread_id"]
                run = (await api.post(f"/api/v1/agent/threads/{thread}/runs", json={"input": "delete Otto"})).json()
                assert run["status"] == "interrupted", run
                url = f"/api/v1/agent/threads/{thread}/runs/{run['run_id']}/resume"
                r = await api.post(url, json={"decision": "approve"})
                if who == viewer["api_key"]:
                    assert r.status_code == 403, r.text
                    continue
                assert r.status_code == 200 and r.json()["output"] == "Otto: deleted"
                log = await _entries(api, action="approval")
        assert len(log) == 1
        entry = log[0]
        assert entry["entity"] == "agent_run" and entry["entity_id"] == run["run_id"]
        assert entry["actor_user_id"] == str(org.owner["id"]) and entry["actor_kind"] == "agent"
        assert entry["after"]["decision"] == "approve" and entry["after"]["actions"] == ["delete_contacts"]
    finally:
        model.script, model.position, model.cycle = ["Done."], 0, True
