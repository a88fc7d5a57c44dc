"""agentbench failures RUN [RUN ...]"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from agentbench.report.compile import compile_runs
from agentbench.report.failures_view import render_failures
from agentbench.rundir import resolve_run


def failures(
    runs: list[str] = typer.Argument(..., help="Run directories or run ids in --runs-dir."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir"),
    top: int = typer.Option(10, "--top", min=1, help="How many failure signatures to show."),
) -> None:
    """Show how and where each model failed: outcomes and causes by model and task, top signatures, failed attempts."""
    compilation = compile_runs([resolve_run(ref, runs_dir) for ref in runs])
    render_failures(compilation, Console(), top=top)
