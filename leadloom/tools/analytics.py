"""Analytics tools for the analytics specialist: fixed, parameterized reports (the model picks a report
and its arguments, never SQL), and semantic search over notes lives in ``knowledge``."""

from __future__ import annotations

from typing import Any, Literal

from langchain.tools import tool

from leadloom.crm.services import analytics
from leadloom.tools.common import Runtime, caller, context, find_user, jsonable
from leadloom.tools.dates import parse_date
from leadloom.tools.errors import tool_errors

Period = Literal["week", "month", "quarter", "year"]


@tool(parse_docstring=True)
@tool_errors
async def pipeline_by_stage(runtime: Runtime, pipeline: str | None = None, owner: str | None = None) -> dict[str, Any]:
    """Deals, total amount and weighted amount per stage of a pipeline, plus open totals.

    Args:
        pipeline: pipeline name; default the organization's default pipeline.
        owner: only this user's deals: "me", a name or an email.
    """
    owner_id = (await find_user(runtime, owner))["id"] if owner else None
    report = await analytics.pipeline_by_stage(
        context(runtime).pool, caller(runtime), pipeline=pipeline, owner_id=owner_id
    )
    return jsonable(report)


@tool(parse_docstring=True)
@tool_errors
async def conversion_by_source(runtime: Runtime, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Per lead source: leads created in the window, how many became customers (or won a deal), the
    conversion rate, deals won and their amount.

    Args:
        since: ISO date, first day included, e.g. "2025-01-01".
        until: ISO date, last day included, e.g. "2025-03-31".
    """
    report = await analytics.conversion_by_source(
        context(runtime).pool, caller(runtime), since=parse_date(since, "since"), until=parse_date(until, "until")
    )
    return jsonable(report)


@tool(parse_docstring=True)
@tool_errors
async def conversion_by_period(
    runtime: Runtime, period: Period = "month", since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Per week/month/quarter/year: leads created and converted (rate), deals won and lost (win rate).

    Args:
        period: "week", "month", "quarter" or "year".
        since: ISO date, first day included.
        until: ISO date, last day included.
    """
    report = await analytics.conversion_by_period(
        context(runtime).pool,
        caller(runtime),
        period=period,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
    )
    return jsonable(report)


@tool(parse_docstring=True)
@tool_errors
async def activity_by_owner(
    runtime: Runtime,
    since: str | None = None,
    until: str | None = None,
    type: Literal["call", "email", "meeting", "note", "task"] | None = None,
) -> dict[str, Any]:
    """Activities per user (calls, emails, meetings, notes, tasks, tasks done) in a window.

    Args:
        since: ISO date, first day included.
        until: ISO date, last day included.
        type: only this kind of activity, e.g. "call".
    """
    report = await analytics.activity_by_owner(
        context(runtime).pool,
        caller(runtime),
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        type=type,
    )
    return jsonable(report)


@tool(parse_docstring=True)
@tool_errors
async def revenue_won_over_time(
    runtime: Runtime, period: Period = "month", since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Revenue from won deals per period (by close date), per currency, with totals.

    Args:
        period: "week", "month", "quarter" or "year".
        since: ISO date, first day included.
        until: ISO date, last day included.
    """
    report = await analytics.revenue_won_over_time(
        context(runtime).pool,
        caller(runtime),
        period=period,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
    )
    return jsonable(report)


@tool(parse_docstring=True)
@tool_errors
async def score_distribution(runtime: Runtime, bins: int = 10) -> dict[str, Any]:
    """How many contacts fall in each lead-score range (0-100 split into equal ranges), and how many have
    no score yet.

    Args:
        bins: number of ranges, 2-20 (10 gives 0-10, 10-20, ...).
    """
    return jsonable(await analytics.score_distribution(context(runtime).pool, caller(runtime), bins=bins))


TOOLS = [
    pipeline_by_stage,
    conversion_by_source,
    conversion_by_period,
    activity_by_owner,
    revenue_won_over_time,
    score_distribution,
]
