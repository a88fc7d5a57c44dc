"""Loading and validating task folders."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from agentbench.configfile import first_error, read_toml
from agentbench.errors import TaskError
from agentbench.task.config import TaskConfig

CANARY = "agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench"
_IGNORED_NAMES = {"__pycache__", ".pytest_cache", ".DS_Store"}


@dataclass(frozen=True)
class Task:
    """A validated task folder."""

    path: Path
    config: TaskConfig
    instruction: str

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def tests_dir(self) -> Path:
        return self.path / "tests"

    @property
    def solution_dir(self) -> Path:
        return self.path / "solution"

    @property
    def environment_dir(self) -> Path | None:
        env = self.path / "environment"
        return env if (env / "Dockerfile").is_file() else None

    @cached_property
    def content_hash(self) -> str:
        """A hash of every file of the task, so a run records exactly what it ran."""
        return tree_hash(self.path)


def iter_files(root: Path):
    """Files under root in a stable order, skipping caches."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _IGNORED_NAMES)
        for name in sorted(filenames):
            if name in _IGNORED_NAMES or name.endswith(".pyc"):
                continue
            yield Path(dirpath) / name


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for file in iter_files(root):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _format_validation_error(file: Path, error: ValidationError) -> str:
    where, message, more = first_error(error)
    kind = error.errors()[0]["type"]
    message = {"extra_forbidden": "unknown field", "missing": "missing"}.get(kind, message)
    return f"{file}: {where}: {message}{more}"


def load_task(path: Path) -> Task:
    """Load and validate one task folder; raises TaskError with a one-line message."""
    path = Path(path)
    if not path.is_dir():
        raise TaskError(f"{path}: not a task folder")
    toml_file = path / "task.toml"
    if not toml_file.is_file():
        raise TaskError(f"{toml_file}: missing")
    raw = read_toml(toml_file, TaskError)
    try:
        config = TaskConfig.model_validate(raw)
    except ValidationError as exc:
        raise TaskError(_format_validation_error(toml_file, exc)) from None
    if config.id != path.name:
        raise TaskError(f"{toml_file}: id: {config.id!r} does not match the folder name {path.name!r}")
    instruction_file = path / "instruction.md"
    if not instruction_file.is_file() or not instruction_file.read_text(encoding="utf-8").strip():
        raise TaskError(f"{instruction_file}: missing or empty")
    if not (path / "tests").is_dir() or not any((path / "tests").glob("test_*.py")):
        raise TaskError(f"{path / 'tests'}: no test_*.py files")
    if not (path / "solution" / "solve.sh").is_file():
        raise TaskError(f"{path / 'solution' / 'solve.sh'}: missing")
    dockerfile = path / "environment" / "Dockerfile"
    if (path / "environment").exists() and not dockerfile.is_file():
        raise TaskError(f"{dockerfile}: missing (environment/ needs a Dockerfile)")
    return Task(path=path.resolve(), config=config, instruction=instruction_file.read_text(encoding="utf-8"))
