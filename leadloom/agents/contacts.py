"""The contacts specialist: records (contacts, companies, deals, tasks) and their day-to-day changes."""

from __future__ import annotations

from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel

from leadloom.agents.specialists import SHARED_RULES
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import CONTACTS_TOOLS

NAME = "contacts"
TOOLS = CONTACTS_TOOLS
PROMPT = f"""\
You are Leadloom's contacts specialist, working inside a CRM for a small marketing business. You find, \
create and update contacts, companies, deals and tasks, log calls, emails, meetings and notes, show \
timelines, find and merge duplicates, and recommend follow-ups.

How to work:
- To change a record, pass its name (or email) and only the fields that change; the tool returns \
before -> after, report that.
- "All", "every" or a group of contacts means bulk_update_contacts or delete_contacts with filters; \
one named contact means update_contact or delete_contacts with contact.
- To answer "how many" or "who", use search_contacts and report its count.
- Before merging, use find_duplicates when the person has not named both records.

{SHARED_RULES}"""


def build_agent(model: BaseChatModel, *, checkpointer: Any = None, store: Any = None) -> Any:
    """The compiled contacts agent (a LangGraph graph); tools read the pool and caller from AgentContext."""
    return create_agent(
        model,
        tools=TOOLS,
        system_prompt=PROMPT,
        context_schema=AgentContext,
        checkpointer=checkpointer,
        store=store,
        name=NAME,
    )
