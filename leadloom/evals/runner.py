"""Runs the eval suites with ``langsmith.aevaluate`` and turns the results into a report and a gate.

Offline by default: ``Client(info={})`` and ``upload_runs=False`` (the current name of ``upload_results``),
so nothing leaves the machine. With ``LANGSMITH_API_KEY`` set, each suite's dataset is created in
LangSmith under a content-addressed name (``leadloom-<suite>-<hash>``: same rows, same dataset; changed
rows, a new one) and the experiment is uploaded to it.

``repeat=K`` runs every example K times and reports pass^k (tau-bench): an example counts only when all
K runs succeed, which is what a user who asks the same thing every day experiences.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import uuid
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from leadloom.crm.settings import Settings
from leadloom.evals import suites as S
from leadloom.evals.environment import EvalDatabase, Sandbox, maintenance_url_for

log = logging.getLogger(__name__)
THRESHOLDS = Path(__file__).resolve().parent / "thresholds.json"
_NS = uuid.UUID("5b1d3f3e-6c1a-4f43-9d3e-1e0a7c2b9f10")


@dataclass
class EvalConfig:
    suites: list[str] = field(default_factory=lambda: list(S.SUITES))
    model: str = "local"
    compare: str | None = None
    repeat: int = 1
    limit: int | None = None
    bank_csv: Path = S.DEFAULT_BANK_CSV
    # Folds for the scoring suite's cross-validation (None: the dataset's own, 5).
    scoring_folds: int | None = None
    # The local model reads relative dates against this day (None: the real today, as a provider does).
    today: date | None = None
    # Which thresholds apply: "full" (a whole run) or "gate" (the CI slice, measured on its own sample).
    thresholds: str = "full"
    # Embed only this many demo activities for retrieval (None: all 10,000, the honest figure).
    retrieval_sample: int | None = None


@dataclass
class SuiteResult:
    suite: str
    model: str
    n: int
    seconds: float
    metrics: dict[str, float | None]
    pass_k: float | None
    repeat: int
    failures: list[dict[str, Any]]
    skipped: dict[str, str] = field(default_factory=dict)
    dataset: str | None = None
    experiment: str | None = None


def load_thresholds(section: str = "full", path: Path = THRESHOLDS) -> dict[str, dict[str, float]]:
    """Recorded minimums per suite and metric: ``full`` for whole runs, ``gate`` for the CI slice."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return dict(data.get(section, {}).get("suites", {}))


