"""Agent-turn benchmark: a turn's server time split into model time and Leadloom's own time.

Run:  .venv/bin/python -m benchmarks.agent_bench [--turns 50] [--models scripted,local] [--no-write]

On the demo organization (loaded into its own embedded database under ``.leadloom-agentbench/``), it
runs turns through the one AgentRunner with the real supervisor, specialists and tools: ask for a
contact, search by stage, change a stage, log a call, pipeline summary, top leads. Each turn's time is
split by a callback on the chat model (``RunMeter``): *model time* is time inside the model's calls;
*own time* is everything else — graph, tools, database, checkpoints, run records. With ``--model
scripted`` the model answers instantly from a script, so own time is what Leadloom adds
around any model. Rewrites only the "## Agent turns" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leadloom.crm.context import Actor  # noqa: E402
from leadloom.crm.db.migrate import upgrade  # noqa: E402
from leadloom.crm.db.pool import make_pool, org_tx, resolve_database  # noqa: E402
from leadloom.crm.settings import Settings  # noqa: E402
from leadloom.graphs.runner import AgentRunner  # noqa: E402
from tests.unit.agents.fakes import ScriptedChatModel, call, last_tool_result  # noqa: E402

SECTION = "## Agent turns"
DATA_DIR = ROOT / ".leadloom-agentbench"
TARGET_OWN_P95_MS = 50.0


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _turns(names: list[str]) -> list[tuple[str, list[Any]]]:
    """(what the person says, the scripted model's steps) — one of each kind per contact name."""
    out: list[tuple[str, list[Any]]] = []
    for i, name in enumerate(names):
        kind = i % 6
        if kind == 0:
            steps = [call("transfer_to_contacts", task=f"get {name}"), call("get_contact", contact=name), "ok", "Here."]
            out.append((f"Tell me about {name}", steps))
        elif kind == 1:
            steps = [call("transfer_to_contacts"), call("search_contacts", stage="lead", limit=10), "ok", "Leads."]
            out.append(("Show me ten leads", steps))
        elif kind == 2:
            steps = [
                call("transfer_to_contacts"),
                call("update_contact", contact=name, changes={"stage": "mql" if i % 4 else "sql"}),
                "ok",
                "Updated.",
            ]
            out.append((f"Move {name} forward", steps))
        elif kind == 3:
            steps = [
                call("transfer_to_contacts"),
                call("log_activity", contact=name, type="call", subject="Check-in", direction="outbound"),
                "ok",
                "Logged.",
            ]
            out.append((f"Log a call with {name}", steps))
        elif kind == 4:
            steps = [call("transfer_to_contacts"), call("pipeline_summary"), "ok", "Pipeline."]
            out.append(("Pipeline summary", steps))
        else:
            steps = [
                call("transfer_to_scoring"),
                call("top_leads", limit=5),
                lambda m, t: "ok" if last_tool_result(m, "top_leads") is not None else "none",
                "Top leads.",
            ]
            out.append(("Who are my best leads?", steps))
    return out


async def _prepare(settings: Settings) -> tuple[Any, Any, Actor, list[str]]:
    from leadloom.crm.demo import find_demo_org, load_demo

    urls = await asyncio.to_thread(resolve_database, settings)
    await asyncio.to_thread(upgrade, urls.admin, settings)
    pool = make_pool(urls.app, min_size=2, max_size=8)
    await pool.open(wait=True)
    owner = await find_demo_org(pool)
    if owner is None:
        print("loading the demo organization…", file=sys.stderr)
        await load_demo(pool)
        owner = await find_demo_org(pool)
    assert owner is not None
    actor = Actor(org_id=owner["org_id"], user_id=owner["user_id"], role=owner["role"])
    async with org_tx(pool, actor.org_id) as conn:
        rows = await (
            await conn.execute(
                "SELECT first_name || ' ' || last_name AS name FROM contacts "
                "WHERE deleted_at IS NULL AND first_name <> '' AND last_name <> '' ORDER BY id LIMIT 400"
            )
        ).fetchall()
    # Only names that resolve to exactly one contact, so every turn does the same work each time.
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["name"]] = counts.get(r["name"], 0) + 1
    names = [n for n, c in counts.items() if c == 1]
    return urls, pool, actor, names


