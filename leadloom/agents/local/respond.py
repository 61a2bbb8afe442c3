"""Writes the model's answer from tool results: short tables for lists, before → after for updates, the
question for ambiguous matches, the error with a suggestion for errors, and fixed texts for chatter.
"""

from __future__ import annotations

import ast
import json
from typing import Any

from leadloom.tools.safety import strip_markers

DECLINE = (
    "Sorry, that's outside what I can help with here. I'm Leadloom's CRM assistant: I can find, add and update "
    "contacts, companies, deals and tasks, score leads, build segments and campaign drafts, and report on your "
    "pipeline. What would you like to do in the CRM?"
)
GREETING = (
    "Hi! I'm Leadloom's CRM assistant. Try things like:\n"
    "- *show my leads scoring over 70*\n- *add Jane Doe from Acme, phone 555-0100, follow up next Friday*\n"
    "- *move Jane Doe to customer*\n- *who owns Acme?*\n- *pipeline summary*\n- *draft an email to the VIP segment*"
)
THANKS = "You're welcome! Anything else in the CRM?"

_NAME_KEYS = ("name", "full_name", "display_name", "title", "subject")
_COLUMNS = (
    "email", "company", "stage", "lifecycle_stage", "owner", "score", "next_follow_up", "amount", "status",
    "due", "due_at", "expected_close", "lead_source", "count", "audience", "channel", "value", "reason",
    "confidence", "tags", "industry", "size", "probability", "weighted_amount", "conversion_rate",
)  # fmt: skip
_LIST_KEYS = ("contacts", "results", "items", "records", "rows", "deals", "tasks", "companies", "leads", "segments",
              "campaigns", "stages", "pairs", "recommendations", "factors", "notes", "matches", "data", "sample",
              "series", "bins", "owners", "sources", "periods", "activities", "timeline")  # fmt: skip


