"""The results store: one SQLite file (WAL mode) indexing runs, attempts, per-test results and usage.

Run directories stay the record; the store is an index over them that can always be rebuilt with
`agentbench ingest`. One connection guarded by a lock: callers may share a Store across threads.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from agentbench.errors import AgentbenchError
from agentbench.outcome.taxonomy import CAUSE_INFO
from agentbench.result import Result
from agentbench.rundir import JUNIT_FILE, RunDir
from agentbench.store.metrics import Attempt, model_label
from agentbench.store.schema import migrate
from agentbench.verifier.junit import TestResult, parse_junit

STORE_ENV = "AGENTBENCH_STORE"
STORE_FILE = "agentbench.sqlite"

_ATTEMPT_COLUMNS = (
    "run_id", "task", "attempt", "agent", "model", "model_key", "seed", "outcome", "cause", "source", "detail", "score",
    "resolved", "tests_total", "tests_passed", "tests_failed", "tests_errors", "tests_skipped", "tests_source", "steps",
    "duration_sec", "agent_duration_sec", "verifier_duration_sec", "started_at", "finished_at", "task_hash", "image",
    "agentbench_version", "attempt_dir",
)
_INSERT_ATTEMPT = f"INSERT INTO attempts ({', '.join(_ATTEMPT_COLUMNS)}) VALUES ({', '.join('?' * len(_ATTEMPT_COLUMNS))})"
_MODEL = "COALESCE(r.label, a.model_key)"
_COUNTED = "a.source IS NOT 'infrastructure'"


def store_path(store: Path | None, runs_dir: Path) -> Path:
    """--store, else AGENTBENCH_STORE, else <runs-dir>/agentbench.sqlite."""
    if store is not None:
        return Path(store)
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    return Path(runs_dir) / STORE_FILE


def open_store(path: Path | str) -> Store:
    return Store(Path(path))


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            migrate(self._db)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise AgentbenchError(f"store {self.path}: {exc}") from None
        except AgentbenchError:
            self._db.close()
            raise
        self._lock = threading.RLock()
        self._depth = 0
        with self.batch():
            self._db.executemany(
                "INSERT OR REPLACE INTO causes (cause, source, description) VALUES (?, ?, ?)",
                [(str(cause), str(source), text) for cause, (source, text) in CAUSE_INFO.items()],
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for everything inside (nested batches join the outer one); much faster for bulk adds."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")
            finally:
                self._depth = 0

    # -- writing -----------------------------------------------------------------------------------

    def add_run(self, run_record: dict, run_dir: RunDir | None = None) -> None:
        """Add or replace a run from its run.json record (a nightly's record carries "nightly")."""
        config = run_record.get("config") or {}
        if run_dir is None and config.get("runs_dir"):
            run_dir = RunDir(Path(config["runs_dir"]) / run_record["run_id"])
        nightly = run_record.get("nightly") or {}
        agent = run_record.get("agent") or config.get("agent") or "?"
        model = run_record.get("model")
        with self.batch():
            self._db.execute(
                """INSERT INTO runs (run_id, created_at, agent, model, model_key, agentbench_version, run_dir, config, nightly, label)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (run_id) DO UPDATE SET created_at = excluded.created_at, agent = excluded.agent,
                   model = excluded.model, model_key = excluded.model_key, agentbench_version = excluded.agentbench_version,
                   run_dir = excluded.run_dir, config = excluded.config, nightly = excluded.nightly, label = excluded.label""",
                (
                    run_record["run_id"], run_record.get("created_at"), agent, model, model_label(agent, model),
                    run_record.get("agentbench_version"), str(run_dir.root.resolve()) if run_dir else None,
                    json.dumps(config, sort_keys=True), nightly.get("id"), nightly.get("model"),
                ),
            )

    def add_result(self, result: Result, run_dir: RunDir | None = None) -> None:
        """Add one attempt, replacing an earlier copy of it. With run_dir, every test's status is read
        from the verifier's junit.xml; without one (or when it is missing) only the failed tests are known."""
        tests, tests_source = _tests_of(result, run_dir)
        key = model_label(result.agent, result.model)
        values = (
            result.run_id, result.task, result.attempt, result.agent, result.model, key, result.seed, str(result.outcome),
            _str(result.cause), _str(result.source), result.detail, result.score, int(result.resolved), result.tests.total,
            result.tests.passed, result.tests.failed, result.tests.errors, result.tests.skipped, tests_source, result.steps,
            result.duration_sec, result.agent_duration_sec, result.verifier_duration_sec, result.started_at,
            result.finished_at, result.task_hash, result.image, result.agentbench_version,
            str(run_dir.attempt_dir(result.task, result.attempt).resolve()) if run_dir else None,
        )
        with self.batch():
            self._db.execute(
                "INSERT OR IGNORE INTO runs (run_id, created_at, agent, model, model_key) VALUES (?, ?, ?, ?, ?)",
                (result.run_id, result.started_at, result.agent, result.model, key),
            )
            self._db.execute("DELETE FROM attempts WHERE run_id = ? AND task = ? AND attempt = ?", (result.run_id, result.task, result.attempt))
            attempt_id = self._db.execute(_INSERT_ATTEMPT, values).lastrowid
            if result.usage is not None:
                u = result.usage
                self._db.execute(
                    "INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (attempt_id, u.input_tokens, u.output_tokens, u.reasoning_tokens, u.cached_tokens, u.cost_usd, u.model_calls),
                )
            self._db.executemany(
                "INSERT OR REPLACE INTO test_results VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(attempt_id, t.id, t.milestone, t.status, t.duration_sec, t.error_type, t.message) for t in tests],
            )

    def add_run_dir(self, run_dir: RunDir) -> tuple[int, list[str]]:
        """Index a whole run directory: (attempts added, one line per result file that could not be read)."""
        errors: list[str] = []
        added = 0
        with self.batch():
            self.add_run(run_dir.read_run(), run_dir)
            for path in run_dir.result_files():
                try:
                    result = run_dir.read_result(path)
                except AgentbenchError as exc:
                    errors.append(str(exc))
                    continue
                self.add_result(result, run_dir)
                added += 1
        return added, errors

    # -- reading -----------------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        """Read-only ad-hoc queries (rows support access by column name)."""
        with self._lock:
            cursor = self._db.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, tuple(params)).fetchall()

    def runs(self) -> list[dict]:
        """Every run with its totals, oldest first."""
        rows = self.query(
            f"""SELECT r.run_id, r.created_at, COALESCE(r.label, r.model_key) AS model, r.agent, r.nightly, r.run_dir,
                   COUNT(a.id) AS attempts, COALESCE(SUM(NOT ({_COUNTED})), 0) AS infrastructure,
                   COALESCE(SUM(a.resolved), 0) AS resolved,
                   AVG(CASE WHEN {_COUNTED} THEN a.score END) AS mean_score,
                   SUM(CASE WHEN {_COUNTED} THEN u.cost_usd END) AS cost_usd,
                   COALESCE(SUM({_COUNTED} AND u.attempt_id IS NOT NULL AND u.cost_usd IS NULL), 0) AS unknown_costs
               FROM runs r LEFT JOIN attempts a ON a.run_id = r.run_id LEFT JOIN usage u ON u.attempt_id = a.id
               GROUP BY r.run_id ORDER BY r.created_at, r.run_id"""
        )
        out = []
        for row in rows:
            data = dict(row)
            scored = data["attempts"] - data["infrastructure"]
            data["pass_rate"] = data["resolved"] / scored if scored else None
            if data.pop("unknown_costs"):
                data["cost_usd"] = None
            elif data["cost_usd"] is None and data["attempts"]:
                data["cost_usd"] = 0.0
            out.append(data)
        return out

    def run(self, run_id: str) -> dict | None:
        rows = self.query("SELECT * FROM runs WHERE run_id = ?", (run_id,))
        return dict(rows[0]) if rows else None

    def attempts(self, *, run_ids: Iterable[str] | None = None, models: Iterable[str] | None = None, nightly: str | None = None) -> list[Attempt]:
        """Attempts as metric rows, oldest run first, then by task and attempt number."""
        where, params = [], []
        for column, values in (("a.run_id", run_ids), (_MODEL, models)):
            if values is not None:
                values = list(values)
                where.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += values
        if nightly is not None:
            where.append("r.nightly = ?")
            params.append(nightly)
        rows = self.query(
            f"""SELECT a.run_id, {_MODEL}, a.task, a.attempt, a.outcome, a.resolved, a.score, a.cause, a.source,
                   COALESCE(u.input_tokens + u.output_tokens, 0), COALESCE(u.reasoning_tokens, 0),
                   CASE WHEN u.attempt_id IS NULL THEN 0.0 ELSE u.cost_usd END, a.duration_sec
               FROM attempts a LEFT JOIN runs r ON r.run_id = a.run_id LEFT JOIN usage u ON u.attempt_id = a.id
               {'WHERE ' + ' AND '.join(where) if where else ''}
               ORDER BY r.created_at, a.run_id, a.task, a.attempt""",
            params,
        )
        return [Attempt(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], r[10], r[11], r[12]) for r in rows]

    def models(self) -> list[str]:
        return [r[0] for r in self.query(f"SELECT DISTINCT {_MODEL} FROM attempts a LEFT JOIN runs r ON r.run_id = a.run_id ORDER BY 1")]

    def nightly_runs(self, nightly: str) -> list[dict]:
        """The runs of one nightly, one per model, in model order."""
        return [dict(r) for r in self.query("SELECT * FROM runs WHERE nightly = ? ORDER BY label", (nightly,))]

    def previous_nightly_run(self, label: str, before: str) -> str | None:
        """The run of the model named label in the latest nightly before the nightly `before`."""
        rows = self.query(
            "SELECT run_id FROM runs WHERE label = ? AND nightly IS NOT NULL AND nightly < ? ORDER BY nightly DESC LIMIT 1",
            (label, before),
        )
        return rows[0][0] if rows else None

    def nightly_trend(self, limit: int = 30) -> list[dict]:
        """Per nightly (the latest `limit`, oldest first) and model: scored attempts and resolved ones."""
        rows = self.query(
            f"""SELECT r.nightly, r.label AS model, SUM({_COUNTED}) AS scored, SUM(a.resolved) AS resolved,
                   AVG(CASE WHEN {_COUNTED} THEN a.score END) AS mean_score
               FROM runs r JOIN attempts a ON a.run_id = r.run_id
               WHERE r.nightly IN (SELECT DISTINCT nightly FROM runs WHERE nightly IS NOT NULL ORDER BY nightly DESC LIMIT ?)
               GROUP BY r.nightly, r.label ORDER BY r.nightly, r.label""",
            (limit,),
        )
        return [dict(r) for r in rows]

    def test_results(self, run_id: str, task: str, attempt: int) -> list[dict]:
        return [
            dict(r)
            for r in self.query(
                """SELECT t.test_id, t.milestone, t.status, t.duration_sec, t.error_type, t.message
                   FROM test_results t JOIN attempts a ON a.id = t.attempt_id
                   WHERE a.run_id = ? AND a.task = ? AND a.attempt = ? ORDER BY t.test_id""",
                (run_id, task, attempt),
            )
        ]


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _tests_of(result: Result, run_dir: RunDir | None) -> tuple[list[TestResult], str]:
    if run_dir is not None:
        junit = run_dir.verifier_dir(result.task, result.attempt) / JUNIT_FILE
        try:
            return parse_junit(junit.read_text(encoding="utf-8")), "junit"
        except (OSError, ValueError):
            pass
    return list(result.failed_tests), "failed_tests"
