"""The real run: move a plan into the database set-based, inside the caller's transaction.

Rows are COPYed into temporary staging tables and written with one INSERT ... SELECT and one UPDATE ... FROM
per batch, each writing its record_history rows in the same statement. Companies the plan creates go
first so contacts and deals can point at them. The caller's single transaction makes the import all or
nothing: a failure half-way leaves no half-written record behind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.imports.plan import COLUMNS, Plan
from leadloom.crm.repositories import imports as repo

BATCH = 10_000


def _cell(value: Any, column: str) -> Any:
    if column == "custom":
        return value or {}
    return value


async def apply_plan(
    conn: Conn, actor: Actor, plan: Plan, *, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Write the plan; returns counts of what was written, including companies created for relations."""
    source = "import" if actor.run_id is None else f"import:run:{actor.run_id}"
    written = {"created": 0, "updated": 0, "companies_created": 0}
    total = len(plan.records) + len(plan.new_companies)
    done = 0

    company_rows: list[list[Any]] = []
    for i, c in enumerate(plan.new_companies):
        company_rows.append([i // BATCH, "create", c["id"], c["name"], c["domain"], None, None, None, {}, None])
    own = plan.records
    if plan.entity == "companies":
        # Related companies and the imported ones share a staging table; batches continue after the related ones.
        offset = len(company_rows) // BATCH + 1
        for i, rec in enumerate(own):
            company_rows.append(
                [
                    offset + i // BATCH,
                    rec["action"],
                    rec["id"],
                    *(_cell(rec["values"][c], c) for c in COLUMNS["companies"]),
                ]
            )
        own = []
    if company_rows:
        await repo.stage(conn, entity="companies", rows=company_rows)
        first_own = len(plan.new_companies) // BATCH + 1
        for batch, creates, update_ids in _batches(company_rows):
            created, updated = await repo.write_batch(
                conn,
                entity="companies",
                batch=batch,
                creates=creates,
                update_ids=update_ids,
                org_id=actor.org_id,
                actor_id=actor.user_id,
                source=source,
            )
            if plan.entity == "companies" and batch >= first_own:
                written["created"] += created
                written["updated"] += updated
            else:
                written["companies_created"] += created
            done += created + updated
            if progress:
                progress(done, total)
    if own:
        rows = [
            [i // BATCH, rec["action"], rec["id"], *(_cell(rec["values"][c], c) for c in COLUMNS[plan.entity])]
            for i, rec in enumerate(own)
        ]
        await repo.stage(conn, entity=plan.entity, rows=rows)
        for batch, creates, update_ids in _batches(rows):
            created, updated = await repo.write_batch(
                conn,
                entity=plan.entity,
                batch=batch,
                creates=creates,
                update_ids=update_ids,
                org_id=actor.org_id,
                actor_id=actor.user_id,
                source=source,
            )
            written["created"] += created
            written["updated"] += updated
            done += created + updated
            if progress:
                progress(done, total)
    return written


def _batches(rows: list[list[Any]]) -> list[tuple[int, int, list[Any]]]:
    """(batch, number of creates, ids to update) for staged rows [batch, action, id, ...]."""
    out: dict[int, tuple[int, list[Any]]] = {}
    for row in rows:
        creates, ids = out.setdefault(row[0], (0, []))
        if row[1] == "create":
            out[row[0]] = (creates + 1, ids)
        else:
            ids.append(row[2])
    return [(b, c, ids) for b, (c, ids) in sorted(out.items())]
