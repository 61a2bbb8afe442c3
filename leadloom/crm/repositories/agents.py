"""SQL for agent threads and runs: which LangGraph thread belongs to whom, and what each run did."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def insert_thread(conn: Conn, *, thread_id: str, org_id: UUID, user_id: UUID | None, title: str | None) -> Row:
    cur = await conn.execute(
        q("agents", "insert_thread"), {"thread_id": thread_id, "org_id": org_id, "user_id": user_id, "title": title}
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def get_thread(conn: Conn, *, thread_id: str, user_id: UUID | None) -> Row | None:
    cur = await conn.execute(q("agents", "get_thread"), {"thread_id": thread_id, "user_id": user_id})
    return await cur.fetchone()


async def thread_for_run(conn: Conn, *, thread_id: str, user_id: UUID | None) -> Row | None:
    cur = await conn.execute(q("agents", "thread_for_run"), {"thread_id": thread_id, "user_id": user_id})
    return await cur.fetchone()


async def list_threads(conn: Conn, *, user_id: UUID | None, limit: int = 100) -> list[Row]:
    cur = await conn.execute(q("agents", "list_threads"), {"user_id": user_id, "limit": limit})
    return await cur.fetchall()


async def touch_thread(conn: Conn, *, thread_id: str, title: str | None = None) -> None:
    await conn.execute(q("agents", "touch_thread"), {"thread_id": thread_id, "title": title})


async def insert_run(
    conn: Conn, *, run_id: str, org_id: UUID, thread_id: str, user_id: UUID | None, source: str, input: str | None
) -> Row:
    cur = await conn.execute(
        q("agents", "insert_run"),
        {
            "run_id": run_id,
            "org_id": org_id,
            "thread_id": thread_id,
            "user_id": user_id,
            "source": source,
            "input": input,
        },
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def finish_run(
    conn: Conn,
    *,
    run_id: str,
    status: str,
    output: str | None,
    tool_calls: list[Any],
    interrupts: list[Any],
    timings: dict[str, Any],
    error: str | None = None,
) -> None:
    await conn.execute(
        q("agents", "finish_run"),
        {
            "run_id": run_id,
            "status": status,
            "output": output,
            "tool_calls": Jsonb(tool_calls, dumps=_dumps),
            "interrupts": Jsonb(interrupts, dumps=_dumps),
            "timings": Jsonb(timings, dumps=_dumps),
            "error": error,
        },
    )


async def get_run(conn: Conn, *, run_id: str, thread_id: str) -> Row | None:
    cur = await conn.execute(q("agents", "get_run"), {"run_id": run_id, "thread_id": thread_id})
    return await cur.fetchone()


async def list_runs(conn: Conn, *, thread_id: str) -> list[Row]:
    cur = await conn.execute(q("agents", "list_runs"), {"thread_id": thread_id})
    return await cur.fetchall()


def _dumps(obj: Any) -> str:
    import json

    # Tool arguments and results may hold dates, UUIDs and decimals.
    return json.dumps(obj, default=str)
