"""Real runs of the fixture tasks, one per way of failing, built once per test session for the report tests."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURES, TINY_TASK

GREET_TASK = FIXTURES / "tasks" / "greet"
SCRIPTS = FIXTURES / "scripts"


@dataclass(frozen=True)
class ReportRuns:
    runs_dir: Path
    run_ids: tuple[str, ...]


# run id -> the arguments of `agentbench run` that make it
RUNS = {
    "solve": ["--task", str(TINY_TASK), "--model", f"scripted/{SCRIPTS / 'tiny_solve.json'}"],
    "partial": ["--task", str(TINY_TASK), "--task", str(GREET_TASK), "--model", f"scripted/{SCRIPTS / 'report_partial.json'}", "--concurrency", "2"],
    "build-error": ["--task", str(TINY_TASK), "--model", f"scripted/{SCRIPTS / 'report_build_error.json'}", "--attempts", "2", "--concurrency", "2"],
    "no-changes": ["--task", str(TINY_TASK), "--model", f"scripted/{SCRIPTS / 'report_no_changes.json'}"],
    "timeout": ["--task", str(TINY_TASK), "--model", f"scripted/{SCRIPTS / 'report_timeout.json'}", "--timeout", "5"],
    "nop": ["--task", str(TINY_TASK), "--agent", "nop"],
}

_built: ReportRuns | None = None


def report_runs(tmp_path_factory) -> ReportRuns:
    """Runs all the runs at once (each in its own `agentbench run` process); later calls get the same runs."""
    global _built
    if _built is None:
        runs_dir = tmp_path_factory.mktemp("report-runs")
        procs = {
            run_id: subprocess.Popen(
                [sys.executable, "-m", "agentbench", "run", *args, "--runs-dir", str(runs_dir), "--run-id", run_id],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            for run_id, args in RUNS.items()
        }
        failures = []
        for run_id, proc in procs.items():
            output, _ = proc.communicate(timeout=600)
            if proc.returncode != 0:
                failures.append(f"{run_id}: exit {proc.returncode}\n{output[-2000:]}")
        assert not failures, "\n".join(failures)
        _built = ReportRuns(runs_dir, tuple(RUNS))
    return _built
