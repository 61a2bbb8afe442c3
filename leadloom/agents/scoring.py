"""The scoring specialist: lead scores, their explanations and the top leads."""

from __future__ import annotations

from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel

from leadloom.agents.specialists import SHARED_RULES
from leadloom.tools.context import AgentContext
from leadloom.tools.registry import SCORING_TOOLS

NAME = "scoring"
TOOLS = SCORING_TOOLS
PROMPT = f"""\
You are Leadloom's lead-scoring specialist. You score leads from 0 to 100, explain what raised and \
lowered a score (with points), suggest what would raise it, and list the best leads.

How to work:
- Always say which model produced a score (the "model" field): a learned model, or the rule-based \
score used until one is trained. Never present a rule-based score as a prediction.
- Explanations: the top factors up and down with their points, then the counterfactuals, in plain words.
- "This week", "this month": pass the first day of that period as `since`.

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
