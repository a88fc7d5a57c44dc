"""Progress over time: snapshots scored while the agent works, with the regressed flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TINY_TASK
from tests.test_agent_loop import run_with_server

pytestmark = pytest.mark.docker
GOOD = "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"
BROKEN = "def add(a, b):\n    return a + b\n"


def test_snapshots_form_a_curve_and_a_late_regression_is_flagged(docker_ready, tmp_path):
    wait = {"tool_calls": [{"name": "bash", "arguments": {"command": "sleep 5"}}]}
    script = {"scripts": [{"match": "calc.py", "turns": [
        {"tool_calls": [{"name": "write_file", "arguments": {"path": "calc.py", "content": GOOD}}]},
        wait,
        {"tool_calls": [{"name": "write_file", "arguments": {"path": "calc.py", "content": BROKEN}}]},
        wait,
        {"tool_calls": [{"name": "submit", "arguments": {}}]},
    ]}]}
    summary = run_with_server(script, tmp_path, "--task", str(TINY_TASK), "--progress-every-steps", "1")
    result = json.loads((Path(summary["run_dir"]) / "tiny" / "1" / "result.json").read_text())
    curve = result["progress"]
    assert len(curve) >= 3
    assert max(p["score"] for p in curve[:-1]) == 1.0
    assert curve[-1]["score"] == pytest.approx(0.25) and curve[-1]["step"] == 5
    assert "regressed" in result["flags"]
    assert all(set(p) == {"t_sec", "step", "score", "milestones_reached"} for p in curve)


def test_progress_is_off_by_default(docker_ready, tmp_path):
    summary = run_with_server(Path(__file__).parent / "fixtures" / "scripts" / "tiny_solve.json", tmp_path, "--task", str(TINY_TASK))
    result = json.loads((Path(summary["run_dir"]) / "tiny" / "1" / "result.json").read_text())
    assert result["progress"] == [] and result["flags"] == []
