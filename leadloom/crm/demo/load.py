"""Writing the generated demo organization into the database, finding it again, and resetting it.

One organization (created by ``services.orgs.create_organization``, so it has the standard lifecycle
stages and pipeline) and then every generated row in one transaction under that organization, so a
failed load leaves nothing half-written behind. The organization's ``settings.demo`` says the load
finished. A reset empties the organization instead of deleting it: an organization whose audit log has
rows cannot be deleted (the log is append-only), and the next load refills the same organization.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import passwords
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.demo import vocab
from leadloom.crm.demo.generator import DEFAULT_SEED, DemoData, generate, public
from leadloom.crm.errors import ConflictError
from leadloom.crm.repositories import demo as repo
from leadloom.crm.repositories.orgs import auth_user_by_email, get_org, update_org_settings
from leadloom.crm.services.orgs import create_organization, key_cache

# A fixed, documented password is fine for a demo organization on the user's own machine; every demo
# user has it. Real organizations never get a default password.
DEMO_PASSWORD = "leadloom-demo"
DEMO_OWNER_EMAIL = f"maya@{vocab.AGENCY_DOMAIN}"
CHUNK = 1_000

Progress = Callable[[str, int, int], None]  # (what, rows done, rows in total)


@dataclass(frozen=True)
class DemoSummary:
    org_id: UUID
    owner_email: str
    password: str
    api_key: str | None  # the owner key create_organization made; None when an emptied org was refilled
    users: list[dict[str, Any]] = field(default_factory=list)  # email, name, role
    counts: dict[str, int] = field(default_factory=dict)


def demo_owner_email() -> str:
    """The demo owner's sign-in email; its presence is how ``--if-empty`` knows the demo is loaded."""
    return DEMO_OWNER_EMAIL


async def find_demo_org(pool: AsyncConnectionPool[Conn]) -> dict[str, Any] | None:
    """The demo owner (user_id, org_id, ...) if a demo organization exists in this database, else None."""
    async with pool.connection() as conn:
        return await auth_user_by_email(conn, email=DEMO_OWNER_EMAIL)


async def demo_loaded(pool: AsyncConnectionPool[Conn]) -> bool:
    """True when the demo organization exists and its last load finished (``settings.demo`` is set)."""
    found = await find_demo_org(pool)
    if found is None:
        return False
    async with org_tx(pool, found["org_id"]) as conn:
        org = await get_org(conn, org_id=found["org_id"])
    return bool(org and (org["settings"] or {}).get("demo"))


async def reset_demo(pool: AsyncConnectionPool[Conn]) -> bool:
    """Empty the demo organization (records and users but its owner); False when there was none."""
    found = await find_demo_org(pool)
    if found is None:
        return False
    async with org_tx(pool, found["org_id"]) as conn:
        await update_org_settings(conn, org_id=found["org_id"], settings={"demo": None})
        await repo.clear_org(conn, org_id=found["org_id"], keep_user_id=found["user_id"])
    key_cache.forget()  # keys of removed users must stop working in this process at once
    return True


async def load_demo(
    pool: AsyncConnectionPool[Conn],
    *,
    seed: int = DEFAULT_SEED,
    as_of: date | None = None,
    progress: Progress | None = None,
    data: DemoData | None = None,
) -> DemoSummary:
    """Create the demo organization for ``seed`` and ``as_of`` (default today); ConflictError if one exists."""
    if await demo_loaded(pool):
        raise ConflictError("the demo organization already exists; `leadloom demo --reset` rebuilds it")
    data = data or generate(seed, as_of)
    assert data.owner["email"] == DEMO_OWNER_EMAIL, "vocab.STAFF and DEMO_OWNER_EMAIL disagree"
    # argon2 is deliberately slow; hash off the event loop. Each user gets their own salt.
    hashes = await asyncio.to_thread(lambda: [passwords.hash_password(DEMO_PASSWORD) for _ in data.users])
    owner = data.owner
    existing = await find_demo_org(pool)
    api_key: str | None = None
    if existing is None:
        created = await create_organization(
            pool,
            name=vocab.AGENCY_NAME,
            owner_email=owner["email"],
            owner_name=owner["name"],
            owner_password_hash=hashes[0],
            org_id=data.org_id,
        )
        org_id, owner_id, api_key = data.org_id, created.owner["id"], created.api_key
    else:
        # An emptied (reset) demo organization is refilled in place, keeping its stages and pipeline.
        org_id, owner_id = existing["org_id"], existing["user_id"]
        async with org_tx(pool, org_id) as conn:
            await repo.update_owner(conn, org_id=org_id, user_id=owner_id, name=owner["name"], password_hash=hashes[0])
    # The owner's id was made by the database; point the generated rows at it.
    user_ids = {owner["id"]: owner_id}

    def fix(row: dict[str, Any]) -> dict[str, Any]:
        out = public(row)
        out["org_id"] = org_id
        if "owner_id" in out:
            out["owner_id"] = user_ids.get(out["owner_id"], out["owner_id"])
        return out

    users = [{**fix(u), "password_hash": h} for u, h in zip(data.users[1:], hashes[1:], strict=True)]
    async with org_tx(pool, org_id) as conn:
        stages = await repo.default_pipeline_stages(conn, org_id=org_id)
        deals = []
        for d in data.deals:
            row = fix(d)
            stage = stages[row.pop("stage")]
            row.update(stage_id=stage["id"], pipeline_id=stage["pipeline_id"])
            deals.append(row)
        batches = [
            ("users", "user", users),
            ("companies", "company", [fix(c) for c in data.companies]),
            ("contacts", "contact", [fix(c) for c in data.contacts]),
            ("deals", "deal", deals),
            ("activities", "activity", [fix(a) for a in data.activities]),
        ]
        total = sum(len(rows) for _, _, rows in batches)
        done = 0
        for label, table, rows in batches:
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                await repo.insert_many(conn, table=table, rows=chunk)
                done += len(chunk)
                if progress:
                    progress(label, done, total)
        await update_org_settings(
            conn, org_id=org_id, settings={"demo": {"seed": data.seed, "as_of": data.as_of.isoformat()}}
        )
    return DemoSummary(
        org_id=org_id,
        owner_email=owner["email"],
        password=DEMO_PASSWORD,
        api_key=api_key,
        users=[{"email": u["email"], "name": u["name"], "role": u["role"]} for u in data.users],
        counts={label: len(rows) for label, _, rows in batches} | {"users": len(data.users)},
    )
