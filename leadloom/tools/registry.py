"""Which tools each specialist gets (an explicit map: nothing registers itself on import)."""

from __future__ import annotations

from langchain_core.tools import BaseTool

from leadloom.tools import analytics, campaigns, companies, contacts, deals, knowledge, scoring, tasks

CONTACTS_TOOLS: list[BaseTool] = [*contacts.TOOLS, *companies.TOOLS, *deals.TOOLS, *tasks.TOOLS]
SCORING_TOOLS: list[BaseTool] = [*scoring.TOOLS, contacts.search_contacts, contacts.get_contact]
CAMPAIGNS_TOOLS: list[BaseTool] = [*campaigns.TOOLS, contacts.search_contacts]
ANALYTICS_TOOLS: list[BaseTool] = [*analytics.TOOLS, *knowledge.TOOLS]

TOOLS_BY_SPECIALIST: dict[str, list[BaseTool]] = {
    "contacts": CONTACTS_TOOLS,
    "scoring": SCORING_TOOLS,
    "campaigns": CAMPAIGNS_TOOLS,
    "analytics": ANALYTICS_TOOLS,
}


def all_tools() -> list[BaseTool]:
    """Every tool once (by name), e.g. for a ToolNode that serves all specialists."""
    seen: dict[str, BaseTool] = {}
    for tools in TOOLS_BY_SPECIALIST.values():
        for t in tools:
            seen.setdefault(t.name, t)
    return list(seen.values())
