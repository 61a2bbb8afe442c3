"""Long-term memory tools: the person asks Leadloom to remember a preference or fact, and it recalls it later.

Memories live in the LangGraph store under the caller's own namespace (organization and user, taken from
the runtime context, never from the model), with a pgvector index so recall works by meaning.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from langchain.tools import ToolRuntime

from leadloom.memory.store import memory_namespace
from leadloom.tools.context import AgentContext
from leadloom.tools.safety import confirm_if_untrusted

MAX_FACT = 1000


async def remember(fact: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Remember a preference or fact the person explicitly asked you to keep for later conversations.

    Use only when the person says "remember ...", "note that I prefer ...", "from now on ...".
    fact: one short self-contained sentence, e.g. "Prefers weekly pipeline summaries on Mondays".
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(runtime, "remember", {"fact": fact}, "Remember a fact for later conversations")
    ) is not None:
        return stop
    fact = (fact or "").strip()
    if not fact:
        return {"error": "nothing to remember", "hint": "Ask the person what they want remembered."}
    if runtime.store is None:
        return {"error": "long-term memory is not available in this session", "hint": "Tell the person."}
    key = uuid.uuid4().hex
    await runtime.store.aput(
        memory_namespace(runtime.context.actor),
        key,
        {"text": fact[:MAX_FACT], "created_at": datetime.now(UTC).isoformat()},
    )
    return {"status": "remembered", "id": key, "fact": fact[:MAX_FACT]}


async def recall(query: str, runtime: ToolRuntime[AgentContext], limit: int = 5) -> dict[str, Any]:
    """Look up what the person asked you to remember earlier (preferences, facts), closest in meaning first.

    query: what you want to know, e.g. "how does she like reports" or "preferred meeting days".
    """
    if runtime.store is None:
        return {"error": "long-term memory is not available in this session", "hint": "Tell the person."}
    items = await runtime.store.asearch(
        memory_namespace(runtime.context.actor), query=(query or "").strip() or None, limit=max(1, min(limit, 20))
    )
    return {
        "memories": [
            {"id": it.key, "fact": it.value.get("text"), "score": None if it.score is None else round(it.score, 3)}
            for it in items
        ]
    }


TOOLS = [remember, recall]
