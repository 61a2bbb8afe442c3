"""OWASP API3 (object property level authorization): requests cannot set properties they do not own
(mass assignment of org_id, ids, scores, timestamps), and responses never carry secrets or hashes."""

from __future__ import annotations

import json

from tests.conftest import new_org
from tests.integration.security.conftest import client_for, sec_app  # noqa: F401

HIDDEN = ("password_hash", "key_hash", "token_hash", "secret", "embedding")


async def test_no_mass_assignment_and_no_secrets_in_responses(sec_app, pool) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    org, other = await new_org(pool), await new_org(pool, "Other")
    owner = client_for(sec_app, org.api_key)
    created = await owner.post("/api/v1/contacts", json={"name": "Prop Test", "email": "prop@t.example"})
    assert created.status_code == 201
    cid = created.json()["id"]
    for field, value in (
        ("org_id", str(other.org["id"])),
        ("id", "00000000-0000-0000-0000-000000000001"),
        ("score", 100),
        ("created_at", "2001-01-01T00:00:00Z"),
        ("deleted_at", None),
        ("email_unsubscribed_at", None),
    ):
        r = await owner.patch(f"/api/v1/contacts/{cid}", json={field: value})
        assert r.status_code == 422, (field, r.status_code, r.text)
        r = await owner.post("/api/v1/contacts", json={"name": "Smuggler", field: value})
        assert r.status_code == 422, (field, r.status_code, r.text)
    after = (await owner.get(f"/api/v1/contacts/{cid}")).json()
    assert after["id"] == cid and after.get("score") != 100

    bodies = [
        (await owner.get(path)).text
        for path in ("/api/v1/users", "/api/v1/api-keys", "/api/v1/contacts", f"/api/v1/contacts/{cid}", "/api/v1/me")
    ]
    for body in bodies:
        keys = json.dumps(json.loads(body)).lower() if body.startswith(("{", "[")) else body.lower()
        assert not any(f'"{k}"' in keys for k in HIDDEN), body[:500]
    assert org.api_key not in "".join(bodies)
