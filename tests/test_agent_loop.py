"""The built-in agent driven through the real OpenAI and Anthropic SDKs against the scripted model server."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from agentbench.agent.trajectory import read_events
from agentbench.mock_model import MockModelServer
from agentbench.paths import bundled_dir
from tests.conftest import FIXTURES, TINY_TASK, run_cli

pytestmark = pytest.mark.docker
SCRIPTS = FIXTURES / "scripts"
GREET_TASK = FIXTURES / "tasks" / "greet"
SECRET = f"sk-agentbench-test-{uuid.uuid4().hex}"


def run_with_server(script: Path | dict, runs: Path, *args: str, protocol: str = "openai") -> dict:
    with MockModelServer(script) as server:
        if protocol == "openai":
            env = {"OPENAI_BASE_URL": server.openai_base_url, "OPENAI_API_KEY": SECRET}
            model = "openai/scripted-test"
        else:
            env = {"ANTHROPIC_BASE_URL": server.url, "ANTHROPIC_API_KEY": SECRET}
            model = "anthropic/scripted-test"
        done = run_cli("run", "--model", model, "--runs-dir", str(runs), "--json", *args, env=env)
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    return json.loads(done.stdout)


def assert_secret_absent(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"API key written to {path}"


@pytest.fixture(scope="module")
def solved(docker_ready, tmp_path_factory) -> dict:
    runs = tmp_path_factory.mktemp("runs")
    prices = runs / "prices.toml"
    prices.write_text('["openai/scripted-test"]\ninput = 1.0\ncached_input = 0.5\noutput = 2.0\ncontext_window = 100000\n')
    summary = run_with_server(SCRIPTS / "tiny_solve.json", runs, "--task", str(TINY_TASK), "--prices", str(prices), "--model-arg", "temperature=0.2", "--model-arg", "reasoning_effort=high")
    summary["runs"] = runs
    return summary


def _result(summary: dict, task: str = "tiny", attempt: int = 1) -> dict:
    return json.loads((Path(summary["run_dir"]) / task / str(attempt) / "result.json").read_text())


def test_scripted_attempt_resolves_with_exact_usage(solved):
    result = _result(solved)
    assert result["resolved"] and result["outcome"] == "passed"
    assert result["usage"] == {
        "input_tokens": 1000 + 1200 + 1300 + 1400 + 1500,
        "output_tokens": 50 + 80 + 40 + 30 + 20,
        "reasoning_tokens": 15,
        "cached_tokens": 200 + 1000 + 1200 + 1300 + 1400,
        "cost_usd": pytest.approx(((6400 - 5100) * 1.0 + 5100 * 0.5 + 220 * 2.0) / 1e6),
        "model_calls": 5,
    }
    assert result["steps"] == 5 and result["model"] == "openai/scripted-test"


def test_trajectory_is_complete(solved):
    events = read_events(Path(solved["run_dir"]) / "tiny" / "1" / "trajectory.jsonl")
    kinds = [e["type"] for e in events]
    assert kinds[0] == "start" and kinds[-1] == "end"
    assert kinds.count("model_call") == 5 and kinds.count("model_response") == 5 and kinds.count("tool_result") == 5
    first_call = next(e for e in events if e["type"] == "model_call")
    assert first_call["new_messages"][1]["content"].startswith("Write `calc.py`")
    bash = next(e for e in events if e["type"] == "tool_result" and e["name"] == "bash")
    assert bash["exit_code"] == 0 and "/workspace" in bash["output"] and bash["duration_sec"] > 0
    response = next(e for e in events if e["type"] == "model_response")
    assert response["usage"]["input_tokens"] == 1000 and response["latency_sec"] >= 0 and response["retries"] == 0
    assert events[-1]["submitted"] is True


def test_model_args_are_recorded(solved):
    run = json.loads((Path(solved["run_dir"]) / "run.json").read_text())
    assert run["config"]["model_args"] == {"temperature": 0.2, "reasoning_effort": "high"}
    assert run["model"] == "openai/scripted-test"


def test_faults_still_resolve_and_context_overflow_ends_only_its_attempt(docker_ready, tmp_path):
    summary = run_with_server(SCRIPTS / "tiny_faults.json", tmp_path, "--task", str(TINY_TASK), "--task", str(GREET_TASK))
    tiny, greet = _result(summary, "tiny"), _result(summary, "greet")
    assert tiny["resolved"], tiny
    assert tiny["extra"]["model_retries"] == 3 and tiny["extra"]["backoff_sec"] >= 1.0
    events = read_events(Path(summary["run_dir"]) / "tiny" / "1" / "trajectory.jsonl")
    malformed = [e for e in events if e["type"] == "tool_result" and e["error"]]
    assert malformed and "not valid JSON" in malformed[0]["output"]
    assert greet["cause"] == "context_overflow" and greet["outcome"] == "failed"
    assert summary["attempts"] == 2
    assert_secret_absent(tmp_path)


def test_anthropic_protocol_resolves(docker_ready, tmp_path):
    summary = run_with_server(SCRIPTS / "tiny_solve.json", tmp_path, "--task", str(TINY_TASK), protocol="anthropic")
    result = _result(summary)
    assert result["resolved"] and result["model"] == "anthropic/scripted-test"
    assert result["usage"]["input_tokens"] == 6400 and result["usage"]["cached_tokens"] == 5100
    assert_secret_absent(tmp_path)


def test_step_limit_and_nudge(docker_ready, tmp_path):
    limited = run_with_server(SCRIPTS / "tiny_solve.json", tmp_path, "--task", str(TINY_TASK), "--max-steps", "2")
    result = _result(limited)
    assert result["cause"] == "step_limit" and result["steps"] == 2
    nudged = run_with_server(SCRIPTS / "tiny_nudge.json", tmp_path, "--task", str(TINY_TASK))
    events = read_events(Path(nudged["run_dir"]) / "tiny" / "1" / "trajectory.jsonl")
    assert [e["type"] for e in events].count("nudge") == 1
    assert _result(nudged)["resolved"]


def test_autograd_attempt_that_writes_a_working_engine_resolves(docker_ready, tmp_path):
    solution = bundled_dir("tasks") / "autograd" / "solution" / "autograd"
    writes = [
        {"tool_calls": [{"name": "write_file", "arguments": {"path": f"autograd/{f.name}", "content": f.read_text()}}]}
        for f in sorted(solution.glob("*.py"))
    ]
    script = {"scripts": [{"match": "autograd", "turns": [
        {"tool_calls": [{"name": "bash", "arguments": {"command": "ls -la"}}]},
        *writes,
        {"tool_calls": [{"name": "bash", "arguments": {"command": "python3 -c 'from autograd import Value; v = Value(2.0); (v * v).backward(); print(v.grad)'"}}]},
        {"tool_calls": [{"name": "submit", "arguments": {}}]},
    ]}]}
    summary = run_with_server(script, tmp_path, "--task", "autograd")
    result = _result(summary, "autograd")
    assert result["resolved"] and result["score"] == 1.0 and result["tests"]["total"] >= 100
    assert result["usage"]["model_calls"] == len(writes) + 3
    assert_secret_absent(tmp_path)


def test_command_agent_gets_only_named_variables_and_they_are_never_recorded(docker_ready, tmp_path):
    fake_cli = (
        "python3 -c \"import os; open('calc.py', 'w').write('def add(a, b):\\n    return a + b\\n\\ndef mul(a, b):\\n    return a * b\\n'); "
        "print('key', os.environ.get('FAKE_AGENT_KEY')); print('other', os.environ.get('OTHER_VAR')); "
        "print('instruction', open(os.environ['AGENTBENCH_INSTRUCTION_FILE']).read().split()[0])\""
    )
    done = run_cli(
        "run", "--task", str(TINY_TASK), "--agent", "command", "--agent-command", fake_cli, "--pass-env", "FAKE_AGENT_KEY",
        "--runs-dir", str(tmp_path), "--json", env={"FAKE_AGENT_KEY": SECRET, "OTHER_VAR": "not-passed"},
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["results"][0]["resolved"]
    log = (Path(summary["run_dir"]) / "tiny" / "1" / "agent.log").read_text()
    assert "key [redacted]" in log and "other None" in log and "instruction Write" in log
    assert_secret_absent(tmp_path)


def test_old_tool_outputs_are_elided_near_the_context_window(docker_ready, tmp_path):
    prices = tmp_path / "prices.toml"
    prices.write_text('["openai/scripted-test"]\ninput = 1.0\ncached_input = 0.5\noutput = 2.0\ncontext_window = 6000\n')
    flood = {"tool_calls": [{"name": "bash", "arguments": {"command": "head -c 3000 /dev/zero | tr '\\\\0' a"}}],
             "usage": {"input_tokens": 1000, "output_tokens": 10}}
    turns = [flood] * 12 + json.loads((SCRIPTS / "tiny_solve.json").read_text())["scripts"][0]["turns"][1:]
    summary = run_with_server({"scripts": [{"match": "calc.py", "turns": turns}]}, tmp_path, "--task", str(TINY_TASK), "--prices", str(prices))
    events = read_events(Path(summary["run_dir"]) / "tiny" / "1" / "trajectory.jsonl")
    elided = [e for e in events if e["type"] == "context_elided"]
    assert elided and elided[0]["context_window"] == 6000 and elided[0]["chars"] > 0
    last_call = [e for e in events if e["type"] == "model_call"][-1]
    assert last_call["message_count"] > 12
    assert _result(summary)["resolved"]


@pytest.mark.parametrize(
    "limit, cause, calls",
    [(("--max-tokens", "2300"), "token_limit", 2), (("--max-cost", "0.0015"), "cost_limit", 2), (("--timeout", "0.5"), "agent_timeout", 1)],
)
def test_budget_limits_end_the_attempt_with_their_cause(docker_ready, tmp_path, limit, cause, calls):
    prices = tmp_path / "prices.toml"
    prices.write_text('["openai/scripted-test"]\ninput = 1.0\ncached_input = 1.0\noutput = 1.0\ncontext_window = 100000\n')
    slow_first = json.loads((SCRIPTS / "tiny_solve.json").read_text())
    slow_first["scripts"][0]["turns"][0]["tool_calls"][0]["arguments"]["command"] = "sleep 1; ls"
    summary = run_with_server(slow_first, tmp_path, "--task", str(TINY_TASK), "--prices", str(prices), *limit)
    result = _result(summary)
    assert result["cause"] == cause and result["usage"]["model_calls"] == calls, result
    events = read_events(Path(summary["run_dir"]) / "tiny" / "1" / "trajectory.jsonl")
    assert any(e["type"] == "limit" and e["cause"] == cause for e in events)
