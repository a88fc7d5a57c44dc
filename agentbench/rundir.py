"""The one place that knows the layout of a run directory.

runs/<run-id>/run.json
runs/<run-id>/<task>/<attempt>/result.json, trajectory.jsonl, workspace.diff, agent.log
runs/<run-id>/<task>/<attempt>/verifier/junit.xml, output.txt
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from agentbench.errors import AgentbenchError
from agentbench.result import Result

RUN_FILE = "run.json"
RESULT_FILE = "result.json"
TRAJECTORY_FILE = "trajectory.jsonl"
DIFF_FILE = "workspace.diff"
VERIFIER_DIR = "verifier"
JUNIT_FILE = "junit.xml"
VERIFIER_OUTPUT_FILE = "output.txt"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class RunDir:
    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def run_id(self) -> str:
        return self.root.name

    @property
    def run_file(self) -> Path:
        return self.root / RUN_FILE

    def attempt_dir(self, task: str, attempt: int) -> Path:
        return self.root / task / str(attempt)

    def result_file(self, task: str, attempt: int) -> Path:
        return self.attempt_dir(task, attempt) / RESULT_FILE

    def trajectory_file(self, task: str, attempt: int) -> Path:
        return self.attempt_dir(task, attempt) / TRAJECTORY_FILE

    def diff_file(self, task: str, attempt: int) -> Path:
        return self.attempt_dir(task, attempt) / DIFF_FILE

    def verifier_dir(self, task: str, attempt: int) -> Path:
        return self.attempt_dir(task, attempt) / VERIFIER_DIR

    def write_run(self, data: dict) -> None:
        write_atomic(self.run_file, json.dumps(data, indent=2) + "\n")

    def read_run(self) -> dict:
        try:
            return json.loads(self.run_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AgentbenchError(f"{self.run_file}: missing (not a run directory)") from None
        except json.JSONDecodeError as exc:
            raise AgentbenchError(f"{self.run_file}: not valid JSON ({exc})") from None

    def write_result(self, result: Result) -> Path:
        path = self.result_file(result.task, result.attempt)
        write_atomic(path, result.model_dump_json(indent=2) + "\n")
        return path

    def read_result(self, path: Path) -> Result:
        try:
            return Result.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, ValueError) as exc:
            raise AgentbenchError(f"{path}: not a valid result ({str(exc).splitlines()[0]})") from None

    def result_files(self) -> Iterator[Path]:
        yield from sorted(self.root.glob(f"*/*/{RESULT_FILE}"), key=lambda p: (p.parent.parent.name, _attempt_key(p.parent.name)))

    def results(self) -> list[Result]:
        return [self.read_result(path) for path in self.result_files()]


def _attempt_key(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (1 << 30, name)


def resolve_run(ref: str, runs_dir: Path) -> RunDir:
    """A run directory given as a path, or a run id inside runs_dir."""
    for candidate in (Path(ref), Path(runs_dir) / ref):
        if (candidate / RUN_FILE).is_file():
            return RunDir(candidate)
    raise AgentbenchError(f"run {ref!r}: no run.json at {ref} or in {runs_dir}")
