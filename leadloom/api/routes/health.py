"""Liveness and readiness: /healthz checks the database too."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from leadloom import __version__
from leadloom.api.deps import PoolDep

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Health check, including the database")
async def healthz(pool: PoolDep) -> Any:
    try:
        async with pool.connection(timeout=2.0) as conn:
            await conn.execute("SELECT 1")
    except Exception as exc:  # any failure here means "not ready", reported, not raised
        return JSONResponse(
            {"status": "unavailable", "database": "down", "detail": type(exc).__name__, "version": __version__},
            status_code=503,
        )
    return {"status": "ok", "database": "ok", "version": __version__}
