"""SQL for contacts: CRUD, filtered lists with keyset pagination, counts and locked selections for bulk work."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q
from leadloom.crm.errors import ConflictError
from leadloom.crm.pagination import Cursor

Row = dict[str, Any]

FILTER_DEFAULTS: dict[str, Any] = {
    "include_deleted": False,
    "tsquery": None,
    "q_phone": None,
    "name_like": None,
    "email_exact": None,
    "email_like": None,
    "phone_exact": None,
    "phone_like": None,
    "company_id": None,
    "company_ids": None,
    "stages": None,
    "owner_ids": None,
    "unowned": False,
    "tags": None,
    "lead_source": None,
    "min_score": None,
    "max_score": None,
    "created_after": None,
    "created_before": None,
    "updated_after": None,
    "updated_before": None,
    "follow_up_before": None,
    "follow_up_after": None,
    "has_email": None,
    "has_phone": None,
    "not_contacted_since": None,
}

# sort key -> (ascending expression, descending expression, SQL type of the cursor value).
# NULL scores and follow-up dates are folded to sentinels so they sort last both ways and the
# keyset comparison stays a simple row comparison.
SORT_EXPRESSIONS: dict[str, tuple[str, str, str]] = {
    "created_at": ("c.created_at", "c.created_at", "timestamptz"),
    "updated_at": ("c.updated_at", "c.updated_at", "timestamptz"),
    "name": ("lower(btrim(c.first_name || ' ' || c.last_name))",) * 2 + ("text",),
    "score": ("coalesce(c.score, 1000)", "coalesce(c.score, -1)", "int"),
    "next_follow_up": (
        "coalesce(c.next_follow_up, '9999-12-31'::date)",
        "coalesce(c.next_follow_up, '0001-01-01'::date)",
        "date",
    ),
}


def _sql(name: str) -> str:
    text = q("contacts", name)
    return (
        text.replace("/*columns*/", q("contacts", "contact_columns"))
        .replace("/*from*/", q("contacts", "contact_from"))
        .replace("/*filter*/", f"({q('contacts', 'contact_filter')})")
    )


def _params(org_id: UUID, filters: dict[str, Any], **extra: Any) -> dict[str, Any]:
    unknown = set(filters) - set(FILTER_DEFAULTS)
    if unknown:
        raise KeyError(f"unknown contact filter parameters {sorted(unknown)}")  # programming error
    return {**FILTER_DEFAULTS, **filters, "org_id": org_id, **extra}


async def list_contacts(
    conn: Conn, *, org_id: UUID, filters: dict[str, Any], sort: str, limit: int, cursor: Cursor | None
) -> list[Row]:
    """One page (``limit`` rows) in ``sort`` order after ``cursor``; each row carries its ``sort_value``."""
    descending = sort.startswith("-")
    asc_expr, desc_expr, sql_type = SORT_EXPRESSIONS[sort.lstrip("-")]
    expr = desc_expr if descending else asc_expr
    direction = "DESC" if descending else "ASC"
    keyset = "TRUE"
    if cursor is not None:
        op = "<" if descending else ">"
        keyset = f"({expr}, c.id) {op} (%(cursor_value)s::{sql_type}, %(cursor_id)s::uuid)"
    text = (
        _sql("list_contacts")
        .replace("/*sort_expr*/", expr)
        .replace("/*keyset*/", keyset)
        .replace("/*order*/", f"{expr} {direction}, c.id {direction}")
    )
    params = _params(
        org_id,
        filters,
        limit=limit,
        cursor_value=cursor.sort_value if cursor else None,
        cursor_id=cursor.id if cursor else None,
    )
    cur = await conn.execute(text, params)  # type: ignore[arg-type]  # fragments are whitelisted constants
    return await cur.fetchall()


async def count_contacts(conn: Conn, *, org_id: UUID, filters: dict[str, Any]) -> int:
    cur = await conn.execute(_sql("count_contacts"), _params(org_id, filters))  # type: ignore[arg-type]
    row = await cur.fetchone()
    return int(row["n"]) if row else 0


async def select_for_update(conn: Conn, *, org_id: UUID, filters: dict[str, Any], limit: int | None) -> list[Row]:
    cur = await conn.execute(_sql("select_for_update"), _params(org_id, filters, limit=limit))  # type: ignore[arg-type]
    return await cur.fetchall()


async def get_contact(conn: Conn, *, org_id: UUID, contact_id: UUID, for_update: bool = False) -> Row | None:
    name = "get_contact_for_update" if for_update else "get_contact"
    cur = await conn.execute(_sql(name), {"org_id": org_id, "id": contact_id})  # type: ignore[arg-type]
    return await cur.fetchone()


async def find_by_emails(conn: Conn, *, org_id: UUID, emails: list[str]) -> list[Row]:
    cur = await conn.execute(_sql("find_by_emails"), {"org_id": org_id, "emails": emails})  # type: ignore[arg-type]
    return await cur.fetchall()


async def name_candidates(conn: Conn, *, org_id: UUID, initials: list[str], limit: int = 5000) -> list[Row]:
    cur = await conn.execute(q("contacts", "name_candidates"), {"org_id": org_id, "initials": initials, "limit": limit})
    return await cur.fetchall()


def _write_params(org_id: UUID, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "org_id": org_id, "custom": Jsonb(values.get("custom") or {})}


async def insert_contact(conn: Conn, *, org_id: UUID, values: dict[str, Any]) -> UUID:
    try:
        cur = await conn.execute(q("contacts", "insert_contact"), _write_params(org_id, values))
    except pg_errors.UniqueViolation:
        raise ConflictError(f"a contact with external id {values.get('external_id')!r} already exists") from None
    row = await cur.fetchone()
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def update_contact(conn: Conn, *, org_id: UUID, contact_id: UUID, values: dict[str, Any]) -> None:
    """Write every editable column of one contact (the service computes the whole new state)."""
    try:
        await conn.execute(q("contacts", "update_contact"), {**_write_params(org_id, values), "id": contact_id})
    except pg_errors.UniqueViolation:
        raise ConflictError(f"a contact with external id {values.get('external_id')!r} already exists") from None


async def national_phones(conn: Conn, *, org_id: UUID) -> list[Row]:
    """Contacts (id, phones) with a phone stored without its country code, locked."""
    cur = await conn.execute(q("contacts", "national_phones"), {"org_id": org_id})
    return list(await cur.fetchall())


async def set_phones(conn: Conn, *, org_id: UUID, contact_id: UUID, phones: list[str]) -> None:
    await conn.execute(q("contacts", "set_phones"), {"org_id": org_id, "id": contact_id, "phones": phones})


async def set_deleted(conn: Conn, *, org_id: UUID, ids: list[UUID], deleted: bool) -> None:
    await conn.execute(q("contacts", "set_deleted"), {"org_id": org_id, "ids": ids, "deleted": deleted})


async def company_exists(conn: Conn, *, org_id: UUID, company_id: UUID) -> bool:
    cur = await conn.execute(q("contacts", "company_exists"), {"org_id": org_id, "id": company_id})
    return await cur.fetchone() is not None


async def user_exists(conn: Conn, *, org_id: UUID, user_id: UUID) -> bool:
    cur = await conn.execute(q("contacts", "user_exists"), {"org_id": org_id, "id": user_id})
    return await cur.fetchone() is not None
