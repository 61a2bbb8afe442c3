"""The CI regression gate: a fast slice of the eval suites through LangSmith's pytest integration.

``@pytest.mark.langsmith`` records inputs/outputs/feedback when test tracking is on; CI and this repo run
with ``LANGSMITH_TEST_TRACKING=false`` (tests/conftest.py), so nothing is sent. The slice (sizes in
leadloom/evals/thresholds.json, "gate") runs the local model on a fresh copy of the demo organization and
fails when a metric drops below its recorded threshold. A second test swaps in a router that always
picks analytics and shows the gate reports it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from langsmith import testing as t

from leadloom.crm.settings import Settings
from leadloom.evals.runner import EvalConfig, SuiteResult, gate, gate_limits, load_thresholds, run_evals
from tests.conftest import ROOT
from tests.evals.broken import AlwaysAnalyticsModel

GATE_SUITES = ("routing", "tool_use", "safety", "outcomes")
CACHE = ROOT / ".leadloom-test" / "cache" / "local_model"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Offline evals must not even look a host up: any name other than the local machine fails the test."""
    import socket

    attempts: list[str] = []
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "localhost", "127.0.0.1", "::1") and not str(host).startswith("/"):
            attempts.append(str(host))
            raise OSError(f"network access in an offline eval: {host}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
    yield
    assert not attempts, f"offline eval tried to reach {attempts}"


def _slice(suite: str, settings: Settings, maintenance_url: str, **models: Any) -> list[SuiteResult]:
    limit = gate_limits()[suite]
    config = EvalConfig(suites=[suite], limit=limit, thresholds="gate", model=next(iter(models), "local"))
    chat_models = models or {"local": _local()}
    results, _ = asyncio.run(run_evals(config, settings, maintenance_url=maintenance_url, chat_models=chat_models))
    return results


def _local(cls: type | None = None) -> Any:
    from leadloom.agents.local import LocalChatModel

    return (cls or LocalChatModel)(cache_dir=CACHE)


@pytest.mark.langsmith
@pytest.mark.parametrize("suite", GATE_SUITES)
def test_gate_slice_meets_thresholds(suite: str, settings: Settings, maintenance_url: str) -> None:
    t.log_inputs({"suite": suite, "limit": gate_limits()[suite]})
    [result] = _slice(suite, settings, maintenance_url)
    t.log_outputs({"metrics": result.metrics, "n": result.n, "seconds": result.seconds})
    failures = gate([result], load_thresholds("gate"))
    assert not failures, f"{failures}; first misses: {result.failures[:5]}"
    assert result.metrics["errors"] == 0, result.failures[:5]


@pytest.mark.langsmith
def test_gate_fails_for_a_router_that_always_picks_analytics(settings: Settings, maintenance_url: str) -> None:
    [result] = _slice("routing", settings, maintenance_url, broken=_local(AlwaysAnalyticsModel))
    t.log_outputs({"metrics": result.metrics})
    failures = gate([result], load_thresholds("gate"))
    assert any(f.startswith("routing/routing_exact") for f in failures), failures
    assert any(f.startswith("routing/routing_first") for f in failures), failures
