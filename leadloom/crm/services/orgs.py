"""Organizations, their users and API keys, and turning a presented key into an Actor."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import AuthenticationError, ConflictError, NotFoundError, ValidationError
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import orgs as repo
from leadloom.crm.services import audit
from leadloom.crm.services import contacts as contacts_svc

DEFAULT_LIFECYCLE = [
    ("subscriber", "Subscriber"),
    ("lead", "Lead"),
    ("mql", "Marketing qualified lead"),
    ("sql", "Sales qualified lead"),
    ("opportunity", "Opportunity"),
    ("customer", "Customer"),
    ("evangelist", "Evangelist"),
    ("churned", "Churned"),
    ("disqualified", "Disqualified"),
]
DEFAULT_PIPELINE = [
    # name, win probability, kind
    ("Qualification", 10, "open"),
    ("Discovery", 20, "open"),
    ("Proposal", 50, "open"),
    ("Negotiation", 75, "open"),
    ("Closed Won", 100, "won"),
    ("Closed Lost", 0, "lost"),
]
KEY_PREFIX = "ll_"
VALID_SCOPES = {"read", "write", "admin"}


@dataclass(frozen=True)
class NewOrganization:
    org: dict[str, Any]
    owner: dict[str, Any]
    api_key: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _slug(name: str) -> str:
    return (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "org")[:40] + "-" + secrets.token_hex(3)


async def create_organization(
    pool: AsyncConnectionPool[Conn],
    *,
    name: str,
    owner_email: str,
    owner_name: str,
    owner_password_hash: str | None = None,
    lifecycle: list[tuple[str, str]] | None = None,
    pipeline: list[tuple[str, int, str]] | None = None,
    org_id: UUID | None = None,
) -> NewOrganization:
    """A new organization with its owner, default lifecycle stages, a default pipeline and an API key."""
    clean_name = normalize.clean_text(name, max_len=200)
    if not clean_name:
        raise ValidationError("organization name is required", errors=[{"field": "name", "message": "required"}])
    try:
        email = normalize.email(owner_email)
    except ValueError as exc:
        raise ValidationError(str(exc), errors=[{"field": "owner_email", "message": str(exc)}]) from None
    org_id = org_id or uuid.uuid4()
    async with org_tx(pool, org_id) as conn:
        if await repo.auth_user_by_email(conn, email=email):
            raise ConflictError(f"a user with email {email} already exists")
        org = await repo.insert_org(conn, id=org_id, name=clean_name, slug=_slug(clean_name), settings={})
        for pos, (key, label) in enumerate(lifecycle or DEFAULT_LIFECYCLE):
            await repo.insert_lifecycle_stage(conn, org_id=org_id, key=key, label=label, position=pos)
        pipe = await repo.insert_pipeline(conn, org_id=org_id, name="Sales", is_default=True)
        for pos, (stage, prob, kind) in enumerate(pipeline or DEFAULT_PIPELINE):
            await repo.insert_pipeline_stage(
                conn, org_id=org_id, pipeline_id=pipe["id"], name=stage, position=pos, probability=prob, kind=kind
            )
        owner = await repo.insert_user(
            conn, org_id=org_id, email=email, name=owner_name, role="owner", password_hash=owner_password_hash
        )
        key = await _insert_key(
            conn, org_id=org_id, user_id=owner["id"], name="owner", scopes=["read", "write", "admin"]
        )
    return NewOrganization(org=org, owner=owner, api_key=key)


async def create_user(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    email: str,
    name: str,
    role: str = "rep",
    password_hash: str | None = None,
) -> dict[str, Any]:
    try:
        clean = normalize.email(email)
    except ValueError as exc:
        raise ValidationError(str(exc), errors=[{"field": "email", "message": str(exc)}]) from None
    if role not in {"owner", "admin", "manager", "rep", "viewer"}:
        raise ValidationError(f"unknown role {role!r}", errors=[{"field": "role", "message": "unknown role"}])
    async with org_tx(pool, actor) as conn:
        if await repo.auth_user_by_email(conn, email=clean):
            raise ConflictError(f"a user with email {clean} already exists")
        return await repo.insert_user(
            conn,
            org_id=actor.org_id,
            email=clean,
            name=normalize.clean_text(name, max_len=200) or clean,
            role=role,
            password_hash=password_hash,
        )


async def list_users(pool: AsyncConnectionPool[Conn], actor: Actor) -> list[dict[str, Any]]:
    async with org_tx(pool, actor) as conn:
        return await repo.list_users(conn, org_id=actor.org_id)


async def _insert_key(
    conn: Conn, *, org_id: UUID, user_id: UUID, name: str, scopes: list[str], expires_at: datetime | None = None
) -> str:
    bad = set(scopes) - VALID_SCOPES
    if bad or not scopes:
        raise ValidationError(
            f"scopes must be among {sorted(VALID_SCOPES)}", errors=[{"field": "scopes", "message": "invalid"}]
        )
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    await repo.insert_api_key(
        conn,
        org_id=org_id,
        user_id=user_id,
        name=name,
        prefix=prefix,
        key_hash=hash_key(key),
        scopes=sorted(scopes),
        expires_at=expires_at,
    )
    return key


async def create_api_key(
    pool: AsyncConnectionPool[Conn],
    *,
    org_id: UUID,
    user_id: UUID,
    name: str = "default",
    scopes: list[str] | None = None,
    expires_at: datetime | None = None,
) -> str:
    """A new API key for a user; the secret is returned once and only its hash is stored."""
    async with org_tx(pool, org_id) as conn:
        if not await repo.get_user(conn, org_id=org_id, user_id=user_id):
            raise NotFoundError("no such user")
        return await _insert_key(
            conn, org_id=org_id, user_id=user_id, name=name, scopes=scopes or ["read", "write"], expires_at=expires_at
        )


@dataclass(frozen=True)
class KeyPrincipal:
    actor: Actor
    scopes: frozenset[str]
    expires_at: datetime | None


class _KeyCache:
    """Authenticated keys for a short while, so a hot API does not pay a lookup per request.

    Revoking a key therefore takes up to ``ttl`` seconds to bite in other processes; the issuing
    process drops it at once (``forget``).
    """

    def __init__(self, ttl: float = 30.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._items: dict[str, tuple[float, KeyPrincipal]] = {}

    def get(self, key_hash: str) -> KeyPrincipal | None:
        hit = self._items.get(key_hash)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        self._items.pop(key_hash, None)
        return None

    def put(self, key_hash: str, principal: KeyPrincipal) -> None:
        if len(self._items) >= self.size:
            self._items.clear()
        self._items[key_hash] = (time.monotonic() + self.ttl, principal)

    def forget(self, key_hash: str | None = None) -> None:
        if key_hash is None:
            self._items.clear()
        else:
            self._items.pop(key_hash, None)


key_cache = _KeyCache()


async def authenticate_key(pool: AsyncConnectionPool[Conn], key: str) -> KeyPrincipal:
    """The principal behind a presented API key, or AuthenticationError (never saying which part was wrong)."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        raise AuthenticationError("invalid API key")
    digest = hash_key(key)
    principal = key_cache.get(digest)
    if principal is None:
        async with pool.connection() as conn:
            row = await repo.auth_api_key(conn, key_hash=digest)
        if row is None:
            raise AuthenticationError("invalid API key")
        principal = KeyPrincipal(
            actor=Actor(org_id=row["org_id"], user_id=row["user_id"], role=row["role"], team_id=row["team_id"]),
            scopes=frozenset(row["scopes"]),
            expires_at=row["expires_at"],
        )
        key_cache.put(digest, principal)
    if principal.expires_at is not None and principal.expires_at <= datetime.now(principal.expires_at.tzinfo):
        raise AuthenticationError("API key expired")
    return principal


