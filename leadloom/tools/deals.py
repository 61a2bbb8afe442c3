"""Deal tools for the contacts specialist: list, create, move stage, change, pipeline summary."""

from __future__ import annotations

from typing import Any, Literal

from langchain.tools import tool

from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.deals import DealCreate, DealFilter, DealUpdate
from leadloom.crm.services import deals as deals_svc
from leadloom.crm.services import pipelines as pipelines_svc
from leadloom.tools.common import (
    Runtime,
    caller,
    compact,
    context,
    drop_none,
    find_company,
    find_contact,
    find_deal,
    find_user,
    jsonable,
)
from leadloom.tools.dates import parse_date
from leadloom.tools.errors import tool_errors
from leadloom.tools.safety import confirm_if_untrusted

CHANGE_KEYS = ("name", "amount", "currency", "expected_close", "probability", "owner", "company", "contact", "stage")
_SHOWN = ("name", "stage", "status", "amount", "currency", "expected_close", "probability", "company_name",
          "contact_name", "owner_id", "close_reason")  # fmt: skip


def deal_summary(d: Any) -> dict[str, Any]:
    return compact(
        {
            "id": d.id,
            "name": d.name,
            "company": d.company_name,
            "contact": d.contact_name,
            "stage": d.stage,
            "status": d.status,
            "amount": d.amount,
            "currency": d.currency,
            "expected_close": d.expected_close,
            "probability": d.probability,
        }
    )


async def _pipeline_id(runtime: Runtime, pipeline: str | None) -> Any:
    if not pipeline:
        return None
    pipes = await pipelines_svc.list_pipelines(context(runtime).pool, caller(runtime))
    wanted = pipeline.strip().lower()
    for p in pipes:
        if str(p.id) == wanted or p.name.lower() == wanted:
            return p.id
    names = ", ".join(p.name for p in pipes)
    raise NotFoundError(f"no pipeline named {pipeline!r}; pipelines: {names}")


