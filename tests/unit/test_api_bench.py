"""The API benchmark's report: it rewrites only its own BENCHMARKS.md section and judges the target honestly."""

from __future__ import annotations

from benchmarks.api_bench import SECTION, Cell, RunResult, render, verdict, write_section


def _cell(scenario: str, p95: float, rps: float, rate: float | None = None) -> Cell:
    run = RunResult(
        requests=int(rps * 5),
        seconds=5,
        rps=rps,
        p50_ms=p95 / 2,
        p95_ms=p95,
        p99_ms=p95 * 1.5,
        errors=0,
        loadgen_cpu=0.2,
    )
    return Cell(scenario, f"GET {scenario}", 2, 1000, "serve", rate, [run, run, run])


def test_write_section_replaces_only_its_own_section(tmp_path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        "# Benchmarks\n\n## Lead scoring\n\nscoring figures\n\n## API\n\nold\n\n## Agents\n\nagent figures\n"
    )
    write_section(f"{SECTION}\n\nnew figures\n", path)
    text = path.read_text()
    assert "new figures" in text and "old" not in text
    assert "scoring figures" in text and "agent figures" in text
    assert text.index("## Lead scoring") < text.index("## API") < text.index("## Agents")


def test_write_section_creates_the_file(tmp_path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    write_section(f"{SECTION}\n\nfigures\n", path)
    assert path.read_text().startswith("# Benchmarks") and "figures" in path.read_text()


def test_verdict_needs_both_latency_and_throughput() -> None:
    lines = verdict([_cell("get", 20, 1600, 1500), _cell("list", 20, 900, 1500), _cell("search", 80, 2000)])
    assert "get" in lines[0] and "target met" in lines[0]
    assert "list" in lines[1] and "not met" in lines[1]  # fast but too few requests per second
    assert "search" in lines[2] and "not met" in lines[2]  # enough requests but too slow
    meta = {
        "machine": {"nproc": "2", "cpu": "cpu", "python": "3.11", "os": "linux"},
        "when": "now",
        "command": "cmd",
        "loadgen": "wrk",
        "duration": 5,
        "runs": 3,
        "load": (1.0, 2.0),
        "idle_waits": [3.0],
        "data": {"contacts": 2000, "activities": 10000},
    }
    text = render([_cell("get", 20, 1600, 1500)], meta)
    assert text.startswith(SECTION) and "| GET get | serve | 2 | 1,000 | paced, 1,500 req/s offered |" in text
