"""Company tools for the contacts specialist: search, read (with contacts and deals), create, change."""

from __future__ import annotations

from typing import Any

from langchain.tools import tool

from leadloom.crm.errors import ValidationError
from leadloom.crm.models.deals import DealFilter
from leadloom.crm.services import companies as companies_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.crm.services import deals as deals_svc
from leadloom.tools.common import Runtime, caller, compact, context, drop_none, find_company, find_user, jsonable
from leadloom.tools.errors import tool_errors
from leadloom.tools.safety import confirm_if_untrusted, untrusted_values

CHANGE_KEYS = ("name", "domain", "industry", "size", "owner", "custom_fields")


def company_summary(c: Any) -> dict[str, Any]:
    return compact(
        {
            "id": c.id,
            "name": c.name,
            "domain": c.domain,
            "industry": c.industry,
            "size": c.size,
            "owner": c.owner_name,
            "contacts": c.contact_count,
        }
    )


def _shown(c: Any) -> dict[str, Any]:
    return {
        "name": c.name,
        "domain": c.domain,
        "industry": c.industry,
        "size": c.size,
        "owner": c.owner_name,
        "custom_fields": c.custom,
    }


@tool(parse_docstring=True)
@tool_errors
async def search_companies(
    runtime: Runtime,
    query: str | None = None,
    name: str | None = None,
    domain: str | None = None,
    industry: str | None = None,
    min_size: int | None = None,
    max_size: int | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """Find companies (accounts) by name, domain, industry or size; every filter given narrows the result.

    Args:
        query: free text over name, domain and industry, e.g. "acme".
        name: part of the company name, e.g. "Acme".
        domain: web domain, e.g. "acme.com".
        industry: e.g. "software", "retail".
        min_size: fewest employees.
        max_size: most employees.
        limit: how many to return (1-100).
    """
    ctx = context(runtime)
    filters = drop_none(
        {"q": query, "name": name, "domain": domain, "industry": industry, "min_size": min_size, "max_size": max_size}
    )
    page = await companies_svc.list_companies(
        ctx.pool, caller(runtime), filters, sort="name", limit=max(1, min(limit, 100))
    )
    return {
        "count": len(page.items),
        "companies": [company_summary(c) for c in page.items],
        "more": page.next_cursor is not None,
    }


@tool(parse_docstring=True)
@tool_errors
async def get_company(runtime: Runtime, company: str) -> dict[str, Any]:
    """One company (account) in full: its details, its contacts (name, email, title, stage) and its deals.

    Args:
        company: the company's name, domain or id, e.g. "Acme" or "acme.com".
    """
    ctx = context(runtime)
    actor = caller(runtime)
    found = await find_company(runtime, company)
    people = await contacts_svc.list_contacts(ctx.pool, actor, {"company_id": found.id}, sort="name", limit=25)
    deals = await deals_svc.list_deals(ctx.pool, actor, DealFilter(company_id=found.id), limit=25)
    return {
        **company_summary(found),
        **compact({"custom_fields": untrusted_values(found.custom)}),
        "contacts": [
            compact({"id": c.id, "name": c.name, "email": c.email, "title": c.title, "stage": c.lifecycle_stage})
            for c in people.items
        ],
        "deals": [
            compact(
                {
                    "id": d.id,
                    "name": d.name,
                    "stage": d.stage,
                    "status": d.status,
                    "amount": d.amount,
                    "currency": d.currency,
                }
            )
            for d in deals.items
        ],
    }


@tool(parse_docstring=True)
@tool_errors
async def create_company(
    runtime: Runtime,
    name: str,
    domain: str | None = None,
    industry: str | None = None,
    size: int | None = None,
) -> dict[str, Any]:
    """Create a company (account) so contacts and deals can be linked to it. Check search_companies first
    when it may already exist.

    Args:
        name: the company name, e.g. "Acme Corp".
        domain: its web domain, e.g. "acme.com".
        industry: e.g. "software".
        size: number of employees, e.g. 50.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime, "create_company", {"name": name, "domain": domain}, f"Create company {name}"
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    created = await companies_svc.create_company(
        ctx.pool, caller(runtime), drop_none({"name": name, "domain": domain, "industry": industry, "size": size})
    )
    return {"created": company_summary(created)}


@tool(parse_docstring=True)
@tool_errors
async def update_company(runtime: Runtime, company: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change a company's fields. Returns each changed field before -> after.

    Args:
        company: the company's name, domain or id.
        changes: any of name, domain, industry, size, owner ("me", a name or an email), custom_fields;
            null clears a field. E.g. {"industry": "retail", "size": 120}.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime,
            "update_company",
            {"company": company, "changes": changes},
            f"Change company {company}: {', '.join(changes)}",
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    unknown = sorted(set(changes) - set(CHANGE_KEYS))
    if unknown:
        raise ValidationError(
            f"cannot change {', '.join(unknown)}; changeable: {', '.join(CHANGE_KEYS)}",
            errors=[{"field": k, "message": "not changeable"} for k in unknown],
        )
    found = await find_company(runtime, company)
    fields: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "owner":
            fields["owner_id"] = (await find_user(runtime, value))["id"] if value else None
        elif key == "custom_fields":
            fields["custom"] = value
        else:
            fields[key] = value
    updated = await companies_svc.update_company(ctx.pool, actor, found.id, fields)
    a, b = _shown(found), _shown(updated)
    changed = [k for k in a if a[k] != b[k]]
    return {
        "id": str(found.id),
        "name": updated.name,
        "before": jsonable({k: a[k] for k in changed}),
        "after": jsonable({k: b[k] for k in changed}),
    }


TOOLS = [search_companies, get_company, create_company, update_company]
