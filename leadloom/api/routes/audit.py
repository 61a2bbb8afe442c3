"""/api/v1/audit: search the audit log (owners, admins, managers) and export it (owners, admins)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import Field

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.pagination import MAX_LIMIT, Page
from leadloom.crm.services import audit
from leadloom.crm.services.audit import AuditEntry, AuditFilter

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])
COLUMNS = list(AuditEntry.model_fields)


class AuditQuery(AuditFilter):
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=200)


class ExportQuery(AuditFilter):
    format: Literal["csv", "jsonl"] = "jsonl"


@router.get("", summary="Audit entries, newest first (filters; keyset pagination with next_cursor)")
async def search(query: Annotated[AuditQuery, Query()], actor: CurrentActor, pool: PoolDep) -> Page[AuditEntry]:
    filters = AuditFilter.model_validate(query.model_dump(exclude={"limit", "cursor"}))
    return await audit.search(pool, actor, filters, limit=query.limit, cursor=query.cursor)


@router.get(
    "/export",
    summary="Every matching audit entry as CSV or JSON lines (streamed; the export is itself audited)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
async def export(query: Annotated[ExportQuery, Query()], actor: CurrentActor, pool: PoolDep) -> StreamingResponse:
    filters = AuditFilter.model_validate(query.model_dump(exclude={"format"}))
    entries = audit.export(pool, actor, filters)
    # Fetch the first entry before answering, so a refused export is a problem response, not a broken stream.
    first = await anext(entries, None)

    async def lines() -> AsyncIterator[str]:
        if query.format == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(COLUMNS)
            entry = first
            while entry is not None:
                row = entry.model_dump(mode="json")
                writer.writerow([json.dumps(row[c]) if isinstance(row[c], dict) else row[c] for c in COLUMNS])
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
                entry = await anext(entries, None)
            if buf.getvalue():
                yield buf.getvalue()
            return
        entry = first
        while entry is not None:
            yield entry.model_dump_json() + "\n"
            entry = await anext(entries, None)

    media = "text/csv" if query.format == "csv" else "application/x-ndjson"
    name = f"audit.{'csv' if query.format == 'csv' else 'jsonl'}"
    return StreamingResponse(
        lines(), media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
