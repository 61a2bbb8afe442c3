"""Small helpers for the records tests: counting rows as the tenant sees them, creating users."""

from __future__ import annotations

from typing import Any

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx


async def count_rows(pool: Any, actor: Actor, table: str, where: str = "TRUE") -> int:
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(f"SELECT count(*) AS n FROM {table} WHERE {where}")  # test-only, fixed strings
        row = await cur.fetchone()
        return int(row["n"])


async def add_activity(pool: Any, actor: Actor, contact_id: Any, *, type: str = "call", days_ago: int = 0) -> Any:
    """Activities belong to another engineer's service; tests insert them directly to stay independent."""
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO activities (org_id, type, contact_id, occurred_at, status) "
            "VALUES (%s, %s, %s, now() - make_interval(days => %s), %s) RETURNING id",
            (actor.org_id, type, contact_id, days_ago, "open" if type == "task" else None),
        )
        row = await cur.fetchone()
        return row["id"]


async def add_deal(pool: Any, actor: Actor, contact_id: Any, name: str = "Deal") -> Any:
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO deals (org_id, name, contact_id, pipeline_id, stage_id) "
            "SELECT %s, %s, %s, p.id, s.id FROM pipelines p JOIN pipeline_stages s ON s.pipeline_id = p.id "
            "WHERE p.is_default ORDER BY s.position LIMIT 1 RETURNING id",
            (actor.org_id, name, contact_id),
        )
        row = await cur.fetchone()
        return row["id"]


async def set_score(pool: Any, actor: Actor, contact_id: Any, score: int | None) -> None:
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute("UPDATE contacts SET score = %s WHERE id = %s", (score, contact_id))
