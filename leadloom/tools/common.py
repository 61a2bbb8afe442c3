"""Shared pieces of the tool modules: the caller from the runtime, compact JSON results, and turning a
name the model typed into exactly one record (or a question for the person).

Resolution rule: one candidate -> use it; several -> ``{"ambiguous": [...], "question": "..."}`` so the
agent asks instead of guessing; none -> ``{"error", "hint"}``. An id is accepted wherever a name is.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import ModuleType
from typing import Any
from uuid import UUID

from langchain.tools import ToolRuntime
from pydantic import BaseModel

from leadloom.crm.context import Actor
from leadloom.crm.errors import LeadloomError
from leadloom.crm.services import resolve
from leadloom.tools.context import AgentContext
from leadloom.tools.errors import ServiceUnavailableError, Unresolved

Runtime = ToolRuntime[AgentContext]
# How many candidates an ambiguity question lists (more only confuses the person).
MAX_CHOICES = 5


def context(runtime: Runtime) -> AgentContext:
    ctx = runtime.context
    if not isinstance(ctx, AgentContext):
        # A graph invoked without context=AgentContext(...) is a wiring bug; say so instead of failing oddly.
        raise LeadloomError("this tool needs the runtime context (AgentContext): invoke the graph with context=")
    return ctx


def caller(runtime: Runtime) -> Actor:
    """The acting user, stamped with the run and thread so every write can be traced to the conversation."""
    actor = context(runtime).actor
    config = runtime.config or {}
    configurable = config.get("configurable") or {}
    run_id = actor.run_id or (str(config["run_id"]) if config.get("run_id") else None)
    thread_id = actor.thread_id or configurable.get("thread_id")
    if run_id == actor.run_id and thread_id == actor.thread_id:
        return actor
    return dataclasses.replace(actor, run_id=run_id, thread_id=str(thread_id) if thread_id else None)


def service(name: str) -> ModuleType:
    """Import ``leadloom.crm.services.<name>`` lazily, for features that may not be in this build yet."""
    try:
        return importlib.import_module(f"leadloom.crm.services.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("leadloom.crm.services"):
            raise ServiceUnavailableError(f"the {name.replace('_', ' ')} feature is not available yet") from None
        raise


def jsonable(value: Any) -> Any:
    """Plain JSON types only (ids and dates as text, money as numbers), so tool results serialise cleanly."""
    if isinstance(value, BaseModel):
        return jsonable(value.model_dump())
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items() if k != "search"}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def compact(value: Mapping[str, Any], *, keep: Sequence[str] | None = None) -> dict[str, Any]:
    """Drop empty fields (None, "", [], {}) so results stay short for the model; ``keep`` limits the keys."""
    items = value.items() if keep is None else ((k, value.get(k)) for k in keep)
    return {k: jsonable(v) for k, v in items if v not in (None, "", [], {})}


def contact_brief(c: Any) -> dict[str, Any]:
    """The few fields that tell two contacts apart."""
    get = c.get if isinstance(c, Mapping) else lambda k: getattr(c, k, None)
    return compact(
        {"id": get("id"), "name": get("name"), "email": get("email"), "company": get("company_name")},
    )


def _question(kind: str, ref: str, choices: list[dict[str, Any]]) -> str:
    def label(c: dict[str, Any]) -> str:
        extra = ", ".join(str(c[k]) for k in ("email", "company", "domain") if c.get(k))
        return f"{c['name']} ({extra})" if extra else str(c["name"])

    names = [label(c) for c in choices]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"Which {kind} did you mean by '{ref}': {listed}?"


def pick(kind: str, ref: str, candidates: list[Any], brief: Any, *, hint: str) -> Any:
    """Exactly one candidate, else raise :class:`Unresolved` with a question or a not-found error."""
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise Unresolved({"error": f"no {kind} matches '{ref}'", "hint": hint})
    choices = [brief(c) for c in candidates[:MAX_CHOICES]]
    raise Unresolved({"ambiguous": choices, "question": _question(kind, ref, choices)})


async def find_contact(runtime: Runtime, ref: str) -> Any:
    """The one contact ``ref`` (id, email or name) means."""
    ctx = context(runtime)
    found = await resolve.resolve_contact(ctx.pool, caller(runtime), str(ref))
    return pick("contact", ref, found, contact_brief, hint="Check the spelling, or use search_contacts to find them.")


async def find_company(runtime: Runtime, ref: str) -> Any:
    ctx = context(runtime)
    found = await resolve.resolve_company(ctx.pool, caller(runtime), str(ref))
    return pick(
        "company",
        ref,
        found,
        lambda c: compact({"id": c.id, "name": c.name, "domain": c.domain}),
        hint="Check the spelling, use search_companies, or create it with create_company.",
    )


async def find_user(runtime: Runtime, ref: str) -> dict[str, Any]:
    """A user of the organization: "me", an email or a name."""
    ctx = context(runtime)
    found = await resolve.resolve_user(ctx.pool, caller(runtime), str(ref))
    return pick(
        "user",
        ref,
        found,
        lambda u: compact({"id": u["id"], "name": u["name"], "email": u["email"]}),
        hint="Owners are users of this organization: use 'me', their email or their name.",
    )


async def find_deal(runtime: Runtime, ref: str) -> Any:
    """The one deal ``ref`` (id or name) means."""
    ctx = context(runtime)
    deals = service("deals")
    actor = caller(runtime)
    try:
        deal_id = UUID(str(ref).strip())
    except ValueError:
        deal_id = None
    if deal_id is not None:
        return await deals.get_deal(ctx.pool, actor, deal_id)
    from leadloom.crm.models.deals import DealFilter

    page = await deals.list_deals(ctx.pool, actor, DealFilter(q=str(ref)), limit=MAX_CHOICES + 1)
    found = list(page.items)
    exact = [d for d in found if d.name.strip().lower() == str(ref).strip().lower()]
    return pick(
        "deal",
        ref,
        exact if len(exact) == 1 else found,
        lambda d: compact({"id": d.id, "name": d.name, "company": d.company_name, "stage": d.stage}),
        hint="Check the name, or use list_deals to find it.",
    )


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
