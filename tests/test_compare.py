"""Comparing runs and models: McNemar's exact test, pairing, deltas, and the command's exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from agentbench.outcome.taxonomy import Cause
from agentbench.result import Usage
from agentbench.rundir import RunDir
from agentbench.store import STORE_ENV, open_store
from agentbench.store.compare import compare, mcnemar_exact
from tests.conftest import FIXTURES, TINY_TASK, run_cli
from tests.store_helpers import attempt, result, write_run

GREET_TASK = FIXTURES / "tasks" / "greet"


@pytest.mark.parametrize(
    ("b", "c", "p"),
    [
        (6, 0, 2 / 64),  # every flip the same way: 2 * 0.5^6
        (0, 6, 2 / 64),
        (4, 0, 2 / 16),
        (5, 1, 2 * (1 + 6) / 64),
        (10, 2, 2 * (1 + 12 + 66) / 4096),
        (3, 3, 1.0),  # capped at 1
        (0, 0, 1.0),
    ],
)
def test_mcnemar_exact(b, c, p):
    assert mcnemar_exact(b, c) == pytest.approx(p)


def test_pairs_by_task_and_attempt_and_leaves_out_infrastructure():
    a = [attempt("x", i, run_id="A") for i in (1, 2, 3)] + [attempt("y", 1, run_id="A", resolved=False)] + [attempt("only-a", 1, run_id="A")]
    b = [
        attempt("x", 1, run_id="B", resolved=False, score=0.25),
        attempt("x", 2, run_id="B", source="infrastructure", cause="sandbox_error", resolved=False),
        attempt("x", 3, run_id="B"),
        attempt("y", 1, run_id="B"),
        attempt("x", 4, run_id="B", resolved=False),  # no partner
    ]
    c = compare(a, b, a_name="A", b_name="B")
    assert c.pairs == 3 and c.unpaired == 5 + 5 - 6
    assert [(f.task, f.pair, f.a_score, f.b_score) for f in c.regressions] == [("x", 1, 1.0, 0.25)]
    assert [(f.task, f.pair) for f in c.improvements] == [("y", 1)]
    assert c.p_value == 1.0 and not c.significant and not c.regressed
    assert c.mean_score_delta == pytest.approx((-0.75 + 0 + 1) / 3)
    statuses = {t.task: t.status for t in c.tasks}
    assert statuses == {"only-a": "only in A", "x": "regressed", "y": "improved"}
    x = next(t for t in c.tasks if t.task == "x")
    assert x.pairs == 2 and x.mean_score_delta == pytest.approx(-0.375)
    assert (c.a.infrastructure, c.b.infrastructure, c.b.scored) == (0, 1, 4)


def test_significant_regression_and_deltas():
    a = [attempt(t, i, cost=1.0, duration=10, tokens=100) for t in ("p", "q") for i in (1, 2, 3)]
    b = [attempt(t, i, resolved=False, cost=0.5, duration=40, tokens=300) for t in ("p", "q") for i in (1, 2, 3)]
    c = compare(a, b)
    assert len(c.regressions) == 6 and c.p_value == pytest.approx(0.03125) and c.regressed
    assert c.delta("cost_usd") == pytest.approx(-0.5) and c.delta("time_sec") == pytest.approx(30) and c.delta("tokens") == 200
    assert not compare(a, b, alpha=0.01).regressed
    backwards = compare(b, a)
    assert backwards.significant and not backwards.regressed  # an improvement is not a regression
    data = c.to_dict()
    assert data["regressed"] and data["pass_rate_delta"] == -1.0 and len(data["regressions"]) == 6
    assert data["tasks"][0] == {
        "task": "p", "status": "regressed", "pairs": 3, "a_pass_rate": 1.0, "b_pass_rate": 0.0, "a_mean_score": 1.0,
        "b_mean_score": 0.0, "mean_score_delta": -1.0, "regressions": 3, "improvements": 0,
    }


def test_pairing_by_order_spans_runs():
    a = [attempt("t", 1, run_id="a1"), attempt("t", 1, run_id="a2")]  # the same attempt number in two runs
    b = [attempt("t", 1, run_id="b1", resolved=False), attempt("t", 2, run_id="b1")]
    by_order = compare(a, b, pairing="order")
    assert by_order.pairs == 2 and [(f.pair, f.a_run, f.b_run) for f in by_order.regressions] == [(1, "a1", "b1")]
    assert compare(a, b, pairing="attempt").pairs == 1  # a2's attempt 1 overwrote a1's


@pytest.fixture
def synthetic_runs(tmp_path):
    runs = tmp_path / "runs"
    priced = Usage(input_tokens=1000, output_tokens=100, cost_usd=0.1)
    write_run(runs, "good", [result("good", t, i, usage=priced, duration=10) for t in ("tiny", "greet") for i in (1, 2, 3)])
    write_run(runs, "bad", [result("bad", t, i, resolved=False, usage=priced, duration=20) for t in ("tiny", "greet") for i in (1, 2, 3)])
    write_run(runs, "flaky", [
        result("flaky", t, i, resolved=i == 1, cause=Cause.SANDBOX_ERROR if i == 3 else None) for t in ("tiny", "greet") for i in (1, 2, 3)
    ])
    return runs


def test_compare_command_on_run_directories(synthetic_runs, tmp_path):
    env = {STORE_ENV: "", "COLUMNS": "200"}
    worse = run_cli("compare", "good", "bad", "--runs-dir", str(synthetic_runs), env=env)
    assert worse.returncode == 1, worse.stderr
    assert "significant regression from A to B" in worse.stdout and "tiny#2: passed → failed" in worse.stdout
    same = run_cli("compare", str(synthetic_runs / "good"), str(synthetic_runs / "good"), env=env)
    assert same.returncode == 0 and "no significant change" in same.stdout
    strict = run_cli("compare", "good", "bad", "--runs-dir", str(synthetic_runs), "--alpha", "0.01", "--json", env=env)
    data = json.loads(strict.stdout)
    assert strict.returncode == 0 and data["p_value"] == pytest.approx(0.03125) and not data["regressed"]
    assert data["time_sec_per_attempt_delta"] == pytest.approx(10) and data["cost_usd_per_attempt_delta"] == pytest.approx(0)
    flaky = json.loads(run_cli("compare", "good", "flaky", "--runs-dir", str(synthetic_runs), "--json", env=env).stdout)
    assert flaky["pairs"] == 4 and flaky["unpaired"] == 4 and flaky["b"]["infrastructure"] == 2 and len(flaky["regressions"]) == 2
    usage = run_cli("compare", "good", "--runs-dir", str(synthetic_runs), env=env)
    assert usage.returncode == 2 and "two runs" in usage.stderr


def test_compare_command_from_the_store(synthetic_runs, tmp_path):
    store = tmp_path / "elsewhere" / "s.sqlite"
    with open_store(store) as opened:
        for run_id in ("good", "bad"):
            opened.add_run_dir(RunDir(synthetic_runs / run_id))
    moved = tmp_path / "moved"
    synthetic_runs.rename(moved)  # the run directories are gone: the store still knows the runs
    by_id = run_cli("compare", "good", "bad", "--store", str(store), "--json")
    assert by_id.returncode == 1, by_id.stderr
    assert json.loads(by_id.stdout)["a"]["name"] == "good (openai/m)"
    with open_store(store) as opened:
        opened.add_run({"run_id": "bad", "agent": "builtin", "model": "openai/m", "nightly": {"id": "1", "model": "other"}})
    by_model = run_cli("compare", "--model", "openai/m", "--model", "other", "--store", str(store), "--json")
    assert by_model.returncode == 1 and json.loads(by_model.stdout)["pairs"] == 6
    unknown = run_cli("compare", "--model", "openai/m", "--model", "nope", "--store", str(store))
    assert unknown.returncode == 2 and "nope" in unknown.stderr and "known: openai/m, other" in unknown.stderr


@pytest.fixture(scope="module")
def oracle_and_nop(docker_ready, tmp_path_factory):
    """Real runs: the oracle and nop agents over two fixture tasks, three attempts each (run side by side)."""
    runs = tmp_path_factory.mktemp("compare-runs")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "agentbench", "run", "--task", str(TINY_TASK), "--task", str(GREET_TASK), "--agent", agent,
             "--attempts", "3", "--concurrency", "2", "--runs-dir", str(runs), "--run-id", agent],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, STORE_ENV: ""},
        )
        for agent in ("oracle", "nop")
    ]
    for proc in procs:
        output, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, output[-2000:]
    return runs


@pytest.mark.docker
def test_oracle_against_nop_is_a_significant_regression(oracle_and_nop):
    env = {STORE_ENV: ""}
    worse = run_cli("compare", "oracle", "nop", "--runs-dir", str(oracle_and_nop), "--json", env=env)
    assert worse.returncode == 1, worse.stderr
    data = json.loads(worse.stdout)
    assert data["pairs"] == 6 and len(data["regressions"]) == 6 and data["p_value"] == pytest.approx(0.03125)
    assert {t["task"]: t["status"] for t in data["tasks"]} == {"greet": "regressed", "tiny": "regressed"}
    assert data["mean_score_delta"] == -1.0
    better = run_cli("compare", "nop", "oracle", "--runs-dir", str(oracle_and_nop), env=env)
    assert better.returncode == 0 and "significant improvement" in better.stdout
    itself = run_cli("compare", "oracle", "oracle", "--runs-dir", str(oracle_and_nop), env=env)
    assert itself.returncode == 0 and "no significant change" in itself.stdout


@pytest.mark.docker
def test_oracle_against_nop_through_the_store(oracle_and_nop, tmp_path):
    store = tmp_path / "s.sqlite"
    done = run_cli("ingest", str(oracle_and_nop), "--store", str(store))
    assert done.returncode == 0 and "indexed 2 runs, 12 attempts" in done.stdout, done.stdout + done.stderr
    with open_store(store) as opened:
        statuses = {t["status"] for t in opened.test_results("nop", "greet", 1)}
        assert statuses == {"failed"} and len(opened.test_results("oracle", "tiny", 2)) == 3  # every test, from junit.xml
    by_model = run_cli("compare", "--model", "oracle", "--model", "nop", "--store", str(store))
    assert by_model.returncode == 1 and "significant regression" in by_model.stdout, by_model.stdout + by_model.stderr
