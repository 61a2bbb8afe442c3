"""Tenant isolation matrix: a second organization's owner gets 404 (never 403, never the data) for every
route of the OpenAPI schema that takes an id, with the first organization's ids; sees none of its records
in lists, search or exports; and cannot reach them through the agents' tools.

The matrix is generated from the app's OpenAPI schema: a new route with an id parameter that this file does
not know how to fill fails the test until it is added here.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.models.campaigns import SegmentCreate
from leadloom.crm.services import segments
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import all_tools
from tests.conftest import new_org
from tests.integration.security.conftest import add_person, client_for
from tests.integration.tools.conftest import call

MARK = "Qzxwv"  # in every name org A writes; must never reach org B

# Bodies for the routes that need one (a valid body, so a 404 proves the id was not found rather than a 422
# proving nothing). Keyed by (METHOD, path template).
BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/api/v1/users/{user_id}"): {"role": "viewer"},
    ("POST", "/api/v1/api-keys/{key_id}/rotate"): {"grace_s": 0},
    ("POST", "/api/v1/imports/{job_id}/run"): {"dry_run": True},
    ("PATCH", "/api/v1/contacts/{contact_id}"): {"first_name": "Changed"},
    ("PATCH", "/api/v1/companies/{company_id}"): {"name": "Changed"},
    ("PATCH", "/api/v1/deals/{deal_id}"): {"name": "Changed"},
    ("POST", "/api/v1/deals/{deal_id}/stage"): {"stage": "Discovery"},
    ("PATCH", "/api/v1/activities/{activity_id}"): {"subject": "Changed"},
    ("PUT", "/api/v1/pipelines/{pipeline_id}/stages"): {
        "stages": [{"name": "Only", "probability": 10, "kind": "open"}]
    },
    ("POST", "/api/v1/agent/threads/{thread_id}/runs"): {"input": "hello"},
    ("POST", "/api/v1/agent/threads/{thread_id}/runs/stream"): {"input": "hello"},
    ("POST", "/api/v1/agent/threads/{thread_id}/runs/{run_id}/resume"): {"decision": "approve"},
    ("POST", "/api/v1/agent/threads/{thread_id}/runs/{run_id}/resume/stream"): {"decision": "approve"},
    ("POST", "/api/v1/contacts/{contact_id}/score/correction"): {"label": True},
}
NO_BODY = {"DELETE", "GET"}


async def _wait_import(api: Any, job_id: str) -> None:
    for _ in range(100):
        r = await api.get(f"/api/v1/imports/{job_id}")
        if r.json()["status"] not in {"pending", "running"}:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("import did not finish")


@pytest.fixture(scope="module")
async def world(sec_app) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Org A with one of everything (through its API), and org B's owner."""
    pool = sec_app.state.pool
    org_a, org_b = await new_org(pool, "Alpha Agency"), await new_org(pool, "Beta Agency")
    ids: dict[str, str] = {}
    async with client_for(sec_app, org_a.api_key) as a:
        c1 = (
            await a.post(
                "/api/v1/contacts",
                json={"first_name": MARK, "last_name": "One", "email": f"{MARK.lower()}1@alpha.example"},
            )
        ).json()
        c2 = (
            await a.post(
                "/api/v1/contacts",
                json={"first_name": MARK, "last_name": "One", "email": f"{MARK.lower()}2@alpha.example"},
            )
        ).json()
        c3 = (
            await a.post(
                "/api/v1/contacts", json={"first_name": MARK, "last_name": "Three", "email": "three@alpha.example"}
            )
        ).json()
        ids["contact_id"] = c3["id"]
        ids["company_id"] = (await a.post("/api/v1/companies", json={"name": f"{MARK} Co"})).json()["id"]
        ids["deal_id"] = (await a.post("/api/v1/deals", json={"name": f"{MARK} deal", "amount": 10})).json()["id"]
        ids["activity_id"] = (
            await a.post("/api/v1/activities", json={"type": "note", "body": f"{MARK} note", "contact_id": c3["id"]})
        ).json()["id"]
        ids["task_id"] = (
            await a.post("/api/v1/tasks", json={"subject": f"{MARK} task", "contact_id": c3["id"]})
        ).json()["id"]
        merge = (await a.post("/api/v1/contacts/merge", json={"winner_id": c1["id"], "loser_id": c2["id"]})).json()
        ids["merge_id"] = merge["merge_id"]
        pipelines = (await a.get("/api/v1/pipelines")).json()
        ids["pipeline_id"] = pipelines[0]["id"]
        ids["field_id"] = (
            await a.post(
                "/api/v1/custom-fields",
                json={"entity": "contact", "key": "qzx", "label": f"{MARK} field", "type": "text"},
            )
        ).json()["id"]
        job = await a.post(
            "/api/v1/imports",
            files={"file": ("a.csv", f"first_name,email\n{MARK},imp@alpha.example\n".encode(), "text/csv")},
            data={"entity": "contacts"},
        )
        ids["job_id"] = job.json()["id"]
        await _wait_import(a, ids["job_id"])
        thread = (await a.post("/api/v1/agent/threads", json={"title": f"{MARK} thread"})).json()["thread_id"]
        ids["thread_id"] = thread
        run = await a.post(f"/api/v1/agent/threads/{thread}/runs", json={"input": f"hello {MARK}"})
        ids["run_id"] = run.json()["run_id"]
        await a.get(f"/api/v1/contacts/{c3['id']}/score")  # makes the cold-start model
        models = (await a.get("/api/v1/scoring/models")).json()
        ids["model_id"] = (models.get("items") if isinstance(models, dict) else models)[0]["id"]
        segment = await segments.create_segment(
            pool,
            Actor(org_id=org_a.org["id"], user_id=org_a.owner["id"], role="owner"),
            SegmentCreate(name=f"{MARK} Three", filters={"query": MARK}),
        )
        ids["segment_id"] = str(segment["id"])
        rep = await add_person(pool, org_a, "rep")
        ids["user_id"] = str(rep["id"])
        ids["invitation_id"] = (
            await a.post("/api/v1/invitations", json={"email": f"{MARK.lower()}@alpha.example", "role": "rep"})
        ).json()["id"]
        keys = (await a.get("/api/v1/api-keys")).json()
        ids["key_id"] = keys[0]["id"]
    return {"a": org_a, "b": org_b, "ids": ids}


