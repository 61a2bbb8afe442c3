"""The privacy endpoints over HTTP: export as JSON and as a CSV zip, erasure for owners and admins only,
404 (never 403 with details) for another organization's person, and unsubscribes."""

from __future__ import annotations

import io
import zipfile

from tests.conftest import new_org
from tests.integration.security.conftest import add_person, client_for, sec_app  # noqa: F401


async def test_export_erase_and_unsubscribe_over_http(sec_app, pool) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    org = await new_org(pool)
    owner = client_for(sec_app, org.api_key)
    rep = await add_person(pool, org, "rep")
    admin = await add_person(pool, org, "admin")
    created = await owner.post(
        "/api/v1/contacts",
        json={"name": "Hana Httpson", "email": "hana@http.example", "phone": "+1 212 555 0101", "email_consent": True},
    )
    assert created.status_code == 201, created.text

    r = await owner.post("/api/v1/privacy/export", json={"contact": "hana@http.example"})
    assert r.status_code == 200 and r.json()["contacts"][0]["emails"] == ["hana@http.example"]
    r = await owner.post("/api/v1/privacy/export?format=csv", json={"contact": "Hana Httpson"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert "hana@http.example" in zf.read("contacts.csv").decode()

    r = await owner.post("/api/v1/privacy/unsubscribe", json={"contact": "hana@http.example", "channel": "email"})
    assert r.status_code == 200 and r.json()["can_contact"]["email"] is False
    # Consent cannot come back through an ordinary update once the person unsubscribed.
    r = await owner.patch(f"/api/v1/contacts/{created.json()['id']}", json={"email_consent": True})
    assert r.status_code == 200 and r.json()["email_consent"] is False

    other = await new_org(pool, "Elsewhere")
    r = await client_for(sec_app, other.api_key).post("/api/v1/privacy/export", json={"contact": "hana@http.example"})
    assert r.status_code == 404
    r = await client_for(sec_app, other.api_key).post(
        "/api/v1/privacy/erase", json={"contact": created.json()["id"], "reason": "x"}
    )
    assert r.status_code == 404

    r = await client_for(sec_app, rep["api_key"]).post(
        "/api/v1/privacy/erase", json={"contact": "hana@http.example", "reason": "asked"}
    )
    assert r.status_code == 403
    r = await client_for(sec_app, admin["api_key"]).post(
        "/api/v1/privacy/erase", json={"contact": "hana@http.example", "reason": "asked by email"}
    )
    assert r.status_code == 200 and r.json()["counts"]["contacts"] == 1
    r = await owner.get(f"/api/v1/contacts/{created.json()['id']}")
    assert r.status_code == 404
