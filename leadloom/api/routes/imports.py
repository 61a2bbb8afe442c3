"""CSV import over HTTP: upload a file (a job is created and dry-run in the background), poll it, run it for real.

The upload is stored in the database before the 202 is returned, so an accepted file is never lost; the
background run marks the job 'failed' with the reason if it crashes, and a job can always be run again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field

from leadloom.api.deps import CurrentActor, PoolDep, SettingsDep
from leadloom.crm.context import Actor
from leadloom.crm.errors import ValidationError
from leadloom.crm.services import imports
from leadloom.crm.services.imports import ImportJob

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/imports", tags=["imports"])

# Strong references to running imports: asyncio keeps only weak ones, and a collected task would vanish silently.
_RUNNING: set[asyncio.Task[Any]] = set()


class RunRequest(BaseModel):
    mapping: dict[str, str | None] | None = Field(
        default=None, description="Edited mapping, field -> column; omit to keep the job's mapping."
    )
    dry_run: bool = False


def _start_background(pool: Any, actor: Actor, job_id: UUID, mapping: dict[str, Any] | None, dry_run: bool) -> None:
    async def _run() -> None:
        try:
            await imports.run_import(pool, actor, job_id, mapping=mapping, dry_run=dry_run, prepared=True)
        except Exception:
            # run_import has already recorded the failure on the job; the log keeps the trace for us.
            log.warning("background import %s ended in failure", job_id, exc_info=True)

    task = asyncio.create_task(_run(), name=f"import-{job_id}")
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)


def _parse_mapping(raw: str | None) -> dict[str, Any] | None:
    if raw is None or not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"mapping is not valid JSON ({exc.msg})", errors=[{"field": "mapping", "message": "invalid JSON"}]
        ) from None
    if not isinstance(value, dict):
        raise ValidationError("mapping must be a JSON object of field -> column")
    return value


def _view(job: ImportJob) -> dict[str, Any]:
    return job.model_dump(mode="json")


@router.post("", status_code=202, summary="Upload a CSV file to import; a dry run starts in the background")
async def upload(
    actor: CurrentActor,
    pool: PoolDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The CSV file (UTF-8, UTF-16 or Windows-1252; , ; tab or |)")],
    entity: Annotated[str, Form(pattern="^(contacts|companies|deals)$")],
    mapping: Annotated[str | None, Form(description="JSON object field -> column; default: suggested")] = None,
    dry_run: Annotated[bool, Form()] = True,
) -> dict[str, Any]:
    data = await file.read()
    job = await imports.start_import(
        pool,
        actor,
        entity=entity,
        filename=file.filename or "upload.csv",
        data=data,
        mapping=_parse_mapping(mapping),
        dry_run=dry_run,
        max_bytes=settings.max_upload_bytes,
    )
    await imports.prepare_run(pool, actor, job.id, dry_run=dry_run)
    _start_background(pool, actor, job.id, None, dry_run)
    return {"id": str(job.id), "status": "running", "suggested": job.suggested, "row_count": job.row_count}


@router.get("/{job_id}", summary="An import job: status, suggested mapping, counts, row errors and warnings")
async def get(job_id: UUID, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return _view(await imports.get_import(pool, actor, job_id))


@router.post("/{job_id}/run", status_code=202, summary="Run an import again, with an edited mapping or for real")
async def run(job_id: UUID, body: RunRequest, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    await imports.prepare_run(pool, actor, job_id, mapping=body.mapping, dry_run=body.dry_run)
    _start_background(pool, actor, job_id, body.mapping, body.dry_run)
    return {"id": str(job_id), "status": "running", "dry_run": body.dry_run}
