"""SQL for pipelines and their stages (crm/sql/pipelines.sql)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def _one(conn: Conn, name: str, params: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q("pipelines", name), params)
    return await cur.fetchone()


async def _all(conn: Conn, name: str, params: dict[str, Any]) -> list[Row]:
    cur = await conn.execute(q("pipelines", name), params)
    return await cur.fetchall()


async def list_pipelines(conn: Conn, *, org_id: UUID) -> list[Row]:
    return await _all(conn, "list_pipelines", {"org_id": org_id})


async def list_stages(conn: Conn, *, org_id: UUID, pipeline_id: UUID | None = None) -> list[Row]:
    """Stages in position order; all pipelines' when ``pipeline_id`` is None."""
    return await _all(conn, "list_stages", {"org_id": org_id, "pipeline_id": pipeline_id})


async def get_pipeline(conn: Conn, *, org_id: UUID, pipeline_id: UUID, for_update: bool = False) -> Row | None:
    name = "get_pipeline_for_update" if for_update else "get_pipeline"
    return await _one(conn, name, {"org_id": org_id, "pipeline_id": pipeline_id})


async def default_pipeline(conn: Conn, *, org_id: UUID) -> Row | None:
    return await _one(conn, "default_pipeline", {"org_id": org_id})


async def insert_pipeline(conn: Conn, *, org_id: UUID, name: str, is_default: bool) -> Row:
    row = await _one(conn, "insert_pipeline", {"org_id": org_id, "name": name, "is_default": is_default})
    assert row is not None
    return row


async def update_pipeline(conn: Conn, *, org_id: UUID, pipeline_id: UUID, name: str, is_default: bool) -> Row:
    row = await _one(
        conn, "update_pipeline", {"org_id": org_id, "pipeline_id": pipeline_id, "name": name, "is_default": is_default}
    )
    assert row is not None
    return row


async def clear_default(conn: Conn, *, org_id: UUID, keep_id: UUID) -> None:
    await conn.execute(q("pipelines", "clear_default"), {"org_id": org_id, "keep_id": keep_id})


async def insert_stage(
    conn: Conn, *, org_id: UUID, pipeline_id: UUID, name: str, position: int, probability: int, kind: str
) -> Row:
    row = await _one(
        conn,
        "insert_stage",
        {
            "org_id": org_id,
            "pipeline_id": pipeline_id,
            "name": name,
            "position": position,
            "probability": probability,
            "kind": kind,
        },
    )
    assert row is not None
    return row


async def update_stage(
    conn: Conn,
    *,
    org_id: UUID,
    pipeline_id: UUID,
    stage_id: UUID,
    name: str,
    position: int,
    probability: int,
    kind: str,
) -> Row | None:
    return await _one(
        conn,
        "update_stage",
        {
            "org_id": org_id,
            "pipeline_id": pipeline_id,
            "stage_id": stage_id,
            "name": name,
            "position": position,
            "probability": probability,
            "kind": kind,
        },
    )


async def park_stage_names(conn: Conn, *, org_id: UUID, pipeline_id: UUID, stage_ids: list[UUID]) -> None:
    await conn.execute(
        q("pipelines", "park_stage_names"), {"org_id": org_id, "pipeline_id": pipeline_id, "stage_ids": stage_ids}
    )


async def delete_stage(conn: Conn, *, org_id: UUID, pipeline_id: UUID, stage_id: UUID) -> None:
    await conn.execute(
        q("pipelines", "delete_stage"), {"org_id": org_id, "pipeline_id": pipeline_id, "stage_id": stage_id}
    )


async def count_deals_by_stage(conn: Conn, *, org_id: UUID, stage_ids: list[UUID]) -> dict[UUID, int]:
    rows = await _all(conn, "count_deals_by_stage", {"org_id": org_id, "stage_ids": stage_ids})
    return {r["stage_id"]: r["n"] for r in rows}


async def sync_deal_status(conn: Conn, *, org_id: UUID, pipeline_id: UUID) -> list[UUID]:
    rows = await _all(conn, "sync_deal_status", {"org_id": org_id, "pipeline_id": pipeline_id})
    return [r["id"] for r in rows]