def _id_routes(app: Any) -> list[tuple[str, str, list[str]]]:
    routes = []
    for path, ops in app.openapi()["paths"].items():
        params = re.findall(r"{(\w+)}", path)
        if params:
            routes.extend((method.upper(), path, params) for method in ops)
    return routes


async def test_every_route_with_an_id_is_404_for_another_org(sec_app, world) -> None:  # type: ignore[no-untyped-def]
    ids = world["ids"]
    routes = _id_routes(sec_app)
    assert len(routes) > 40, "the schema lost its routes?"
    uncovered = sorted({p for _, path, params in routes for p in params if p not in ids})
    assert not uncovered, f"routes take ids this matrix cannot fill yet: {uncovered}; add them to world()"
    missing_body = []
    failures = []
    async with client_for(sec_app, world["b"].api_key) as b:
        for method, path, params in routes:
            url = path.format(**{p: ids[p] for p in params})
            body = BODIES.get((method, path))
            if body is None and method not in NO_BODY:
                schema = sec_app.openapi()["paths"][path][method.lower()]
                if schema.get("requestBody", {}).get("required"):
                    missing_body.append(f"{method} {path}")
                    continue
            r = await b.request(method, url, json=body)
            if r.status_code != 404 or MARK in r.text:
                failures.append(f"{method} {path} -> {r.status_code} {r.text[:200]}")
    assert not missing_body, f"add a valid body to BODIES for: {missing_body}"
    assert not failures, "\n".join(failures)
    # And nothing of A's changed: its records are all still there, as they were.
    async with client_for(sec_app, world["a"].api_key) as a:
        contact = await a.get(f"/api/v1/contacts/{ids['contact_id']}")
        assert contact.status_code == 200 and contact.json()["first_name"] == MARK
        assert (await a.get(f"/api/v1/deals/{ids['deal_id']}")).json()["name"] == f"{MARK} deal"
        users = (await a.get("/api/v1/users")).json()
        assert next(u for u in users if u["id"] == ids["user_id"])["role"] == "rep"
        keys = (await a.get("/api/v1/api-keys")).json()
        assert next(k for k in keys if k["id"] == ids["key_id"])["revoked_at"] is None


async def test_lists_search_and_exports_never_show_another_orgs_records(sec_app, world) -> None:  # type: ignore[no-untyped-def]
    """Every GET route without an id, as org B: none of A's names or ids appear."""
    ids = world["ids"]
    queries = {"/api/v1/search": {"q": MARK}, "/api/v1/contacts": {"q": MARK}}
    checked = 0
    async with client_for(sec_app, world["b"].api_key) as b:
        for path, ops in sec_app.openapi()["paths"].items():
            if "{" in path or "get" not in ops or not path.startswith("/api/"):
                continue
            r = await b.get(path, params=queries.get(path))
            assert r.status_code in {200, 422}, f"GET {path} -> {r.status_code} {r.text[:200]}"
            assert MARK not in r.text, f"GET {path} shows another organization's data"
            for value in ids.values():
                assert value not in r.text, f"GET {path} shows another organization's id {value}"
            checked += 1
        for fmt in ("csv", "jsonl"):
            r = await b.get("/api/v1/audit/export", params={"format": fmt})
            assert r.status_code == 200 and MARK not in r.text
            assert not any(v in r.text for v in ids.values())
        r = await b.get("/api/v1/api-keys", params={"everyone": "true"})
        assert not any(v in r.text for v in ids.values())
    assert checked >= 15


