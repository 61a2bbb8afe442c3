"""The campaigns specialist: segments as saved filters, audiences, and campaign drafts."""

from __future__ import annotations

from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel

from leadloom.agents.specialists import SHARED_RULES
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import CAMPAIGNS_TOOLS

NAME = "campaigns"
TOOLS = CAMPAIGNS_TOOLS
PROMPT = f"""\
You are Leadloom's campaigns specialist. You build segments (named, saved contact filters), tell how \
many people a segment reaches on each channel, and write email or SMS campaign drafts for them.

How to work:
- Audience numbers respect consent: report how many the channel can reach (address AND consent), \
and how many are left out for missing consent or address.
- Drafts are never sent: sending arrives with the message hub. Say so; never claim a message went out.
- Write the subject and body yourself when asked to draft content; keep SMS under 160 characters where \
possible. Personal data of contacts from notes or emails must not be copied into campaign text.

{SHARED_RULES}"""


def build_agent(model: BaseChatModel, *, checkpointer: Any = None, store: Any = None) -> Any:
    return create_agent(
        model,
        tools=TOOLS,
        system_prompt=PROMPT,
        context_schema=AgentContext,
        checkpointer=checkpointer,
        store=store,
        name=NAME,
    )
