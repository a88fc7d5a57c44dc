"""Whole trials on the real engine: oracle, nop, hidden tests kept hidden, timeouts, the run directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentbench.sandbox.engine import LABEL_RUN, docker_client
from tests.conftest import FIXTURES, TINY_TASK, run_cli

pytestmark = pytest.mark.docker
GREET_TASK = FIXTURES / "tasks" / "greet"


def run_json(*args: str) -> dict:
    done = run_cli("run", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def oracle_run(docker_ready, tmp_path_factory) -> dict:
    runs = tmp_path_factory.mktemp("runs")
    summary = run_json("--task", str(TINY_TASK), "--task", str(GREET_TASK), "--agent", "oracle", "--attempts", "2", "--concurrency", "2", "--runs-dir", str(runs), "--run-id", "oracle")
    return summary


def test_oracle_resolves_every_attempt(oracle_run):
    assert oracle_run["attempts"] == 4 and oracle_run["resolved"] == 4
    for row in oracle_run["results"]:
        assert row["outcome"] == "passed" and row["score"] == 1.0 and row["cause"] is None


def test_result_json_and_run_directory(oracle_run):
    run_dir = Path(oracle_run["run_dir"])
    result = json.loads((run_dir / "tiny" / "1" / "result.json").read_text())
    for key in ("task", "attempt", "agent", "model", "outcome", "score", "resolved", "tests", "duration_sec", "started_at", "finished_at", "seed"):
        assert key in result
    assert result["attempt"] == 1 and result["agent"] == "oracle" and result["tests"] == {"total": 3, "passed": 3, "failed": 0, "errors": 0, "skipped": 0}
    assert [m["name"] for m in result["milestones"]] == ["basic", "more"] and all(m["reached"] for m in result["milestones"])
    attempt_dir = run_dir / "tiny" / "1"
    assert "<testsuite" in (attempt_dir / "verifier" / "junit.xml").read_text()
    assert "3 passed" in (attempt_dir / "verifier" / "output.txt").read_text()
    diff = (attempt_dir / "workspace.diff").read_text()
    assert "+++ b/calc.py" in diff and "+def add(a, b):" in diff
    run = json.loads((run_dir / "run.json").read_text())
    assert run["agentbench_version"] and set(run["tasks"]) == {"tiny", "greet"}
    assert len(run["tasks"]["tiny"]["hash"]) == 64
    assert run["config"]["attempts"] == 2


def test_seeds_differ_per_attempt(oracle_run):
    run_dir = Path(oracle_run["run_dir"])
    seeds = {json.loads((run_dir / t / a / "result.json").read_text())["seed"] for t in ("tiny", "greet") for a in ("1", "2")}
    assert len(seeds) == 4


def test_nop_scores_zero_with_no_changes(docker_ready, tmp_path):
    summary = run_json("--task", str(TINY_TASK), "--agent", "nop", "--runs-dir", str(tmp_path))
    row = summary["results"][0]
    assert row["score"] == 0.0 and not row["resolved"] and row["outcome"] == "failed" and row["cause"] == "no_changes"


def test_agent_never_sees_tests_or_solution(docker_ready, tmp_path):
    snoop = (
        "(ls -d /tests /solution 2>&1; grep -rIl 6d1f0b6e-5a57-4c55 /tmp /opt /home /root /srv /var /workspace 2>/dev/null; "
        "echo canary-search-done) > snoop.txt; true"
    )
    summary = run_json("--task", str(TINY_TASK), "--agent", "command", "--agent-command", snoop, "--runs-dir", str(tmp_path))
    diff = (Path(summary["run_dir"]) / "tiny" / "1" / "workspace.diff").read_text()
    assert "+canary-search-done" in diff
    assert "ls: cannot access '/tests'" in diff and "ls: cannot access '/solution'" in diff
    assert "test_calc" not in diff and "conftest" not in diff


def test_agent_past_its_timeout_is_stopped_and_removed(docker_ready, tmp_path):
    summary = run_json(
        "--task", str(TINY_TASK), "--agent", "command", "--agent-command", "sleep 600 & sleep 600", "--timeout", "3",
        "--runs-dir", str(tmp_path), "--run-id", "timeout-run",
    )
    row = summary["results"][0]
    assert row["cause"] == "agent_timeout" and row["outcome"] == "failed"
    assert row["duration_sec"] < 90
    assert not docker_client().api.containers(all=True, filters={"label": [f"{LABEL_RUN}=timeout-run"]})


def test_partial_score_is_weighted_by_milestone(docker_ready, tmp_path):
    half = "printf 'def add(a, b):\\n    return a + b\\n' > calc.py"
    summary = run_json("--task", str(TINY_TASK), "--agent", "command", "--agent-command", half, "--runs-dir", str(tmp_path))
    row = summary["results"][0]
    # basic (weight 1) passes, more (weight 3) fails: 1 / 4
    assert row["outcome"] == "partial" and row["cause"] == "tests_failed" and row["score"] == 0.25


def test_attempts_are_spread_over_several_engines(docker_ready, tmp_path):
    engines = ["unix:///var/run/docker.sock", "unix:///run/docker.sock"]  # two URLs of this machine's engine
    summary = run_json("--task", str(TINY_TASK), "--agent", "oracle", "--attempts", "2", "--concurrency", "2",
                       "--docker-host", engines[0], "--docker-host", engines[1], "--runs-dir", str(tmp_path))
    assert summary["resolved"] == 2
    used = [json.loads(Path(r["result_file"]).read_text())["extra"]["docker_host"] for r in summary["results"]]
    assert sorted(used) == sorted(engines)
