"""agentbench ingest DIR [DIR...]"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from agentbench.rundir import RUN_FILE
from agentbench.store import open_store, store_path
from agentbench.store.ingest import ingest as ingest_runs


def ingest(
    dirs: list[Path] = typer.Argument(..., help="Run directories, or directories of runs (e.g. runs/)."),
    store: Path = typer.Option(None, "--store", help="The store file (default: AGENTBENCH_STORE, else <runs-dir>/agentbench.sqlite)."),
    runs_dir: Path = typer.Option(None, "--runs-dir", help="Where the default store lives (default: the first DIR, or its parent when it is a run)."),
) -> int:
    """Index run directories made earlier in the results store (re-ingesting a run replaces it)."""
    first = dirs[0]
    path = store_path(store, runs_dir or (first.parent if (first / RUN_FILE).is_file() else first))
    err = Console(stderr=True)
    with open_store(path) as opened:
        done = ingest_runs(opened, dirs)
    for run_id, added in done.runs:
        print(f"{run_id}: {added} attempts")
    for error in done.errors:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    print(f"indexed {len(done.runs)} runs, {sum(n for _, n in done.runs)} attempts in {path}")
    return 1 if done.errors else 0
