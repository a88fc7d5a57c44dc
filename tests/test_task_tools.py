"""Contributor tools: task new scaffolds a task that task check accepts; task check catches bad tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentbench.task import load_task
from agentbench.task.check import static_checks, unstable_tests
from tests.conftest import run_cli


def test_flaky_and_failing_tests_are_named():
    statuses = {"a": ["passed"] * 3, "b": ["passed", "failed", "passed"], "c": ["failed"] * 3, "d": ["passed", "passed"]}
    assert unstable_tests(statuses, 3) == (["b", "d"], ["c"])


def test_scaffold_is_a_valid_task_and_static_checks_apply_thresholds(tmp_path: Path):
    done = run_cli("task", "new", "my-task", "--tasks-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    task = load_task(tmp_path / "my-task")
    checks = {c.name: c for c in static_checks(task, min_tests=25, min_milestones=3)}
    assert checks["canary"].ok and checks["limits"].ok and checks["schema"].ok
    assert not checks["tests"].ok and "5 tests, fewer than 25" in checks["tests"].detail
    assert "5 tests ran" in static_checks(task, 5, 3, ran=5)[3].detail
    assert {c.name: c.ok for c in static_checks(task, 5, 3)}["tests"]
    again = run_cli("task", "new", "my-task", "--tasks-dir", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_missing_canary_and_limits_are_caught(tmp_path: Path):
    run_cli("task", "new", "bad", "--tasks-dir", str(tmp_path))
    test_file = tmp_path / "bad" / "tests" / "test_basic.py"
    test_file.write_text(test_file.read_text().replace("agentbench-canary", "canary-removed"))
    toml = tmp_path / "bad" / "task.toml"
    toml.write_text(toml.read_text().replace("max_steps = 250", ""))
    checks = {c.name: c for c in static_checks(load_task(tmp_path / "bad"), 1, 1)}
    assert not checks["canary"].ok and "tests/test_basic.py" in checks["canary"].detail
    assert not checks["limits"].ok and "agent.max_steps" in checks["limits"].detail


@pytest.mark.docker
def test_check_passes_a_good_task_and_fails_a_broken_one_by_name(docker_ready, tmp_path: Path):
    for name in ("good", "broken"):
        assert run_cli("task", "new", name, "--tasks-dir", str(tmp_path)).returncode == 0
    solution = tmp_path / "broken" / "solution" / "solution.py"
    solution.write_text("def solve(numbers):\n    return sum(x * x for x in numbers) if len(numbers) < 1000 else 0\n")
    extra = tmp_path / "broken" / "tests" / "test_basic.py"
    extra.write_text(extra.read_text() + "\n\n@pytest.mark.basic\ndef test_always_passes():\n    assert True\n")
    done = run_cli("task", "check", "--tasks-dir", str(tmp_path), "--reruns", "2", "--min-tests", "3", "--json", "--concurrency", "2")
    assert done.returncode == 1, done.stderr
    reports = {r["task"]: {c["name"]: c for c in r["checks"]} for r in json.loads(done.stdout)}
    assert all(c["ok"] for c in reports["good"].values()), reports["good"]
    assert reports["good"]["oracle"]["detail"] == "resolved 2/2 reruns"
    broken = reports["broken"]
    assert not broken["oracle"]["ok"] and "always failing: test_basic.py::test_large" in broken["oracle"]["detail"]
    assert not broken["nop"]["ok"] and "nop scores" in broken["nop"]["detail"]
    assert broken["hidden"]["ok"] and broken["canary"]["ok"]
    only_good = run_cli("task", "check", str(tmp_path / "good"), "--reruns", "1", "--min-tests", "3")
    assert only_good.returncode == 0, only_good.stdout + only_good.stderr
