"""One LocalChatModel per test session: the embedding model and the classifier load once (cached artefact)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs, supervisor_specs

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 26)  # a Thursday
VOCAB = {
    "users": [{"name": "Maria Lopez", "email": "maria@agency.test"}, {"name": "Tom Baker", "email": "tom@agency.test"}],
    "tags": ["vip", "webinar-2026"],
    "lead_sources": ["webinar", "referral"],
    "companies": ["Acme", "Sunrise Dental"],
    "contacts": ["Jane Doe", "Alex Chen", "Alex Kim"],
}


def model_for(vocabulary: dict[str, Any]) -> LocalChatModel:
    """A loaded model for one organization's vocabulary (the classifier artefact is cached on disk)."""
    return LocalChatModel(
        vocabulary=vocabulary, today=TODAY, cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model"
    ).load()


@pytest.fixture(scope="session")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def contact_calls(model: LocalChatModel, text: str) -> list[tuple[str, dict[str, Any]]]:
    """Every call the contacts specialist makes for one message, each answered with an empty success."""
    tools = specialist_specs("contacts")
    history: list[BaseMessage] = [HumanMessage(text)]
    calls: list[tuple[str, dict[str, Any]]] = []
    for _ in range(8):
        msg = model.respond(history, tools)
        if not msg.tool_calls:
            break
        calls += [(tc["name"], tc["args"]) for tc in msg.tool_calls]
        history.append(msg)
        history += [ToolMessage(content=json.dumps({"ok": True}), tool_call_id=tc["id"]) for tc in msg.tool_calls]
    return calls


def declined(model: LocalChatModel, text: str) -> bool:
    """Whether the supervisor answers without calling any tool (chatter is declined, not routed)."""
    return not model.respond([HumanMessage(text)], supervisor_specs()).tool_calls
