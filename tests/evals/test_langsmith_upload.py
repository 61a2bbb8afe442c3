"""With LANGSMITH_API_KEY set, ``leadloom eval`` creates the dataset and an experiment in LangSmith — here a
local fake of its API (tests/evals/fake_langsmith.py), so the test needs no network and no account."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from leadloom.crm.settings import Settings
from tests.evals.fake_langsmith import FakeLangSmith


def test_eval_uploads_dataset_and_experiment(
    settings: Settings, maintenance_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import leadloom.cli.eval as cli_eval
    import leadloom.evals.runner as runner_mod
    from leadloom.cli import app

    with FakeLangSmith() as fake:
        monkeypatch.setenv("LANGSMITH_ENDPOINT", fake.url)
        monkeypatch.setenv("LANGSMITH_API_KEY", "ls-fake-key")
        online = settings.model_copy(update={"langsmith_api_key": "ls-fake-key"})
        monkeypatch.setattr(cli_eval, "get_settings", lambda: online)
        # The session's test server, not a second handle on it (closing that would stop the server).
        monkeypatch.setattr(runner_mod, "maintenance_url_for", lambda s: (maintenance_url, None))
        out = tmp_path / "report.json"
        args = ["eval", "--suite", "routing", "--limit", "5", "--json", str(out)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output + repr(result.exception)
        calls = list(fake.calls)
        # The same rows again: the dataset (named by its content hash) is reused, the experiment is new.
        again = CliRunner().invoke(app, args)
        assert again.exit_code == 0, again.output + repr(again.exception)
        second = fake.calls[len(calls) :]

    report = json.loads(out.read_text())
    [suite] = report["results"]
    assert report["uploaded"] is True and suite["n"] == 5
    assert suite["dataset"].startswith("leadloom-routing-")

    created = [c for c in calls if c["method"] == "POST" and c["path"].endswith("/datasets")]
    assert len(created) == 1 and created[0]["body"]["name"] == suite["dataset"]
    dataset_id = next(iter(fake.datasets))
    examples = [c for c in calls if c["method"] == "POST" and "/examples" in c["path"]]
    assert examples, [c["path"] for c in calls]
    sent = _examples_sent(examples)
    assert len(sent) == 5
    sessions = [c for c in calls if c["method"] == "POST" and c["path"].endswith("/sessions")]
    assert len(sessions) == 1
    assert sessions[0]["body"]["reference_dataset_id"] == dataset_id
    assert sessions[0]["body"]["name"].startswith("leadloom-routing-local")
    assert any("/runs" in c["path"] for c in calls), "no runs were uploaded"
    assert any(c["path"].endswith("/feedback") or "feedback" in json.dumps(c["body"], default=str) for c in calls)
    metadata = created[0]["body"]["extra"]["metadata"]
    assert metadata["suite"] == "routing" and suite["dataset"].endswith(metadata["content_hash"])

    assert not [c for c in second if c["method"] == "POST" and c["path"].endswith("/datasets")]
    assert not [c for c in second if c["method"] == "POST" and "/examples" in c["path"]]
    assert len([c for c in second if c["method"] == "POST" and c["path"].endswith("/sessions")]) == 1


def _examples_sent(calls: list[dict[str, Any]]) -> list[Any]:
    """Examples from JSON bodies (bulk) or multipart bodies (one part per example input)."""
    sent: list[Any] = []
    for c in calls:
        body = c["body"]
        if isinstance(body, list):
            sent += body
        elif isinstance(body, bytes | bytearray):
            sent += [p for p in body.split(b"Content-Disposition") if b'name="' in p and b'.inputs"' in p]
    return sent
