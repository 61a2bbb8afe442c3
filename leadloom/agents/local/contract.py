"""The tool catalogue of docs/agent-tools.md as OpenAI tool specs, for evaluating and testing the local model
without the real tools (which live in leadloom/tools and are bound by the specialist agents).
"""

from __future__ import annotations

from typing import Any

from leadloom.agents.local.intents import SPECIALIST_TOOLS

_SEARCH = ["query", "name", "email", "company", "stage", "owner", "tag", "lead_source", "min_score", "max_score",
           "created_after", "created_before", "follow_up_before", "follow_up_after", "not_contacted_since", "sort_by",
           "limit"]  # fmt: skip
_OBJECTS = {"filters", "changes", "custom_fields"}
_INTS = {"min_score", "max_score", "limit", "min_size", "max_size", "size", "bins"}
_NUMS = {"amount", "min_amount", "max_amount"}

TOOL_PARAMS: dict[str, list[str]] = {
    "search_contacts": _SEARCH,
    "get_contact": ["contact"],
    "create_contact": ["first_name", "last_name", "email", "phone", "title", "company", "stage", "lead_source", "owner",
                       "tags", "next_follow_up", "notes", "custom_fields"],
    "update_contact": ["contact", "changes"],
    "bulk_update_contacts": ["filters", "changes"],
    "delete_contacts": ["contact", "filters"],
    "log_activity": ["contact", "type", "subject", "body", "direction", "occurred_at"],
    "get_timeline": ["contact", "limit"],
    "find_duplicates": ["contact", "limit"],
    "merge_contacts": ["winner", "loser"],
    "search_companies": ["query", "name", "domain", "industry", "min_size", "max_size", "limit"],
    "get_company": ["company"],
    "create_company": ["name", "domain", "industry", "size"],
    "update_company": ["company", "changes"],
    "list_deals": ["company", "contact", "stage", "status", "owner", "min_amount", "max_amount", "closing_before",
                   "closing_after", "limit"],
    "create_deal": ["name", "company", "contact", "amount", "currency", "stage", "expected_close", "owner"],
    "move_deal_stage": ["deal", "stage", "reason"],
    "update_deal": ["deal", "changes"],
    "pipeline_summary": ["pipeline"],
    "create_task": ["subject", "contact", "deal", "due", "owner"],
    "list_tasks": ["owner", "status", "due_before", "due_after", "contact", "overdue", "limit"],
    "complete_task": ["task"],
    "recommend_follow_ups": ["owner", "limit"],
    "score_lead": ["contact"],
    "explain_score": ["contact"],
    "top_leads": ["owner", "stage", "since", "limit"],
    "create_segment": ["name", "filters"],
    "list_segments": [],
    "segment_audience": ["segment", "limit"],
    "draft_campaign": ["name", "segment", "filters", "channel", "subject", "body"],
    "list_campaigns": ["status"],
    "pipeline_by_stage": ["pipeline", "owner"],
    "conversion_by_source": ["since", "until"],
    "conversion_by_period": ["period", "since", "until"],
    "activity_by_owner": ["since", "until", "type"],
    "revenue_won_over_time": ["period", "since", "until"],
    "score_distribution": ["bins"],
    "search_notes": ["query", "contact", "limit"],
}  # fmt: skip


def _prop(name: str) -> dict[str, Any]:
    if name in _OBJECTS:
        return {"type": "object"}
    if name in _INTS:
        return {"type": "integer"}
    if name in _NUMS:
        return {"type": "number"}
    if name in ("tags",):
        return {"type": "array", "items": {"type": "string"}}
    if name == "overdue":
        return {"type": "boolean"}
    return {"type": "string"}


def tool_spec(name: str) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": name.replace("_", " "),
            "parameters": {"type": "object", "properties": {p: _prop(p) for p in TOOL_PARAMS.get(name, [])}},
        },
    }


def specialist_specs(specialist: str) -> list[dict[str, Any]]:
    return [tool_spec(n) for n in SPECIALIST_TOOLS[specialist]]


def supervisor_specs() -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": f"transfer_to_{s}",
                "description": f"Hand the request to the {s} specialist.",
                "parameters": {"type": "object", "properties": {"task": {"type": "string"}}},
            },
        }
        for s in SPECIALIST_TOOLS
    ]
