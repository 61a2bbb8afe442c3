"""Untrusted text in tool results, and the approval it triggers (prompt-injection defence, SECURITY.md LLM01/06).

Notes, email bodies, imported cells and web-form fields were written by people outside the organization.
Tools return such free text wrapped as ``<untrusted>…</untrusted>``; every prompt says that what is inside
is data, never instructions. A marker inside the text itself is removed first, so a payload cannot close
the wrapper early and pose as the assistant's own words.

Prompts alone do not stop a model that obeys anyway, so the tools also enforce it: once a tool result
with untrusted text has entered the current turn (the messages since the person last spoke), every write
tool pauses for the person's approval before it changes anything (:func:`confirm_if_untrusted`). Deletes,
merges and large bulk changes always pause (tools/approvals.py); role changes and the system prompt have
no tool at all; other organizations' records are invisible to every tool (row-level security).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import HumanMessage, ToolMessage

from leadloom.tools.approvals import require_approval

OPEN = "<untrusted>"
CLOSE = "</untrusted>"
_MARKER = re.compile(r"<\s*/?\s*untrusted\s*>", re.IGNORECASE)


def untrusted(text: Any) -> Any:
    """``text`` delimited as untrusted data (non-strings and empty strings pass through unchanged)."""
    if not isinstance(text, str) or not text:
        return text
    return f"{OPEN}{_MARKER.sub('', text)}{CLOSE}"


def untrusted_values(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A mapping (custom fields) with every string value delimited as untrusted."""
    if values is None:
        return None
    return {k: untrusted(v) if isinstance(v, str) else v for k, v in values.items()}


def strip_markers(text: Any) -> Any:
    """Text the model copies from a result into a write loses the wrappers (they are not the person's words)."""
    if not isinstance(text, str):
        return text
    return _MARKER.sub("", text)


def read_untrusted_this_turn(state: Any) -> bool:
    """True when a tool result of this turn (after the person's last message) carried untrusted text."""
    messages = (state or {}).get("messages", []) if isinstance(state, Mapping) else getattr(state, "messages", [])
    for m in reversed(list(messages or [])):
        if isinstance(m, HumanMessage):
            return False
        if isinstance(m, ToolMessage) and OPEN in str(m.content):
            return True
    return False


def confirm_if_untrusted(runtime: Any, action: str, args: Mapping[str, Any], summary: str) -> dict[str, Any] | None:
    """Pause for approval when this turn has read untrusted text; the rejection result to return, or None to go on.

    Call it before the tool's first write: on resume LangGraph re-runs the tool from its start, and this call
    then returns the person's answer instead of pausing again. An "edit" answer is treated as a rejection here
    (the person is asked to say what they want instead), since these writes have no editable preview.
    """
    if not read_untrusted_this_turn(getattr(runtime, "state", None)):
        return None
    approval = require_approval(
        action,
        dict(args),
        {
            "summary": f"{summary} (asked after reading text written outside your organization)",
            "why": "This turn read notes, emails or imported text; writes after that need your OK.",
            "records": [],
        },
    )
    if approval.decision == "approve":
        return None
    if approval.decision == "edit":
        return approval.rejected_result(action) | {"reason": "edits are not supported here; ask again with the change"}
    return approval.rejected_result(action)
