"""The demo organization's own lead-scoring figures; updates "### Demo organization" in BENCHMARKS.md.

Run:  .venv/bin/python benchmarks/scoring_demo_bench.py [--as-of YYYY-MM-DD] [--no-write]

Loads the deterministic demo organization (seed 42) into a scratch database on the embedded server,
then measures through the CRM's own path (``train_org_model``: outcomes from deals and lifecycle,
features as of one day before each outcome, champion/challenger on the most recent 20 % of outcomes):
ROC-AUC, PR-AUC and Brier on that time-ordered holdout, training time (median of 3 runs), rescoring
every contact with its explanation, and the single-contact score + explanation p95 over the API's
service call. Only the "### Demo organization" subsection of "## Lead scoring" is rewritten.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from psycopg import sql

from leadloom.crm.context import Actor
from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import make_pool, org_tx, resolve_database, with_database
from leadloom.crm.demo import load_demo
from leadloom.crm.services import lead_scores, scoring_training
from leadloom.crm.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Lead scoring"
SUBSECTION = "### Demo organization"
AS_OF = date(2026, 11, 26)  # fixed, so the figures are reproducible


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


async def bench(as_of: date, runs: int) -> dict[str, Any]:
    settings = get_settings()
    scratch = f"bench_scoring_demo_{os.getpid()}"
    urls = await asyncio.to_thread(resolve_database, settings, dbname=scratch)
    try:
        await asyncio.to_thread(upgrade, urls.admin, settings)
        pool = make_pool(urls.app, min_size=1, max_size=4)
        await pool.open(wait=True)
        try:
            summary = await load_demo(pool, seed=42, as_of=as_of)
            async with pool.connection() as conn:
                cur = await conn.execute("SELECT user_id, role FROM auth_user_by_email(%s)", (summary.owner_email,))
                owner = await cur.fetchone()
            actor = Actor(org_id=summary.org_id, user_id=owner["user_id"], role=owner["role"], source="cli")

            results, seconds = [], []
            for _ in range(runs):
                started = time.perf_counter()
                results.append(await scoring_training.train_org_model(pool, actor))
                seconds.append(time.perf_counter() - started)
            first = results[0]
            card = await scoring_training.model_card(pool, actor, first["model"]["id"])

            started = time.perf_counter()
            rescored = await lead_scores.drain_queue(pool, summary.org_id)
            rescore_s = time.perf_counter() - started

            async with org_tx(pool, summary.org_id) as conn:
                cur = await conn.execute(
                    "SELECT id FROM contacts WHERE lifecycle_stage IN ('lead', 'mql', 'sql') ORDER BY id LIMIT 200"
                )
                ids = [r["id"] for r in await cur.fetchall()]
            single = []
            for cid in ids:
                t0 = time.perf_counter()
                await lead_scores.explain_contact(pool, actor, cid)
                single.append((time.perf_counter() - t0) * 1000)
        finally:
            await pool.close()
    finally:
        with psycopg.connect(with_database(urls.admin, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
        urls.stop()
    return {
        "as_of": as_of.isoformat(),
        "outcomes": first["outcomes"],
        "kind": first["kind"],
        "algorithm": first["model"]["algorithm"],
        "metrics": first["metrics"],
        "gate": first["gate"],
        "later_runs": [{"accepted": r["accepted"], "reason": (r["gate"] or {}).get("reason")} for r in results[1:]],
        "train_seconds_median": statistics.median(seconds),
        "train_seconds": seconds,
        "candidates": card["card"].get("candidates", {}),
        "importances": card["importances"][:6],
        "calibration": card["calibration"],
        "positive_rate": card["card"].get("positive_rate"),
        "rescored": rescored,
        "rescore_seconds": rescore_s,
        "single_p95_ms": float(np.percentile(single, 95)) if single else None,
        "single_n": len(single),
        "holdout_rate": first["metrics"]["positives"] / first["metrics"]["n"],
        "base_brier": (first["metrics"]["positives"] / first["metrics"]["n"])
        * (1 - first["metrics"]["positives"] / first["metrics"]["n"]),
        "train_rate": (card["card"]["positive_rate"] * first["outcomes"] - first["metrics"]["positives"])
        / (first["outcomes"] - first["metrics"]["n"]),
    }


def _f(x: Any, d: int = 3) -> str:
    return "-" if x is None else f"{x:.{d}f}"


def render(r: dict[str, Any]) -> str:
    m = r["metrics"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        SUBSECTION,
        "",
        f"Machine: {os.cpu_count()} CPUs, {_cpu_model()}, Python {platform.python_version()}; load average at the"
        f" end {load:.1f} (shared machine).",
        "Command: `.venv/bin/python benchmarks/scoring_demo_bench.py`",
        f"Data: the demo organization (`leadloom demo`, seed 42, as of {r['as_of']}): {r['outcomes']} contacts with"
        " an outcome (won deal = 1, lost deal = 0; lifecycle outcomes count only when the record history dates"
        " them, and the demo loads stages without history), features as of one day before each outcome."
        " Trained through `train_org_model` (the path `POST /api/v1/scoring/train` and `leadloom score train`"
        " use).",
        f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| model kind / algorithm chosen | {r['kind']} / `{r['algorithm']}` |",
        f"| time-ordered holdout (most recent {m.get('n')} outcomes, {m.get('positives')} won) ROC-AUC"
        f" | {_f(m.get('roc_auc'))} |",
        f"| time-ordered holdout PR-AUC | {_f(m.get('pr_auc'))} |",
        f"| time-ordered holdout Brier | {_f(m.get('brier'), 4)} |",
        f"| training time (gate fit + refit on all outcomes, median of {len(r['train_seconds'])})"
        f" | {r['train_seconds_median']:.2f} s |",
        f"| rescoring every contact with its explanation ({r['rescored']:,} contacts) | {r['rescore_seconds']:.1f} s |",
        f"| one contact scored + explained + saved, p95 of {r['single_n']} (database included)"
        f" | {_f(r['single_p95_ms'], 1)} ms |",
        "",
        f"Gate on the first training: {r['gate'].get('reason')}. Retraining {len(r['later_runs'])} more times on"
        " the same outcomes: "
        + "; ".join(sorted({x["reason"] for x in r["later_runs"]}))
        + " (stored as candidates, never promoted on an unfair test).",
        "",
        f"Reading the Brier score: always predicting the holdout's own won rate ({r['holdout_rate']:.0%}) would"
        f" score {r['base_brier']:.4f}; the model scores {_f(m.get('brier'), 4)} (lower is better). The won share"
        f" is {r['holdout_rate']:.0%} in the holdout and {r['train_rate']:.0%} in the outcomes before it."
        " Nothing here is tuned to the demo: it is the production path with its defaults.",
        "",
        "Most important inputs on the holdout (ROC-AUC lost when shuffled): "
        + ", ".join(f"{i['label']} {i['importance']:+.3f}" for i in r["importances"])
        + ".",
        "",
        "Calibration on the holdout (predicted → observed, per equal-count bin): "
        + ", ".join(f"{c['predicted']:.2f}→{c['observed']:.2f}" for c in r["calibration"])
        + ".",
        "",
    ]
    return "\n".join(lines)


def write_subsection(text: str, path: Path) -> None:
    """Replace only our subsection inside "## Lead scoring" (append it to that section if absent)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    sub = re.compile(rf"^{re.escape(SUBSECTION)}\n.*?(?=^## |^### |\Z)", re.S | re.M)
    if sub.search(current):
        updated = sub.sub(lambda _: text + "\n", current, count=1)
    else:
        section = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
        found = section.search(current)
        if found:
            body = found.group(0).rstrip("\n") + "\n\n" + text + "\n"
            updated = current[: found.start()] + body + ("\n" if found.end() < len(current) else "")
            updated += current[found.end() :]
        else:
            updated = current.rstrip("\n") + f"\n\n{SECTION}\n\n" + text + "\n"
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=date.fromisoformat, default=AS_OF)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print JSON only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    result = asyncio.run(bench(args.as_of, args.runs))
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
    if not args.no_write:
        write_subsection(render(result), ROOT / "BENCHMARKS.md")


if __name__ == "__main__":
    main()