async def _links(runtime: Runtime, company: str | None, contact: str | None, owner: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if company:
        out["company_id"] = (await find_company(runtime, company)).id
    if contact:
        person = await find_contact(runtime, contact)
        out["contact_id"] = person.id
        if not company and person.company_id:
            # A deal with a person is a deal with their company too, unless told otherwise.
            out["company_id"] = person.company_id
    if owner:
        out["owner_id"] = (await find_user(runtime, owner))["id"]
    return out


@tool(parse_docstring=True)
@tool_errors
async def list_deals(
    runtime: Runtime,
    company: str | None = None,
    contact: str | None = None,
    stage: str | None = None,
    status: Literal["open", "won", "lost"] | None = None,
    owner: str | None = None,
    min_amount: float | None = None,
    max_amount: float | None = None,
    closing_before: str | None = None,
    closing_after: str | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """List deals (opportunities) by company, contact, stage, status, owner, amount or expected close date.

    Args:
        company: company name or domain, e.g. "Acme".
        contact: contact name or email.
        stage: pipeline stage, e.g. "Proposal", "Negotiation".
        status: "open", "won" or "lost".
        owner: "me", a user's name or email.
        min_amount: smallest amount, e.g. 5000.
        max_amount: largest amount.
        closing_before: ISO date; expected close on or before it.
        closing_after: ISO date; expected close on or after it.
        limit: how many deals (1-100).
    """
    ctx = context(runtime)
    links = await _links(runtime, company, contact, owner)
    filters = DealFilter(
        **links,
        **drop_none(
            {
                "stage": stage,
                "status": status,
                "min_amount": min_amount,
                "max_amount": max_amount,
                "closing_before": parse_date(closing_before, "closing_before"),
                "closing_after": parse_date(closing_after, "closing_after"),
            }
        ),
    )
    page = await deals_svc.list_deals(ctx.pool, caller(runtime), filters, limit=max(1, min(limit, 100)))
    return {
        "count": len(page.items),
        "deals": [deal_summary(d) for d in page.items],
        "more": page.next_cursor is not None,
    }


@tool(parse_docstring=True)
@tool_errors
async def create_deal(
    runtime: Runtime,
    name: str,
    company: str | None = None,
    contact: str | None = None,
    amount: float | None = None,
    currency: str | None = None,
    stage: str | None = None,
    expected_close: str | None = None,
    owner: str | None = None,
) -> dict[str, Any]:
    """Create a deal (sales opportunity) in the default pipeline, linked to a company and/or contact.

    Args:
        name: e.g. "Acme website redesign".
        company: the company's name or domain.
        contact: the main contact's name or email (their company is used when company is not given).
        amount: e.g. 12000.
        currency: ISO code, e.g. "USD", "EUR"; default the organization's.
        stage: starting stage, e.g. "Discovery"; default the first stage.
        expected_close: ISO date, e.g. "2025-06-30".
        owner: "me", a user's name or email; default the caller.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "create_deal", {"name": name, "contact": contact, "company": company}, f"Create deal {name}"
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    links = await _links(runtime, company, contact, owner)
    if "owner_id" not in links and actor.user_id:
        links["owner_id"] = actor.user_id
    data = DealCreate(
        name=name,
        **links,
        **drop_none(
            {
                "amount": amount,
                "currency": currency,
                "stage": stage,
                "expected_close": parse_date(expected_close, "expected_close"),
            }
        ),
    )
    created = await deals_svc.create_deal(ctx.pool, actor, data)
    return {"created": deal_summary(created)}


@tool(parse_docstring=True)
@tool_errors
async def move_deal_stage(runtime: Runtime, deal: str, stage: str, reason: str | None = None) -> dict[str, Any]:
    """Move a deal to another stage of its pipeline. Won/lost stages close the deal and take a reason.

    Args:
        deal: the deal's name or id, e.g. "Acme website redesign".
        stage: the new stage, e.g. "Negotiation", "Closed Won", "Closed Lost".
        reason: why it was won or lost (only for won/lost stages), e.g. "chose a cheaper vendor".
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "move_deal_stage", {"deal": deal, "stage": stage}, f"Move deal {deal} to {stage}"
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    found = await find_deal(runtime, deal)
    moved = await deals_svc.move_deal_stage(ctx.pool, caller(runtime), found.id, stage, reason=reason)
    return {
        "id": str(moved.id),
        "name": moved.name,
        "before": jsonable({"stage": found.stage, "status": found.status}),
        "after": jsonable(drop_none({"stage": moved.stage, "status": moved.status, "reason": moved.close_reason})),
    }


@tool(parse_docstring=True)
@tool_errors
async def update_deal(runtime: Runtime, deal: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change a deal's fields. Returns each changed field before -> after.

    Args:
        deal: the deal's name or id.
        changes: any of name, amount, currency, expected_close (ISO date), probability (0-100), owner, company,
            contact, stage; null clears a field. E.g. {"amount": 15000, "expected_close": "2025-07-15"}.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "update_deal", {"deal": deal, "changes": changes}, f"Change deal {deal}: {', '.join(changes)}"
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    unknown = sorted(set(changes) - set(CHANGE_KEYS))
    if unknown:
        raise ValidationError(
            f"cannot change {', '.join(unknown)}; changeable: {', '.join(CHANGE_KEYS)}",
            errors=[{"field": k, "message": "not changeable"} for k in unknown],
        )
    found = await find_deal(runtime, deal)
    fields = {k: v for k, v in changes.items() if k not in {"owner", "company", "contact"}}
    if "expected_close" in fields:
        fields["expected_close"] = parse_date(fields["expected_close"], "expected_close")
    for key in ("owner", "company", "contact"):
        if key in changes:
            if changes[key] is None:
                fields[f"{key}_id"] = None
            else:
                fields.update(
                    await _links(runtime, **{"company": None, "contact": None, "owner": None, key: changes[key]})
                )
    updated = await deals_svc.update_deal(ctx.pool, caller(runtime), found.id, DealUpdate(**fields))
    a, b = found.model_dump(), updated.model_dump()
    changed = [k for k in _SHOWN if a.get(k) != b.get(k)]
    return {
        "id": str(found.id),
        "name": updated.name,
        "before": jsonable({k: a.get(k) for k in changed}),
        "after": jsonable({k: b.get(k) for k in changed}),
    }


@tool(parse_docstring=True)
@tool_errors
async def pipeline_summary(runtime: Runtime, pipeline: str | None = None, owner: str | None = None) -> dict[str, Any]:
    """Per stage of a pipeline: number of deals, total amount and weighted amount (amount x win probability).

    Args:
        pipeline: the pipeline's name; default the organization's default pipeline.
        owner: only deals of this user: "me", a name or an email.
    """
    ctx = context(runtime)
    owner_id = (await find_user(runtime, owner))["id"] if owner else None
    rows = await deals_svc.pipeline_summary(
        ctx.pool, caller(runtime), await _pipeline_id(runtime, pipeline), owner_id=owner_id
    )
    stages = [
        compact(
            {
                "stage": r["stage"],
                "kind": r["kind"],
                "deals": r["count"],
                "amount": r["amount"],
                "weighted_amount": r["weighted_amount"],
            }
        )
        | {"deals": r["count"]}
        for r in rows
    ]
    open_rows = [r for r in rows if r["kind"] == "open"]
    return {
        "pipeline": rows[0]["pipeline"] if rows else None,
        "stages": stages,
        "open_deals": sum(r["count"] for r in open_rows),
        "open_amount": jsonable(sum(r["amount"] or 0 for r in open_rows)),
        "weighted_open_amount": jsonable(sum(r["weighted_amount"] or 0 for r in open_rows)),
    }


TOOLS = [list_deals, create_deal, move_deal_stage, update_deal, pipeline_summary]
