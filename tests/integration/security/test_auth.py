"""Sign-in: password login to a session cookie, CSRF rules for cookie writes, logout, lockout after failed
logins, invitations, password resets, and the API key lifecycle (scopes, expiry, list, revoke, rotate)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.services import auth
from tests.conftest import new_org
from tests.integration.security.conftest import PASSWORD, add_person, client_for


async def test_login_sets_a_secure_session_cookie_usable_by_the_browser(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    rep = await add_person(sec_app.state.pool, org, "rep")
    async with client_for(sec_app) as web:
        r = await web.post("/api/v1/auth/login", json={"email": rep["email"].upper(), "password": PASSWORD})
        assert r.status_code == 200, r.text
        assert r.json()["role"] == "rep"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "leadloom_session=" in cookie
        assert (await web.get("/api/v1/me")).json()["user_id"] == str(rep["id"])
        # Writes with only the cookie need the CSRF header, and a foreign Origin is refused.
        body = {"first_name": "Cookie", "last_name": "Person"}
        assert (await web.post("/api/v1/contacts", json=body)).status_code == 403
        r = await web.post(
            "/api/v1/contacts", json=body, headers={"X-Requested-With": "fetch", "Origin": "https://evil.example"}
        )
        assert r.status_code == 403
        r = await web.post(
            "/api/v1/contacts", json=body, headers={"X-Requested-With": "fetch", "Origin": "http://localhost"}
        )
        assert r.status_code == 201, r.text
        assert (await web.post("/api/v1/auth/logout", headers={"X-Requested-With": "fetch"})).status_code == 204
        assert (await web.get("/api/v1/me")).status_code == 401
    # The session token is stored only as a hash.
    async with org_tx(sec_app.state.pool, org.org["id"]) as conn:
        cur = await conn.execute("SELECT token_hash, revoked_at FROM sessions WHERE user_id = %s", (rep["id"],))
        row = await cur.fetchone()
    assert row is not None and len(row["token_hash"]) == 64 and row["revoked_at"] is not None


async def test_cookie_is_secure_off_localhost(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    rep = await add_person(sec_app.state.pool, org, "rep")
    async with client_for(sec_app, base_url="https://crm.example") as web:
        r = await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": PASSWORD})
        assert "secure" in r.headers["set-cookie"].lower()
        assert r.headers["strict-transport-security"].startswith("max-age=")


async def test_wrong_password_then_lockout(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    rep = await add_person(sec_app.state.pool, org, "rep")
    async with client_for(sec_app) as web:
        for _ in range(5):
            r = await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": "wrong password!"})
            assert r.status_code == 401
            assert r.json()["detail"] == "wrong email or password"
        # Locked: even the right password is refused, with a clear problem and Retry-After.
        r = await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": PASSWORD})
        assert r.status_code == 429
        assert r.headers["content-type"].startswith("application/problem+json")
        assert 0 < int(r.headers["retry-after"]) <= 900
        # Unknown emails answer exactly like wrong passwords.
        r = await web.post("/api/v1/auth/login", json={"email": "nobody@nowhere.example", "password": "x" * 12})
        assert r.status_code == 401 and r.json()["detail"] == "wrong email or password"
    async with org_tx(sec_app.state.pool, org.org["id"]) as conn:
        cur = await conn.execute("SELECT action FROM audit_log WHERE entity_id = %s ORDER BY id", (str(rep["id"]),))
        actions = [r["action"] for r in await cur.fetchall()]
    assert actions.count("login_failed") == 5 and "login" not in actions


async def test_invitation_is_one_time_and_creates_the_user(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    async with client_for(sec_app, org.api_key) as owner, client_for(sec_app) as web:
        team = (await owner.post("/api/v1/teams", json={"name": "North"})).json()
        r = await owner.post(
            "/api/v1/invitations", json={"email": "New.Person@Example.com", "role": "manager", "team_id": team["id"]}
        )
        assert r.status_code == 201, r.text
        token = r.json()["token"]
        listed = (await owner.get("/api/v1/invitations")).json()
        assert "token" not in listed[0] and listed[0]["email"] == "new.person@example.com"
        r = await web.post("/api/v1/auth/invitations/accept", json={"token": token, "name": "New", "password": "short"})
        assert r.status_code == 422
        r = await web.post(
            "/api/v1/auth/invitations/accept", json={"token": token, "name": "New Person", "password": PASSWORD}
        )
        assert r.status_code == 201, r.text
        assert r.json()["role"] == "manager" and r.json()["team_id"] == team["id"]
        again = await web.post(
            "/api/v1/auth/invitations/accept", json={"token": token, "name": "Again", "password": PASSWORD}
        )
        assert again.status_code == 404
        r = await web.post("/api/v1/auth/login", json={"email": "new.person@example.com", "password": PASSWORD})
        assert r.status_code == 200 and r.json()["role"] == "manager"


async def test_only_admins_invite_and_admins_cannot_make_owners(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    manager = await add_person(sec_app.state.pool, org, "manager")
    admin = await add_person(sec_app.state.pool, org, "admin")
    async with client_for(sec_app, manager["api_key"]) as m, client_for(sec_app, admin["api_key"]) as a:
        assert (await m.post("/api/v1/invitations", json={"email": "x@example.com"})).status_code == 403
        r = await a.post("/api/v1/invitations", json={"email": "y@example.com", "role": "owner"})
        assert r.status_code == 403
        r = await a.patch(f"/api/v1/users/{org.owner['id']}", json={"role": "viewer"})
        assert r.status_code == 403


async def test_password_reset_token_is_one_time_and_ends_sessions(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    rep = await add_person(sec_app.state.pool, org, "rep")
    async with client_for(sec_app, org.api_key) as owner, client_for(sec_app) as web:
        assert (await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": PASSWORD})).is_success
        r = await owner.post(f"/api/v1/users/{rep['id']}/password-reset")
        assert r.status_code == 201
        token = r.json()["token"]
        new_password = "a brand new passphrase"
        assert (
            await web.post("/api/v1/auth/password-reset", json={"token": token, "password": new_password})
        ).status_code == 204
        assert (await web.get("/api/v1/me")).status_code == 401  # the old session ended
        again = await web.post("/api/v1/auth/password-reset", json={"token": token, "password": new_password})
        assert again.status_code == 404
        assert (
            await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": PASSWORD})
        ).status_code == 401
        ok = await web.post("/api/v1/auth/login", json={"email": rep["email"], "password": new_password})
        assert ok.status_code == 200
    # A rep cannot issue a reset for someone else.
    async with client_for(sec_app, rep["api_key"]) as r_client:
        assert (await r_client.post(f"/api/v1/users/{org.owner['id']}/password-reset")).status_code == 403


async def test_api_key_scopes_expiry_list_revoke_rotate(sec_app) -> None:  # type: ignore[no-untyped-def]
    org = await new_org(sec_app.state.pool)
    rep = await add_person(sec_app.state.pool, org, "rep")
    async with client_for(sec_app, rep["api_key"]) as r:
        assert (await r.post("/api/v1/api-keys", json={"name": "x", "scopes": ["admin"]})).status_code == 403
        ro = (await r.post("/api/v1/api-keys", json={"name": "ro", "scopes": ["read"]})).json()
        past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
        assert (await r.post("/api/v1/api-keys", json={"name": "old", "expires_at": past})).status_code == 422
        keys = (await r.get("/api/v1/api-keys")).json()
        assert {k["name"] for k in keys} == {"rep", "ro"} and all("api_key" not in k for k in keys)
        assert (await r.get("/api/v1/api-keys", params={"everyone": "true"})).status_code == 403
    async with client_for(sec_app, ro["api_key"]) as read_only:
        assert (await read_only.get("/api/v1/contacts")).status_code == 200
        assert (await read_only.post("/api/v1/contacts", json={"first_name": "No"})).status_code == 403
    async with client_for(sec_app, rep["api_key"]) as r:
        # Rotation with a grace period: old and new both work; after revoking, the old one is gone.
        rotated = await r.post(f"/api/v1/api-keys/{ro['id']}/rotate", json={"grace_s": 3600})
        assert rotated.status_code == 201
        new_key = rotated.json()["api_key"]
        assert new_key != ro["api_key"]
        async with client_for(sec_app, new_key) as fresh, client_for(sec_app, ro["api_key"]) as old:
            assert (await fresh.get("/api/v1/me")).status_code == 200
            assert (await old.get("/api/v1/me")).status_code == 200
            assert (await r.delete(f"/api/v1/api-keys/{ro['id']}")).status_code == 204
            assert (await old.get("/api/v1/me")).status_code == 401
            assert (await fresh.get("/api/v1/me")).status_code == 200
        # Rotation without grace ends the old secret at once.
        rotated = (await r.post(f"/api/v1/api-keys/{rotated.json()['id']}/rotate")).json()
        async with client_for(sec_app, new_key) as gone:
            assert (await gone.get("/api/v1/me")).status_code == 401
        async with client_for(sec_app, rotated["api_key"]) as newest:
            assert (await newest.get("/api/v1/me")).status_code == 200
    # Another person's key is not theirs to revoke (404 would hide it; same org so it is a 403).
    async with client_for(sec_app, org.api_key) as owner:
        others = (await owner.get("/api/v1/api-keys", params={"everyone": "true"})).json()
        assert any(k["user_id"] == str(rep["id"]) for k in others)
    async with client_for(sec_app, rep["api_key"]) as r:
        owner_key = next(k for k in others if k["user_id"] == str(org.owner["id"]))
        assert (await r.delete(f"/api/v1/api-keys/{owner_key['id']}")).status_code == 403


async def test_chat_sign_in_uses_the_same_lockout_and_audit(sec_app, settings) -> None:  # type: ignore[no-untyped-def]
    from leadloom.chat_ui import app as chat_app
    from leadloom.chat_ui import state

    pool = sec_app.state.pool
    org = await new_org(pool)
    owner = Actor(org_id=org.org["id"], user_id=org.owner["id"], role="owner")
    team = await auth.create_team(pool, owner, "Chat team")
    manager = await add_person(pool, org, "manager", team_id=team["id"])
    state.set_runner(None, pool, settings)
    try:
        user = await chat_app.auth(manager["email"], PASSWORD)
        assert user is not None
        assert user.metadata["role"] == "manager" and user.metadata["team_id"] == str(team["id"])
        for _ in range(5):
            assert await chat_app.auth(manager["email"], "not the password") is None
        assert await chat_app.auth(manager["email"], PASSWORD) is None  # locked out
    finally:
        state.clear()
    async with org_tx(pool, org.org["id"]) as conn:
        cur = await conn.execute(
            "SELECT action, source FROM audit_log WHERE entity_id = %s AND action LIKE 'login%%' ORDER BY id",
            (str(manager["id"]),),
        )
        rows = await cur.fetchall()
    assert rows[0] == {"action": "login", "source": "chat"}
    assert [r["action"] for r in rows[1:]] == ["login_failed"] * 5
