"""Sign-in and access management: password login with lockout, browser sessions, invitations, password
resets, teams, roles, and the API key lifecycle (list, revoke, rotate).

Every secret handed out (session token, invitation, reset token, API key) is random, shown once, and
stored only as its sha256. Logins, failed logins, role and team changes, key creation and revocation are
written to the audit log explicitly; rows created here are captured by the audit triggers as well.

Password-reset tokens are returned to the owner/admin who asked for them (to hand over in person or by
their own email) until the messaging outbox can deliver them; they are never logged.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    TooManyRequestsError,
    ValidationError,
)
from leadloom.crm.passwords import hash_password, needs_rehash, verify_password
from leadloom.crm.permissions import authorize, can_grant
from leadloom.crm.repositories import auth as repo
from leadloom.crm.repositories import orgs as orgs_repo
from leadloom.crm.services import audit
from leadloom.crm.services.orgs import _insert_key, key_cache
from leadloom.crm.settings import Settings

log = logging.getLogger(__name__)
Pool = AsyncConnectionPool[Conn]
ROLES = ("owner", "admin", "manager", "rep", "viewer")
MIN_PASSWORD = 10
# Verifying against a real argon2 hash when the email is unknown keeps the response time the same, so
# timing does not tell an attacker which emails have accounts.
_DUMMY_HASH = hash_password("not-a-real-password-" + secrets.token_hex(8))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def check_password_strength(password: str, *, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD or len(password) > 1000:
        raise ValidationError(
            f"a password needs {MIN_PASSWORD} to 1000 characters",
            errors=[{"field": field, "message": f"at least {MIN_PASSWORD} characters"}],
        )


@dataclass(frozen=True)
class Session:
    token: str  # the cookie value; only its hash is stored
    actor: Actor
    expires_at: datetime


# --------------------------------------------------------------------------------------------- login


async def _check_lockout(conn: Conn, settings: Settings, email: str, ip: str | None) -> None:
    window = timedelta(seconds=settings.login_lockout_s)
    # An unknown address (a front end that cannot see it) is not counted per address: NULL matches nothing.
    row = await repo.login_failures(conn, email=email, ip=ip, window=window)
    now = _now()
    for count, last, limit in (
        (row["email_failures"], row["last_email_failure"], settings.login_max_failures),
        (row["ip_failures"], row["last_ip_failure"], settings.login_ip_max_failures),
    ):
        if count >= limit and last is not None:
            retry = int((last + window - now).total_seconds()) + 1
            if retry > 0:
                raise TooManyRequestsError(
                    "too many failed sign-ins; try again later or ask an admin for a password reset",
                    retry_after=retry,
                )


async def check_credentials(
    pool: Pool, settings: Settings, *, email: str, password: str, ip: str | None = None, source: str = "api"
) -> Actor:
    """The Actor whose email and password these are, or AuthenticationError (never saying which part was
    wrong). Every front end that takes a password (the API's login, the Chainlit chat) goes through here.

    After ``login_max_failures`` failures for an email (or ``login_ip_max_failures`` from one address, when the
    address is known) within ``login_lockout_s``, further attempts get TooManyRequestsError until the window
    passes, even with the right password. Logins and failed logins are audited.
    """
    clean = (email or "").strip().lower()[:320]
    async with pool.connection() as conn:
        await _check_lockout(conn, settings, clean, ip)
        user = await orgs_repo.auth_user_by_email(conn, email=clean) if clean else None
    # argon2 is slow on purpose: keep it off the event loop.
    ok = user is not None and await asyncio.to_thread(verify_password, user["password_hash"] or _DUMMY_HASH, password)
    if user is None:
        await asyncio.to_thread(verify_password, _DUMMY_HASH, password)
    async with pool.connection() as conn:
        await repo.record_login(conn, email=clean, ip=ip, ok=ok)
    if not ok:
        if user is not None:
            async with org_tx(pool, user["org_id"]) as conn:
                await audit.record(
                    conn,
                    None,
                    org_id=user["org_id"],
                    action="login_failed",
                    entity="user",
                    entity_id=user["user_id"],
                    ip=ip,
                    source=source,
                )
        raise AuthenticationError("wrong email or password")
    assert user is not None
    async with org_tx(pool, user["org_id"]) as conn:
        full = await repo.get_user(conn, org_id=user["org_id"], user_id=user["user_id"])
        assert full is not None
        actor = Actor(
            org_id=full["org_id"],
            user_id=full["id"],
            role=full["role"],
            team_id=full["team_id"],
            ip=ip,
            source=source,  # type: ignore[arg-type]
        )
        if needs_rehash(user["password_hash"]):
            new_hash = await asyncio.to_thread(hash_password, password)
            await repo.set_password(conn, org_id=full["org_id"], user_id=full["id"], password_hash=new_hash)
        await audit.record(conn, actor, org_id=actor.org_id, action="login", entity="user", entity_id=actor.user_id)
    return actor


async def login(
    pool: Pool,
    settings: Settings,
    *,
    email: str,
    password: str,
    ip: str | None = None,
    user_agent: str | None = None,
) -> Session:
    """Check the credentials (with lockout, see check_credentials) and open a browser session."""
    actor = await check_credentials(pool, settings, email=email, password=password, ip=ip)
    token = secrets.token_urlsafe(32)
    expires = _now() + timedelta(seconds=settings.session_ttl_s)
    async with org_tx(pool, actor) as conn:
        await repo.insert_session(
            conn,
            org_id=actor.org_id,
            user_id=actor.user_id,
            token_hash=_digest(token),
            expires_at=expires,
            ip=ip,
            user_agent=(user_agent or "")[:300] or None,
        )
    return Session(token=token, actor=actor, expires_at=expires)


async def authenticate_session(pool: Pool, token: str, *, ip: str | None = None) -> Actor:
    """The Actor behind a session cookie, or AuthenticationError (expired, revoked or unknown)."""
    if not token or len(token) > 200:
        raise AuthenticationError("not signed in")
    async with pool.connection() as conn:
        row = await repo.auth_session(conn, token_hash=_digest(token))
    if row is None:
        raise AuthenticationError("your session has ended; sign in again")
    return Actor(org_id=row["org_id"], user_id=row["user_id"], role=row["role"], team_id=row["team_id"], ip=ip)


async def logout(pool: Pool, actor: Actor, token: str) -> None:
    async with org_tx(pool, actor) as conn:
        await repo.revoke_session(conn, org_id=actor.org_id, token_hash=_digest(token))
        await audit.record(conn, actor, org_id=actor.org_id, action="logout", entity="user", entity_id=actor.user_id)


# --------------------------------------------------------------------------------------- invitations


async def _check_team(conn: Conn, actor: Actor, team_id: UUID | None) -> None:
    if team_id is not None and await repo.get_team(conn, org_id=actor.org_id, id=team_id) is None:
        raise ValidationError("no such team", errors=[{"field": "team_id", "message": "not found"}])


def _check_role(actor: Actor, role: str) -> None:
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r}", errors=[{"field": "role", "message": "unknown role"}])
    if not can_grant(actor, role):  # type: ignore[arg-type]
        raise PermissionDeniedError(f"your role ({actor.role}) cannot grant the role {role}")


async def invite(
    pool: Pool, settings: Settings, actor: Actor, *, email: str, role: str, team_id: UUID | None = None
) -> tuple[dict[str, Any], str]:
    """An invitation and its one-time token (shown once; the invitee accepts with it)."""
    authorize(actor, "users.manage")
    _check_role(actor, role)
    try:
        clean = normalize.email(email)
    except ValueError as exc:
        raise ValidationError(str(exc), errors=[{"field": "email", "message": str(exc)}]) from None
    token = secrets.token_urlsafe(32)
    async with org_tx(pool, actor) as conn:
        await _check_team(conn, actor, team_id)
        if await orgs_repo.auth_user_by_email(conn, email=clean):
            raise ConflictError(f"a user with email {clean} already exists")
        row = await repo.insert_invitation(
            conn,
            org_id=actor.org_id,
            email=clean,
            role=role,
            team_id=team_id,
            token_hash=_digest(token),
            invited_by=actor.user_id,
            expires_at=_now() + timedelta(seconds=settings.invitation_ttl_s),
        )
    return row, token


async def list_invitations(pool: Pool, actor: Actor) -> list[dict[str, Any]]:
    authorize(actor, "users.manage")
    async with org_tx(pool, actor) as conn:
        return await repo.list_invitations(conn, org_id=actor.org_id)


async def revoke_invitation(pool: Pool, actor: Actor, invitation_id: UUID) -> None:
    authorize(actor, "users.manage")
    async with org_tx(pool, actor) as conn:
        if not await repo.revoke_invitation(conn, org_id=actor.org_id, id=invitation_id):
            raise NotFoundError(f"no open invitation {invitation_id}")


async def accept_invitation(pool: Pool, *, token: str, name: str, password: str) -> dict[str, Any]:
    """Create the invited user with a name and password; the token then stops working."""
    check_password_strength(password)
    clean_name = normalize.clean_text(name, max_len=200)
    if not clean_name:
        raise ValidationError("a name is required", errors=[{"field": "name", "message": "required"}])
    async with pool.connection() as conn:
        found = await repo.auth_invitation(conn, token_hash=_digest(token or ""))
    if found is None or found["accepted_at"] or found["revoked_at"] or found["expires_at"] <= _now():
        # One answer for unknown, used, revoked and expired: the token is the only secret here.
        raise NotFoundError("this invitation is not valid (unknown, already used, revoked or expired)")
    password_hash = hash_password(password)
    async with org_tx(pool, found["org_id"]) as conn:
        inv = await repo.get_invitation_for_update(conn, org_id=found["org_id"], id=found["invitation_id"])
        if inv is None or inv["accepted_at"] or inv["revoked_at"]:
            raise NotFoundError("this invitation is not valid (unknown, already used, revoked or expired)")
        if await orgs_repo.auth_user_by_email(conn, email=inv["email"]):
            raise ConflictError(f"a user with email {inv['email']} already exists")
        user = await repo.insert_user(
            conn,
            org_id=inv["org_id"],
            email=inv["email"],
            name=clean_name,
            role=inv["role"],
            password_hash=password_hash,
            team_id=inv["team_id"],
        )
        await repo.accept_invitation(conn, org_id=inv["org_id"], id=inv["id"])
    return user


# ---------------------------------------------------------------------------------- password resets


async def create_password_reset(pool: Pool, settings: Settings, actor: Actor, user_id: UUID) -> tuple[datetime, str]:
    """A one-time reset token for ``user_id`` (owners/admins for anyone, everyone for themselves)."""
    if user_id != actor.user_id:
        authorize(actor, "users.manage")
    token = secrets.token_urlsafe(32)
    async with org_tx(pool, actor) as conn:
        target = await repo.get_user(conn, org_id=actor.org_id, user_id=user_id)
        if target is None:
            raise NotFoundError(f"no user {user_id}")
        if target["role"] == "owner" and actor.role != "owner" and user_id != actor.user_id:
            raise PermissionDeniedError("only an owner can reset an owner's password")
        row = await repo.insert_password_reset(
            conn,
            org_id=actor.org_id,
            user_id=user_id,
            token_hash=_digest(token),
            created_by=actor.user_id,
            expires_at=_now() + timedelta(seconds=settings.password_reset_ttl_s),
        )
        await audit.record(
            conn, actor, org_id=actor.org_id, action="password_reset_issued", entity="user", entity_id=user_id
        )
    log.info("password reset issued for user %s by %s (token returned to the caller only)", user_id, actor.user_id)
    return row["expires_at"], token


async def reset_password(pool: Pool, *, token: str, password: str) -> None:
    """Set a new password with a reset token; the token is spent and every session of the user ends."""
    check_password_strength(password)
    async with pool.connection() as conn:
        found = await repo.auth_password_reset(conn, token_hash=_digest(token or ""))
    if found is None or found["used_at"] or found["expires_at"] <= _now():
        raise NotFoundError("this reset link is not valid (unknown, already used or expired)")
    async with org_tx(pool, found["org_id"]) as conn:
        used = await repo.use_password_reset(conn, org_id=found["org_id"], id=found["reset_id"])
        if used is None:
            raise NotFoundError("this reset link is not valid (unknown, already used or expired)")
        await repo.set_password(
            conn, org_id=found["org_id"], user_id=found["user_id"], password_hash=hash_password(password)
        )
        await repo.revoke_user_sessions(conn, org_id=found["org_id"], user_id=found["user_id"])
        await audit.record(
            conn, None, org_id=found["org_id"], action="password_reset", entity="user", entity_id=found["user_id"]
        )


# ------------------------------------------------------------------------------- users, roles, teams


async def list_users(pool: Pool, actor: Actor) -> list[dict[str, Any]]:
    async with org_tx(pool, actor) as conn:
        return await repo.list_users(conn, org_id=actor.org_id)


async def set_user_access(
    pool: Pool, actor: Actor, user_id: UUID, *, role: str | None = None, team_id: UUID | str | None = "keep"
) -> dict[str, Any]:
    """Change a user's role and/or team (``team_id=None`` removes them from their team); audited."""
    authorize(actor, "users.manage")
    async with org_tx(pool, actor) as conn:
        before = await repo.get_user(conn, org_id=actor.org_id, user_id=user_id)
        if before is None:
            raise NotFoundError(f"no user {user_id}")
        new_role = role or before["role"]
        if new_role != before["role"]:
            _check_role(actor, new_role)
            if before["role"] == "owner":
                if actor.role != "owner":
                    raise PermissionDeniedError("only an owner can change an owner's role")
                if await repo.count_owners(conn, org_id=actor.org_id) <= 1:
                    raise ConflictError("an organization needs at least one owner")
        new_team = before["team_id"] if team_id == "keep" else team_id
        await _check_team(conn, actor, new_team)  # type: ignore[arg-type]
        after = await repo.update_user_access(
            conn, org_id=actor.org_id, user_id=user_id, role=new_role, team_id=new_team
        )
        assert after is not None
        await audit.record(
            conn,
            actor,
            org_id=actor.org_id,
            action="permission_change",
            entity="user",
            entity_id=user_id,
            before={"role": before["role"], "team_id": before["team_id"]},
            after={"role": after["role"], "team_id": after["team_id"]},
        )
    # Cached API-key principals carry the old role; drop them so the change bites at once in this process.
    key_cache.forget()
    return after


async def create_team(pool: Pool, actor: Actor, name: str) -> dict[str, Any]:
    authorize(actor, "users.manage")
    clean = normalize.clean_text(name, max_len=200)
    if not clean:
        raise ValidationError("a team needs a name", errors=[{"field": "name", "message": "required"}])
    async with org_tx(pool, actor) as conn:
        if any(t["name"].lower() == clean.lower() for t in await repo.list_teams(conn, org_id=actor.org_id)):
            raise ConflictError(f"a team named {clean!r} already exists")
        return await repo.insert_team(conn, org_id=actor.org_id, name=clean)


async def list_teams(pool: Pool, actor: Actor) -> list[dict[str, Any]]:
    async with org_tx(pool, actor) as conn:
        return await repo.list_teams(conn, org_id=actor.org_id)


# ------------------------------------------------------------------------------------------ API keys


async def create_key(
    pool: Pool, actor: Actor, *, name: str, scopes: list[str], expires_at: datetime | None = None
) -> tuple[dict[str, Any], str]:
    """A new key for the actor; 'admin' scope only for owners and admins. The secret is returned once."""
    if "admin" in scopes:
        authorize(actor, "keys.admin")
    if expires_at is not None and expires_at <= _now():
        raise ValidationError("expires_at must be in the future", errors=[{"field": "expires_at", "message": "past"}])
    assert actor.user_id is not None
    async with org_tx(pool, actor) as conn:
        key = await _insert_key(
            conn, org_id=actor.org_id, user_id=actor.user_id, name=name, scopes=scopes, expires_at=expires_at
        )
        rows = await repo.list_api_keys(conn, org_id=actor.org_id, user_id=actor.user_id)
        row = next(r for r in rows if r["prefix"] == key.split("_")[1])
        await audit.record(
            conn,
            actor,
            org_id=actor.org_id,
            action="key_created",
            entity="api_key",
            entity_id=row["id"],
            after={"name": name, "scopes": sorted(scopes), "prefix": row["prefix"]},
        )
    return row, key


async def list_keys(pool: Pool, actor: Actor, *, everyone: bool = False) -> list[dict[str, Any]]:
    """The actor's own keys, or (owners/admins, ``everyone``) every key of the organization. Never secrets."""
    if everyone:
        authorize(actor, "users.manage")
    async with org_tx(pool, actor) as conn:
        return await repo.list_api_keys(conn, org_id=actor.org_id, user_id=None if everyone else actor.user_id)


async def _own_key(conn: Conn, actor: Actor, key_id: UUID) -> dict[str, Any]:
    row = await repo.get_api_key_for_update(conn, org_id=actor.org_id, id=key_id)
    if row is None:
        raise NotFoundError(f"no API key {key_id}")
    if row["user_id"] != actor.user_id:
        authorize(actor, "users.manage")
    return row


async def revoke_key(pool: Pool, actor: Actor, key_id: UUID) -> None:
    """Revoke at once (this process forgets it now; others within the key cache's 30 seconds)."""
    async with org_tx(pool, actor) as conn:
        row = await _own_key(conn, actor, key_id)
        if row["revoked_at"] is not None and row["revoked_at"] <= _now():
            return
        await repo.revoke_api_key(conn, org_id=actor.org_id, id=key_id, at=_now())
        await audit.record(conn, actor, org_id=actor.org_id, action="key_revoked", entity="api_key", entity_id=key_id)
    key_cache.forget(row["key_hash"])


async def rotate_key(pool: Pool, actor: Actor, key_id: UUID, *, grace_s: int = 0) -> tuple[dict[str, Any], str]:
    """A new secret with the same name, scopes and expiry; the old one stops after ``grace_s`` seconds."""
    if grace_s < 0 or grace_s > 7 * 24 * 3600:
        raise ValidationError("grace must be 0 to 604800 seconds", errors=[{"field": "grace_s", "message": "range"}])
    async with org_tx(pool, actor) as conn:
        old = await _own_key(conn, actor, key_id)
        if old["revoked_at"] is not None:
            raise ConflictError("this key is already revoked or being rotated")
        key = await _insert_key(
            conn,
            org_id=actor.org_id,
            user_id=old["user_id"],
            name=old["name"],
            scopes=list(old["scopes"]),
            expires_at=old["expires_at"],
        )
        rows = await repo.list_api_keys(conn, org_id=actor.org_id, user_id=old["user_id"])
        new = next(r for r in rows if r["prefix"] == key.split("_")[1])
        await repo.revoke_api_key(
            conn, org_id=actor.org_id, id=key_id, at=_now() + timedelta(seconds=grace_s), replaced_by=new["id"]
        )
        await audit.record(
            conn,
            actor,
            org_id=actor.org_id,
            action="key_rotated",
            entity="api_key",
            entity_id=key_id,
            after={"replaced_by": str(new["id"]), "grace_s": grace_s},
        )
    key_cache.forget(old["key_hash"])
    return new, key
