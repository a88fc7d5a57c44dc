"""agentbench show RUN TASK [ATTEMPT]"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from agentbench.agent.trajectory import read_events
from agentbench.errors import AgentbenchError
from agentbench.report.trajectory_view import render_result_header, render_trajectory
from agentbench.rundir import resolve_run


def show(
    run: str = typer.Argument(..., help="A run directory or a run id in --runs-dir."),
    task: str = typer.Argument(..., help="Task id."),
    attempt: int = typer.Argument(1, help="Attempt number."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir"),
    full: bool = typer.Option(False, "--full", help="Show whole outputs instead of previews."),
) -> None:
    """Print one attempt's trajectory readably."""
    run_dir = resolve_run(run, runs_dir)
    console = Console()
    result_file = run_dir.result_file(task, attempt)
    if result_file.is_file():
        render_result_header(run_dir.read_result(result_file), console)
    trajectory = run_dir.trajectory_file(task, attempt)
    if not trajectory.is_file():
        if not run_dir.attempt_dir(task, attempt).is_dir():
            raise AgentbenchError(f"{run_dir.attempt_dir(task, attempt)}: no such attempt in run {run_dir.run_id}")
        console.print("(no trajectory: this agent does not record one; see agent.log)")
        return
    render_trajectory(read_events(trajectory), console, full=full)
