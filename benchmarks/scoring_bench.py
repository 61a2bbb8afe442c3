"""Lead-scoring benchmark on the UCI bank-marketing file; updates BENCHMARKS.md.

Run:  .venv/bin/python benchmarks/scoring_bench.py [--csv FILE] [--no-write]

Measures, through Leadloom's own training path (``evaluate_csv`` / ``train_model``):
5-fold stratified ROC-AUC, PR-AUC and Brier; date-ordered 80/20 ROC-AUC (rows are in
date order); training time on the whole file (median of 3); single-lead score and
score+explain p95 over 1,000 calls; 100,000 leads scored in one batch (median of 3).
Only the "## Lead scoring" section of BENCHMARKS.md is rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from leadloom.crm.scoring import evaluate_csv, explain, read_csv, train_model
from leadloom.crm.scoring.csv_eval import labels_from
from leadloom.crm.scoring.model import BOOSTING, TrainConfig

ROOT = Path(__file__).resolve().parents[1]
BANK = Path("/work/shared/data/bank-marketing/bank-additional-full.csv")
SECTION = "## Lead scoring"
TARGETS = {"cv_roc_auc": 0.81, "cv_pr_auc": 0.48, "ordered_roc_auc": 0.76}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _p95(samples: list[float]) -> float:
    return float(np.percentile(np.asarray(samples), 95))


def run(csv_path: Path) -> dict[str, object]:
    report = evaluate_csv(csv_path, target="y", drop=["duration"], ordered=True)

    table = read_csv(csv_path)
    labels, _ = labels_from(table.rows, "y", None)
    records = [{k: v for k, v in r.items() if k not in ("y", "duration")} for r in table.rows]
    train_times = [report.train_seconds]
    model = None
    for _ in range(2):
        started = time.perf_counter()
        model = train_model(records, labels)
        train_times.append(time.perf_counter() - started)
    assert model is not None

    sample = records[:: max(1, len(records) // 1000)][:1000]
    for r in sample[:20]:  # warm-up: first calls pay for imports and caches
        model.score_one(r)
        explain(model, r)
    single = []
    for r in sample:
        started = time.perf_counter()
        model.score_one(r)
        single.append(time.perf_counter() - started)
    explained = []
    for r in sample:
        started = time.perf_counter()
        explain(model, r)
        explained.append(time.perf_counter() - started)

    batch = (records * (100_000 // len(records) + 1))[:100_000]
    batch_times = []
    for _ in range(3):
        started = time.perf_counter()
        scores = model.score(batch)
        batch_times.append(time.perf_counter() - started)
    assert len(scores) == 100_000

    # Context, not the product: the same path with only gradient boosting as candidate.
    boosting = evaluate_csv(
        csv_path, target="y", drop=["duration"], ordered=True, config=TrainConfig(candidates=(BOOSTING,))
    )
    hgb_model = train_model(records, labels, config=TrainConfig(candidates=(BOOSTING,)))
    for r in sample[:20]:
        hgb_model.score_one(r)
    hgb_single = []
    for r in sample:
        started = time.perf_counter()
        hgb_model.score_one(r)
        hgb_single.append(time.perf_counter() - started)

    cut = round(len(labels) * 0.8)
    return {
        "boosting_only": {
            "cv_roc_auc": boosting.cv_roc_auc,
            "cv_pr_auc": boosting.cv_pr_auc,
            "cv_brier": boosting.cv_brier,
            "ordered_roc_auc": boosting.ordered_roc_auc,
            "single_score_p95_ms": _p95(hgb_single) * 1000,
        },
        "ordered_train_rate": float(np.mean(labels[:cut])),
        "ordered_test_rate": float(np.mean(labels[cut:])),
        "load_average": os.getloadavg(),
        "report": report.as_dict(),
        "train_seconds_median": statistics.median(train_times),
        "train_seconds_all": train_times,
        "single_score_p95_ms": _p95(single) * 1000,
        "single_score_median_ms": statistics.median(single) * 1000,
        "score_explain_p95_ms": _p95(explained) * 1000,
        "batch_100k_seconds_median": statistics.median(batch_times),
        "model_algorithm": model.algorithm,
    }


def _ok(value: float | None, target: float, higher: bool = True) -> str:
    if value is None:
        return "not measured"
    return "meets target" if (value >= target if higher else value < target) else "below target"


def render(result: dict[str, object], command: str) -> str:
    r = result["report"]
    assert isinstance(r, dict)
    cands = r["gate_candidates"]
    lines = [
        SECTION,
        "",
        f"Machine: {os.cpu_count()} CPUs (nproc), {_cpu_model()}, Python {platform.python_version()};"
        f" load average at the end of the run {result['load_average'][0]:.1f} (the machine is shared).",
        f"Command: `{command}`",
        f"Data: {BANK.name}, {r['rows']} rows, {r['positives']} positive; `duration` dropped (leaks the outcome);"
        " rows are in date order.",
        f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| 5-fold stratified CV ROC-AUC | {r['cv_roc_auc']:.3f} ± {r['cv_roc_auc_std']:.3f} |"
        f" ≥ 0.81 ({_ok(r['cv_roc_auc'], 0.81)}) |",
        f"| 5-fold CV PR-AUC | {r['cv_pr_auc']:.3f} | ≥ 0.48 ({_ok(r['cv_pr_auc'], 0.48)}) |",
        f"| 5-fold CV Brier | {r['cv_brier']:.4f} | lower is better |",
        f"| date-ordered 80/20 ROC-AUC | {r['ordered_roc_auc']:.3f} | ≥ 0.76 ({_ok(r['ordered_roc_auc'], 0.76)}) |",
        f"| date-ordered 80/20 PR-AUC / Brier | {r['ordered_pr_auc']:.3f} / {r['ordered_brier']:.4f} | |",
        f"| training on the whole file (median of 3, gate included) | {result['train_seconds_median']:.1f} s |"
        f" < 15 s ({_ok(result['train_seconds_median'], 15, higher=False)}) |",  # type: ignore[arg-type]
        f"| single-lead score p95 (1,000 calls; median {result['single_score_median_ms']:.2f} ms)"
        f" | {result['single_score_p95_ms']:.2f} ms |"
        f" < 10 ms ({_ok(result['single_score_p95_ms'], 10, higher=False)}) |",  # type: ignore[arg-type]
        f"| single-lead score + explanation p95 | {result['score_explain_p95_ms']:.2f} ms | |",
        f"| 100,000 leads scored in batch (median of 3) | {result['batch_100k_seconds_median']:.2f} s |"
        f" < 5 s ({_ok(result['batch_100k_seconds_median'], 5, higher=False)}) |",  # type: ignore[arg-type]
        "",
        f"Model chosen by the gate on the whole file: `{r['chosen_algorithm']}`; "
        f"per CV fold: {', '.join(sorted(set(r['fold_algorithms'])))}; "
        f"date-ordered split: `{r['ordered_algorithm']}`. "
        f"Time-proxy columns left out by the chosen model: {', '.join(r['excluded_time_proxies']) or 'none'}.",
        "",
        "Context: the same path with gradient boosting as the only candidate gives 5-fold ROC-AUC"
        f" {result['boosting_only']['cv_roc_auc']:.3f}, PR-AUC {result['boosting_only']['cv_pr_auc']:.3f},"
        f" date-ordered ROC-AUC {result['boosting_only']['ordered_roc_auc']:.3f}, single-lead score p95"
        f" {result['boosting_only']['single_score_p95_ms']:.2f} ms.",
        "",
        "Gate candidates on the whole file's time-ordered holdout (last 20 %, two windows of 10 %, each scored"
        " by models trained on every row before it; ROC-AUC is the mean over the two windows, PR-AUC and Brier"
        " are on both windows together):",
        "",
        "| candidate | ROC-AUC | PR-AUC | Brier |",
        "|---|---|---|---|",
        *[f"| {k} | {v['roc_auc']:.3f} | {v['pr_auc']:.3f} | {v['brier']:.4f} |" for k, v in cands.items()],
        "",
        "Baselines from the data set's README (plain scikit-learn, no `duration`): 5-fold LR 0.791/0.453,"
        " HGB 0.804/0.472; date-ordered LR 0.748, HGB 0.643.",
        "",
        "How the figures are produced (all generic, nothing names a column of this file): the feature builder"
        ' infers column kinds, turns placeholder values such as `pdays = 999` into "never" (NaN + indicator),'
        ' adds missing indicators and an "other" code for rare/unseen categories. Candidates are a regularised'
        " logistic regression (one-hot, scaled linear numbers so drifting columns extrapolate), histogram"
        " gradient boosting (native categories, small leaves, L2, early stopping), each also without"
        ' "time-proxy" columns (|Spearman| with row order >= 0.6), and the blend of the two (average'
        " log-odds of both, Platt-calibrated). The gate cuts the most recent 20 % of the training rows into two"
        " 10 % windows, fits every candidate on all rows before each window (rolling origin) and ranks the"
        " candidates by their mean ROC-AUC over the two (small data keeps one window: each needs 50 won and 50"
        " lost outcomes); it keeps the blend unless a single model beats it"
        " there by more than 0.03 ROC-AUC, else the best ROC-AUC (Brier breaks near-ties). The winner is refit"
        " on all rows and Platt-calibrated on its predictions for the two windows. Every CV fold and the"
        " date-ordered split run this whole path.",
        "",
        "Targets not met, and why (measured 2026-11-26 on this file with the same features, one thread;"
        " 5-fold CV / date-ordered ROC-AUC of single candidates without the gate): logistic regression"
        " 0.791 / 0.744, boosting 0.804 / 0.651, the 50/50 blend 0.801 / 0.721, 70/30 blends in between"
        " (0.798 / 0.736). No candidate reaches 0.81 in CV or 0.76 date-ordered, so no gate choosing among"
        " them can. Also tried, no gain: splines on the non-drifting numbers in the linear model"
        " (0.791 / 0.742), C = 0.5 or 0.01 instead of 0.05 (0.792 / 0.722, 0.790 / 0.713), splines on all"
        " numbers (0.795 / 0.647), shallower trees (depth 2: 0.801 / 0.675), trees only on non-drifting"
        ' columns (a "regime" detector, share of variance explained by 50 contiguous row blocks >= 0.9,'
        " flags exactly the five economic columns; trees without them 0.775 / 0.665, blended with the linear"
        " model on all columns 0.794 / 0.742), and early stopping on the most recent training rows"
        " (0.652 date-ordered). The gate cannot do better here either: rolling-origin checks on this file"
        " (train up to 70/80/90 % of the rows, score the next 10 %) give the same model ROC-AUC between 0.35"
        " and 0.72 on adjacent blocks and rank the candidates differently at every origin, so any recent"
        " holdout is a drift-dominated judge. On the date-ordered split the gate keeps boosting without the"
        " time proxies (on that split's own holdout the blend was more than 0.03 below it), which ranks the"
        " test months worse than the linear model would have (0.744).",
        "",
        "Second pass (2026-11-26, same protocol, CV / date-ordered ROC-AUC): recency weights (sample weights"
        " halving every 10 / 25 / 50 % of the training span) give the linear model 0.785 / 0.673, 0.788 / 0.733,"
        " 0.789 / 0.742 and boosting 0.789 / 0.694, 0.801 / 0.676, 0.804 / 0.664; through the whole path"
        " (boosting weighted, two-window gate) half-life 50 % 0.800 / 0.660 and 25 % 0.799 / 0.674: no gain"
        " on both. Boosting tuning (learning rate 0.02-0.03 with more trees, 8 or 31 leaves, 100-300 rows per"
        " leaf, L2 up to 10, 255 bins, half the features per split, balanced class weights, depth 3, early"
        " stopping on ROC-AUC, 5 seeds bagged) stays on a plateau: 5-fold 0.801-0.805, PR-AUC 0.466-0.476."
        " Blending bagged boosting with the linear model by log-odds or by rank (linear weight 0.2 / 0.35):"
        " 0.802-0.804 / 0.67-0.72, rank averaging no better than log-odds. Boosting on top of the linear model"
        " (trees fitted to the logistic regression's Newton working residual, so the linear part still"
        " extrapolates): 0.799-0.803 / 0.729-0.742 (100 trees 0.801 / 0.737, iterated 5 x 20 trees"
        " 0.801 / 0.738), better than the 50/50 blend date-ordered (0.721) at the same CV but below both"
        " targets, and not adopted: on the date-ordered split the gate keeps boosting anyway. Linear-model"
        " variants stay below 0.76 date-ordered too: L1 penalty (C 0.05 / 0.2) 0.792 / 0.747 and 0.792 / 0.749,"
        " balanced class weights 0.793 / 0.743, C 0.03 / 0.1 0.791 / 0.739 and 0.792 / 0.748, log1p of skewed"
        " counts 0.791 / 0.744.",
        "",
        "Gate layouts measured through the whole path (5-fold ROC-AUC / PR-AUC / Brier / date-ordered"
        " ROC-AUC): one 20 % window (before this change) 0.797 / 0.461 / 0.092 / 0.663; two 10 % windows"
        " (now) 0.801 / 0.467 / 0.081 / 0.663; three 0.801 / 0.467 / 0.087 / 0.665; four 0.801 / 0.468 / 0.080"
        " / 0.667 (10 s to train); one 30 % window 0.803 / 0.470 / 0.095 / 0.731; two 15 % windows"
        " 0.800 / 0.467 / 0.085 / 0.727; three 10 % windows over 30 % 0.801 / 0.467 / 0.079 / 0.662; two"
        " 12.5 % windows 0.800 / 0.467 / 0.081 / 0.736; three windows over 40 % 0.790 / 0.447 / 0.083 / 0.736."
        " The date-ordered figure jumps between about 0.66 (the gate keeps boosting) and 0.73 (it keeps the"
        " blend or the linear model) with no pattern in the layout: on that split's own windows the candidates"
        " score 0.49-0.65 and swap places between layouts (two 15 % windows: blend 0.615, boosting 0.577;"
        " three 10 % windows: boosting 0.564, blend 0.519). Picking a layout by that figure would be picking"
        " on the test months, so the default is the smallest change (the same 20 % holdout and calibration"
        " rows, cut in two), kept for its CV and Brier gain: every CV fold now keeps the blend instead of"
        " flipping to the linear model on one noisy holdout. The demo organization below (333 outcomes) is too"
        " small for two windows and keeps one, so its figures are unchanged.",
        "",
        "Why the date-ordered target is hard here: in the last 20 % of rows the economic indicators lie"
        " outside the training range (e.g. `nr.employed` and `euribor3m` at or below the training minimum) and"
        f" the conversion rate is {result['ordered_test_rate']:.0%} against {result['ordered_train_rate']:.0%}"
        " in the training rows. Trees cannot extrapolate; a linear model can, but on the gate's own recent"
        " holdout the linear model ranks worse, so an honest gate does not keep it there.",
        "",
        "Batch cost of the blend: 100,000 leads go through both members (scikit-learn's boosting predict plus"
        " the compiled linear model) after the feature builder; against 1.83 s for the linear model alone"
        " (an earlier run, load 11.7) this run measured the figure above; the figure moves with the load of"
        " this shared machine.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, path: Path) -> None:
    """Replace only our text: from our heading to the next "## " or "### " heading.

    Subsections under "## Lead scoring" (e.g. "### Demo organization") belong to other
    benchmarks and are kept. Creates the file if needed.
    """
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^##+ |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=BANK)
    parser.add_argument("--no-write", action="store_true", help="print JSON only; leave BENCHMARKS.md alone")
    parser.add_argument("--from-json", type=Path, help="re-render BENCHMARKS.md from a saved JSON result")
    args = parser.parse_args()
    result = json.loads(args.from_json.read_text()) if args.from_json else run(args.csv)
    sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
    if not args.no_write:
        write_section(render(result, ".venv/bin/python benchmarks/scoring_bench.py"), ROOT / "BENCHMARKS.md")


if __name__ == "__main__":
    main()