def gate_limits(path: Path = THRESHOLDS) -> dict[str, int]:
    """How many examples per suite the CI slice runs (the gate thresholds were measured on exactly these)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return dict(data.get("gate", {}).get("limits", {}))


def gate(results: list[SuiteResult], thresholds: dict[str, dict[str, float]]) -> list[str]:
    """The metrics below their recorded threshold ("suite/metric value < threshold"); empty means pass."""
    failed = []
    for r in results:
        if "*" in r.skipped:
            continue  # a suite that could not run (no CSV file) is reported as skipped, not as a regression
        for key, minimum in thresholds.get(r.suite, {}).items():
            value = r.metrics.get(key)
            if value is None or value < minimum:
                failed.append(f"{r.suite}/{key} {value if value is None else round(value, 3)} < {minimum}")
    return failed


def content_hash(suite: str, examples: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    h = hashlib.sha256(suite.encode())
    for inputs, outputs in examples:
        h.update(json.dumps([inputs, outputs], sort_keys=True, default=str).encode())
    return h.hexdigest()[:12]


class Evaluation:
    """One ``leadloom eval`` invocation: the database, the models, the client, and the results."""

    def __init__(
        self,
        config: EvalConfig,
        settings: Settings,
        *,
        maintenance_url: str | None = None,
        chat_models: dict[str, Any] | None = None,
    ) -> None:
        self.config = config
        # Model objects by spec that bypass the factory (tests swap in a deliberately broken router).
        self.chat_models = dict(chat_models or {})
        # routing and tool_use share requests: with one repetition a request runs once and both suites
        # score that run (same model, same fresh conversation), which halves their time.
        self._turns: dict[tuple[str, str], dict[str, Any]] = {}
        self.settings = settings
        self._maintenance_url = maintenance_url
        self._server: Any = None
        self.db: EvalDatabase | None = None
        self.upload = bool(settings.langsmith_api_key)
        # Offline runs are the normal case here, not a beta experiment: keep the console quiet about it.
        warnings.filterwarnings("ignore", message=".*'upload_runs' parameter is in beta")
        self.client = self._client()
        self.results: list[SuiteResult] = []
        self.template_built_s: float | None = None

    def _client(self) -> Any:
        from langsmith import Client

        if self.upload:
            # The endpoint comes from LANGSMITH_ENDPOINT, which the client reads itself.
            return Client(api_key=self.settings.langsmith_api_key)
        # info={} stops the client from asking the server what it supports; with uploads off and the
        # target untraced (_untraced) nothing is sent. The client still warns about compression once.
        logging.getLogger("langsmith.client").setLevel(logging.ERROR)
        return Client(api_key="offline", info={})

    # ---- models -----------------------------------------------------------------------------------
    def chat_model(self, spec: str) -> Any:
        from leadloom.agents.models import get_chat_model

        if spec in self.chat_models:
            return self.chat_models[spec]
        if spec == "local":
            cache = self.settings.data_dir / "cache" / "local_model"
            return get_chat_model("local", settings=self.settings, cache_dir=cache, today=self.config.today)
        return get_chat_model(spec, settings=self.settings, temperature=0)

    def judge(self) -> Any | None:
        """The LLM judge: the first provider model (``provider:model``) of the run; none for local-only runs."""
        for spec in (self.config.model, self.config.compare):
            if spec and ":" in spec and spec not in self.chat_models:
                return self.chat_model(spec)
        return None

    async def _runner(self, model: Any, sandbox: Sandbox) -> Any:
        from leadloom.graphs.runner import AgentRunner

        return await AgentRunner(sandbox.pool, self.settings, model=model).start()

    # ---- running ----------------------------------------------------------------------------------
    async def run(self) -> list[SuiteResult]:
        needs_db = any(s in ("routing", "tool_use", "outcomes", "safety", "retrieval") for s in self.config.suites)
        if needs_db:
            if self._maintenance_url is None:
                self._maintenance_url, self._server = await asyncio.to_thread(maintenance_url_for, self.settings)
            self.db = EvalDatabase(
                self._maintenance_url,
                self.settings,
                index="retrieval" in self.config.suites,
                index_limit=self.config.retrieval_sample,
            )
            started = time.perf_counter()
            if await self.db.ensure_template():
                self.template_built_s = time.perf_counter() - started
        judge = self.judge()
        definitions = S.build_suites(judge)
        models = [self.config.model, *([self.config.compare] if self.config.compare else [])]
        for spec in models:
            chat = self.chat_model(spec) if any(definitions[s].needs_agent for s in self.config.suites) else None
            if chat is not None and hasattr(chat, "load"):
                await asyncio.to_thread(chat.load)
            for name in self.config.suites:
                suite = definitions[name]
                if not suite.needs_agent and spec != models[0]:
                    continue  # retrieval and scoring do not depend on the chat model: measured once
                self.results.append(await self._run_suite(suite, spec, chat))
        return self.results

    def close(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None

    def _examples(self, suite: str) -> tuple[list[Any], str | None]:
        from langsmith import schemas

        rows = S.load_dataset(suite, self.config.limit)
        pairs = [S.split_example(suite, r) for r in rows]
        digest = content_hash(suite, pairs)
        dataset_id = uuid.UUID(int=0)
        dataset_name = None
        if self.upload:
            dataset_name = f"leadloom-{suite}-{digest}"
            dataset_id = self._upload_dataset(dataset_name, suite, digest, rows, pairs)
        examples = [
            schemas.Example(
                id=uuid.uuid5(_NS, f"{digest}:{row['id']}"),
                inputs=inputs,
                outputs=outputs,
                metadata={"row_id": row["id"]},
                dataset_id=dataset_id,
            )
            for row, (inputs, outputs) in zip(rows, pairs, strict=True)
        ]
        return examples, dataset_name

    def _upload_dataset(
        self, name: str, suite: str, digest: str, rows: list[dict[str, Any]], pairs: list[tuple[dict, dict]]
    ) -> uuid.UUID:
        """The dataset in LangSmith for exactly these rows: reused when it exists, else created with them."""
        if self.client.has_dataset(dataset_name=name):
            return uuid.UUID(str(self.client.read_dataset(dataset_name=name).id))
        dataset = self.client.create_dataset(
            name,
            description=f"Leadloom eval suite '{suite}' ({len(rows)} examples; leadloom/evals/datasets/{suite}.jsonl)",
            metadata={"suite": suite, "content_hash": digest},
        )
        self.client.create_examples(
            dataset_id=dataset.id,
            examples=[
                {"id": str(uuid.uuid5(_NS, f"{digest}:{row['id']}")), "inputs": i, "reference_outputs": o,
                 "metadata": {"row_id": row["id"]}}
                for row, (i, o) in zip(rows, pairs, strict=True)
            ],
        )  # fmt: skip
        return uuid.UUID(str(dataset.id))

    async def _target(self, suite: S.Suite, chat: Any, stack: list[Any]) -> S.Target:
        """The suite's target; sandboxes it opens are appended to ``stack`` for closing afterwards."""
        cfg = self.config
        if suite.name == "scoring":
            return S.scoring_target(cfg.bank_csv, folds=cfg.scoring_folds)
        assert self.db is not None
        if suite.name == "outcomes":
            sandboxes = S.OutcomeSandboxes(self.db, lambda sb: self._runner(chat, sb))
            stack.append(_Closer(sandboxes.aclose))
            return S.outcome_target(sandboxes, cfg.today)
        cm = self.db.sandbox(suite.name)
        sandbox = await cm.__aenter__()
        stack.append(cm)
        if suite.name == "retrieval":
            return S.retrieval_target(sandbox)
        runner = await self._runner(chat, sandbox)
        if suite.name == "safety":
            other = await S.add_other_org(sandbox)
            return S.safety_target(runner, sandbox, other)
        target = S.agent_target(runner, sandbox, cfg.today)
        if cfg.repeat > 1:
            return target
        cache, spec = self._turns, self._spec_of(chat)

        async def shared(inputs: dict[str, Any]) -> dict[str, Any]:
            key = (spec, inputs["input"])
            if key not in cache:
                cache[key] = await target(inputs)
            return cache[key]

        return shared

    def _spec_of(self, chat: Any) -> str:
        return str(id(chat))

    async def _run_suite(self, suite: S.Suite, spec: str, chat: Any) -> SuiteResult:
        from langsmith import aevaluate

        if suite.name == "scoring" and not self.config.bank_csv.exists():
            return SuiteResult(suite.name, spec, 0, 0.0, {}, None, self.config.repeat, [],
                               skipped={"*": f"skipped: {self.config.bank_csv} not found (--bank-csv)"})  # fmt: skip
        examples, dataset_name = self._examples(suite.name)
        started = time.perf_counter()
        stack: list[Any] = []
        rows: list[dict[str, Any]] = []
        experiment = None
        try:
            target = await self._target(suite, chat, stack)
            if not self.upload:
                target = _untraced(target)
            results = await aevaluate(
                target,
                data=examples,
                evaluators=suite.evaluators,
                client=self.client,
                upload_runs=self.upload,
                num_repetitions=self.config.repeat,
                max_concurrency=0,  # one example at a time: they share a database and a 2-core machine
                experiment_prefix=f"leadloom-{suite.name}-{spec.replace(':', '-')}",
                metadata={"model": spec, "suite": suite.name, "limit": self.config.limit},
            )
            experiment = getattr(results, "experiment_name", None)
            async for r in results:
                ex = r["example"]
                scores = {e.key: e.score for e in r["evaluation_results"]["results"]}
                comments = {e.key: e.comment for e in r["evaluation_results"]["results"] if e.comment}
                run = r["run"]
                rows.append({"id": (ex.metadata or {}).get("row_id"), "scores": scores, "comments": comments,
                             "error": getattr(run, "error", None), "outputs": run.outputs or {}})  # fmt: skip
        finally:
            for cm in reversed(stack):
                await cm.__aexit__(None, None, None)
        return self._summarise(suite, spec, rows, time.perf_counter() - started, dataset_name, experiment)

    def _summarise(self, suite: S.Suite, spec: str, rows: list[dict[str, Any]], seconds: float,
                   dataset: str | None, experiment: str | None) -> SuiteResult:  # fmt: skip
        values: dict[str, list[float]] = defaultdict(list)
        skipped: dict[str, str] = {}
        for row in rows:
            for key, score in row["scores"].items():
                if score is None:
                    comment = row["comments"].get(key, "")
                    if comment.startswith("skipped"):
                        skipped[key] = comment
                    continue
                values[key].append(float(score))
            if row["error"]:
                values["errors"].append(1.0)
        metrics: dict[str, float | None] = {k: sum(v) / len(v) for k, v in values.items() if k != "errors"}
        for key in skipped:
            metrics.setdefault(key, None)
        metrics["errors"] = float(len(values["errors"]))
        if suite.name == "scoring" and rows:
            out = rows[0]["outputs"]
            for key in ("cv_brier", "ordered_pr_auc", "train_seconds"):
                if out.get(key) is not None:
                    metrics[key] = float(out[key])
        by_example: dict[str, list[float]] = defaultdict(list)
        for row in rows:
            score = row["scores"].get(suite.success_key)
            by_example[row["id"]].append(0.0 if score is None else float(score))
        pass_k = None
        if by_example and suite.needs_agent:
            pass_k = sum(all(s >= 1.0 for s in v) for v in by_example.values()) / len(by_example)
        failures = [
            {"id": row["id"], "comments": row["comments"], "error": row["error"],
             "output": str(row["outputs"].get("output", ""))[:200],
             "tool_calls": [{"name": c.get("name"), "args": c.get("args")}
                            for c in (row["outputs"].get("tool_calls") or [])[:4]],
             "handoffs": row["outputs"].get("handoffs")}
            for row in rows
            if row["scores"].get(suite.success_key) not in (None, 1, 1.0)
        ][:40]  # fmt: skip
        n = len(by_example)
        return SuiteResult(suite.name, spec, n, round(seconds, 1), metrics, pass_k, self.config.repeat, failures,
                           skipped, dataset, experiment)  # fmt: skip