def parse_result(content: Any) -> Any:
    """A ToolMessage's content back as JSON data when it is JSON (or a Python literal), else the text."""
    if isinstance(content, list):
        content = "".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)
    if not isinstance(content, str):
        return content
    text = content.strip()
    for loader in (json.loads, ast.literal_eval):
        try:
            return loader(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return text


def _name(row: dict[str, Any]) -> str:
    for k in _NAME_KEYS:
        if row.get(k):
            return str(row[k])
    first, last = row.get("first_name") or "", row.get("last_name") or ""
    if first or last:
        return f"{first} {last}".strip()
    if row.get("emails"):
        return str(row["emails"][0]) if isinstance(row["emails"], list) else str(row["emails"])
    return str(row.get("id", ""))[:8]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        value = _name(value) if any(k in value for k in (*_NAME_KEYS, "first_name")) else json.dumps(value)[:40]
    if isinstance(value, list):
        value = ", ".join(_cell(v) for v in value[:4])
    if isinstance(value, float):
        value = f"{value:,.2f}".rstrip("0").rstrip(".")
    text = str(value).replace("|", "/").replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "…"


def table(rows: list[Any], *, max_rows: int = 10, total: int | None = None) -> str:
    """A short markdown table with the name first and the columns the rows actually fill."""
    if not rows:
        return "No matching records."
    if not isinstance(rows[0], dict):
        return "\n".join(f"- {_cell(r)}" for r in rows[:max_rows])
    cols = [c for c in _COLUMNS if any(r.get(c) not in (None, "", []) for r in rows[:max_rows] if isinstance(r, dict))][
        :5
    ]
    has_name = any(_name(r) for r in rows if isinstance(r, dict))
    head = (["name"] if has_name else []) + cols
    lines = ["| " + " | ".join(h.replace("_", " ") for h in head) + " |", "|" + "---|" * len(head)]
    for r in rows[:max_rows]:
        if isinstance(r, dict):
            cells = ([_cell(_name(r))] if has_name else []) + [_cell(r.get(c)) for c in cols]
            lines.append("| " + " | ".join(cells) + " |")
    n = total if total is not None else len(rows)
    shown = min(len(rows), max_rows)  # "top 5 …" of 396: five shown, 391 more (not 396 - 10)
    if n > shown:
        lines.append(f"\n…and {n - shown} more.")
    return "\n".join(lines)


def find_list(result: Any) -> tuple[list[Any] | None, int | None]:
    if isinstance(result, list):
        return result, None
    if isinstance(result, dict):
        total = result.get("total") or result.get("count")
        for k in _LIST_KEYS:
            if isinstance(result.get(k), list):
                return result[k], total if isinstance(total, int) else None
        for v in result.values():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                return v, total if isinstance(total, int) else None
    return None, None


def candidates_text(cands: list[Any]) -> str:
    lines = []
    for i, c in enumerate(cands[:8], 1):
        if isinstance(c, dict):
            extra = [
                str(c[k]) for k in ("company", "email", "stage", "owner") if c.get(k) and not isinstance(c[k], dict)
            ]
            lines.append(f"{i}. {_name(c)}" + (f" ({', '.join(extra)})" if extra else ""))
        else:
            lines.append(f"{i}. {c}")
    return "\n".join(lines)


def _changes_text(before: dict[str, Any], after: dict[str, Any]) -> str:
    keys = [k for k in after if k not in ("id", "updated_at", "created_at") and before.get(k) != after.get(k)]
    if not keys:
        return "nothing changed (it already had those values)"
    return "; ".join(
        f"{k.replace('_', ' ')}: {_cell(before.get(k)) or '—'} → {_cell(after.get(k)) or '—'}" for k in keys[:8]
    )


def render(tool: str, args: dict[str, Any], result: Any) -> str:
    """A concise answer for one tool's result (errors and ambiguity are handled by the caller)."""
    if isinstance(result, str):
        return result if len(result) < 1500 else result[:1500] + "…"
    if isinstance(result, dict):
        if isinstance(result.get("before"), dict) and isinstance(result.get("after"), dict):
            # before/after hold only the changed fields; the record's name sits beside them.
            who = result.get("name") or _name(result["after"]) or _name(result["before"]) or "the record"
            return f"Updated **{who}**: {_changes_text(result['before'], result['after'])}."
        if (
            isinstance(result.get("records"), list)
            and result["records"]
            and isinstance(result["records"][0], dict)
            and "before" in result["records"][0]
        ):
            recs = result["records"]
            lines = [f"Updated {result.get('updated', len(recs))} record(s):"]
            for r in recs[:10]:
                lines.append(
                    f"- {r.get('name') or _name(r)}: {_changes_text(r.get('before') or {}, r.get('after') or {})}"
                )
            return "\n".join(lines)
        for key, verb in (("updated", "Updated"), ("deleted", "Deleted"), ("merged", "Merged")):
            if isinstance(result.get(key), int):
                return f"{verb} {result[key]} record(s)." + (f" {result['message']}" if result.get("message") else "")
        if result.get("status") in ("rejected", "cancelled"):
            return f"Not done: {result.get('reason') or result.get('message') or 'the change was rejected'}."
    rows, total = find_list(result)
    if rows and all(isinstance(r, dict) and "text" in r and not _name(r).strip() for r in rows):
        return passages(rows)  # search_notes: what was said, by whom and when, not a table of records
    if rows is not None:
        head = ""
        if isinstance(result, dict):
            scalars = {
                k: v
                for k, v in result.items()
                if isinstance(v, int | float | str) and k not in ("total",) and len(str(v)) < 60
            }
            if scalars:
                head = ", ".join(f"{k.replace('_', ' ')}: {_cell(v)}" for k, v in list(scalars.items())[:4]) + "\n\n"
        count = total if total is not None else len(rows)
        intro = f"Found {count} record(s):\n\n" if rows and tool.startswith(("search", "list", "top")) else ""
        return head + intro + table(rows, total=total)
    if isinstance(result, dict):
        if tool.startswith("create") or result.get("created"):
            # Tools wrap the new record ({"created": {...}}, {"contact": {...}}); name that record, not the wrapper.
            record = next(
                (
                    v
                    for k, v in result.items()
                    if k in ("created", "contact", "company", "deal", "task", "segment", "campaign")
                    and isinstance(v, dict)
                ),
                result,
            )
            return f"Created **{_name(record) or 'the record'}**." + _detail(record)
        return _detail(result, bullet=True).strip() or "Done."
    return str(result)[:1500]


def passages(rows: list[dict[str, Any]], *, max_rows: int = 5) -> str:
    """Note passages as a short list: who, when, what kind, and the words themselves (the tool's untrusted-data
    markers are for the model reading them; a person reads the plain text)."""
    lines = [f"Found {len(rows)} passage(s) in the notes:", ""]
    for r in rows[:max_rows]:
        when = str(r.get("at") or "")[:10]
        said = " ".join(strip_markers(str(r.get("text") or "")).split())
        said = said if len(said) <= 220 else said[:219] + "…"
        about = ", ".join(x for x in (str(r.get("contact") or ""), when) if x)
        lines.append(f"- {'**' + about + '**: ' if about else ''}{said}")
    if len(rows) > max_rows:
        lines.append(f"\n…and {len(rows) - max_rows} more.")
    return "\n".join(lines)


def _detail(row: dict[str, Any], *, bullet: bool = False) -> str:
    skip = {"id", "org_id", "created_at", "updated_at", "deleted_at", "search", "custom", "external_id"}
    parts = []
    for k, v in row.items():
        if k in skip or v in (None, "", [], {}):
            continue
        if isinstance(v, list) and v and isinstance(v[0], dict):
            parts.append(f"**{k.replace('_', ' ')}**\n\n{table(v, max_rows=5)}")
        elif not isinstance(v, list | dict) or k in ("owner", "company"):
            parts.append(f"{k.replace('_', ' ')}: {_cell(v)}")
    if not parts:
        return ""
    if bullet:
        return "\n".join(p if p.startswith("**") else f"- {p}" for p in parts[:14])
    return " " + "; ".join(p for p in parts[:8] if not p.startswith("**")) + "."


def error_text(result: dict[str, Any]) -> str:
    msg = str(result.get("error", "something went wrong")).rstrip(".")
    hint = result.get("hint") or result.get("suggestion")
    suggestion = (
        f" {hint}" if hint else " Check the spelling or try a broader search (e.g. *search contacts at that company*)."
    )
    return f"I couldn't do that: {msg}.{suggestion}"
