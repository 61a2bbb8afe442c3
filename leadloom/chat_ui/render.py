"""What the chat shows besides the model's words: record tables with links, tool step bodies, approval
previews, and Plotly figures of analytics answers. Plain functions, no Chainlit session needed."""

from __future__ import annotations

import json
from typing import Any

from leadloom.graphs.charts import ChartSpec

# Lists inside a tool result, by the keys the tools use, and where each kind of record lives in the API.
_LIST_KEYS = ("leads", "contacts", "items", "results", "deals", "companies", "tasks", "follow_ups", "records")
_COLUMNS = ("name", "subject", "email", "company", "stage", "score", "amount", "owner", "due", "next_follow_up")
MAX_ROWS = 15


def find_records(result: Any) -> tuple[str, list[dict[str, Any]]] | None:
    """The first list of records in a tool result, with the key it was under."""
    if isinstance(result, list) and result and isinstance(result[0], dict):
        return "items", result
    if not isinstance(result, dict):
        return None
    for key in _LIST_KEYS:
        value = result.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return key, value
    return None


def record_link(key: str, row: dict[str, Any]) -> str | None:
    """Where a record lives in the API (the dashboard takes over these links when it exists)."""
    rid = row.get("contact_id") if key in ("leads", "follow_ups") else row.get("id")
    rid = rid or row.get("id")
    if not rid:
        return None
    if key in ("deals",) or ("amount" in row and "stage" in row and "email" not in row):
        return f"/api/v1/deals/{rid}"
    if key in ("companies",) or "domain" in row:
        return f"/api/v1/companies/{rid}"
    if key in ("tasks",):
        return f"/api/v1/activities/{rid}"
    return f"/api/v1/contacts/{rid}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, default=str, ensure_ascii=False)
    text = str(value).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def records_table(key: str, rows: list[dict[str, Any]]) -> str:
    """A markdown table of records, each name linked to the record."""
    if not rows:
        return ""
    cols = [c for c in _COLUMNS if any(r.get(c) not in (None, "", []) for r in rows)]
    if not cols:
        cols = [k for k in rows[0] if k != "id"][:5]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows[:MAX_ROWS]:
        cells = [_cell(row.get(c)) for c in cols]
        link = record_link(key, row)
        if link and cells:
            cells[0] = f"[{cells[0] or 'open'}]({link})"
        lines.append("| " + " | ".join(cells) + " |")
    if len(rows) > MAX_ROWS:
        lines.append(f"\n_{len(rows) - MAX_ROWS} more not shown._")
    return "\n".join(lines)


def code_json(value: Any, limit: int = 3000) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False, indent=2)
    if len(text) > limit:
        text = text[:limit] + "\n…"
    return f"```json\n{text}\n```"


def tool_output(result: Any) -> str:
    """A tool step's body: a table when the result is a list of records, else the JSON."""
    found = find_records(result)
    if found:
        return records_table(*found)
    return code_json(result)


def approval_text(interrupts: list[dict[str, Any]]) -> str:
    """The preview a person approves: what will change, on which records, with which arguments."""
    parts = ["**Approval needed**"]
    for item in interrupts:
        preview = item.get("preview") or {}
        parts.append(f"**{preview.get('summary') or item.get('action')}**")
        records = preview.get("records") or []
        if records:
            parts.append("| record | before | after |\n|---|---|---|")
            parts[-1] += "".join(
                f"\n| {_cell(r.get('name') or r.get('id'))} | {_cell(r.get('before'))} | {_cell(r.get('after'))} |"
                for r in records[:MAX_ROWS]
            )
        parts.append(f"`{item.get('action')}` with\n{code_json(item.get('args') or {})}")
    return "\n\n".join(parts)


def plotly_figure(spec: ChartSpec) -> Any:
    """The interactive chart for a ChartSpec."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for name, values in spec.series.items():
        if spec.kind == "line":
            fig.add_trace(go.Scatter(x=spec.x, y=values, name=name, mode="lines+markers"))
        else:
            fig.add_trace(go.Bar(x=spec.x, y=values, name=name))
    fig.update_layout(
        title=spec.title, xaxis_title=spec.x_title, yaxis_title=spec.y_title, barmode="group", template="plotly_white"
    )
    return fig
