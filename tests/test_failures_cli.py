"""`agentbench failures` on real runs of the fixture tasks: each way of failing is classified and shown."""

from __future__ import annotations

import pytest

from agentbench.report.compile import compile_runs
from agentbench.rundir import resolve_run
from tests.conftest import run_cli
from tests.report_runs import report_runs

WIDE = {"COLUMNS": "220"}


@pytest.fixture(scope="module")
def runs(docker_ready, tmp_path_factory):
    return report_runs(tmp_path_factory)


@pytest.mark.docker
def test_compilation_classifies_real_runs(runs):
    c = compile_runs([resolve_run(r, runs.runs_dir) for r in runs.run_ids])
    kinds = {(a.ref.run_id, a.ref.task, a.ref.attempt): a.kind for a in c.attempts}
    assert kinds == {
        ("solve", "tiny", 1): "passed",
        ("partial", "tiny", 1): "partial/tests_failed",
        ("partial", "greet", 1): "failed/gave_up",
        ("build-error", "tiny", 1): "failed/build_error",
        ("build-error", "tiny", 2): "failed/build_error",
        ("no-changes", "tiny", 1): "failed/no_changes",
        ("timeout", "tiny", 1): "partial/agent_timeout",
        ("nop", "tiny", 1): "failed/no_changes",
    }
    assert c.models == ["nop", "scripted/report_build_error", "scripted/report_no_changes", "scripted/report_partial", "scripted/report_timeout", "scripted/tiny_solve"]
    top = c.signatures[0]
    assert top.signature.text == "SyntaxError: expected ':'" and top.signature.milestone is None and len(top.attempts) == 2
    texts = {(s.signature.milestone, s.signature.text): s.tests for s in c.signatures}
    assert texts == {
        (None, "SyntaxError: expected ':'"): 6,
        ("more", "AssertionError: assert <n> == (<n> * <n>)"): 2,
        ("greeting", "AssertionError: assert <str> == <str>"): 2,
        ("more", "AttributeError: module 'calc' has no attribute 'mul'"): 2,
    }
    timeout = next(a for a in c.failed if a.result.cause == "agent_timeout")
    assert timeout.milestones_missed == ["more"] and timeout.last_errors[0] == "wall-clock limit of 5 s reached during a command"
    assert timeout.steps[-1].title == "bash: timed out" and timeout.steps[-2].body.endswith("→ bash: sleep 30")
    nop = next(a for a in c.failed if a.ref.model == "nop")
    assert nop.trajectory is None and nop.steps == [] and nop.signatures == []


@pytest.mark.docker
def test_failures_command_shows_where_and_how(runs):
    done = run_cli("failures", *runs.run_ids, "--runs-dir", str(runs.runs_dir), env=WIDE)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    by_model, rest = out.split("outcome × cause by task")
    row = next(line for line in by_model.splitlines() if "scripted/report_build_error" in line)
    assert "0/2" in row and "build_error 2" in row
    assert any("scripted/tiny_solve" in line and "1/1" in line and "1.00" in line for line in by_model.splitlines())
    tiny_row = next(line for line in rest.splitlines() if line.startswith("│ tiny "))
    assert "1/7" in tiny_row
    signatures, attempts = rest.split("failed attempts (7)")
    assert "top failure signatures (4 of 4)" in signatures
    first_rank = next(line for line in signatures.splitlines() if line.startswith("│ 1 "))
    assert "SyntaxError: expected ':'" in first_rank and "(build)" in first_rank
    assert "build-error/tiny#2 scripted/report_build_error: failed / build_error" in attempts
    assert "SyntaxError: expected ':'" in attempts and "milestones not reached: basic, more" in attempts
    assert "timeout/tiny#1 scripted/report_timeout: partial / agent_timeout" in attempts
    assert "wall-clock limit of 5 s reached during a command" in attempts and "milestones not reached: more" in attempts
    assert "partial/greet#1 scripted/report_partial: failed / gave_up" in attempts
    assert "solve/tiny#1" not in attempts and "infrastructure errors (" not in attempts


@pytest.mark.docker
def test_failures_top_and_run_paths(runs):
    done = run_cli("failures", str(runs.runs_dir / "partial"), "timeout", "--runs-dir", str(runs.runs_dir), "--top", "1", env=WIDE)
    assert done.returncode == 0, done.stderr
    assert "top failure signatures (1 of 3)" in done.stdout and "failed attempts (3)" in done.stdout
    assert "build_error" not in done.stdout


def test_failures_errors_are_one_line(tmp_path):
    done = run_cli("failures", "nope", "--runs-dir", str(tmp_path))
    assert done.returncode == 2 and "run 'nope': no run.json" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "run.json").write_text("{}")
    done = run_cli("failures", "empty", "--runs-dir", str(tmp_path))
    assert done.returncode == 2 and "no results yet" in done.stderr and "Traceback" not in done.stderr
