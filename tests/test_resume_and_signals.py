"""A run survives kill -9 and SIGTERM: resume finishes exactly the missing attempts, nothing leaks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agentbench.sandbox.engine import LABEL_RUN, docker_client
from tests.conftest import TINY_TASK, run_cli

pytestmark = pytest.mark.docker
SLOW_SOLVER = "sleep 4; printf 'def add(a, b):\\n    return a + b\\n\\ndef mul(a, b):\\n    return a * b\\n' > calc.py"


def start_run(runs: Path, run_id: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "agentbench", "run", "--task", str(TINY_TASK), "--agent", "command", "--agent-command", SLOW_SOLVER,
         "--attempts", "3", "--runs-dir", str(runs), "--run-id", run_id],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for_results(run_dir: Path, count: int, proc: subprocess.Popen, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while len(list(run_dir.glob("tiny/*/result.json"))) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no result in time"
        time.sleep(0.2)


def our_containers(run_id: str) -> list:
    return docker_client().api.containers(all=True, filters={"label": [f"{LABEL_RUN}={run_id}"]})


def resume(runs: Path, run_id: str) -> dict:
    done = run_cli("run", "--resume", run_id, "--runs-dir", str(runs), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_kill_9_then_resume_records_every_attempt_once(docker_ready, tmp_path):
    proc = start_run(tmp_path, "killed")
    wait_for_results(tmp_path / "killed", 1, proc)
    time.sleep(1.0)  # the second attempt is in flight
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {p.parent.name: p.read_text() for p in (tmp_path / "killed").glob("tiny/*/result.json")}
    summary = resume(tmp_path, "killed")
    assert summary["attempts"] == 3 and summary["resolved"] == 3
    assert sorted(r["attempt"] for r in summary["results"]) == [1, 2, 3]
    for attempt, text in before.items():  # what was recorded before the kill is kept as it was
        assert (tmp_path / "killed" / "tiny" / attempt / "result.json").read_text() == text
    assert not our_containers("killed")


def test_sigterm_marks_attempts_in_flight_interrupted_and_removes_containers(docker_ready, tmp_path):
    proc = start_run(tmp_path, "stopped")
    wait_for_results(tmp_path / "stopped", 1, proc)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "--resume stopped" in err
    results = [json.loads(p.read_text()) for p in (tmp_path / "stopped").glob("tiny/*/result.json")]
    causes = sorted(str(r["cause"]) for r in results)
    assert "interrupted" in causes and all(r["source"] in (None, "infrastructure") for r in results)
    assert not our_containers("stopped")
    summary = resume(tmp_path, "stopped")
    assert summary["resolved"] == 3 and summary["attempts"] == 3
