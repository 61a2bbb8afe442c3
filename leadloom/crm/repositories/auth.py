"""SQL for sign-in (sessions, invitations, password resets, throttling), teams, user access and API keys.

Thin keyword-only wrappers over the named queries in crm/sql/auth.sql; the pre-organization lookups call
the SECURITY DEFINER functions of migration 0080.
"""

from __future__ import annotations

from typing import Any

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def _one(conn: Conn, name: str, params: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q("auth", name), params)
    return await cur.fetchone() if cur.description else None


async def _all(conn: Conn, name: str, params: dict[str, Any]) -> list[Row]:
    cur = await conn.execute(q("auth", name), params)
    return await cur.fetchall()


async def _exec(conn: Conn, name: str, params: dict[str, Any]) -> int:
    cur = await conn.execute(q("auth", name), params)
    return cur.rowcount


async def auth_session(conn: Conn, *, token_hash: str) -> Row | None:
    return await _one(conn, "auth_session", {"token_hash": token_hash})


async def auth_invitation(conn: Conn, *, token_hash: str) -> Row | None:
    return await _one(conn, "auth_invitation", {"token_hash": token_hash})


async def auth_password_reset(conn: Conn, *, token_hash: str) -> Row | None:
    return await _one(conn, "auth_password_reset", {"token_hash": token_hash})


async def record_login(conn: Conn, *, email: str, ip: str | None, ok: bool) -> None:
    await conn.execute(q("auth", "record_login"), {"email": email, "ip": ip, "ok": ok})


async def login_failures(conn: Conn, *, email: str, ip: str | None, window: Any) -> Row:
    row = await _one(conn, "login_failures", {"email": email, "ip": ip, "window": window})
    assert row is not None
    return row


async def insert_session(conn: Conn, **params: Any) -> Row:
    row = await _one(conn, "insert_session", params)
    assert row is not None
    return row


async def revoke_session(conn: Conn, *, org_id: Any, token_hash: str) -> int:
    return await _exec(conn, "revoke_session", {"org_id": org_id, "token_hash": token_hash})


async def revoke_user_sessions(conn: Conn, *, org_id: Any, user_id: Any) -> int:
    return await _exec(conn, "revoke_user_sessions", {"org_id": org_id, "user_id": user_id})


async def insert_invitation(conn: Conn, **params: Any) -> Row:
    row = await _one(conn, "insert_invitation", params)
    assert row is not None
    return row


async def get_invitation_for_update(conn: Conn, *, org_id: Any, id: Any) -> Row | None:
    return await _one(conn, "get_invitation_for_update", {"org_id": org_id, "id": id})


async def accept_invitation(conn: Conn, *, org_id: Any, id: Any) -> None:
    await _exec(conn, "accept_invitation", {"org_id": org_id, "id": id})


async def list_invitations(conn: Conn, *, org_id: Any) -> list[Row]:
    return await _all(conn, "list_invitations", {"org_id": org_id})


async def revoke_invitation(conn: Conn, *, org_id: Any, id: Any) -> bool:
    return await _one(conn, "revoke_invitation", {"org_id": org_id, "id": id}) is not None


async def insert_user(conn: Conn, **params: Any) -> Row:
    row = await _one(conn, "insert_user_with_team", params)
    assert row is not None
    return row


async def insert_password_reset(conn: Conn, **params: Any) -> Row:
    row = await _one(conn, "insert_password_reset", params)
    assert row is not None
    return row


async def use_password_reset(conn: Conn, *, org_id: Any, id: Any) -> Row | None:
    return await _one(conn, "use_password_reset", {"org_id": org_id, "id": id})


async def set_password(conn: Conn, *, org_id: Any, user_id: Any, password_hash: str) -> None:
    await _exec(conn, "set_password", {"org_id": org_id, "user_id": user_id, "password_hash": password_hash})


async def get_user(conn: Conn, *, org_id: Any, user_id: Any) -> Row | None:
    return await _one(conn, "get_user_full", {"org_id": org_id, "user_id": user_id})


async def list_users(conn: Conn, *, org_id: Any) -> list[Row]:
    return await _all(conn, "list_users_full", {"org_id": org_id})


async def update_user_access(conn: Conn, *, org_id: Any, user_id: Any, role: str, team_id: Any) -> Row | None:
    return await _one(
        conn, "update_user_access", {"org_id": org_id, "user_id": user_id, "role": role, "team_id": team_id}
    )


async def count_owners(conn: Conn, *, org_id: Any) -> int:
    row = await _one(conn, "count_owners", {"org_id": org_id})
    return int(row["n"]) if row else 0


async def insert_team(conn: Conn, *, org_id: Any, name: str) -> Row:
    row = await _one(conn, "insert_team", {"org_id": org_id, "name": name})
    assert row is not None
    return row


async def list_teams(conn: Conn, *, org_id: Any) -> list[Row]:
    return await _all(conn, "list_teams", {"org_id": org_id})


async def get_team(conn: Conn, *, org_id: Any, id: Any) -> Row | None:
    return await _one(conn, "get_team", {"org_id": org_id, "id": id})


async def list_api_keys(conn: Conn, *, org_id: Any, user_id: Any | None) -> list[Row]:
    return await _all(conn, "list_api_keys", {"org_id": org_id, "user_id": user_id})


async def get_api_key_for_update(conn: Conn, *, org_id: Any, id: Any) -> Row | None:
    return await _one(conn, "get_api_key_for_update", {"org_id": org_id, "id": id})


async def revoke_api_key(conn: Conn, *, org_id: Any, id: Any, at: Any, replaced_by: Any = None) -> None:
    await _exec(conn, "revoke_api_key", {"org_id": org_id, "id": id, "at": at, "replaced_by": replaced_by})
