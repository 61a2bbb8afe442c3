"""SQL for deals, their stage history, pipeline summaries and the lookups deals need (crm/sql/deals.sql)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg import sql
from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]

# Sort key -> SQL expression. NULLs are folded into a sentinel so the keyset comparison stays total.
SORT_EXPRESSIONS = {
    "created_at": "d.created_at",
    "updated_at": "d.updated_at",
    "amount": "COALESCE(d.amount, -1)",
    "expected_close": "COALESCE(d.expected_close, DATE '9999-12-31')",
    "name": "lower(d.name)",
}


async def _one(conn: Conn, name: str, params: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q("deals", name), params)
    return await cur.fetchone()


async def get_deal(conn: Conn, *, org_id: UUID, deal_id: UUID, include_deleted: bool = False) -> Row | None:
    return await _one(conn, "get_deal", {"org_id": org_id, "deal_id": deal_id, "include_deleted": include_deleted})


async def lock_deal(conn: Conn, *, org_id: UUID, deal_id: UUID) -> bool:
    """Row-lock a deal for the rest of the transaction, so concurrent stage moves serialise."""
    return await _one(conn, "lock_deal", {"org_id": org_id, "deal_id": deal_id}) is not None


async def insert_deal(conn: Conn, *, org_id: UUID, values: dict[str, Any]) -> UUID:
    params = {**values, "org_id": org_id, "custom": Jsonb(values.get("custom") or {})}
    row = await _one(conn, "insert_deal", params)
    assert row is not None
    return row["id"]  # type: ignore[no-any-return]


async def update_deal(conn: Conn, *, org_id: UUID, deal_id: UUID, values: dict[str, Any]) -> bool:
    params = {**values, "org_id": org_id, "deal_id": deal_id, "custom": Jsonb(values.get("custom") or {})}
    return await _one(conn, "update_deal", params) is not None


async def set_deleted(conn: Conn, *, org_id: UUID, deal_id: UUID, deleted_at: Any) -> bool:
    return await _one(conn, "set_deleted", {"org_id": org_id, "deal_id": deal_id, "deleted_at": deleted_at}) is not None


async def insert_stage_change(
    conn: Conn,
    *,
    org_id: UUID,
    deal_id: UUID,
    from_stage_id: UUID | None,
    to_stage_id: UUID,
    from_stage: str | None,
    to_stage: str,
    from_status: str | None,
    to_status: str,
    reason: str | None,
    changed_by: UUID | None,
) -> Row:
    row = await _one(
        conn,
        "insert_stage_change",
        {
            "org_id": org_id,
            "deal_id": deal_id,
            "from_stage_id": from_stage_id,
            "to_stage_id": to_stage_id,
            "from_stage": from_stage,
            "to_stage": to_stage,
            "from_status": from_status,
            "to_status": to_status,
            "reason": reason,
            "changed_by": changed_by,
        },
    )
    assert row is not None
    return row


async def list_stage_changes(conn: Conn, *, org_id: UUID, deal_id: UUID) -> list[Row]:
    cur = await conn.execute(q("deals", "list_stage_changes"), {"org_id": org_id, "deal_id": deal_id})
    return await cur.fetchall()


async def list_deals(
    conn: Conn,
    *,
    org_id: UUID,
    filters: dict[str, Any],
    sort_key: str,
    descending: bool,
    after: tuple[Any, UUID] | None,
    limit: int,
) -> list[Row]:
    """One page of deals; ``after`` is the (sort value, id) of the previous page's last row."""
    expr = sql.SQL(SORT_EXPRESSIONS[sort_key])
    keyset: sql.Composable = sql.SQL("")
    if after is not None:
        op = sql.SQL("<" if descending else ">")
        keyset = sql.SQL("AND ({expr}, d.id) {op} (%(after_value)s, %(after_id)s)").format(expr=expr, op=op)
    query = sql.SQL(q("deals", "list_deals")).format(  # type: ignore[arg-type]  # text from our own .sql file
        sort_expr=expr, keyset=keyset, direction=sql.SQL("DESC" if descending else "ASC")
    )
    params = {**filters, "org_id": org_id, "limit": limit}
    if after is not None:
        params["after_value"], params["after_id"] = after
    cur = await conn.execute(query, params)
    return await cur.fetchall()


async def pipeline_summary(conn: Conn, *, org_id: UUID, pipeline_id: UUID, owner_id: UUID | None) -> list[Row]:
    cur = await conn.execute(
        q("deals", "pipeline_summary"), {"org_id": org_id, "pipeline_id": pipeline_id, "owner_id": owner_id}
    )
    return await cur.fetchall()


async def custom_field_defs(conn: Conn, *, org_id: UUID, entity: str) -> list[Row]:
    cur = await conn.execute(q("deals", "custom_field_defs"), {"org_id": org_id, "entity": entity})
    return await cur.fetchall()


async def user_exists(conn: Conn, *, org_id: UUID, user_id: UUID) -> bool:
    return await _one(conn, "user_exists", {"org_id": org_id, "user_id": user_id}) is not None


async def contact_ref(conn: Conn, *, org_id: UUID, contact_id: UUID) -> Row | None:
    """A live contact's id and company in this organization, or None."""
    return await _one(conn, "contact_ref", {"org_id": org_id, "contact_id": contact_id})


async def company_ref(conn: Conn, *, org_id: UUID, company_id: UUID) -> Row | None:
    return await _one(conn, "company_ref", {"org_id": org_id, "company_id": company_id})
