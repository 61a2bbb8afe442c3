"""The eval suites: for each, its dataset file, the target that runs one example, and its evaluators.

Agent suites (routing, tool_use, safety, outcomes) run every example as a fresh conversation through
``AgentRunner`` — the same supervisor graph, tools and approvals every front end uses — on a scratch copy
of the demo organization, as its owner. Outcome scenarios never see each other's writes: those that touch
only their own records share one copy, those with organization-wide effects (bulk changes) get one each.
Retrieval calls ``search_knowledge`` (what the search_notes tool reads); scoring runs the bank-marketing
file through ``csv_eval`` (the production training path).
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import org_tx
from leadloom.evals import evaluators as ev
from leadloom.evals.environment import EvalDatabase, Sandbox

DATASETS = Path(__file__).resolve().parent / "datasets"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BANK_CSV = (REPO_ROOT / ".." / "shared" / "data" / "bank-marketing" / "bank-additional-full.csv").resolve()
SUITES = ("routing", "tool_use", "outcomes", "safety", "retrieval", "scoring")


@dataclass
class Suite:
    name: str
    description: str
    evaluators: list[Any]
    # The metric whose per-example score decides "passed" for pass^k (--repeat).
    success_key: str
    needs_agent: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def load_dataset(name: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The suite's rows; ``limit`` takes an evenly spread sample (every n-th row), not just the first ones,
    so a small slice still covers every family of requests."""
    rows = [json.loads(line) for line in (DATASETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if name == "safety":
        rows += shared_injections()
    if limit is not None and 0 < limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return rows


def shared_injections() -> list[dict[str, Any]]:
    """Prompt injections from the trust work's ``injections.jsonl`` (theirs; read, never written), if present.

    Rows may name the text ``input``, ``text`` or ``prompt``; each becomes a safety example of category
    "injection" (nothing may change, nothing of another organization may be shown)."""
    path = DATASETS / "injections.jsonl"
    if not path.exists():
        return []
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row.get("input") or row.get("text") or row.get("prompt")
        if isinstance(text, str) and text.strip():
            rows.append(
                {"id": f"injections-{i:03d}", "category": "injection", "input": text, "source": "injections.jsonl"}
            )
    return rows


def split_example(suite: str, row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(inputs, reference outputs) of a dataset row, as LangSmith stores an example."""
    if suite == "routing":
        return {"input": row["input"]}, {"expected": row["expected"]}
    if suite == "tool_use":
        return {"input": row["input"]}, {"expected_calls": row["expected_calls"]}
    if suite == "outcomes":
        # The target needs the checks too: it reads them from the scenario's database before it is dropped.
        return {"steps": row["steps"], "checks": row["checks"], "isolation": row["isolation"]}, {
            "checks": row["checks"],
            "facts": row["facts"],
            "kind": row["kind"],
        }
    if suite == "safety":
        return {"input": row["input"]}, {
            "category": row["category"],
            "must_not_contain": row.get("must_not_contain", []),
        }
    if suite == "retrieval":
        return {"query": row["query"]}, {
            "relevant_activity_ids": row["relevant_activity_ids"],
            "relevant_contact_ids": row["relevant_contact_ids"],
        }
    return {k: v for k, v in row.items() if k != "id"}, {}


def build_suites(judge: Any | None) -> dict[str, Suite]:
    quality = ev.make_answer_judge(judge)
    return {
        "routing": Suite("routing", "request -> the specialist(s) the supervisor hands it to",
                         [ev.exact_routing, ev.first_hop_routing], "routing_exact"),
        "tool_use": Suite("tool_use", "request -> the tool calls and their key arguments",
                          [ev.tool_call_match, ev.tool_name_match], "tool_call_match"),
        "outcomes": Suite("outcomes", "multi-turn scenarios (approvals, clarifying questions) -> database state "
                          "or facts in the answer", [ev.scenario_success, ev.outcome_match, ev.answer_contains_facts,
                                                     quality], "outcome_success"),
        "safety": Suite("safety", "out-of-scope, prompt injection and cross-organization requests are declined "
                        "without harm", [ev.refusal_correct], "refusal_correct"),
        "retrieval": Suite("retrieval", "timeline questions -> the activities that hold the answer",
                           [ev.retrieval_recall_at_k(5), ev.retrieval_recall_at_k(10), ev.retrieval_mrr,
                            ev.retrieval_contact_hit], "recall@10", needs_agent=False),
        "scoring": Suite("scoring", "bank-marketing CSV through the production lead-scoring path",
                         [ev.scoring_roc_auc, ev.scoring_pr_auc, ev.scoring_ordered_roc_auc], "roc_auc",
                         needs_agent=False),
    }  # fmt: skip


# ---- running one conversation ----------------------------------------------------------------------------
async def run_turn(runner: Any, actor: Any, thread_id: str, text: str | None, decision: str | None = None,
                   run_id: str | None = None) -> dict[str, Any]:  # fmt: skip
    """One turn (a message, or an approval decision) with what an evaluator needs from its events."""
    events = (
        runner.resume_stream(actor, thread_id, run_id, decision, tokens=False)
        if decision
        else runner.stream(actor, thread_id, text, tokens=False)
    )
    handoffs: list[str] = []
    result: dict[str, Any] = {}
    async for event in events:
        if event.type == "handoff" and event.data.get("to") != "supervisor":
            handoffs.append(event.data["to"])
        elif event.type == "final":
            result = event.data["result"]
    calls = [c for c in result.get("tool_calls") or [] if not str(c.get("name", "")).startswith("transfer_")]
    return {
        "handoffs": handoffs,
        "tool_calls": [{k: c.get(k) for k in ("name", "args", "status")} for c in calls],
        "output": result.get("output", ""),
        "status": result.get("status"),
        "run_id": result.get("run_id"),
        "error": result.get("error"),
        "model_ms": (result.get("timings") or {}).get("model_ms"),
    }


def _asks(turn: dict[str, Any]) -> bool:
    """The agent asked instead of acting: no successful write, and the reply is a question or lists choices."""
    writes = [c for c in turn["tool_calls"] if c["status"] == "ok" and c["name"] in _WRITES]
    text = turn["output"] or ""
    return not writes and ("?" in text or "which one" in text.lower())


_WRITES = {"update_contact", "bulk_update_contacts", "delete_contacts", "merge_contacts", "create_contact",
           "log_activity", "create_task", "move_deal_stage", "update_deal", "create_deal"}  # fmt: skip


# ---- database checks -----------------------------------------------------------------------------------
_CONTACT_COLS = {"lifecycle_stage", "first_name", "last_name", "lead_source", "title", "next_follow_up"}


async def _rows(conn: Any, check: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a declarative check is about. The SQL is built only from the whitelisted names below; the
    eval reads the database directly, as tests do, because it checks what the services wrote."""
    table, where = check["table"], check["where"]
    params: dict[str, Any] = {}
    if table == "contacts":
        frm = "contacts t LEFT JOIN companies co ON co.id = t.company_id"
        select = "t.*, co.name AS company, (t.deleted_at IS NOT NULL) AS deleted"
        # A check on one record sees it even when deleted (``deleted`` is then what it asserts).
        clauses = [] if check.get("expect") else ["t.deleted_at IS NULL"]
        if "email" in where:
            clauses.append("%(email)s = ANY(t.emails)")
            params["email"] = where["email"].lower()
        for col in ("lead_source", "lifecycle_stage"):
            if col in where:
                clauses.append(f"t.{col} = %({col})s")
                params[col] = where[col]
    elif table == "activities":
        frm = "activities t"
        select = "t.*"
        clauses = []
        if "contact_email" in where:
            clauses.append("t.contact_id IN (SELECT id FROM contacts WHERE %(email)s = ANY(emails))")
            params["email"] = where["contact_email"].lower()
        for col in ("type", "status"):
            if col in where:
                clauses.append(f"t.{col} = %({col})s")
                params[col] = where[col]
    elif table == "deals":
        frm = "deals t JOIN pipeline_stages s ON s.id = t.stage_id"
        select = "t.*, s.name AS stage"
        clauses = ["t.deleted_at IS NULL", "t.name = %(name)s"]
        params["name"] = where["name"]
    else:
        raise ValueError(f"unknown table {table!r} in an outcome check")
    cur = await conn.execute(f"SELECT {select} FROM {frm} WHERE {' AND '.join(clauses) or 'true'}", params)
    return list(await cur.fetchall())


async def _check(conn: Any, check: dict[str, Any], baseline: int | None) -> dict[str, Any]:
    """Run one declarative check: ``expect`` (one record's fields), ``expect_count`` or ``expect_delta``."""
    table, where = check["table"], check["where"]
    rows = await _rows(conn, check)
    if "expect_count" in check:
        ok = len(rows) == check["expect_count"]
        return {"ok": ok, "detail": f"{table} {where}: {len(rows)} rows, expected {check['expect_count']}"}
    if "expect_delta" in check:
        ok = baseline is not None and len(rows) - baseline == check["expect_delta"]
        return {
            "ok": ok,
            "detail": f"{table} {where}: {len(rows) - (baseline or 0):+d}, expected +{check['expect_delta']}",
        }
    if len(rows) != 1:
        return {"ok": False, "detail": f"{table} {where}: {len(rows)} rows"}
    row = rows[0]
    for key, want in check["expect"].items():
        have = row.get(key)
        if isinstance(want, dict) and "$contains" in want:
            good = want["$contains"] in (have or [])
        elif isinstance(have, date | UUID):
            good = str(have) == str(want)
        elif isinstance(want, str):
            good = ev.norm_text(have or "") == ev.norm_text(want)
        else:
            good = have == want
        if not good:
            return {"ok": False, "detail": f"{table} {where}: {key}={have!r}, expected {want!r}"}
    return {"ok": True, "detail": ""}


async def _count(conn: Any, check: dict[str, Any]) -> int | None:
    """The baseline for an ``expect_delta`` check, read before the scenario's first step."""
    return len(await _rows(conn, check)) if "expect_delta" in check else None


# ---- targets ---------------------------------------------------------------------------------------------
Target = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def agent_target(runner: Any, sandbox: Sandbox, today: date | None) -> Target:
    """Routing, tool use: one request in a new conversation."""

    async def target(inputs: dict[str, Any]) -> dict[str, Any]:
        thread = await runner.create_thread(sandbox.actor, title="eval")
        out = await run_turn(runner, sandbox.actor, thread, inputs["input"])
        out["today"] = (today or date.today()).isoformat()
        return out

    return target


async def _fingerprint(pool: Any, org_id: Any) -> str:
    """A digest of what an injected instruction could damage: contacts (stage, tags, deletion), segments,
    campaigns. Compared before and after each safety request."""
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(
            "SELECT md5(coalesce(string_agg(id::text || coalesce(lifecycle_stage, '') || array_to_string(tags, ',')"
            " || coalesce(deleted_at::text, '') || coalesce(owner_id::text, ''), '|' ORDER BY id), '')) AS c,"
            " (SELECT count(*) FROM segments) AS s, (SELECT count(*) FROM campaigns) AS k FROM contacts"
        )
        row = await cur.fetchone()
    return f"{row['c']}:{row['s']}:{row['k']}"


async def add_other_org(sandbox: Sandbox) -> UUID:
    """The second organization of the safety suite, with contacts the demo owner must never reach."""
    import uuid

    from leadloom.crm.services.orgs import create_organization
    from leadloom.evals.build_datasets import OTHER_ORG

    created = await create_organization(
        sandbox.pool, name=OTHER_ORG["name"], owner_email=f"owner-{uuid.uuid4().hex[:6]}@rivalreach.example",
        owner_name="Rhea Rival",
    )  # fmt: skip
    org_id = created.org["id"]
    async with org_tx(sandbox.pool, org_id) as conn:
        for c in OTHER_ORG["contacts"]:
            await conn.execute(
                "INSERT INTO contacts (org_id, first_name, last_name, emails, phones, lifecycle_stage) "
                "VALUES (%(o)s, %(f)s, %(l)s, ARRAY[%(e)s], ARRAY[%(p)s], 'lead')",
                {"o": org_id, "f": c["first_name"], "l": c["last_name"], "e": c["email"], "p": c["phone"]},
            )
    return UUID(str(org_id))


def safety_target(runner: Any, sandbox: Sandbox, other_org: UUID) -> Target:
    async def target(inputs: dict[str, Any]) -> dict[str, Any]:
        before = await _fingerprint(sandbox.pool, sandbox.org_id)
        other_before = await _fingerprint(sandbox.pool, other_org)
        thread = await runner.create_thread(sandbox.actor, title="eval")
        text = inputs["input"].replace("{other_org_id}", str(other_org))
        out = await run_turn(runner, sandbox.actor, thread, text)
        if out["status"] == "interrupted":
            # An approval was asked for: the person says no. The request must not have changed anything yet.
            out["approval_requested"] = True
            await run_turn(runner, sandbox.actor, thread, None, decision="reject", run_id=out["run_id"])
        out["db_changed"] = before != await _fingerprint(sandbox.pool, sandbox.org_id)
        out["other_org_changed"] = other_before != await _fingerprint(sandbox.pool, other_org)
        return out

    return target


class OutcomeSandboxes:
    """Database copies for outcome scenarios: one shared by the scenarios whose records are their own, and
    a fresh one for each scenario with organization-wide effects (``isolation: own``)."""

    def __init__(self, db: EvalDatabase, make_runner: Callable[[Sandbox], Awaitable[Any]]) -> None:
        self.db = db
        self.make_runner = make_runner
        self._shared: tuple[Any, Sandbox, Any] | None = None
        self._seen: set[str] = set()

    async def shared(self, key: str) -> tuple[Sandbox, Any]:
        if key in self._seen:
            # The same scenario again (--repeat): its first run's writes are in this copy; start a new one.
            await self.aclose()
        self._seen.add(key)
        if self._shared is None:
            cm = self.db.sandbox("outcomes")
            sb = await cm.__aenter__()
            self._shared = (cm, sb, await self.make_runner(sb))
        return self._shared[1], self._shared[2]

    async def aclose(self) -> None:
        if self._shared is not None:
            await self._shared[0].__aexit__(None, None, None)
            self._shared = None
            self._seen.clear()


async def _scenario(runner: Any, sb: Sandbox, inputs: dict[str, Any], today: date | None) -> dict[str, Any]:
    checks_spec = inputs.get("checks") or []
    async with org_tx(sb.pool, sb.org_id) as conn:
        baselines = [await _count(conn, c) for c in checks_spec]
    thread = await runner.create_thread(sb.actor, title="eval")
    steps: list[dict[str, Any]] = []
    last: dict[str, Any] = {"output": "", "run_id": None, "tool_calls": [], "status": None}
    calls: list[dict[str, Any]] = []
    error = None
    for step in inputs["steps"]:
        try:
            if "decision" in step:
                if last.get("status") != "interrupted":
                    steps.append({"ok": False, "detail": "no approval was asked for"})
                    continue
                last = await run_turn(runner, sb.actor, thread, None, step["decision"], last["run_id"])
            else:
                if last.get("status") == "interrupted":
                    # A pending approval blocks new input; a person would have to decide first.
                    steps.append({"ok": False, "detail": "an unexpected approval is pending"})
                    break
                last = await run_turn(runner, sb.actor, thread, step["user"])
        except Exception as exc:  # a step that raises fails the scenario, not the whole suite
            error = f"{type(exc).__name__}: {exc}"
            break
        calls += last["tool_calls"]
        expect = step.get("expect") or {}
        ok = not expect.get("asks") or _asks(last)
        steps.append({"ok": ok, "status": last["status"], "output": last["output"][:300]})
    async with org_tx(sb.pool, sb.org_id) as conn:
        checks = [await _check(conn, c, b) for c, b in zip(checks_spec, baselines, strict=True)]
    return {
        "output": last["output"],
        "status": last["status"],
        "steps": steps,
        "checks": checks,
        "tool_calls": calls,
        "error": error,
        "today": (today or date.today()).isoformat(),
    }


def outcome_target(sandboxes: OutcomeSandboxes, today: date | None) -> Target:
    """One scenario: its steps in one conversation, then its checks read from that database."""

    async def target(inputs: dict[str, Any]) -> dict[str, Any]:
        if inputs.get("isolation") == "own":
            async with sandboxes.db.sandbox("scenario") as sb:
                return await _scenario(await sandboxes.make_runner(sb), sb, inputs, today)
        sb, runner = await sandboxes.shared(json.dumps(inputs["steps"], sort_keys=True))
        return await _scenario(runner, sb, inputs, today)

    return target


def retrieval_target(sandbox: Sandbox, k: int = 10) -> Target:
    from leadloom.memory.indexer import search_knowledge

    async def target(inputs: dict[str, Any]) -> dict[str, Any]:
        rows = await search_knowledge(sandbox.pool, sandbox.actor, inputs["query"], limit=k)
        return {
            "activity_ids": [str(r["source_id"]) for r in rows],
            "contact_ids": [str(r["contact_id"]) for r in rows if r.get("contact_id")],
        }

    return target


def scoring_target(csv_path: Path, *, folds: int | None = None) -> Target:
    async def target(inputs: dict[str, Any]) -> dict[str, Any]:
        import asyncio

        from leadloom.crm.scoring.csv_eval import evaluate_csv

        path = csv_path if csv_path.name == inputs["file"] or csv_path.is_file() else csv_path / inputs["file"]
        started = time.perf_counter()
        report = await asyncio.to_thread(
            evaluate_csv,
            path,
            target=inputs["target"],
            positive=inputs.get("positive"),
            drop=inputs.get("drop", []),
            ordered=inputs.get("ordered", False),
            folds=folds or inputs.get("folds", 5),
        )
        out = report.as_dict() if hasattr(report, "as_dict") else dict(report.__dict__)
        out["seconds"] = round(time.perf_counter() - started, 1)
        return out

    return target
