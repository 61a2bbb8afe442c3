"""CSV import jobs: upload (read, suggest a mapping, keep the file), then dry or real runs of the job.

A real run happens in one transaction: plan against the current data, write set-based, record the job's
outcome. It either all commits or none of it does; a failed run leaves the job 'failed' with the reason,
and the stored file can be run again. Real runs of one organization take turns (an advisory lock), so
importing the same file twice, even at the same time, creates nothing the second time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import (
    ConflictError,
    LeadloomError,
    NotFoundError,
    PayloadTooLargeError,
    ValidationError,
)
from leadloom.crm.imports import mapping as mapping_mod
from leadloom.crm.imports.apply import apply_plan
from leadloom.crm.imports.plan import Existing, Plan, make_plan
from leadloom.crm.imports.reader import CsvTable, read_csv
from leadloom.crm.imports.transform import Transformed, Transformer, Vocab
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import imports as repo
from leadloom.crm.repositories.orgs import list_lifecycle_stages
from leadloom.crm.settings import get_settings

log = logging.getLogger(__name__)
MAX_ERRORS = 500  # row errors and warnings kept on a job; the counts in stats are always complete
STALE_RUN_S = 60.0  # a job 'running' this long without its run holding the job lock was left by a dead process
Progress = Callable[[int, int], None]


class ImportJob(BaseModel):
    """An import job as callers see it (the file itself stays in the database)."""

    id: UUID
    entity: str
    status: str
    filename: str
    encoding: str | None
    delimiter: str | None
    header: list[str]
    row_count: int
    mapping: dict[str, str] | None
    suggested: dict[str, Any]
    dry_run: bool
    stats: dict[str, Any]
    errors: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    error: str | None
    created_by: UUID | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _as_import(actor: Actor) -> Actor:
    """The actor for the transaction settings the audit triggers read: same user and run, source 'import'."""
    return actor.via("import", run_id=actor.run_id, thread_id=actor.thread_id)


def _check_writer(actor: Actor) -> None:
    authorize(actor, "record.import")


def _parse(data: bytes) -> CsvTable:
    return read_csv(data)


async def _vocab(conn: Conn, org_id: UUID) -> Vocab:
    stages = await repo.default_pipeline_stages(conn, org_id=org_id)
    return Vocab(
        lifecycle=[(s["key"], s["label"]) for s in await list_lifecycle_stages(conn, org_id=org_id)],
        pipeline_id=stages[0]["pipeline_id"] if stages else None,
        stages=stages,
        custom_defs=await repo.list_custom_defs(conn, org_id=org_id),
        users=await repo.list_users(conn, org_id=org_id),
    )


def _entity_defs(vocab_defs: list[dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    singular = {"contacts": "contact", "companies": "company", "deals": "deal"}[entity]
    return [d for d in vocab_defs if d["entity"] == singular]


async def suggest_mapping(pool: AsyncConnectionPool[Conn], actor: Actor, *, entity: str, data: bytes) -> dict[str, Any]:
    """The suggested column mapping for a file, without keeping it."""
    mapping_mod.check_entity(entity)
    table = await asyncio.to_thread(_parse, data)
    async with org_tx(pool, _as_import(actor)) as conn:
        defs = _entity_defs(await repo.list_custom_defs(conn, org_id=actor.org_id), entity)
    return mapping_mod.suggest_mapping(entity, table.header, table.rows, custom_defs=defs)


async def start_import(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    entity: str,
    filename: str,
    data: bytes,
    mapping: Mapping[str, Any] | None = None,
    dry_run: bool = True,
    max_bytes: int | None = None,
) -> ImportJob:
    """Accept a file: check it reads as CSV, suggest a mapping, and store it as a pending job.

    Nothing is imported yet; ``run_import`` does that. A file that is not a usable CSV, or a mapping that
    does not fit it, is a ValidationError and nothing is stored.
    """
    _check_writer(actor)
    mapping_mod.check_entity(entity)
    limit = max_bytes if max_bytes is not None else get_settings().max_upload_bytes
    if len(data) > limit:
        raise PayloadTooLargeError(f"the file is {len(data):,} bytes; the limit is {limit:,} bytes")
    name = normalize.clean_text(filename or "upload.csv", max_len=500) or "upload.csv"
    table = await asyncio.to_thread(_parse, data)
    if not table.rows:
        raise ValidationError("the file has a header but no data rows")
    async with org_tx(pool, _as_import(actor)) as conn:
        defs = _entity_defs(await repo.list_custom_defs(conn, org_id=actor.org_id), entity)
        suggested = mapping_mod.suggest_mapping(entity, table.header, table.rows, custom_defs=defs)
        clean = mapping_mod.check_mapping(entity, mapping, table.header, defs) if mapping is not None else None
        row = await repo.insert_job(
            conn,
            org_id=actor.org_id,
            entity=entity,
            filename=name,
            file=data,
            encoding=table.encoding,
            delimiter=table.delimiter,
            header=table.header,
            row_count=len(table.rows),
            mapping=clean,
            suggested=suggested,
            dry_run=dry_run,
            created_by=actor.user_id,
        )
    return ImportJob(**row)


async def get_import(pool: AsyncConnectionPool[Conn], actor: Actor, job_id: UUID) -> ImportJob:
    async with org_tx(pool, _as_import(actor)) as conn:
        row = await repo.get_job(conn, org_id=actor.org_id, job_id=job_id)
    if row is None:
        raise NotFoundError("no such import")
    return ImportJob(**row)


async def prepare_run(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    job_id: UUID,
    *,
    mapping: Mapping[str, Any] | None = None,
    dry_run: bool = False,
) -> ImportJob:
    """Check the mapping against the file and claim the job (status 'running'), before a run in the background.

    Claiming up front means a caller polling right after sees 'running', never the previous run's outcome.
    """
    _check_writer(actor)
    job = await get_import(pool, actor, job_id)
    async with org_tx(pool, _as_import(actor)) as conn:
        defs = _entity_defs(await repo.list_custom_defs(conn, org_id=actor.org_id), job.entity)
    if mapping is not None:
        mapping_mod.check_mapping(job.entity, mapping, job.header, defs)
    async with org_tx(pool, _as_import(actor)) as conn:
        if not await repo.claim_job(conn, org_id=actor.org_id, job_id=job_id, dry_run=dry_run, stale_s=STALE_RUN_S):
            raise ConflictError("this import is already running; poll it until it finishes")
    return job.model_copy(update={"status": "running", "dry_run": dry_run})


async def run_import(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    job_id: UUID,
    *,
    mapping: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    prepared: bool = False,
) -> ImportJob:
    """Run a job as a dry run (report only) or for real. ``mapping`` replaces the job's mapping.

    The outcome is on the returned job: status 'dry_run_done' or 'done' with stats, row errors and
    warnings; on failure the job is 'failed' with the reason and the error is raised. ``prepared`` means
    ``prepare_run`` already claimed the job.
    """
    _check_writer(actor)
    job = await get_import(pool, actor, job_id)
    chosen: dict[str, str] | None = None
    try:
        async with org_tx(pool, _as_import(actor)) as conn:
            data = await repo.get_job_file(conn, org_id=actor.org_id, job_id=job_id)
            defs = _entity_defs(await repo.list_custom_defs(conn, org_id=actor.org_id), job.entity)
        assert data is not None
        table = await asyncio.to_thread(_parse, data)
        chosen = mapping_mod.check_mapping(
            job.entity,
            mapping if mapping is not None else (job.mapping or job.suggested.get("mapping", {})),
            table.header,
            defs,
        )
    except BaseException as exc:
        if prepared:
            await _fail(pool, actor, job_id, exc, chosen)
        raise
    if not prepared:
        async with org_tx(pool, _as_import(actor)) as conn:
            claimed = await repo.claim_job(
                conn, org_id=actor.org_id, job_id=job_id, dry_run=dry_run, stale_s=STALE_RUN_S
            )
        if not claimed:
            raise ConflictError("this import is already running")
    try:
        # Normalising is the long CPU part: do it before the work transaction so no connection, snapshot or
        # organization lock is held meanwhile. The transaction re-reads the vocabulary and redoes it if changed.
        async with org_tx(pool, _as_import(actor)) as conn:
            vocab = await _vocab(conn, actor.org_id)
        transformed = await _transform(job.entity, chosen, vocab, table, progress)
        async with org_tx(pool, _as_import(actor)) as conn:
            await repo.lock_job(conn, job_id=job_id)
            if not dry_run:
                await repo.lock_org_imports(conn, org_id=actor.org_id)
            current = await _vocab(conn, actor.org_id)
            if current != vocab:
                vocab, transformed = current, await _transform(job.entity, chosen, current, table, None)
            plan = await _plan(conn, actor, job.entity, vocab, transformed)
            if progress:
                progress(len(table.rows), len(table.rows))
            stats: dict[str, Any] = {
                **plan.counts,
                "companies_to_create_names": [c["name"] for c in plan.new_companies[:200]],
            }
            if not dry_run:
                written = await apply_plan(conn, actor, plan, progress=progress)
                stats.update(written)
            await repo.finish_job(
                conn,
                org_id=actor.org_id,
                job_id=job_id,
                status="dry_run_done" if dry_run else "done",
                mapping=chosen,
                stats=stats,
                errors=sorted(plan.errors, key=lambda e: e["row"])[:MAX_ERRORS],
                warnings=sorted(plan.warnings + plan.skipped, key=lambda e: e["row"])[:MAX_ERRORS],
                error=None,
            )
    except BaseException as exc:
        # The work transaction rolled back; record why on the job so a background run never fails silently.
        await _fail(pool, actor, job_id, exc, chosen)
        raise
    return await get_import(pool, actor, job_id)


async def _fail(
    pool: AsyncConnectionPool[Conn], actor: Actor, job_id: UUID, exc: BaseException, mapping: dict[str, str] | None
) -> None:
    reason = exc.detail if isinstance(exc, LeadloomError) else f"the import failed: {type(exc).__name__}: {exc}"
    if not isinstance(exc, LeadloomError):
        log.error("import %s failed", job_id, exc_info=exc)
    errors = getattr(exc, "errors", None) or []
    try:
        async with org_tx(pool, _as_import(actor)) as conn:
            await repo.finish_job(
                conn,
                org_id=actor.org_id,
                job_id=job_id,
                status="failed",
                mapping=mapping,
                stats={},
                errors=errors[:MAX_ERRORS],
                warnings=[],
                error=str(reason)[:2000],
            )
    except Exception:
        log.exception("could not record the failure of import %s", job_id)


async def _transform(
    entity: str, chosen: dict[str, str], vocab: Vocab, table: CsvTable, progress: Progress | None
) -> Transformed:
    total = len(table.rows)
    transformer = Transformer(entity, chosen, vocab)
    # CPU-bound: off the event loop, so an API process keeps answering while a big file is normalised.
    return await asyncio.to_thread(transformer.run, table, (lambda done: progress(done, total)) if progress else None)


async def _plan(conn: Conn, actor: Actor, entity: str, vocab: Vocab, transformed: Transformed) -> Plan:
    """Load the records the file may touch and decide every row (inside the work transaction)."""
    existing = Existing(companies=await repo.load_companies(conn, org_id=actor.org_id))
    good = [r.values for r in transformed.rows if r.ok]
    if entity == "contacts":
        emails = sorted({e for v in good for e in v["emails"]})
        ext = sorted({v["external_id"] for v in good if v["external_id"]})
        existing.contacts = await repo.load_contacts(conn, org_id=actor.org_id, emails=emails, external_ids=ext)
    elif entity == "deals":
        emails = sorted({v["contact_email"] for v in good if v["contact_email"]})
        existing.contacts = await repo.load_contacts(conn, org_id=actor.org_id, emails=emails, external_ids=[])
        ext = sorted({v["external_id"] for v in good if v["external_id"]})
        names = sorted({v["name"].lower() for v in good if v["name"]})
        existing.deals = await repo.load_deals(conn, org_id=actor.org_id, external_ids=ext, names=names)
    return await asyncio.to_thread(make_plan, entity, transformed, vocab, existing)


async def default_actor(pool: AsyncConnectionPool[Conn], *, email: str | None = None) -> Actor:
    """The actor a command-line import runs as: the user with ``email``, or the first owner."""
    from leadloom.crm.repositories.orgs import auth_user_by_email

    async with pool.connection() as conn:
        if email:
            try:
                clean = normalize.email(email)
            except ValueError as exc:
                raise ValidationError(str(exc)) from None
            row = await auth_user_by_email(conn, email=clean)
            if row is None:
                raise NotFoundError(f"no user with email {clean}")
        else:
            row = await repo.default_owner(conn)
            if row is None:
                raise NotFoundError("there is no organization yet; run `leadloom demo` or create one first")
    return Actor(org_id=row["org_id"], user_id=row["user_id"], role=row["role"], source="import")
