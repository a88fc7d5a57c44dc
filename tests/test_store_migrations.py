"""Schema migrations: a store made at version 1 is brought to the current version, its data kept."""

from __future__ import annotations

import sqlite3

import pytest

from agentbench.errors import AgentbenchError
from agentbench.store import open_store
from agentbench.store.schema import CURRENT_VERSION, MIGRATIONS, migrate, schema_version
from tests.store_helpers import result


def _v1_store(path):
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=1) == 1
    db.execute("INSERT INTO runs (run_id, created_at, agent, model, model_key) VALUES ('old', '2025-12-01', 'builtin', 'openai/m', 'openai/m')")
    db.execute(
        """INSERT INTO attempts (run_id, task, attempt, agent, model, model_key, outcome, score, resolved, tests_total, tests_passed,
           tests_failed, tests_errors, tests_skipped, tests_source, steps, duration_sec)
           VALUES ('old', 'tiny', 1, 'builtin', 'openai/m', 'openai/m', 'passed', 1.0, 1, 3, 3, 0, 0, 0, 'junit', 4, 12.5)"""
    )
    db.close()


def test_migrations_are_numbered_by_position():
    assert CURRENT_VERSION == len(MIGRATIONS) >= 2


def test_v1_store_is_migrated_to_current_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_store(path)
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(runs)")}
    assert "nightly" not in columns
    with open_store(path) as store:
        assert store.query("SELECT version FROM schema_version")[0][0] == CURRENT_VERSION
        old = store.attempts(run_ids=["old"])
        assert [(a.task, a.resolved, a.duration_sec, a.model) for a in old] == [("tiny", True, 12.5, "openai/m")]
        assert store.run("old")["nightly"] is None
        store.add_run({"run_id": "new", "created_at": "2026-01-01", "agent": "builtin", "model": "openai/m", "nightly": {"id": "20260101-000000", "model": "m"}})
        store.add_result(result("new"))
        assert store.previous_nightly_run("m", "20260102-000000") == "new"
        assert len(store.query("SELECT * FROM schema_version")) == 1
    with open_store(path) as again:  # opening a current store changes nothing
        assert again.query("SELECT version FROM schema_version")[0][0] == CURRENT_VERSION
        assert len(again.runs()) == 2


def test_each_migration_runs_in_its_own_transaction(tmp_path):
    path = tmp_path / "s.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    db.execute("ALTER TABLE runs ADD COLUMN nightly TEXT")  # makes migration 2 fail half-way
    with pytest.raises(sqlite3.OperationalError):
        migrate(db)
    assert schema_version(db) == 1  # not recorded as done
    assert "runs_by_nightly" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()


def test_a_store_from_a_newer_agentbench_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db)
    db.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    db.close()
    with pytest.raises(AgentbenchError, match="newer"):
        open_store(path)
