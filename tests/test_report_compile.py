"""The compilation and its three views on hand-built results: tallies, infrastructure kept apart, escaping, links."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from rich.console import Console

from agentbench.errors import AgentbenchError
from agentbench.outcome.taxonomy import Cause, Outcome, source_of
from agentbench.report.compile import compile_runs, last_error_lines, last_steps
from agentbench.report.failures_view import render_failures
from agentbench.report.html import render_html
from agentbench.report.markdown import render_markdown
from agentbench.result import MilestoneResult, Result, WorkspaceChange
from agentbench.rundir import RunDir
from agentbench.verifier.junit import TestResult

HOSTILE = "<script>alert('x')</script> | *bold* `tick`"


def make_result(run_id: str, task: str, attempt: int, model: str, outcome: Outcome, cause: Cause | None, score: float, **extra) -> Result:
    return Result(
        run_id=run_id, task=task, attempt=attempt, agent="builtin", model=model, seed=attempt, outcome=outcome, cause=cause,
        source=source_of(cause), score=score, resolved=outcome == Outcome.PASSED, duration_sec=3.0, started_at="s", finished_at="f",
        task_hash="h", agentbench_version="0", **extra,
    )


@pytest.fixture
def runs(tmp_path) -> list[RunDir]:
    first, second = RunDir(tmp_path / "my runs" / "r1"), RunDir(tmp_path / "my runs" / "r2")
    for run in (first, second):
        run.write_run({"run_id": run.run_id})
    milestones = [MilestoneResult(name="basic", weight=1, total=1, passed=1, reached=True), MilestoneResult(name="more", weight=3, total=2, passed=0, reached=False)]
    wrong = TestResult(id="t.py::test_mul[2]", milestone="more", status="failed", error_type="AssertionError",
                       message="AssertionError: assert 9 == 14", excerpt=f"E       AssertionError: assert 9 == 14\nE       {HOSTILE}")
    first.write_result(make_result("r1", "tiny", 1, "openai/a", Outcome.PASSED, None, 1.0))
    first.write_result(make_result("r1", "tiny", 2, "openai/a", Outcome.PARTIAL, Cause.TESTS_FAILED, 0.25, milestones=milestones, failed_tests=[wrong],
                                   workspace=WorkspaceChange(changed=True, files_changed=1, insertions=6)))
    first.write_result(make_result("r1", "greet", 1, "openai/a", Outcome.ERROR, Cause.SANDBOX_ERROR, 0.0, detail="docker engine went away"))
    second.write_result(make_result("r2", "tiny", 1, "anthropic/b", Outcome.FAILED, Cause.AGENT_TIMEOUT, 0.0, detail=f"limit hit {HOSTILE}"))
    trajectory = second.trajectory_file("tiny", 1)
    trajectory.write_text("\n".join([
        '{"type": "start", "t": 0}',
        *[f'{{"type": "model_response", "t": {i}, "step": {i}, "text": "thinking {i}", "tool_calls": [{{"name": "bash", "arguments": {{"command": "echo {i}"}}}}]}}' for i in range(1, 5)],
        '{"type": "tool_result", "t": 5, "step": 4, "name": "bash", "output": "<b>out</b>", "exit_code": null, "timed_out": true}',
        '{"type": "limit", "t": 6, "cause": "agent_timeout"}',
        '{"type": "end", "t": 6, "cause": "agent_timeout"',
    ]))
    second.diff_file("tiny", 1).write_text("diff --git a/x b/x\n")
    return [first, second]


def test_tallies_keep_infrastructure_out_of_scores(runs):
    c = compile_runs(runs + [runs[0]])  # a run given twice counts once
    assert c.runs == ["r1", "r2"] and c.tasks == ["greet", "tiny"] and c.models == ["anthropic/b", "openai/a"]
    a = c.by_model["openai/a"]
    assert (a.attempts, a.resolved, a.infrastructure, a.mean_score) == (2, 1, 1, 0.625)
    assert a.causes[Cause.SANDBOX_ERROR] == 1 and "error/sandbox_error" not in a.kinds
    assert c.grid[("greet", "openai/a")].attempts == 0 and c.grid[("greet", "openai/a")].infrastructure == 1
    assert c.grid[("greet", "anthropic/b")].mean_score is None
    assert c.kinds == ["passed", "partial/tests_failed", "failed/agent_timeout"] and c.outcomes == ["passed", "partial", "failed"]
    assert a.causes_of("passed") == [("", 1)] and a.causes_of("partial") == [("tests_failed", 1)] and a.causes_of("error") == []
    assert c.causes == [Cause.TESTS_FAILED, Cause.AGENT_TIMEOUT, Cause.SANDBOX_ERROR]
    assert [a.ref.label for a in c.failed] == ["r1/tiny#2", "r2/tiny#1"]
    assert [a.ref.label for a in c.infrastructure] == ["r1/greet#1"]
    assert [s.signature.text for s in c.signatures] == ["AssertionError: assert <n> == <n>"]


def test_attempt_report_details(runs):
    c = compile_runs(runs)
    partial, timeout = c.failed
    assert partial.milestones_reached == ["basic"] and partial.milestones_missed == ["more"]
    assert partial.workspace_summary == "1 file changed, +6 −0" and partial.trajectory is None and partial.diff is None
    assert partial.last_errors == ["AssertionError: assert 9 == 14", HOSTILE]
    assert timeout.last_errors == [f"limit hit {HOSTILE}"] and timeout.diff.name == "workspace.diff"
    assert [(s.step, s.kind, s.title) for s in timeout.steps] == [
        (1, "model", "model"), (2, "model", "model"), (3, "model", "model"), (4, "model", "model"), (4, "tool", "bash: timed out"),
    ]
    assert [s.step for s in last_steps([{"type": "model_response", "step": i} for i in range(9)])] == [4, 5, 6, 7, 8]
    assert timeout.steps[-1].body == "<b>out</b>" and timeout.steps[-2].body == "thinking 4\n→ bash: echo 4"


def test_last_steps_and_error_lines_edge_cases():
    long_output = "\n".join(f"line {i}" for i in range(30))
    steps = last_steps([{"type": "tool_result", "step": 1, "name": "bash", "output": long_output, "exit_code": 1}], count=5)
    assert steps[0].title == "bash: exit 1" and steps[0].body.startswith("… (18 earlier lines)") and steps[0].body.endswith("line 29")
    call = {"type": "model_response", "step": 2, "tool_calls": [{"name": "write_file", "arguments": {"path": "a.py", "content": "xy"}}, {"name": "bash", "arguments": None, "raw_arguments": "{oops"}]}
    assert last_steps([call])[0].body == "→ write_file a.py (2 chars)\n→ bash (malformed arguments) {oops"
    bare = make_result("r", "t", 1, "m", Outcome.FAILED, Cause.TESTS_FAILED, 0.0, failed_tests=[
        TestResult(id="t::x", status="failed", message=None, excerpt="a\n\nb\nc\nd\ne"),
    ])
    assert last_error_lines(bare) == ["b", "c", "d", "e"]


def test_terminal_view_shows_infrastructure_apart(runs):
    console = Console(record=True, width=200)
    render_failures(compile_runs(runs), console, top=5)
    text = console.export_text()
    failed_part, infra_part = text.split("infrastructure errors (1), not counted against any model")
    assert "r1/tiny#2" in failed_part and "r2/tiny#1" in failed_part and "r1/greet#1" not in failed_part
    assert "r1/greet#1" in infra_part and "docker engine went away" in infra_part
    assert "milestones not reached: more" in failed_part and "limit hit" in failed_part
    assert "AssertionError: assert <n> == <n>" in text and "tests_failed 1" in text and "agent_timeout 1" in text
    model_row = next(line for line in text.splitlines() if "openai/a" in line and "1/2" in line)
    assert "0.62" in model_row


def test_html_escapes_and_links_relative_to_the_page(runs, tmp_path):
    c = compile_runs(runs)
    out = tmp_path / "site" / "deep"
    page = render_html(c, out)
    assert "<script" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "&lt;b&gt;out&lt;/b&gt;" in page
    for section in ("pass-grid", "causes", "signatures", "attempts"):
        assert f'id="{section}"' in page
    hrefs = re.findall(r'href="([^"#][^"]*)"', page)
    assert "../../my%20runs/r2/tiny/1/trajectory.jsonl" in hrefs and all(not h.startswith(("http", "/")) for h in hrefs)
    assert all((out / unquote(h)).resolve().is_file() for h in hrefs if h != "data:,")
    assert "trajectory.jsonl (none)" in page  # r1/tiny#2 has no trajectory
    assert all(f'id="{anchor}"' in page for anchor in re.findall(r'href="#(attempt-[^"]+)"', page))
    assert "Infrastructure errors (1)" in page and "sandbox_error" in page


def test_markdown_tables_survive_hostile_text(runs, tmp_path):
    text = render_markdown(compile_runs(runs), tmp_path)
    assert "## Pass grid" in text and "## Causes" in text and "## Top failure signatures (1 of 1)" in text
    grid = [line for line in text.splitlines() if line.startswith("| tiny |")]
    assert grid == ["| tiny | 🔴 0/1 · 0.00 | 🟡 1/2 · 0.62 |"]
    assert "| `sandbox_error` | infrastructure | **1** |" in text
    assert "limit hit \\<script\\>alert('x')\\</script\\> \\| \\*bold\\* \\`tick\\`" in text
    assert "[trajectory.jsonl](my%20runs/r2/tiny/1/trajectory.jsonl)" in text
    assert "## Infrastructure errors (1), not counted against any model" in text


def test_no_results_is_an_error(tmp_path):
    empty = RunDir(tmp_path / "empty")
    empty.write_run({"run_id": "empty"})
    with pytest.raises(AgentbenchError, match="no results yet"):
        compile_runs([empty])
