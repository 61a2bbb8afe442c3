"""The label set the local model predicts: every tool of docs/agent-tools.md plus two chatter classes.

The mapping from tool to specialist is the contract in docs/agent-tools.md; the supervisor routes by it.
"""

from __future__ import annotations

SPECIALIST_TOOLS: dict[str, tuple[str, ...]] = {
    "contacts": (
        "search_contacts", "get_contact", "create_contact", "update_contact", "bulk_update_contacts",
        "delete_contacts", "log_activity", "get_timeline", "find_duplicates", "merge_contacts",
        "search_companies", "get_company", "create_company", "update_company", "list_deals", "create_deal",
        "move_deal_stage", "update_deal", "pipeline_summary", "create_task", "list_tasks", "complete_task",
        "recommend_follow_ups",
    ),
    "scoring": ("score_lead", "explain_score", "top_leads"),
    "campaigns": ("create_segment", "list_segments", "segment_audience", "draft_campaign", "list_campaigns"),
    "analytics": (
        "pipeline_by_stage", "conversion_by_source", "conversion_by_period", "activity_by_owner",
        "revenue_won_over_time", "score_distribution", "search_notes",
    ),
}  # fmt: skip

OUT_OF_SCOPE = "out_of_scope"
GREETING = "greeting"
CHATTER = (OUT_OF_SCOPE, GREETING)

SPECIALIST_OF: dict[str, str] = {tool: spec for spec, tools in SPECIALIST_TOOLS.items() for tool in tools}
SPECIALIST_OF[OUT_OF_SCOPE] = "chatter"
SPECIALIST_OF[GREETING] = "chatter"

HANDOFF_PREFIX = "transfer_to_"
