"""Human approval for risky tool actions, as a LangGraph interrupt (docs/agent-tools.md, "Approvals").

A tool about to delete, merge, change many records or send something calls :func:`require_approval`
with the action, its arguments and a readable preview of what will change. The run pauses; the person
answers with ``{"decision": "approve"|"edit"|"reject", "args": {...}, "reason": "..."}`` and the tool
continues with the outcome. On resume LangGraph re-runs the tool from its start, so everything a tool
does before ``require_approval`` must be a read (computing the preview), never a write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from langgraph.types import interrupt

from leadloom.tools.context import AgentContext

Decision = Literal["approve", "edit", "reject"]
_ALIASES: dict[str, Decision] = {
    "approve": "approve",
    "approved": "approve",
    "yes": "approve",
    "ok": "approve",
    "edit": "edit",
    "reject": "reject",
    "rejected": "reject",
    "no": "reject",
    "deny": "reject",
}
# A preview shows at most this many records; the summary carries the full count.
PREVIEW_RECORDS = 20


@dataclass(frozen=True)
class Approval:
    """The person's answer. ``args`` are the arguments to act with (the edited ones after an ``edit``)."""

    decision: Decision
    args: dict[str, Any]
    reason: str | None = None
    edited: dict[str, Any] = field(default_factory=dict)

    @property
    def approved(self) -> bool:
        return self.decision != "reject"

    def rejected_result(self, action: str) -> dict[str, Any]:
        """What the tool returns when the person said no: nothing changed, and why."""
        return {
            "status": "rejected",
            "action": action,
            "changed": 0,
            "reason": self.reason or "the person rejected this action",
            "message": "Nothing was changed. Ask the person what they would like instead.",
        }


def interpret(resume: Any, args: dict[str, Any]) -> Approval:
    """Read a resume value. Anything unclear counts as a rejection: a risky action needs a clear yes."""
    if isinstance(resume, bool):
        return Approval("approve" if resume else "reject", dict(args))
    if isinstance(resume, str):
        decision = _ALIASES.get(resume.strip().lower())
        return Approval(decision or "reject", dict(args), None if decision else f"unclear answer {resume!r}")
    if not isinstance(resume, dict):
        return Approval("reject", dict(args), "no answer")
    raw = str(resume.get("decision", "")).strip().lower()
    decision = _ALIASES.get(raw)
    reason = resume.get("reason") or None
    if decision is None:
        return Approval("reject", dict(args), reason or f"unknown decision {raw!r}")
    if decision == "edit":
        edited = resume.get("args") or {}
        if not isinstance(edited, dict):
            return Approval("reject", dict(args), "edited arguments must be an object")
        # Only the arguments the tool already has can be edited: an edit must not smuggle in new ones.
        clean = {k: v for k, v in edited.items() if k in args}
        return Approval("edit", {**args, **clean}, reason, clean)
    return Approval(decision, dict(args), reason)


def require_approval(action: str, args: dict[str, Any], preview: dict[str, Any]) -> Approval:
    """Pause the run for a person's decision on ``action`` and return it.

    ``preview`` is ``{"summary": str, "records": [{"id", "name", "before", "after"}], ...}``; records
    beyond :data:`PREVIEW_RECORDS` are cut (the summary says how many there are in all).
    """
    records = list(preview.get("records") or [])
    shown = {**preview, "records": records[:PREVIEW_RECORDS]}
    if len(records) > PREVIEW_RECORDS:
        shown["more"] = len(records) - PREVIEW_RECORDS
    resume = interrupt({"action": action, "args": _jsonable(args), "preview": _jsonable(shown)})
    return interpret(resume, args)


def threshold(context: AgentContext) -> int:
    """The organization's bulk-change threshold (records a bulk change may touch without approval)."""
    return max(0, int(context.approval_threshold))


def needs_bulk_approval(context: AgentContext, count: int) -> bool:
    return count > threshold(context)


def _jsonable(value: Any) -> Any:
    """Interrupt payloads are stored by the checkpointer and sent to front ends: plain JSON only."""
    import json

    return json.loads(json.dumps(value, default=str))
