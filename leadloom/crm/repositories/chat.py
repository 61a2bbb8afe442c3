"""SQL for the chat front ends: who owns a Chainlit thread, Slack thread mapping, seen Slack events."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]


async def thread_owner(conn: Conn, *, thread_id: str) -> Row | None:
    """Organization, user and email of a thread's owner; usable before any organization is set."""
    cur = await conn.execute(q("chat", "thread_owner"), {"thread_id": thread_id})
    return await cur.fetchone()


async def user_by_id(conn: Conn, *, user_id: UUID | str) -> Row | None:
    """Organization, email, role and name of an active user; usable before any organization is set."""
    cur = await conn.execute(q("chat", "user_by_id"), {"user_id": user_id})
    return await cur.fetchone()


async def find_slack_thread(conn: Conn, *, team_id: str, channel_id: str, thread_ts: str, user_id: UUID) -> str | None:
    cur = await conn.execute(
        q("chat", "find_slack_thread"),
        {"team_id": team_id, "channel_id": channel_id, "thread_ts": thread_ts, "user_id": user_id},
    )
    row = await cur.fetchone()
    return row["thread_id"] if row else None


async def insert_slack_thread(
    conn: Conn, *, org_id: UUID, team_id: str, channel_id: str, thread_ts: str, user_id: UUID, thread_id: str
) -> bool:
    cur = await conn.execute(
        q("chat", "insert_slack_thread"),
        {
            "org_id": org_id,
            "team_id": team_id,
            "channel_id": channel_id,
            "thread_ts": thread_ts,
            "user_id": user_id,
            "thread_id": thread_id,
        },
    )
    return await cur.fetchone() is not None


async def slack_thread_of(conn: Conn, *, thread_id: str) -> Row | None:
    cur = await conn.execute(q("chat", "slack_thread_of"), {"thread_id": thread_id})
    return await cur.fetchone()


async def mark_event_seen(conn: Conn, *, event_id: str) -> bool:
    """True the first time ``event_id`` is seen, False for a redelivery."""
    cur = await conn.execute(q("chat", "mark_event_seen"), {"event_id": event_id})
    return await cur.fetchone() is not None


async def forget_old_events(conn: Conn, *, ttl_s: float) -> None:
    await conn.execute(q("chat", "forget_old_events"), {"ttl_s": ttl_s})


async def rename_thread(conn: Conn, *, thread_id: str, title: str) -> None:
    await conn.execute(q("chat", "rename_thread"), {"thread_id": thread_id, "title": title})


async def delete_thread(conn: Conn, *, thread_id: str, user_id: UUID) -> None:
    await conn.execute(q("chat", "delete_thread"), {"thread_id": thread_id, "user_id": user_id})
