"""The FastAPI application: lifespan (database, migrations, pool), problem responses, limits, routers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from leadloom import __version__
from leadloom.api import problems, security
from leadloom.api.limits import BodySizeLimit
from leadloom.api.routes import ROUTERS
from leadloom.crm import logsafety
from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import DatabaseUrls, make_pool, resolve_database
from leadloom.crm.settings import Settings, get_settings

log = logging.getLogger(__name__)
UPLOAD_PATHS = ("/api/v1/imports",)

Hook = Callable[[FastAPI], Any]


def create_app(
    settings: Settings | None = None,
    *,
    urls: DatabaseUrls | None = None,
    migrate: bool = True,
    on_startup: list[Hook] | None = None,
    on_shutdown: list[Hook] | None = None,
) -> FastAPI:
    """Build the app. ``urls`` lets tests hand in a prepared database; otherwise it is resolved from settings."""
    settings = settings or get_settings()
    logsafety.install()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_urls = urls is None
        db = urls or await asyncio.to_thread(resolve_database, settings)
        if migrate:
            await asyncio.to_thread(upgrade, db.admin, settings)
        pool = make_pool(
            db.app, min_size=settings.pool_min_size, max_size=settings.pool_max_size, timeout=settings.pool_timeout_s
        )
        await pool.open(wait=True, timeout=30)
        app.state.pool, app.state.settings, app.state.db = pool, settings, db
        for hook in on_startup or []:
            result = hook(app)
            if asyncio.iscoroutine(result):
                await result
        try:
            yield
        finally:
            for hook in on_shutdown or []:
                result = hook(app)
                if asyncio.iscoroutine(result):
                    await result
            await pool.close()
            if own_urls:
                db.stop()

    app = FastAPI(
        title="Leadloom",
        version=__version__,
        description=(
            "AI-first CRM for small marketing businesses. Authenticate with `Authorization: Bearer <API key>`"
            " or the session cookie from `POST /api/v1/auth/login`."
        ),
        lifespan=lifespan,
    )
    app.state.settings = settings
    problems.install(app)
    for router in ROUTERS:
        app.include_router(router, responses=problems.RESPONSES)
    security.install(app, settings)
    app.add_middleware(
        BodySizeLimit, max_body=settings.max_body_bytes, max_upload=settings.max_upload_bytes, upload_paths=UPLOAD_PATHS
    )
    return app
