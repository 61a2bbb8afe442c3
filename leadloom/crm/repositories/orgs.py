"""SQL for organizations, users, lifecycle stages, pipelines and API keys."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def insert_org(conn: Conn, *, id: UUID, name: str, slug: str, settings: dict[str, Any]) -> Row:
    cur = await conn.execute(
        q("orgs", "insert_org"), {"id": id, "name": name, "slug": slug, "settings": Jsonb(settings)}
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def get_org(conn: Conn, *, org_id: UUID) -> Row | None:
    cur = await conn.execute(q("orgs", "get_org"), {"org_id": org_id})
    return await cur.fetchone()


async def update_org_settings(conn: Conn, *, org_id: UUID, settings: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q("orgs", "update_org_settings"), {"org_id": org_id, "settings": Jsonb(settings)})
    return await cur.fetchone()


async def insert_lifecycle_stage(conn: Conn, *, org_id: UUID, key: str, label: str, position: int) -> None:
    await conn.execute(
        q("orgs", "insert_lifecycle_stage"), {"org_id": org_id, "key": key, "label": label, "position": position}
    )


async def list_lifecycle_stages(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("orgs", "list_lifecycle_stages"), {"org_id": org_id})
    return await cur.fetchall()


async def insert_pipeline(conn: Conn, *, org_id: UUID, name: str, is_default: bool) -> Row:
    cur = await conn.execute(q("orgs", "insert_pipeline"), {"org_id": org_id, "name": name, "is_default": is_default})
    row = await cur.fetchone()
    assert row is not None
    return row


async def insert_pipeline_stage(
    conn: Conn, *, org_id: UUID, pipeline_id: UUID, name: str, position: int, probability: int, kind: str
) -> Row:
    cur = await conn.execute(
        q("orgs", "insert_pipeline_stage"),
        {
            "org_id": org_id,
            "pipeline_id": pipeline_id,
            "name": name,
            "position": position,
            "probability": probability,
            "kind": kind,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def insert_user(conn: Conn, *, org_id: UUID, email: str, name: str, role: str, password_hash: str | None) -> Row:
    cur = await conn.execute(
        q("orgs", "insert_user"),
        {"org_id": org_id, "email": email, "name": name, "role": role, "password_hash": password_hash},
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def list_users(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("orgs", "list_users"), {"org_id": org_id})
    return await cur.fetchall()


async def get_user(conn: Conn, *, org_id: UUID, user_id: UUID) -> Row | None:
    cur = await conn.execute(q("orgs", "get_user"), {"org_id": org_id, "user_id": user_id})
    return await cur.fetchone()


async def insert_api_key(
    conn: Conn,
    *,
    org_id: UUID,
    user_id: UUID,
    name: str,
    prefix: str,
    key_hash: str,
    scopes: list[str],
    expires_at: Any,
) -> Row:
    cur = await conn.execute(
        q("orgs", "insert_api_key"),
        {
            "org_id": org_id,
            "user_id": user_id,
            "name": name,
            "prefix": prefix,
            "key_hash": key_hash,
            "scopes": scopes,
            "expires_at": expires_at,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def auth_api_key(conn: Conn, *, key_hash: str) -> Row | None:
    cur = await conn.execute(q("orgs", "auth_api_key"), {"key_hash": key_hash})
    return await cur.fetchone()


async def auth_user_by_email(conn: Conn, *, email: str) -> Row | None:
    cur = await conn.execute(q("orgs", "auth_user_by_email"), {"email": email})
    return await cur.fetchone()


async def user_team(conn: Conn, *, org_id: UUID, user_id: UUID) -> UUID | None:
    cur = await conn.execute(q("orgs", "user_team"), {"org_id": org_id, "user_id": user_id})
    row = await cur.fetchone()
    return row["team_id"] if row else None