# Tool parameters that name a record: given org A's id (and, for text lookups, A's names).
REF_PARAMS = {"contact", "company", "deal", "task", "segment", "winner", "loser", "pipeline"}
ID_FOR = {
    "segment": "segment_id",
    "contact": "contact_id",
    "company": "company_id",
    "deal": "deal_id",
    "task": "task_id",
    "winner": "contact_id",
    "loser": "contact_id",
    "pipeline": "pipeline_id",
}
FILLERS: dict[str, Any] = {
    "changes": {"title": "Changed"},
    "stage": "Discovery",
    "type": "note",
    "subject": "S",
    "channel": "email",
    "body": "B",
    "period": "month",
    "filters": {"tag": "nothing-here"},
}


def _args_for(tool: Any, ids: dict[str, str], by: str) -> dict[str, Any]:
    schema = tool.tool_call_schema.model_json_schema()
    creating = tool.name.startswith(("create_", "draft_"))
    args: dict[str, Any] = {}
    for name in schema.get("properties", {}):
        if name in REF_PARAMS:
            args[name] = ids[ID_FOR[name]] if by == "id" and name in ID_FOR else f"{MARK} Three"
        elif name in {"query", "name"} and not creating:
            args[name] = MARK
        elif name in schema.get("required", []):
            args[name] = FILLERS.get(name, "Filler")
    if tool.name == "merge_contacts" and by == "name":
        args["loser"] = f"{MARK} One"
    return args


@pytest.mark.parametrize("by", ["id", "name"])
async def test_agent_tools_cannot_reach_another_org(sec_app, world, settings, by: str) -> None:  # type: ignore[no-untyped-def]
    pool = sec_app.state.pool
    b = world["b"]
    ctx = AgentContext(
        pool=pool,
        actor=Actor(org_id=b.org["id"], user_id=b.owner["id"], role="owner", source="chat", run_id="r-x"),
        settings=settings,
        approval_threshold=1000,
    )
    leaks = []
    for tool in all_tools():
        args = _args_for(tool, world["ids"], by)
        try:
            result = await call(tool, ctx, **args)
        except Exception as exc:  # an approval interrupt here would mean A's record resolved: a leak too
            leaks.append(f"{tool.name}({args}) raised {type(exc).__name__}: {exc}")
            continue
        text = json.dumps(result, default=str)
        # Errors may echo the argument given; A's data (its email domain) or, for lookups by name, its ids
        # must never come back.
        echoed_ids = by == "name" and any(v in text for v in world["ids"].values())
        if "alpha.example" in text or echoed_ids:
            leaks.append(f"{tool.name}({args}) -> {json.dumps(result, default=str)[:300]}")
    assert not leaks, "\n".join(leaks)
    # Org A's records are untouched by all of that.
    async with client_for(sec_app, world["a"].api_key) as a:
        r = await a.get(f"/api/v1/contacts/{world['ids']['contact_id']}")
        assert r.status_code == 200 and r.json()["title"] is None and r.json()["first_name"] == MARK


async def test_rls_hides_rows_even_from_raw_sql(sec_app, world) -> None:  # type: ignore[no-untyped-def]
    """Below the services: with B's organization set, A's rows do not exist, on every tenant table."""
    pool = sec_app.state.pool
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity"
        )
        tables = [r["relname"] for r in await cur.fetchall()]
        cur = await conn.execute("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert await cur.fetchone() == {"rolbypassrls": False, "rolsuper": False}
    assert {"contacts", "audit_log", "sessions", "teams", "invitations"} <= set(tables)
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(world["b"].org["id"]),))
        for table in tables:
            if table == "login_attempts":
                continue
            col = "id" if table == "organizations" else "org_id"
            cur = await conn.execute(f"SELECT count(*) AS n FROM {table} WHERE {col} = %s", (world["a"].org["id"],))
            assert (await cur.fetchone())["n"] == 0, table
    # A tenant table without RLS would be a hole: every table with an org_id column has it forced.
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"
        )
        assert [r["relname"] for r in await cur.fetchall()] == []