class _Closer:
    """Lets an ``aclose`` coroutine sit on the same stack as the sandboxes' context managers."""

    def __init__(self, aclose: Any) -> None:
        self.aclose = aclose

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()


def _untraced(target: S.Target) -> S.Target:
    """Offline, the target runs with tracing off. aevaluate marks its own runs as local-only, but LangChain
    sees that as "tracing on" and would attach a tracer that posts the graph's runs to LangSmith."""
    from langsmith import tracing_context

    async def run(inputs: dict[str, Any]) -> dict[str, Any]:
        with tracing_context(enabled=False):
            return await target(inputs)

    return run


def report_dict(evaluation: Evaluation, gate_failures: list[str], seconds: float) -> dict[str, Any]:
    cfg = evaluation.config
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": cfg.model,
        "compare": cfg.compare,
        "repeat": cfg.repeat,
        "limit": cfg.limit,
        "retrieval_sample": cfg.retrieval_sample,
        "uploaded": evaluation.upload,
        "template_built_seconds": evaluation.template_built_s,
        "seconds": round(seconds, 1),
        "thresholds": load_thresholds(cfg.thresholds),
        "gate_failures": gate_failures,
        "results": [r.__dict__ for r in evaluation.results],
    }


async def run_evals(
    config: EvalConfig,
    settings: Settings,
    *,
    maintenance_url: str | None = None,
    chat_models: dict[str, Any] | None = None,
) -> tuple[list[SuiteResult], dict[str, Any]]:
    """Run the configured suites; returns the per-suite results and the JSON report."""
    started = time.perf_counter()
    evaluation = Evaluation(config, settings, maintenance_url=maintenance_url, chat_models=chat_models)
    try:
        results = await evaluation.run()
    finally:
        evaluation.close()
    # The gate only applies to the main model (a --compare model is there to be looked at).
    mine = [r for r in results if r.model == config.model]
    failures = gate(mine, load_thresholds(config.thresholds))
    return results, report_dict(evaluation, failures, time.perf_counter() - started)
