"""CSV import over HTTP: upload -> poll the dry run -> run for real with an edited mapping; bad uploads."""

from __future__ import annotations

import asyncio
import json

from leadloom.crm.db.pool import org_tx

CSV = """Full Name,Work E-mail,Mobile,Organisation,Lifecycle,Sign-up
"Lovelace, Ada",ada@analytical.example,+1 (212) 555-0199,Analytical Engines Ltd,Lead,2024-02-01
Grace Hopper,grace@cobol.example,212.555.0142,Cobol Corp,Opportunty,02/03/2024
Grace Hopper,grace@cobol.example,212.555.0142,Cobol Corp,Opportunty,02/03/2024
"""


async def _poll(client, job_id: str) -> dict:
    for _ in range(1200):  # up to a minute: the machine may be busy
        r = await client.get(f"/api/v1/imports/{job_id}")
        assert r.status_code == 200
        body = r.json()
        if body["status"] in {"dry_run_done", "done", "failed"}:
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("import did not finish")


async def _contacts(app, client) -> list[dict]:
    async with org_tx(app.state.pool, client.org.org["id"]) as conn:
        cur = await conn.execute("SELECT first_name, last_name, emails, phones, lifecycle_stage FROM contacts")
        return await cur.fetchall()


async def test_upload_poll_then_run_with_edited_mapping(app, client):
    r = await client.post(
        "/api/v1/imports",
        files={"file": ("leads.csv", CSV.encode(), "text/csv")},
        data={"entity": "contacts"},
    )
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    suggested = r.json()["suggested"]["mapping"]
    assert suggested["email"] == "Work E-mail" and suggested["company_name"] == "Organisation"
    assert suggested["full_name"] == "Full Name" and suggested["mobile_phone"] == "Mobile"

    job = await _poll(client, job_id)
    assert job["status"] == "dry_run_done"
    assert job["stats"]["create"] == 2 and job["stats"]["duplicate"] == 1
    assert any("'Opportunty' → 'Opportunity'" in w["message"] for w in job["warnings"])
    assert await _contacts(app, client) == []

    # The person drops the lifecycle column from the mapping and runs it for real.
    mapping = {k: v for k, v in suggested.items() if k != "lifecycle_stage"}
    r = await client.post(f"/api/v1/imports/{job_id}/run", json={"mapping": mapping, "dry_run": False})
    assert r.status_code == 202, r.text
    job = await _poll(client, job_id)
    assert job["status"] == "done", job["error"]
    assert job["stats"]["created"] == 2 and job["mapping"] == mapping
    rows = sorted(await _contacts(app, client), key=lambda c: c["first_name"])
    assert [(c["first_name"], c["last_name"]) for c in rows] == [("Ada", "Lovelace"), ("Grace", "Hopper")]
    assert rows[0]["phones"] == ["+12125550199"] and rows[0]["lifecycle_stage"] is None

    # Running it again is idempotent.
    r = await client.post(f"/api/v1/imports/{job_id}/run", json={"dry_run": False})
    job = await _poll(client, job_id)
    assert job["stats"]["created"] == 0 and job["stats"]["unchanged"] == 2


async def test_mapping_that_does_not_fit_is_a_422(client):
    r = await client.post(
        "/api/v1/imports",
        files={"file": ("leads.csv", CSV.encode(), "text/csv")},
        data={"entity": "contacts", "mapping": json.dumps({"email": "No Such Column", "shoe_size": "Mobile"})},
    )
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"mapping.email", "mapping.shoe_size"}
    r = await client.post(
        "/api/v1/imports", files={"file": ("x.csv", CSV.encode())}, data={"entity": "contacts", "mapping": "{nope"}
    )
    assert r.status_code == 422 and "JSON" in r.json()["detail"]


async def test_not_a_csv_is_a_422_problem_and_nothing_is_stored(app, client):
    for data in (b"\x00\x01\x02\x03" * 500, b"", b"\xff\xd8\xff\xe0JFIF" + bytes(range(256)) * 4):
        r = await client.post("/api/v1/imports", files={"file": ("photo.csv", data)}, data={"entity": "contacts"})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "Traceback" not in r.text
    r = await client.post("/api/v1/imports", files={"file": ("a.csv", CSV.encode())}, data={"entity": "widgets"})
    assert r.status_code == 422
    async with org_tx(app.state.pool, client.org.org["id"]) as conn:
        cur = await conn.execute("SELECT count(*) AS n FROM import_jobs")
        assert (await cur.fetchone())["n"] == 0


async def test_oversized_upload_is_a_413(app, client):
    limit = app.state.settings.max_upload_bytes
    app.state.settings.max_upload_bytes = 10_000  # the middleware read it at start; the service reads it here
    try:
        big = b"Email,Name\n" + b"someone@example.com,Some One\n" * 2_000
        r = await client.post("/api/v1/imports", files={"file": ("big.csv", big)}, data={"entity": "contacts"})
        assert r.status_code == 413
        assert r.headers["content-type"].startswith("application/problem+json")
    finally:
        app.state.settings.max_upload_bytes = limit
    # And past the middleware's own limit, refused before the body is read.
    r = await client.post(
        "/api/v1/imports",
        content=b"x" * 10,
        headers={"content-type": "multipart/form-data; boundary=x", "content-length": str(limit + 1)},
    )
    assert r.status_code == 413


async def test_other_organizations_cannot_see_a_job(app, client):
    r = await client.post("/api/v1/imports", files={"file": ("a.csv", CSV.encode())}, data={"entity": "contacts"})
    job_id = r.json()["id"]
    await _poll(client, job_id)
    from tests.conftest import new_org

    other = await new_org(app.state.pool, "Other Agency")
    r = await client.get(f"/api/v1/imports/{job_id}", headers={"Authorization": f"Bearer {other.api_key}"})
    assert r.status_code == 404
    r = await client.post(
        f"/api/v1/imports/{job_id}/run", json={}, headers={"Authorization": f"Bearer {other.api_key}"}
    )
    assert r.status_code == 404


async def test_a_crash_in_the_background_marks_the_job_failed(app, client, monkeypatch):
    from leadloom.crm.repositories import imports as repo

    async def explode(conn, **kw):
        raise RuntimeError("connection reset by peer")

    monkeypatch.setattr(repo, "write_batch", explode)
    r = await client.post(
        "/api/v1/imports", files={"file": ("a.csv", CSV.encode())}, data={"entity": "contacts", "dry_run": "false"}
    )
    assert r.status_code == 202
    job = await _poll(client, r.json()["id"])
    assert job["status"] == "failed" and "connection reset by peer" in job["error"]
    assert await _contacts(app, client) == []
