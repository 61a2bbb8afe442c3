"""Lead-scoring tools for the scoring specialist: score a lead, explain a score, top leads.

They call ``leadloom.crm.services.lead_scores``; every result names the model that produced the score
(``"model"``, ``"version"``): the organization's learned model, a cold-start estimate, or the documented
rule-based score used before either existed.
"""

from __future__ import annotations

from typing import Any

from langchain.tools import tool

from leadloom.crm.services import lead_scores
from leadloom.tools.common import Runtime, caller, context, find_contact, find_user, jsonable
from leadloom.tools.dates import parse_date
from leadloom.tools.errors import tool_errors


@tool(parse_docstring=True)
@tool_errors
async def score_lead(runtime: Runtime, contact: str) -> dict[str, Any]:
    """Score one lead from 0 (cold) to 100 (hot) now, with the model kind and version and the main factors.

    Args:
        contact: the contact's name, email or id, e.g. "Ada Lovelace".
    """
    found = await find_contact(runtime, contact)
    result = await lead_scores.score_contact(context(runtime).pool, caller(runtime), found.id)
    # The full explanation is for explain_score; a score answer stays short in the model's context.
    brief = {k: v for k, v in result.items() if k != "explanation"}
    return jsonable({**brief, "factors": result.get("factors", [])[:5]})


@tool(parse_docstring=True)
@tool_errors
async def explain_score(runtime: Runtime, contact: str) -> dict[str, Any]:
    """Why a lead has its score: the factors that pushed it up and down (with points), and what would raise it.

    Args:
        contact: the contact's name, email or id.
    """
    found = await find_contact(runtime, contact)
    result = await lead_scores.explain_contact(context(runtime).pool, caller(runtime), found.id)
    # "up"/"down"/"counterfactuals" already carry the explanation; the raw one would double the tokens.
    return jsonable({k: v for k, v in result.items() if k not in {"explanation", "factors"}})


@tool(parse_docstring=True)
@tool_errors
async def top_leads(
    runtime: Runtime,
    owner: str | None = None,
    stage: str | None = None,
    since: str | None = None,
    limit: int = 10,
) -> dict[str, Any]:
    """The highest-scoring open leads, best first (customers and disqualified contacts are left out unless
    a stage is given).

    Args:
        owner: only this user's leads: "me", a name or an email.
        stage: only this lifecycle stage, e.g. "mql".
        since: ISO date; only leads created on or after it (for "this week", pass that Monday's date).
        limit: how many (1-50).
    """
    owner_id = (await find_user(runtime, owner))["id"] if owner else None
    leads = await lead_scores.top_leads(
        context(runtime).pool,
        caller(runtime),
        owner_id=owner_id,
        stage=stage.strip().lower() if stage else None,
        since=parse_date(since, "since"),
        limit=max(1, min(limit, 50)),
    )
    model = leads[0]["model"] if leads else lead_scores.MODEL
    return jsonable(
        {"model": model, "leads": [{k: v for k, v in lead.items() if k not in {"model", "version"}} for lead in leads]}
    )


TOOLS = [score_lead, explain_score, top_leads]
