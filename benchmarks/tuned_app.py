"""An experiment, not the shipped app: ``leadloom.main`` with two database-path changes the API benchmark
measures side by side with the real configuration, so their owners can decide on numbers.

1. No connection check on every pool checkout (psycopg_pool's ``check=`` costs one round trip per request;
   broken connections are still replaced by the pool's reconnect logic, just detected on use).
2. ``org_tx`` in pipeline mode: BEGIN, ``set_config`` and the first query travel together, so a one-query
   request makes 2 round trips (query, COMMIT) instead of 4.

Serve it with ``uvicorn benchmarks.tuned_app:app_factory --factory`` (``api_bench --tuned`` does).
Both patches are applied before any service module imports ``org_tx`` or ``make_pool`` by name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

import leadloom.crm.db.pool as pool_module


def make_pool(conninfo: str, *, min_size: int = 2, max_size: int = 20) -> AsyncConnectionPool[Any]:
    return AsyncConnectionPool(
        conninfo,
        min_size=min_size,
        max_size=max_size,
        open=False,
        kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": 0},
        name="leadloom-tuned",
    )


@asynccontextmanager
async def org_tx(pool: AsyncConnectionPool[Any], org_id: UUID | str) -> AsyncIterator[Any]:
    async with pool.connection() as conn, conn.pipeline(), conn.transaction():
        await conn.execute("SELECT set_config('leadloom.org_id', %s, true)", (str(org_id),))
        yield conn


pool_module.make_pool = make_pool  # type: ignore[assignment]
pool_module.org_tx = org_tx  # type: ignore[assignment]

from leadloom.main import app_factory  # noqa: E402  (must come after the patches)

__all__ = ["app_factory"]
