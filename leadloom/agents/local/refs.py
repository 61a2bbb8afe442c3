"""References to earlier turns: "the first one", "the second", "her", "him", "that contact".

A follow-up request points at records an earlier tool result showed ("who are my hottest leads?" … "create
a follow-up task for the first one"). The graph keeps every turn's messages in the shared history, the
ToolMessages with the earlier results included, so the supervisor and the specialist both see them. Before a
request is classified its references are replaced by the record's name ("… for Benjamin Wang"), so routing,
classification and argument extraction work as if the person had typed the name; ``ids`` remembers which
record each substituted name stands for, so the call can name the exact record (two contacts may share a
name).

Only references that cannot mean anything else are resolved: an ordinal with "one"/"contact"/"lead"…
("the first one", "2nd lead", "number 3"), "the last"/"the second" closing a phrase, and a pronoun or
"that contact" when the request names nobody else. A pronoun is resolved to the one contact the previous
turns were about (a single record, or a list of exactly one); after a list of several it is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from leadloom.agents.local import respond
from leadloom.agents.local import rx as re

# Tools whose results list contacts (rows a "first one" can point at) / are about one contact.
LIST_TOOLS = {"search_contacts", "top_leads", "recommend_follow_ups", "segment_audience", "find_duplicates"}
ONE_TOOLS = {"get_contact", "update_contact", "create_contact", "score_lead", "explain_score", "log_activity",
             "get_timeline", "create_task"}  # fmt: skip

_ORDINALS = {"first": 1, "1st": 1, "top": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1, "bottom": -1}  # fmt: skip
_ORD = r"first|1st|top|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|bottom"
_ORD_ONE = r"first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|top|bottom"
_NOUN = r"one|contact|lead|person|guy|result|record|entry|row|customer|prospect|name|opportunity|opp|mql|sql"
_ORDINAL_RE = re.compile(
    rf"\bthe\s+(?P<a>{_ORD})\s+(?:{_NOUN})\b(?:\s+(?:on|in|from)\s+(?:the|that|this|your)\s+list)?"
    rf"|\b(?P<d>{_ORD_ONE})\s+one\b"
    rf"|\bthe\s+(?P<b>{_ORD})\b(?=\s*$|\s*[,.;:!?]|\s+(?:to|as|and|a|an|now|please|pls|in|into|on|with|for|"
    rf"tomorrow|today|next|'s|’s)\b|['’]s\b)"
    r"|\b(?:number|no\.|#)\s*(?P<c>\d)\b",
    re.I,
)
_SINGULAR_RE = re.compile(
    r"\b(?:that|this|the same|said)\s+(?:contact|person|lead|customer|client|prospect|guy|one|record)\b"
    r"|\b(?P<subj>she|he)(?P<is>['’]s)?\b|\b(?P<obj>him|her|hers|his)\b",
    re.I,
)
# "her" followed by one of these is possessive ("her score"), otherwise it is the object ("move her to …").
_POSSESSED = re.compile(
    r"\s+(?:score|scores|stage|status|email|emails|phone|number|owner|timeline|history|follow[- ]?ups?|deals?|"
    r"tasks?|notes?|details|info|company|record|profile|account|activity|activities|title|tags?|lifecycle|lead|"
    r"address|contact|last|latest|breakdown|rating)\b",
    re.I,
)


@dataclass
class Resolved:
    text: str
    ids: dict[str, str] = field(default_factory=dict)  # substituted name -> record id

    @property
    def changed(self) -> bool:
        return bool(self.ids)


def _rows_of(tool: str, result: Any) -> list[dict[str, Any]]:
    rows, _ = respond.find_list(result)
    out = []
    for r in rows or []:
        if isinstance(r, dict):
            inner = r.get("contact") if isinstance(r.get("contact"), dict) else r
            if respond._name(inner) and (inner.get("id") or inner.get("contact_id") or inner.get("email")):
                out.append(inner)
    return out


def _record(row: dict[str, Any]) -> tuple[str, str]:
    name = respond._name(row)
    ident = str(row.get("contact_id") or row.get("id") or row.get("email") or name)
    return name, ident


def earlier(messages: Sequence[BaseMessage], h: int) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
    """(rows of the latest contact list, the one contact the latest turn was about) before message ``h``."""
    calls = {tc["id"]: tc for m in messages[:h] if isinstance(m, AIMessage) for tc in m.tool_calls}
    for m in reversed(messages[:h]):
        if not isinstance(m, ToolMessage):
            continue
        call = calls.get(m.tool_call_id)
        tool = (call or {}).get("name") or m.name or ""
        if tool in LIST_TOOLS:
            rows = [_record(r) for r in _rows_of(tool, respond.parse_result(m.content))]
            if rows:
                return rows, rows[0] if len(rows) == 1 else None
        elif tool in ONE_TOOLS:
            result = respond.parse_result(m.content)
            if isinstance(result, dict) and not result.get("error") and not result.get("ambiguous"):
                rec = result.get("after") if isinstance(result.get("after"), dict) else result
                if isinstance(rec.get("contact"), dict):
                    rec = rec["contact"]
                name = respond._name(rec) if rec.get("id") or rec.get("name") else ""
                if name and rec.get("id"):
                    return [], (str(result.get("name") or name), str(rec.get("id")))
            arg = (call or {}).get("args", {}).get("contact")
            if arg:
                return [], (str(arg), str(arg))
    return [], None


def earlier_list(messages: Sequence[BaseMessage], h: int) -> tuple[str, dict[str, Any], list[tuple[str, str]]] | None:
    """(tool, its arguments, its rows) of the latest contact list shown before message ``h``, if any."""
    calls = {tc["id"]: tc for m in messages[:h] if isinstance(m, AIMessage) for tc in m.tool_calls}
    for m in reversed(messages[:h]):
        if isinstance(m, ToolMessage) and m.tool_call_id in calls:
            call = calls[m.tool_call_id]
            if call["name"] in LIST_TOOLS:
                rows = [_record(r) for r in _rows_of(call["name"], respond.parse_result(m.content))]
                if rows:
                    return call["name"], dict(call.get("args") or {}), rows
    return None


def resolve(text: str, messages: Sequence[BaseMessage], h: int, names_someone: Any = None) -> Resolved:
    """``text`` with its references to earlier records replaced by their names.

    ``names_someone(text) -> bool`` says whether the text already names a contact; pronouns are then left
    alone ("add Jane Roe and tag her vip" is about Jane).
    """
    if not any(isinstance(m, ToolMessage) for m in messages[:h]) or not any(
        isinstance(m, HumanMessage) for m in messages[:h]
    ):
        return Resolved(text)
    rows, one = earlier(messages, h)
    ids: dict[str, str] = {}

    def ordinal(m: re.Match[str]) -> str:
        word = (m.group("a") or m.group("b") or m.group("d") or "").lower()
        n = _ORDINALS.get(word) if word else int(m.group("c"))
        if not rows or n is None or n == 0 or abs(n) > len(rows):
            return m.group(0)
        name, ident = rows[n - 1] if n > 0 else rows[n]
        ids[name] = ident
        return name

    out = _ORDINAL_RE.sub(ordinal, text)
    if ids or one is None:
        return Resolved(out, ids)
    stripped = _SINGULAR_RE.sub(" ", out)
    if not _SINGULAR_RE.search(out) or (names_someone is not None and names_someone(stripped)):
        return Resolved(out, ids)
    name, ident = one

    def singular(m: re.Match[str]) -> str:
        ids[name] = ident
        if m.group("subj"):
            return f"{name} is" if m.group("is") else name
        word = (m.group("obj") or "").lower()
        if word == "his" or (word == "her" and _POSSESSED.match(out, m.end())):
            return f"{name}'s"
        return name

    return Resolved(_SINGULAR_RE.sub(singular, out), ids)


def with_ids(args: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """Arguments naming a substituted record by its id (the exact record, even when names repeat)."""
    if not ids:
        return args
    folded = {k.lower(): v for k, v in ids.items()}
    out = dict(args)
    for key in ("contact", "winner", "loser"):
        value = out.get(key)
        if isinstance(value, str) and value.lower() in folded:
            out[key] = folded[value.lower()]
    return out
