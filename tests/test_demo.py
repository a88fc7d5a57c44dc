"""The README's first command: with no --agent or --model, the scripted demo model runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentbench.agent.trajectory import read_events
from tests.conftest import run_cli

pytestmark = pytest.mark.docker


def test_demo_model_runs_the_loop_without_a_key(docker_ready, tmp_path):
    env = {"OPENAI_API_KEY": "", "ANTHROPIC_API_KEY": ""}
    done = run_cli("run", "--task", "autograd", "--runs-dir", str(tmp_path), "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert "scripted, not a real model" in done.stderr
    summary = json.loads(done.stdout)
    row = summary["results"][0]
    assert row["model"] == "scripted/demo" and row["agent"] == "builtin"
    # the demo writes only the scalar part of the engine: a partial score, not a pass
    assert row["outcome"] == "partial" and row["cause"] == "tests_failed" and 0 < row["score"] < 0.5
    result = json.loads(Path(row["result_file"]).read_text())
    assert result["usage"]["model_calls"] == 5 and result["usage"]["input_tokens"] == 2400 + 2700 + 3700 + 3800 + 3950
    events = read_events(Path(row["result_file"]).parent / "trajectory.jsonl")
    assert events[-1]["submitted"] is True
