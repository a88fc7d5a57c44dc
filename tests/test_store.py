"""The results store: adding, replacing, per-test indexing, threads, ingest and the CLI over it."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from agentbench.errors import AgentbenchError
from agentbench.outcome.taxonomy import Cause
from agentbench.result import Usage
from agentbench.rundir import RunDir
from agentbench.store import STORE_ENV, open_store, store_path
from agentbench.store.ingest import ingest, run_dirs_in
from tests.conftest import run_cli
from tests.store_helpers import JUNIT, result, write_run


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.sqlite") as opened:
        yield opened


def test_wal_mode_and_cause_table(store):
    assert store.query("PRAGMA journal_mode")[0][0] == "wal"
    causes = {r["cause"]: r["source"] for r in store.query("SELECT cause, source FROM causes")}
    assert causes["sandbox_error"] == "infrastructure" and causes["tests_failed"] == "model"


def test_add_result_then_readd_replaces_everything(store, tmp_path):
    run_dir = write_run(tmp_path / "runs", "r1", [], junit={("tiny", 1): JUNIT})
    store.add_result(result(resolved=False, usage=Usage(input_tokens=10, output_tokens=5, cost_usd=0.5)), run_dir)
    first = store.attempts()
    assert len(first) == 1 and not first[0].resolved and first[0].cost_usd == 0.5 and first[0].tokens == 15
    assert len(store.test_results("r1", "tiny", 1)) == 3
    store.add_result(result(resolved=True, usage=Usage(input_tokens=1, output_tokens=1, cost_usd=None)))  # no run_dir now
    again = store.attempts()
    assert len(again) == 1 and again[0].resolved and again[0].cost_usd is None and again[0].tokens == 2
    assert store.test_results("r1", "tiny", 1) == []  # a passed result without junit.xml has no failed tests
    assert store.query("SELECT COUNT(*) FROM usage")[0][0] == 1
    assert store.query("SELECT COUNT(*) FROM attempts")[0][0] == 1


def test_every_test_is_indexed_from_junit_else_the_failed_ones(store, tmp_path):
    run_dir = write_run(tmp_path / "runs", "r1", [], junit={("tiny", 1): JUNIT})
    store.add_result(result(attempt=1, resolved=False), run_dir)
    store.add_result(result(attempt=2, resolved=False), run_dir)  # no junit.xml for attempt 2
    tests = {t["test_id"]: t for t in store.test_results("r1", "tiny", 1)}
    assert {k: v["status"] for k, v in tests.items()} == {
        "test_calc.py::test_add": "passed", "test_calc.py::test_mul[2]": "failed", "test_calc.py::test_mul[3]": "skipped",
    }
    assert tests["test_calc.py::test_mul[2]"]["error_type"] == "AssertionError" and tests["test_calc.py::test_add"]["milestone"] == "basic"
    only_failed = store.test_results("r1", "tiny", 2)
    assert [(t["test_id"], t["status"]) for t in only_failed] == [("test_calc.py::test_add", "failed")]
    sources = dict(store.query("SELECT attempt, tests_source FROM attempts"))
    assert sources == {1: "junit", 2: "failed_tests"}
    by_status = store.query("SELECT status, COUNT(*) FROM test_results WHERE test_id = 'test_calc.py::test_add' GROUP BY status ORDER BY 1")
    assert [tuple(r) for r in by_status] == [("failed", 1), ("passed", 1)]


def test_runs_totals_leave_out_infrastructure_and_show_unknown_cost(store):
    priced = Usage(input_tokens=1, cost_usd=0.25)
    store.add_result(result("r1", attempt=1, resolved=True, usage=priced))
    store.add_result(result("r1", attempt=2, resolved=False, score=0.5, usage=priced))
    store.add_result(result("r1", attempt=3, resolved=False, cause=Cause.SANDBOX_ERROR, usage=priced))
    store.add_result(result("r2", attempt=1, resolved=False, usage=Usage(input_tokens=1, cost_usd=None)))
    store.add_result(result("r3", agent="oracle", model=None))
    runs = {r["run_id"]: r for r in store.runs()}
    assert (runs["r1"]["attempts"], runs["r1"]["infrastructure"], runs["r1"]["resolved"]) == (3, 1, 1)
    assert runs["r1"]["pass_rate"] == 0.5 and runs["r1"]["mean_score"] == 0.75 and runs["r1"]["cost_usd"] == 0.5
    assert runs["r2"]["cost_usd"] is None  # a model without a price
    assert runs["r3"]["cost_usd"] == 0.0 and runs["r3"]["model"] == "oracle"  # no model, no cost


def test_add_run_after_results_fills_the_run_and_names_it(store):
    store.add_result(result("n1", started_at="2026-01-01T00:00:00+00:00"))
    assert store.run("n1")["model_key"] == "openai/m" and store.run("n1")["label"] is None
    store.add_run({"run_id": "n1", "created_at": "2026-01-02T00:00:00+00:00", "agent": "builtin", "model": "openai/m",
                   "config": {}, "nightly": {"id": "20260102-000000", "model": "fast"}})
    assert store.run("n1")["created_at"] == "2026-01-02T00:00:00+00:00"
    assert store.models() == ["fast"] and [a.model for a in store.attempts(models=["fast"])] == ["fast"]
    assert store.nightly_runs("20260102-000000")[0]["run_id"] == "n1"


def test_previous_nightly_and_trend(store):
    for nightly, run_id, resolved in (("20260101-000000", "a", True), ("20260102-000000", "b", False), ("20260103-000000", "c", True)):
        store.add_run({"run_id": run_id, "created_at": nightly, "agent": "builtin", "model": "openai/m", "nightly": {"id": nightly, "model": "m"}})
        store.add_result(result(run_id, resolved=resolved))
    assert store.previous_nightly_run("m", "20260103-000000") == "b"
    assert store.previous_nightly_run("m", "20260101-000000") is None
    assert store.previous_nightly_run("other", "20260103-000000") is None
    trend = store.nightly_trend(limit=2)
    assert [(t["nightly"], t["resolved"], t["scored"]) for t in trend] == [("20260102-000000", 0, 1), ("20260103-000000", 1, 1)]


def test_threads_share_one_store_and_two_stores_share_one_file(tmp_path):
    path = tmp_path / "s.sqlite"
    first, second = open_store(path), open_store(path)
    errors = []

    def work(store, run_id):
        try:
            for i in range(1, 26):
                store.add_result(result(run_id, attempt=i, resolved=i % 2 == 0))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(first if i % 2 else second, f"run{i}")) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert first.query("SELECT COUNT(*) FROM attempts")[0][0] == 200
    assert sum(r["resolved"] for r in second.runs()) == 8 * 12
    first.close()
    second.close()


def test_a_failed_batch_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.batch():
            store.add_result(result("r1"))
            raise RuntimeError("boom")
    assert store.attempts() == [] and store.runs() == []


def test_store_path_precedence(tmp_path, monkeypatch):
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert store_path(None, tmp_path) == tmp_path / "agentbench.sqlite"
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "env.sqlite"))
    assert store_path(None, tmp_path) == tmp_path / "env.sqlite"
    assert store_path(tmp_path / "flag.sqlite", tmp_path) == tmp_path / "flag.sqlite"


def test_not_a_database_is_one_line(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(AgentbenchError, match="bad.sqlite"):
        open_store(bad)


def test_ingest_runs_dir_single_run_and_bad_files(store, tmp_path):
    runs = tmp_path / "runs"
    write_run(runs, "a", [result("a", attempt=i) for i in (1, 2)], junit={("tiny", 1): JUNIT})
    b = write_run(runs, "b", [result("b")])
    (b.attempt_dir("tiny", 2)).mkdir(parents=True)
    (b.result_file("tiny", 2)).write_text("{not json")
    (runs / "not-a-run").mkdir()
    assert [r.run_id for r in run_dirs_in(runs)] == ["a", "b"]
    done = ingest(store, [runs])
    assert done.runs == [("a", 2), ("b", 1)] and len(done.errors) == 1 and "tiny/2/result.json" in done.errors[0]
    assert store.run("a")["run_dir"] == str((runs / "a").resolve())
    assert len(store.test_results("a", "tiny", 1)) == 3
    again = ingest(store, [runs / "a"])  # idempotent
    assert again.runs == [("a", 2)] and store.query("SELECT COUNT(*) FROM attempts")[0][0] == 3
    with pytest.raises(AgentbenchError, match="neither a run directory"):
        run_dirs_in(runs / "not-a-run")


def test_ingest_and_runs_list_commands(tmp_path):
    runs = tmp_path / "runs"
    write_run(runs, "a", [result("a", attempt=i, resolved=i == 1) for i in (1, 2)])
    write_run(runs, "b", [result("b", agent="nop", model=None, resolved=False)], agent="nop", model=None)
    env = {STORE_ENV: ""}
    done = run_cli("ingest", str(runs), env=env)
    assert done.returncode == 0, done.stderr
    assert "indexed 2 runs, 3 attempts" in done.stdout and (runs / "agentbench.sqlite").is_file()
    listed = run_cli("runs", "list", "--runs-dir", str(runs), "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = {r["run_id"]: r for r in json.loads(listed.stdout)}
    assert rows["a"]["pass_rate"] == 0.5 and rows["b"]["model"] == "nop" and rows["b"]["resolved"] == 0
    table = run_cli("runs", "list", "--runs-dir", str(runs), env={"COLUMNS": "200", STORE_ENV: ""})
    assert table.returncode == 0 and "50%" in table.stdout and "nop" in table.stdout, table.stdout + table.stderr
    elsewhere = tmp_path / "elsewhere.sqlite"
    env_store = run_cli("ingest", str(runs / "b"), env={STORE_ENV: str(elsewhere)})
    assert env_store.returncode == 0 and sqlite3.connect(elsewhere).execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
    (runs / "a" / "tiny" / "1" / "result.json").write_text("{}")
    broken = run_cli("ingest", str(runs), "--store", str(tmp_path / "x.sqlite"))
    assert broken.returncode == 1 and "not a valid result" in broken.stderr
    missing = run_cli("runs", "list", "--store", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_rundir_results_round_trip_through_the_store(store, tmp_path):
    run_dir: RunDir = write_run(tmp_path / "runs", "r", [result("r", task=t, attempt=i) for t in ("x", "y") for i in (1, 2)])
    store.add_run_dir(run_dir)
    assert [(a.task, a.attempt) for a in store.attempts(run_ids=["r"])] == [("x", 1), ("x", 2), ("y", 1), ("y", 2)]
