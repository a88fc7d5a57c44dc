"""Synthetic results and run directories for the store, metrics and compare tests (no Docker needed)."""

from __future__ import annotations

from pathlib import Path

from agentbench.outcome.taxonomy import Cause, Outcome, source_of
from agentbench.result import Result, TestCounts, Usage
from agentbench.rundir import RunDir
from agentbench.store.metrics import Attempt
from agentbench.verifier.junit import TestResult

JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="3">
<testcase classname="test_calc" name="test_add" time="0.01"><properties><property name="milestone" value="basic" /></properties></testcase>
<testcase classname="test_calc" name="test_mul[2]" time="0.02"><properties><property name="milestone" value="more" /></properties>
<failure message="AssertionError: assert 5 == 4">E AssertionError</failure></testcase>
<testcase classname="test_calc" name="test_mul[3]" time="0.03"><skipped message="later" /></testcase>
</testsuite></testsuites>"""


def result(
    run_id: str = "r1", task: str = "tiny", attempt: int = 1, *, resolved: bool = True, cause: Cause | None = None,
    agent: str = "builtin", model: str | None = "openai/m", score: float | None = None, usage: Usage | None = None,
    duration: float = 10.0, started_at: str = "2026-01-01T00:00:00+00:00",
) -> Result:
    if resolved:
        outcome, cause = Outcome.PASSED, None
    elif cause in (Cause.SANDBOX_ERROR, Cause.INTERRUPTED):
        outcome = Outcome.ERROR
    else:
        outcome, cause = Outcome.FAILED, cause or Cause.TESTS_FAILED
    failed = [] if resolved or outcome == Outcome.ERROR else [
        TestResult(id="test_calc.py::test_add", milestone="basic", status="failed", error_type="AssertionError", message="assert 1 == 2")
    ]
    return Result(
        run_id=run_id, task=task, attempt=attempt, agent=agent, model=model, seed=attempt, outcome=outcome, cause=cause,
        source=source_of(cause), score=score if score is not None else (1.0 if resolved else 0.0), resolved=resolved,
        tests=TestCounts(total=3, passed=3 if resolved else 2, failed=0 if resolved else 1), failed_tests=failed,
        usage=usage, duration_sec=duration, started_at=started_at, finished_at=started_at, task_hash="0" * 64,
        agentbench_version="test",
    )


def write_run(runs_dir: Path, run_id: str, results: list[Result], *, agent: str = "builtin", model: str | None = "openai/m",
              created_at: str = "2026-01-01T00:00:00+00:00", junit: dict[tuple[str, int], str] | None = None) -> RunDir:
    run_dir = RunDir(runs_dir / run_id)
    run_dir.write_run({"run_id": run_id, "created_at": created_at, "agent": agent, "model": model, "config": {"runs_dir": str(runs_dir)}})
    for r in results:
        run_dir.write_result(r)
    for (task, attempt), text in (junit or {}).items():
        path = run_dir.verifier_dir(task, attempt) / "junit.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return run_dir


def attempt(task: str = "t", n: int = 1, *, resolved: bool = True, score: float | None = None, model: str = "m", run_id: str = "r",
            source: str | None = None, cause: str | None = None, tokens: int = 0, reasoning: int = 0,
            cost: float | None = 0.0, duration: float = 1.0) -> Attempt:
    return Attempt(
        run_id=run_id, model=model, task=task, attempt=n, outcome="passed" if resolved else "failed", resolved=resolved,
        score=score if score is not None else float(resolved), cause=cause if cause or resolved else "tests_failed",
        source=source if source or resolved else "model", tokens=tokens, reasoning_tokens=reasoning, cost_usd=cost, duration_sec=duration,
    )
