"""The store's schema: migration functions applied in order, the version kept in schema_version.

Version N is the state after the first N migrations. A migration is only ever appended, never edited:
stores made by earlier versions of agentbench are brought forward when they are opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from agentbench.errors import AgentbenchError


def _execute(db: sqlite3.Connection, script: str) -> None:
    """Statement by statement: executescript would commit the migration's transaction half-way."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1_initial(db: sqlite3.Connection) -> None:
    _execute(
        db,
        """
        CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            created_at TEXT,
            agent TEXT,
            model TEXT,
            model_key TEXT NOT NULL,
            agentbench_version TEXT,
            run_dir TEXT,
            config TEXT
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL,
            task TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            agent TEXT NOT NULL,
            model TEXT,
            model_key TEXT NOT NULL,
            seed INTEGER,
            outcome TEXT NOT NULL,
            cause TEXT,
            source TEXT,
            detail TEXT,
            score REAL NOT NULL,
            resolved INTEGER NOT NULL,
            tests_total INTEGER NOT NULL,
            tests_passed INTEGER NOT NULL,
            tests_failed INTEGER NOT NULL,
            tests_errors INTEGER NOT NULL,
            tests_skipped INTEGER NOT NULL,
            tests_source TEXT NOT NULL,
            steps INTEGER NOT NULL,
            duration_sec REAL NOT NULL,
            agent_duration_sec REAL,
            verifier_duration_sec REAL,
            started_at TEXT,
            finished_at TEXT,
            task_hash TEXT,
            image TEXT,
            agentbench_version TEXT,
            attempt_dir TEXT,
            UNIQUE (run_id, task, attempt)
        );
        CREATE INDEX attempts_by_model ON attempts (model_key, task);
        CREATE TABLE usage (
            attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            cached_tokens INTEGER NOT NULL,
            cost_usd REAL,
            model_calls INTEGER NOT NULL
        );
        CREATE TABLE test_results (
            attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
            test_id TEXT NOT NULL,
            milestone TEXT,
            status TEXT NOT NULL,
            duration_sec REAL,
            error_type TEXT,
            message TEXT,
            PRIMARY KEY (attempt_id, test_id)
        );
        CREATE INDEX test_results_by_test ON test_results (test_id, status);
        CREATE TABLE causes (
            cause TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            description TEXT NOT NULL
        );
        """
    )


def _v2_nightlies(db: sqlite3.Connection) -> None:
    """Runs made by `agentbench nightly` carry the nightly's id and the configured name of their model."""
    _execute(
        db,
        """
        ALTER TABLE runs ADD COLUMN nightly TEXT;
        ALTER TABLE runs ADD COLUMN label TEXT;
        CREATE INDEX runs_by_nightly ON runs (nightly, label);
        """
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_initial, _v2_nightlies]
CURRENT_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def migrate(db: sqlite3.Connection, target: int = CURRENT_VERSION) -> int:
    """Apply the missing migrations up to target, each in its own transaction; returns the version reached.

    db must be in autocommit mode (isolation_level=None) so that the transactions here are the only ones."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = schema_version(db)
        if version > CURRENT_VERSION:
            raise AgentbenchError(f"store schema version {version} is newer than this agentbench knows ({CURRENT_VERSION}): upgrade agentbench")
        if not db.execute("SELECT 1 FROM schema_version").fetchone():
            db.execute("INSERT INTO schema_version (version) VALUES (0)")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    while version < target:
        db.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(db) == version:  # another process may have migrated meanwhile
                MIGRATIONS[version](db)
                db.execute("UPDATE schema_version SET version = ?", (version + 1,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        version = schema_version(db)
    return version