# How the organization's people write dates: the assistant reads "3/12" as 3 December where the day comes
# first. ``date_order`` states it outright; otherwise it follows ``country`` (ISO 3166 alpha-2).
LOCALE_KEYS = ("country", "date_order")
DATE_ORDERS = ("dmy", "mdy", "ymd")


def _locale(settings: dict[str, Any] | None) -> dict[str, Any]:
    return {k: (settings or {}).get(k) for k in LOCALE_KEYS}


async def get_locale(pool: AsyncConnectionPool[Conn], actor: Actor) -> dict[str, Any]:
    async with org_tx(pool, actor) as conn:
        org = await repo.get_org(conn, org_id=actor.org_id)
    return _locale(org["settings"] if org else None)


async def set_locale(pool: AsyncConnectionPool[Conn], actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
    """Set the organization's country and/or date order (owners and admins; audited). None clears a key."""
    authorize(actor, "settings.manage")
    problems = []
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in LOCALE_KEYS:
            problems.append({"field": key, "message": f"unknown setting; settable: {', '.join(LOCALE_KEYS)}"})
        elif value is None:
            clean[key] = None
        elif key == "country" and not re.fullmatch(r"[A-Za-z]{2}", str(value).strip()):
            problems.append({"field": key, "message": "a two-letter country code (ISO 3166), e.g. AU, US, DE"})
        elif key == "date_order" and str(value).strip().lower() not in DATE_ORDERS:
            problems.append({"field": key, "message": f"one of {', '.join(DATE_ORDERS)}"})
        else:
            clean[key] = str(value).strip().upper() if key == "country" else str(value).strip().lower()
    if problems:
        raise ValidationError("invalid organization settings", errors=problems)
    if not clean:
        return await get_locale(pool, actor)  # nothing to change: no write, no audit entry
    async with org_tx(pool, actor) as conn:
        before = await repo.get_org(conn, org_id=actor.org_id)
        row = await repo.update_org_settings(conn, org_id=actor.org_id, settings=clean)
        if row is None or before is None:
            raise NotFoundError("no such organization")
        if clean.get("country"):
            # numbers typed without a country code before the country was known are read in it now, in the same
            # transaction, so the organization's phones are all E.164 (textable) once it says where it is
            await contacts_svc.place_stored_phones(conn, actor, clean["country"])
        await audit.record(
            conn,
            actor,
            org_id=actor.org_id,
            action="settings_change",
            entity="organization",
            entity_id=actor.org_id,
            before=_locale(before["settings"]),
            after=_locale(row["settings"]),
        )
    return _locale(row["settings"])
