"""agentbench tasks ..."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from agentbench.task import default_tasks_dir, find_tasks
from agentbench.task.inventory import task_summary

tasks_app = typer.Typer(help="Tasks: list them.", no_args_is_help=True)


@tasks_app.command("list")
def list_tasks(
    tasks_dir: Path = typer.Option(None, "--tasks-dir", help="Where tasks live (default ./tasks, else the bundled tasks)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list on stdout."),
) -> int:
    """Show every task: id, category, difficulty, expert time, tests and milestones."""
    tasks, errors = find_tasks(tasks_dir or default_tasks_dir())
    rows = [task_summary(task) for task in tasks]
    err = Console(stderr=True)
    for line in errors:
        err.print(f"[red]invalid task:[/red] {line}", highlight=False)
    if as_json:
        print(json.dumps(rows, indent=2))
        return 1 if errors else 0
    table = Table("id", "title", "category", "difficulty", "expert time", "tests", "milestones")
    for row in rows:
        table.add_row(row["id"], row["title"], row["category"], row["difficulty"], f"{row['expert_time_min']:g} min", str(row["tests"]), ", ".join(row["milestone_names"]))
    Console().print(table)
    return 1 if errors else 0
