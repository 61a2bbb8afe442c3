"""Task and follow-up tools for the contacts specialist: create, list, complete, recommendations."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from langchain.tools import tool

from leadloom.crm.models.activities import TaskCreate, TaskFilter
from leadloom.crm.services import activities as activities_svc
from leadloom.crm.services import followups as followups_svc
from leadloom.tools.common import Runtime, caller, compact, context, drop_none, find_contact, find_deal, find_user, pick
from leadloom.tools.dates import parse_datetime
from leadloom.tools.errors import tool_errors
from leadloom.tools.safety import confirm_if_untrusted


def task_summary(t: Any) -> dict[str, Any]:
    return compact(
        {
            "id": t.id,
            "subject": t.subject,
            "status": t.status,
            "due": t.due_at,
            "contact": t.contact_name,
            "deal": t.deal_name,
            "company": t.company_name,
        }
    )


@tool(parse_docstring=True)
@tool_errors
async def create_task(
    runtime: Runtime,
    subject: str,
    contact: str | None = None,
    deal: str | None = None,
    due: str | None = None,
    owner: str | None = None,
) -> dict[str, Any]:
    """Create a to-do (task or follow-up), optionally about a contact or a deal.

    Args:
        subject: what to do, e.g. "Send the proposal".
        contact: the contact's name, email or id.
        deal: the deal's name or id.
        due: ISO date or date-time, e.g. "2025-04-01" (end of that day) or "2025-04-01T09:00".
        owner: who does it: "me", a name or an email; default the caller.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "create_task", {"subject": subject, "contact": contact, "deal": deal}, f"Create task {subject!r}"
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    links: dict[str, Any] = {}
    if contact:
        person = await find_contact(runtime, contact)
        links.update(contact_id=person.id, company_id=person.company_id)
    if deal:
        links["deal_id"] = (await find_deal(runtime, deal)).id
    if owner:
        links["owner_id"] = (await find_user(runtime, owner))["id"]
    due_at: Any = due
    if due and "T" in due:
        due_at = parse_datetime(due, "due")
    created = await activities_svc.create_task(
        ctx.pool, caller(runtime), TaskCreate(subject=subject, due_at=due_at, **drop_none(links))
    )
    return {"created": task_summary(created)}


@tool(parse_docstring=True)
@tool_errors
async def list_tasks(
    runtime: Runtime,
    owner: str | None = None,
    status: Literal["open", "done"] | None = "open",
    due_before: str | None = None,
    due_after: str | None = None,
    contact: str | None = None,
    overdue: bool | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """List tasks and follow-ups, soonest due first: open ones by default, or done ones, by owner, contact
    or due date.

    Args:
        owner: "me", a user's name or email.
        status: "open" (default) or "done".
        due_before: ISO date; due on or before it.
        due_after: ISO date; due on or after it.
        contact: only tasks about this contact (name, email or id).
        overdue: true for open tasks already past due.
        limit: how many (1-100).
    """
    ctx = context(runtime)
    filters: dict[str, Any] = drop_none(
        {
            "status": status,
            "due_before": parse_datetime(due_before, "due_before"),
            "due_after": parse_datetime(due_after, "due_after"),
            "overdue": overdue,
        }
    )
    if owner:
        filters["owner_id"] = (await find_user(runtime, owner))["id"]
    if contact:
        filters["contact_id"] = (await find_contact(runtime, contact)).id
    page = await activities_svc.list_tasks(
        ctx.pool, caller(runtime), TaskFilter(**filters), limit=max(1, min(limit, 100))
    )
    return {
        "count": len(page.items),
        "tasks": [task_summary(t) for t in page.items],
        "more": page.next_cursor is not None,
    }


@tool(parse_docstring=True)
@tool_errors
async def complete_task(runtime: Runtime, task: str) -> dict[str, Any]:
    """Mark a task (to-do or follow-up) as done; it then shows on the timeline at the time it was completed.

    Args:
        task: the task's id, or words from its subject, e.g. "proposal".
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (stop := confirm_if_untrusted(runtime, "complete_task", {"task": task}, f"Complete task {task}")) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    try:
        task_id = UUID(task.strip())
    except ValueError:
        # Only the caller's own open tasks are searched by subject: "the proposal task" means theirs.
        page = await activities_svc.list_tasks(
            ctx.pool, actor, TaskFilter(status="open", owner_id=actor.user_id), limit=200
        )
        words = task.strip().lower()
        matches = [t for t in page.items if words in (t.subject or "").lower()]
        chosen = pick(
            "task",
            task,
            matches,
            lambda t: compact({"id": t.id, "name": t.subject, "due": t.due_at, "contact": t.contact_name}),
            hint="Use list_tasks to see the open tasks and pass the task id.",
        )
        task_id = chosen.id
    done = await activities_svc.complete_task(ctx.pool, actor, task_id)
    return {"completed": task_summary(done)}


@tool(parse_docstring=True)
@tool_errors
async def recommend_follow_ups(runtime: Runtime, owner: str | None = None, limit: int = 10) -> dict[str, Any]:
    """Who to follow up with next, ranked, each with the reason (overdue tasks, unanswered inbound messages,
    stalled deals, engaged leads nobody touched, hot leads without an owner).

    Args:
        owner: only for this user: "me", a name or an email; default everyone.
        limit: how many recommendations (1-50).
    """
    ctx = context(runtime)
    owner_id = (await find_user(runtime, owner))["id"] if owner else None
    recs = await followups_svc.recommend_follow_ups(
        ctx.pool, caller(runtime), owner_id=owner_id, limit=max(1, min(limit, 50))
    )
    return {
        "recommendations": [
            compact(
                {
                    "kind": r.kind,
                    "priority": round(r.priority, 1),
                    "reason": r.reason,
                    "contact": r.contact_name,
                    "contact_id": r.contact_id,
                    "deal": r.deal_name,
                    "deal_id": r.deal_id,
                    "task_id": r.task_id,
                }
            )
            for r in recs
        ]
    }


TOOLS = [create_task, list_tasks, complete_task, recommend_follow_ups]
