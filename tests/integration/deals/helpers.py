"""Test data for deals and activities: companies and contacts are inserted with plain SQL inside the
organization's scope, so these tests do not depend on the contacts/companies services."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx


async def make_company(pool: Any, actor: Actor, name: str = "Globex", *, domain: str | None = None) -> UUID:
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO companies (org_id, name, domain) VALUES (%s, %s, %s) RETURNING id",
            (actor.org_id, name, domain),
        )
        row = await cur.fetchone()
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def make_contact(
    pool: Any,
    actor: Actor,
    first: str = "Ada",
    last: str = "Lovelace",
    *,
    company_id: UUID | None = None,
    owner_id: UUID | None = None,
    email: str | None = None,
) -> UUID:
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            """INSERT INTO contacts (org_id, first_name, last_name, emails, company_id, owner_id)
               VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
            (actor.org_id, first, last, [email] if email else [], company_id, owner_id),
        )
        row = await cur.fetchone()
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def count(pool: Any, actor: Actor, table: str, where: str = "TRUE", params: tuple[Any, ...] = ()) -> int:
    """Rows of ``table`` visible to the organization (tests use it to prove nothing was written)."""
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(f"SELECT count(*) AS n FROM {table} WHERE {where}", params)
        row = await cur.fetchone()
    assert row is not None
    return int(row["n"])
