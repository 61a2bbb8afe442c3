"""Chainlit's data layer over Leadloom's own conversation store, so the chat's history IS the agent API's.

A Chainlit thread id is an ``agent_threads`` id (the chat creates the row under the session's thread id),
and a thread's messages are read back from the LangGraph checkpoint through the runner. Nothing is
written twice: Chainlit's per-step writes are ignored, because the checkpoint already holds every message.
Threads, users and their organizations are looked up with the SECURITY DEFINER functions of migration
0070, since Chainlit asks with a bare thread or user id, before any organization is known.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from chainlit.data.base import BaseDataLayer
from chainlit.types import Feedback, PageInfo, PaginatedResponse, Pagination, ThreadDict, ThreadFilter
from chainlit.user import PersistedUser, User

from leadloom.chat_ui import state
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import LeadloomError
from leadloom.crm.repositories import agents as agent_repo
from leadloom.crm.repositories import chat as repo
from leadloom.crm.repositories.orgs import auth_user_by_email

log = logging.getLogger(__name__)


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value or datetime.now(UTC).isoformat())


def _md_json(value: Any) -> str:
    import json

    return "```json\n" + json.dumps(value, default=str, ensure_ascii=False, indent=2)[:3000] + "\n```"


def messages_to_steps(thread_id: str, messages: list[dict[str, Any]], author: str) -> list[dict[str, Any]]:
    """The runner's messages as Chainlit steps: the person's and the assistant's messages, and a tool step
    (arguments and result) for every tool call, so a resumed thread reads like it did live."""
    steps: list[dict[str, Any]] = []
    calls: dict[str, dict[str, Any]] = {}
    last_message_id: str | None = None
    for i, m in enumerate(messages):
        sid = f"{thread_id}:{m.get('id') or i}"
        created = datetime.fromtimestamp(1_700_000_000 + i, UTC).isoformat()  # order only; times are not kept
        base = {"id": sid, "threadId": thread_id, "createdAt": created, "start": created, "end": created}
        if m["role"] == "user":
            steps.append({**base, "type": "user_message", "name": author, "output": m["content"]})
            last_message_id = sid
        elif m["role"] == "assistant":
            for tc in m.get("tool_calls") or []:
                if tc["name"].startswith("transfer_") or tc["name"].startswith("transfer_back"):
                    continue
                step = {
                    **base,
                    "id": f"{sid}:{tc['id']}",
                    "type": "tool",
                    "name": tc["name"],
                    "parentId": last_message_id,
                    "input": _md_json(tc["args"]),
                    "output": "",
                    "showInput": "json",
                }
                calls[tc["id"]] = step
                steps.append(step)
            if m.get("content") and not m.get("handoff") and (m.get("agent") in (None, "supervisor")):
                steps.append({**base, "type": "assistant_message", "name": "Leadloom", "output": m["content"]})
        elif m["role"] == "tool" and m.get("tool_call_id") in calls:
            calls[m["tool_call_id"]]["output"] = m["content"][:3000]
    return steps


class LeadloomDataLayer(BaseDataLayer):
    """Reads threads from agent_threads and the checkpointer; ignores Chainlit's own step writes."""

    async def _conn_lookup(self, fn: Any, **kw: Any) -> dict[str, Any] | None:
        async with state.runtime().pool.connection() as conn:
            return await fn(conn, **kw)  # type: ignore[no-any-return]

    # ---- users ---------------------------------------------------------------------------------

    async def get_user(self, identifier: str) -> PersistedUser | None:
        row = await self._conn_lookup(auth_user_by_email, email=identifier)
        if row is None:
            return None
        return PersistedUser(
            id=str(row["user_id"]),
            identifier=identifier,
            display_name=row["name"],
            metadata={"org_id": str(row["org_id"]), "user_id": str(row["user_id"]), "role": row["role"]},
            createdAt=datetime.now(UTC).isoformat(),
        )

    async def create_user(self, user: User) -> PersistedUser | None:
        # Users are Leadloom's own; a login only succeeds for one that exists, so nothing is created here.
        return await self.get_user(user.identifier)

    # ---- threads -------------------------------------------------------------------------------

    async def _owner(self, thread_id: str) -> dict[str, Any] | None:
        return await self._conn_lookup(repo.thread_owner, thread_id=thread_id)

    async def get_thread_author(self, thread_id: str) -> str:
        owner = await self._owner(thread_id)
        return str(owner["email"]) if owner else ""

    async def list_threads(self, pagination: Pagination, filters: ThreadFilter) -> PaginatedResponse[ThreadDict]:
        empty: PaginatedResponse[ThreadDict] = PaginatedResponse(
            pageInfo=PageInfo(hasNextPage=False, startCursor=None, endCursor=None), data=[]
        )
        if not filters.userId:
            return empty
        try:
            user_id = UUID(filters.userId)
        except ValueError:
            return empty
        user = await self._conn_lookup(repo.user_by_id, user_id=user_id)
        if user is None:
            return empty
        async with org_tx(state.runtime().pool, user["org_id"]) as conn:
            rows = await agent_repo.list_threads(conn, user_id=user_id, limit=500)
        # Threads opened but never used have no title yet; they are not worth a line in the history.
        rows = [r for r in rows if r["title"]]
        if filters.search:
            needle = filters.search.lower()
            rows = [r for r in rows if needle in r["title"].lower()]
        start = 0
        if pagination.cursor:
            ids = [r["thread_id"] for r in rows]
            start = ids.index(pagination.cursor) + 1 if pagination.cursor in ids else 0
        page = rows[start : start + pagination.first]
        data: list[ThreadDict] = [
            {
                "id": r["thread_id"],
                "createdAt": _iso(r["updated_at"]),
                "name": r["title"],
                "userId": str(user_id),
                "userIdentifier": user["email"],
                "tags": [],
                "metadata": {},
                "steps": [],
                "elements": [],
            }
            for r in page
        ]
        more = start + pagination.first < len(rows)
        return PaginatedResponse(
            pageInfo=PageInfo(
                hasNextPage=more,
                startCursor=page[0]["thread_id"] if page else None,
                endCursor=page[-1]["thread_id"] if page else None,
            ),
            data=data,
        )

    async def get_thread(self, thread_id: str) -> ThreadDict | None:
        owner = await self._owner(thread_id)
        if owner is None:
            return None
        user = await self._conn_lookup(repo.user_by_id, user_id=owner["user_id"])
        if user is None:
            return None
        actor = Actor(org_id=owner["org_id"], user_id=owner["user_id"], role=user["role"], source="chat")
        try:
            runner = state.runner()
            row = await runner.get_thread(actor, thread_id)
            messages = await runner.get_thread_messages(actor, thread_id)
        except LeadloomError as exc:
            log.warning("chat history of %s unavailable: %s", thread_id, exc.detail)
            return None
        thread: ThreadDict = {
            "id": thread_id,
            "createdAt": _iso(row["created_at"]),
            "name": row["title"],
            "userId": str(owner["user_id"]),
            "userIdentifier": owner["email"],
            "tags": [],
            "metadata": {},
            "steps": messages_to_steps(thread_id, messages, owner["email"]),  # type: ignore[typeddict-item]
            "elements": [],
        }
        return thread

    async def update_thread(
        self,
        thread_id: str,
        name: str | None = None,
        user_id: str | None = None,
        metadata: dict[str, Any] | None = None,
        tags: list[str] | None = None,
    ) -> None:
        # Only a rename from the sidebar changes anything; the runner keeps the rest up to date.
        if not name:
            return
        owner = await self._owner(thread_id)
        if owner is None:
            return
        async with org_tx(state.runtime().pool, owner["org_id"]) as conn:
            await repo.rename_thread(conn, thread_id=thread_id, title=name[:200])

    async def delete_thread(self, thread_id: str) -> None:
        owner = await self._owner(thread_id)
        if owner is None:
            return
        async with org_tx(state.runtime().pool, owner["org_id"]) as conn:
            await repo.delete_thread(conn, thread_id=thread_id, user_id=owner["user_id"])

    # ---- steps, elements, feedback: held by the checkpoint or not kept --------------------------

    async def create_step(self, step_dict: Any) -> None:
        return None

    async def update_step(self, step_dict: Any) -> None:
        return None

    async def delete_step(self, step_id: str) -> None:
        return None

    async def create_element(self, element: Any) -> None:
        return None

    async def get_element(self, thread_id: str, element_id: str) -> Any:
        return None

    async def delete_element(self, element_id: str, thread_id: str | None = None) -> None:
        return None

    async def upsert_feedback(self, feedback: Feedback) -> str:
        return feedback.id or ""

    async def delete_feedback(self, feedback_id: str) -> bool:
        return True

    async def get_favorite_steps(self, user_id: str) -> list[Any]:
        return []

    async def build_debug_url(self) -> str:
        return ""

    async def close(self) -> None:
        return None
