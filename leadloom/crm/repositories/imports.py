"""SQL for CSV import: jobs, the organization's vocabulary, existing records, and set-based staged writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]

# Column types of each staging table after (batch, action), for COPY's binary-free text format.
_STAGE_TYPES = {
    "companies": ["int4", "text", "uuid", "text", "text", "text", "int4", "uuid", "jsonb", "text"],
    "contacts": [
        "int4",
        "text",
        "uuid",
        "text",
        "text",
        "text[]",
        "text[]",
        "text",
        "uuid",
        "text",
        "text",
        "uuid",
        "text[]",
        "bool",
        "bool",
        "date",
        "jsonb",
        "text",
    ],
    "deals": [
        "int4",
        "text",
        "uuid",
        "text",
        "uuid",
        "uuid",
        "uuid",
        "uuid",
        "numeric",
        "text",
        "date",
        "int4",
        "text",
        "text",
        "timestamptz",
        "uuid",
        "jsonb",
        "text",
    ],
}


def _json(value: Any) -> Jsonb:
    return Jsonb(value, dumps=lambda o: json.dumps(o, default=str))


async def insert_job(
    conn: Conn,
    *,
    org_id: UUID,
    entity: str,
    filename: str,
    file: bytes,
    encoding: str,
    delimiter: str,
    header: list[str],
    row_count: int,
    mapping: dict[str, str] | None,
    suggested: dict[str, Any],
    dry_run: bool,
    created_by: UUID | None,
) -> Row:
    cur = await conn.execute(
        q("imports", "insert_job"),
        {
            "org_id": org_id,
            "entity": entity,
            "filename": filename,
            "file": file,
            "encoding": encoding,
            "delimiter": delimiter,
            "header": header,
            "row_count": row_count,
            "mapping": _json(mapping) if mapping is not None else None,
            "suggested": _json(suggested),
            "dry_run": dry_run,
            "created_by": created_by,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def get_job(conn: Conn, *, org_id: UUID, job_id: UUID) -> Row | None:
    cur = await conn.execute(q("imports", "get_job"), {"org_id": org_id, "job_id": job_id})
    return await cur.fetchone()


async def get_job_file(conn: Conn, *, org_id: UUID, job_id: UUID) -> bytes | None:
    cur = await conn.execute(q("imports", "get_job_file"), {"org_id": org_id, "job_id": job_id})
    row = await cur.fetchone()
    return None if row is None else bytes(row["file"])


async def claim_job(conn: Conn, *, org_id: UUID, job_id: UUID, dry_run: bool, stale_s: float) -> bool:
    cur = await conn.execute(
        q("imports", "claim_job"), {"org_id": org_id, "job_id": job_id, "dry_run": dry_run, "stale_s": stale_s}
    )
    return await cur.fetchone() is not None


async def finish_job(
    conn: Conn,
    *,
    org_id: UUID,
    job_id: UUID,
    status: str,
    mapping: dict[str, str] | None,
    stats: dict[str, Any],
    errors: list[dict[str, Any]],
    warnings: list[dict[str, Any]],
    error: str | None,
) -> None:
    await conn.execute(
        q("imports", "finish_job"),
        {
            "org_id": org_id,
            "job_id": job_id,
            "status": status,
            "mapping": _json(mapping) if mapping is not None else None,
            "stats": _json(stats),
            "errors": _json(errors),
            "warnings": _json(warnings),
            "error": error,
        },
    )


async def lock_job(conn: Conn, *, job_id: UUID) -> None:
    await conn.execute(q("imports", "lock_job"), {"job_id": job_id})


async def lock_org_imports(conn: Conn, *, org_id: UUID) -> None:
    await conn.execute(q("imports", "lock_org_imports"), {"org_id": org_id})


async def default_owner(conn: Conn) -> Row | None:
    cur = await conn.execute(q("imports", "default_owner"))
    return await cur.fetchone()


async def list_custom_defs(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("imports", "list_custom_defs"), {"org_id": org_id})
    return await cur.fetchall()


async def list_users(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("imports", "list_users"), {"org_id": org_id})
    return await cur.fetchall()


async def default_pipeline_stages(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("imports", "default_pipeline_stages"), {"org_id": org_id})
    return await cur.fetchall()


async def load_companies(conn: Conn, *, org_id: UUID) -> list[Row]:
    cur = await conn.execute(q("imports", "load_companies"), {"org_id": org_id})
    return await cur.fetchall()


async def load_contacts(conn: Conn, *, org_id: UUID, emails: list[str], external_ids: list[str]) -> list[Row]:
    cur = await conn.execute(
        q("imports", "load_contacts"), {"org_id": org_id, "emails": emails, "external_ids": external_ids}
    )
    return await cur.fetchall()


async def load_deals(conn: Conn, *, org_id: UUID, external_ids: list[str], names: list[str]) -> list[Row]:
    cur = await conn.execute(
        q("imports", "load_deals"), {"org_id": org_id, "external_ids": external_ids, "names": names}
    )
    return await cur.fetchall()


async def stage(conn: Conn, *, entity: str, rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows (batch, action, id, columns...) into the entity's temporary staging table."""
    await conn.execute(q("imports", f"create_stage_{entity}"))
    cur = conn.cursor()
    async with cur.copy(q("imports", f"copy_stage_{entity}")) as copy:
        copy.set_types(_STAGE_TYPES[entity])
        for row in rows:
            await copy.write_row([_json(v) if isinstance(v, dict) else v for v in row])
    await conn.execute(q("imports", f"analyze_stage_{entity}"))


async def write_batch(
    conn: Conn,
    *,
    entity: str,
    batch: int,
    creates: int,
    update_ids: list[UUID],
    org_id: UUID,
    actor_id: UUID | None,
    source: str,
) -> tuple[int, int]:
    """Insert and update one staged batch, with a history row per record; (created, updated).

    The caller says what the batch holds, so empty halves cost no statement at all.
    """
    params = {"batch": batch, "org_id": org_id, "actor_id": actor_id, "source": source, "ids": update_ids}
    created = updated = 0
    if creates:
        cur = await conn.execute(q("imports", f"insert_{entity}"), params)
        created = cur.rowcount
    if update_ids:
        cur = await conn.execute(q("imports", f"update_{entity}"), params)
        updated = cur.rowcount
    return created, updated
