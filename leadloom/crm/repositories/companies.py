"""SQL for companies: CRUD, filtered lists with keyset pagination, name candidates for fuzzy matching."""

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
    "name_like": None,
    "domain": None,
    "domain_like": None,
    "industry_like": None,
    "min_size": None,
    "max_size": None,
    "owner_ids": None,
    "unowned": False,
}
SORT_EXPRESSIONS: dict[str, tuple[str, str]] = {
    "created_at": ("co.created_at", "timestamptz"),
    "updated_at": ("co.updated_at", "timestamptz"),
    "name": ("lower(co.name)", "text"),
}


def _sql(name: str) -> str:
    return (
        q("companies", name)
        .replace("/*columns*/", q("companies", "company_columns"))
        .replace("/*from*/", q("companies", "company_from"))
        .replace("/*filter*/", f"({q('companies', 'company_filter')})")
    )


async def list_companies(
    conn: Conn, *, org_id: UUID, filters: dict[str, Any], sort: str, limit: int, cursor: Cursor | None
) -> list[Row]:
    descending = sort.startswith("-")
    expr, sql_type = SORT_EXPRESSIONS[sort.lstrip("-")]
    direction, op = ("DESC", "<") if descending else ("ASC", ">")
    keyset = "TRUE"
    if cursor is not None:
        keyset = f"({expr}, co.id) {op} (%(cursor_value)s::{sql_type}, %(cursor_id)s::uuid)"
    text = (
        _sql("list_companies")
        .replace("/*sort_expr*/", expr)
        .replace("/*keyset*/", keyset)
        .replace("/*order*/", f"{expr} {direction}, co.id {direction}")
    )
    unknown = set(filters) - set(FILTER_DEFAULTS)
    if unknown:
        raise KeyError(f"unknown company filter parameters {sorted(unknown)}")
    params = {
        **FILTER_DEFAULTS,
        **filters,
        "org_id": org_id,
        "limit": limit,
        "cursor_value": cursor.sort_value if cursor else None,
        "cursor_id": cursor.id if cursor else None,
    }
    cur = await conn.execute(text, params)  # type: ignore[arg-type]  # fragments are whitelisted constants
    return await cur.fetchall()


async def get_company(conn: Conn, *, org_id: UUID, company_id: UUID, for_update: bool = False) -> Row | None:
    name = "get_company_for_update" if for_update else "get_company"
    cur = await conn.execute(_sql(name), {"org_id": org_id, "id": company_id})  # type: ignore[arg-type]
    return await cur.fetchone()


async def name_candidates(
    conn: Conn, *, org_id: UUID, initials: list[str], domain: str | None, like: str, limit: int = 5000
) -> list[Row]:
    cur = await conn.execute(
        q("companies", "name_candidates"),
        {"org_id": org_id, "initials": initials, "domain": domain, "like": like, "limit": limit},
    )
    return await cur.fetchall()


def _params(org_id: UUID, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "org_id": org_id, "custom": Jsonb(values.get("custom") or {})}


def _conflict(values: dict[str, Any]) -> ConflictError:
    return ConflictError(
        f"a company with domain {values.get('domain')!r} or external id {values.get('external_id')!r} already exists"
    )


async def insert_company(conn: Conn, *, org_id: UUID, values: dict[str, Any]) -> UUID:
    try:
        cur = await conn.execute(q("companies", "insert_company"), _params(org_id, values))
    except pg_errors.UniqueViolation:
        raise _conflict(values) from None
    row = await cur.fetchone()
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def update_company(conn: Conn, *, org_id: UUID, company_id: UUID, values: dict[str, Any]) -> None:
    try:
        await conn.execute(q("companies", "update_company"), {**_params(org_id, values), "id": company_id})
    except pg_errors.UniqueViolation:
        raise _conflict(values) from None


async def set_deleted(conn: Conn, *, org_id: UUID, company_id: UUID, deleted: bool) -> None:
    try:
        await conn.execute(q("companies", "set_deleted"), {"org_id": org_id, "id": company_id, "deleted": deleted})
    except pg_errors.UniqueViolation:
        raise ConflictError("another live company already has this company's domain") from None
