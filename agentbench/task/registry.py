"""Finding tasks: by id in a tasks directory, or by path."""

from __future__ import annotations

from pathlib import Path

from agentbench.errors import TaskError
from agentbench.paths import bundled_dir
from agentbench.task.loader import Task, load_task


def default_tasks_dir() -> Path:
    """./tasks when it holds tasks, else the tasks that ship with agentbench."""
    local = Path.cwd() / "tasks"
    if local.is_dir() and any(local.glob("*/task.toml")):
        return local
    return bundled_dir("tasks")


def find_tasks(tasks_dir: Path) -> tuple[list[Task], list[str]]:
    """Every task folder under tasks_dir: the valid tasks, and one error line per invalid folder."""
    if not tasks_dir.is_dir():
        raise TaskError(f"{tasks_dir}: tasks directory not found")
    tasks, errors = [], []
    for folder in sorted(p for p in tasks_dir.iterdir() if p.is_dir() and (p / "task.toml").exists()):
        try:
            tasks.append(load_task(folder))
        except TaskError as exc:
            errors.append(str(exc))
    return tasks, errors


def resolve_task(ref: str, tasks_dir: Path | None = None) -> Task:
    """A task id looked up in tasks_dir, or a path to a task folder."""
    as_path = Path(ref)
    if "/" in ref or ref.startswith(".") or (as_path.is_dir() and (as_path / "task.toml").exists()):
        return load_task(as_path)
    base = tasks_dir or default_tasks_dir()
    candidate = base / ref
    if not (candidate / "task.toml").exists():
        raise TaskError(f"task {ref!r}: not found in {base} (give a task id there or a path to a task folder)")
    return load_task(candidate)
