"""API plumbing: health, authentication, problem responses, size limits."""

from __future__ import annotations

import httpx


async def test_healthz_checks_database(client):
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["database"] == "ok"


async def test_missing_or_bad_key_is_a_401_problem(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as anon:
        r = await anon.get("/api/v1/me")
        assert r.status_code == 401
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["title"] == "Unauthorized"
        r = await anon.get("/api/v1/me", headers={"Authorization": "Bearer ll_nope_nope"})
        assert r.status_code == 401


async def test_me_reports_the_keys_user(client):
    r = await client.get("/api/v1/me")
    assert r.status_code == 200
    assert r.json()["org_id"] == str(client.org.org["id"])
    assert r.json()["role"] == "owner"


async def test_unknown_route_is_a_problem(client):
    r = await client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["status"] == 404


async def test_oversized_body_is_refused_before_parsing(client):
    r = await client.post("/api/v1/users", content=b"x" * 2_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]


async def test_invalid_body_names_the_field(client):
    r = await client.post("/api/v1/users", json={"email": "a@b.co", "name": "", "role": "god"})
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"name", "role"} <= fields


async def test_read_only_key_cannot_write(client):
    r = await client.post("/api/v1/api-keys", json={"name": "ro", "scopes": ["read"]})
    assert r.status_code == 201
    ro = r.json()["api_key"]
    r = await client.post(
        "/api/v1/users", json={"email": "x@y.co", "name": "X"}, headers={"Authorization": f"Bearer {ro}"}
    )
    assert r.status_code == 403
    r = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {ro}"})
    assert r.status_code == 200