async def bench(turns: int, model_spec: str, warmup: int = 6) -> dict[str, Any]:
    settings = Settings(data_dir=DATA_DIR, database_url=os.environ.get("BENCH_DATABASE_URL"))
    urls, pool, actor, names = await _prepare(settings)
    try:
        scripted = model_spec == "scripted"
        model: Any = ScriptedChatModel() if scripted else None
        if not scripted:
            from leadloom.agents.models import get_chat_model

            model = get_chat_model(model_spec, settings=settings)
        runner = await AgentRunner(pool, settings, model=model, admin_url=urls.admin).start()
        plan = _turns(names[: max(turns + warmup, 12)])
        samples: list[dict[str, float]] = []
        statuses: dict[str, int] = {}
        thread = await runner.create_thread(actor, "benchmark")
        for i, (text, steps) in enumerate(plan[: turns + warmup]):
            if i % 10 == 0:
                thread = await runner.create_thread(actor, "benchmark")  # threads of realistic length
            if scripted:
                model.script, model.position, model.calls = list(steps), 0, []
            started = time.perf_counter()
            result = await runner.run(actor, thread, text)
            wall_ms = (time.perf_counter() - started) * 1000
            if result.status == "interrupted":  # only with a live model that chose a risky tool
                await runner.resume(actor, thread, result.run_id, "reject", reason="benchmark")
            if i >= warmup:
                statuses[result.status] = statuses.get(result.status, 0) + 1
                samples.append({**result.timings, "wall_ms": wall_ms})
        own = [s["own_ms"] for s in samples]
        mdl = [s["model_ms"] for s in samples]
        tot = [s["total_ms"] for s in samples]
        tools = [s["tools_ms"] for s in samples]
        rest = [s["own_ms"] - s["tools_ms"] for s in samples]
        return {
            "turns": len(samples),
            "model": model_spec,
            "statuses": statuses,
            "own_p50": _pct(own, 0.5),
            "own_p95": _pct(own, 0.95),
            "model_p50": _pct(mdl, 0.5),
            "model_p95": _pct(mdl, 0.95),
            "tools_p50": _pct(tools, 0.5),
            "tools_p95": _pct(tools, 0.95),
            "rest_p50": _pct(rest, 0.5),
            "rest_p95": _pct(rest, 0.95),
            "total_p50": _pct(tot, 0.5),
            "total_p95": _pct(tot, 0.95),
            "model_calls_mean": statistics.mean(s["model_calls"] for s in samples),
        }
    finally:
        await pool.close()
        urls.stop()


def _rows(r: dict[str, Any]) -> str:
    return f"""| {r["model"]} | Leadloom's own time | {r["own_p50"]:.1f} ms | {r["own_p95"]:.1f} ms |
| {r["model"]} | — inside CRM tools (their queries) | {r["tools_p50"]:.1f} ms | {r["tools_p95"]:.1f} ms |
| {r["model"]} | — graph, checkpoints, run records | {r["rest_p50"]:.1f} ms | {r["rest_p95"]:.1f} ms |
| {r["model"]} | model time | {r["model_p50"]:.1f} ms | {r["model_p95"]:.1f} ms |
| {r["model"]} | total server time | {r["total_p50"]:.1f} ms | {r["total_p95"]:.1f} ms |"""


def _section(results: list[dict[str, Any]], load: str) -> str:
    first = results[0]
    models = ",".join(r["model"] for r in results)
    verdicts = "; ".join(
        f"{r['model']}: {'meets' if r['own_p95'] < TARGET_OWN_P95_MS else 'misses'} it ({r['own_p95']:.0f} ms)"
        for r in results
    )
    statuses = "; ".join(f"{r['model']} {r['statuses']}" for r in results)
    rows = "\n".join(_rows(r) for r in results)
    return f"""{SECTION}

`.venv/bin/python -m benchmarks.agent_bench --turns {first["turns"]} --models {models}` — {first["turns"]} turns per
model (after a warm-up) on the demo organization, through `AgentRunner.run` with the real supervisor,
specialists, tools and Postgres checkpointer: get a contact, search by stage, update a stage, log a call,
pipeline summary, top leads. `scripted` answers instantly from a script (supervisor → specialist → one
tool → specialist → supervisor, so own time is what Leadloom adds around any model); `local` is the
offline model reading the same requests as text. Model time is measured by a callback around the chat
model's calls; own time is the rest. Machine: {os.cpu_count()} CPUs, shared with other work (load
average at the start: {load}). Statuses: {statuses}.

| model | per turn | p50 | p95 |
|---|---|---|---|
{rows}

Target: own time under {TARGET_OWN_P95_MS:.0f} ms p95 — {verdicts}.

Where the rest goes (cProfile of 30 scripted turns, and counting): LangGraph itself (three nested agent
graphs per turn; about 35 ms per turn with an in-memory checkpointer under the same load, so the graph
alone is most of the 50 ms budget), six checkpoint round trips per turn (each nested agent graph loads its
checkpoint; the turn saves at exit, not after every step) and the run record. Since 2026-11-26 09:00 the
pool no longer checks a connection on every checkout and an org transaction's BEGIN and settings go in
one round trip (crm/db/pool.py): scripted own time went from 175 / 210 ms (p50 / p95) to the figures
above. The p95 tail follows the machine's load: earlier the same day, at load average 5-11 from other
work on the 2 CPUs, the same command gave own time 48 / 96 ms (scripted) and 69 / 140 ms (local), p50 / p95.
"""


def write_section(text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text.rstrip() + "\n\n", current)
    else:
        updated = current.rstrip() + "\n\n" + text
    path.write_text(updated.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--models", default="scripted,local", help="comma-separated: scripted, local, provider:model")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    results = [asyncio.run(bench(args.turns, spec.strip())) for spec in args.models.split(",") if spec.strip()]
    text = _section(results, load)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
