"""agentbench runs list"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from agentbench.errors import AgentbenchError
from agentbench.store import open_store, store_path
from agentbench.store.fmt import num, pct, usd

runs_app = typer.Typer(help="Runs indexed in the results store.", no_args_is_help=True)


@runs_app.command("list")
def list_runs(
    store: Path = typer.Option(None, "--store", help="The store file (default: AGENTBENCH_STORE, else <runs-dir>/agentbench.sqlite)."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir"),
    as_json: bool = typer.Option(False, "--json", help="Print the runs as JSON on stdout."),
) -> int:
    """List the runs in the store, oldest first, with their totals."""
    path = store_path(store, runs_dir)
    if not path.is_file():
        raise AgentbenchError(f"store {path}: not found (index runs with `agentbench ingest DIR`)")
    with open_store(path) as opened:
        runs = opened.runs()
    if as_json:
        print(json.dumps(runs, indent=2))
        return 0
    table = Table("run", "created", "model", "attempts", "pass rate", "mean score", "cost", "infra", "nightly", title=f"runs in {path}")
    for run in runs:
        table.add_row(
            run["run_id"], run["created_at"] or "", run["model"], str(run["attempts"]), pct(run["pass_rate"]),
            num(run["mean_score"]), usd(run["cost_usd"]), str(run["infrastructure"]), run["nightly"] or "",
        )
    Console().print(table)
    return 0
