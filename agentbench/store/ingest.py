"""Finding run directories made earlier and indexing them in the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from agentbench.errors import AgentbenchError
from agentbench.rundir import RUN_FILE, RunDir
from agentbench.store.store import Store


@dataclass
class Ingested:
    runs: list[tuple[str, int]] = field(default_factory=list)  # (run id, attempts added)
    errors: list[str] = field(default_factory=list)


def run_dirs_in(path: Path) -> list[RunDir]:
    """path itself when it is a run directory, else the run directories directly inside it."""
    path = Path(path)
    if (path / RUN_FILE).is_file():
        return [RunDir(path)]
    if not path.is_dir():
        raise AgentbenchError(f"{path}: no such directory")
    found = [RunDir(child) for child in sorted(path.iterdir()) if (child / RUN_FILE).is_file()]
    if not found:
        raise AgentbenchError(f"{path}: neither a run directory nor a directory of runs (no {RUN_FILE})")
    return found


def ingest(store: Store, paths: list[Path]) -> Ingested:
    """Index every run under paths; re-ingesting a run replaces what the store had for it."""
    out = Ingested()
    run_dirs = [run_dir for path in paths for run_dir in run_dirs_in(path)]
    for run_dir in run_dirs:
        try:
            added, errors = store.add_run_dir(run_dir)
        except AgentbenchError as exc:
            out.errors.append(str(exc))
            continue
        out.runs.append((run_dir.run_id, added))
        out.errors += errors
    return out
