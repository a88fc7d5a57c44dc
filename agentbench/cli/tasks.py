"""agentbench tasks ..."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from agentbench.runner.display import RunDisplay
from agentbench.task import default_tasks_dir, find_tasks, resolve_task
from agentbench.task.check import Check, TaskReport, hidden_files_check, run_checks, static_checks
from agentbench.task.inventory import task_summary
from agentbench.task.scaffold import scaffold

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


task_app = typer.Typer(help="Task authoring: scaffold a task, check that it is fit to judge models.", no_args_is_help=True)


@task_app.command("new")
def new_task(
    task_id: str = typer.Argument(..., help="The new task's id (lowercase letters, digits, dashes)."),
    tasks_dir: Path = typer.Option(Path("tasks"), "--tasks-dir", help="Where to create it."),
) -> None:
    """Scaffold tasks/ID with every file, and comments on what goes where."""
    folder = scaffold(tasks_dir, task_id)
    Console(stderr=True).print(f"created {folder}: edit instruction.md, tests/ and solution/, then run agentbench task check {task_id}")


@task_app.command("check")
def check_tasks(
    task_refs: list[str] = typer.Argument(None, help="Task ids or paths (default: every task)."),
    tasks_dir: Path = typer.Option(None, "--tasks-dir", help="Where task ids are looked up."),
    reruns: int = typer.Option(3, "--reruns", min=1, help="Oracle attempts per task; every test must pass every time."),
    min_tests: int = typer.Option(25, "--min-tests", min=1, help="Fewest tests a task may have."),
    min_milestones: int = typer.Option(3, "--min-milestones", min=1, help="Fewest milestones a task may have."),
    concurrency: int = typer.Option(1, "--concurrency", "-n", min=1),
    runs_dir: Path = typer.Option(None, "--runs-dir", help="Keep the oracle and nop runs here (default: a temporary folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
) -> int:
    """Validate tasks: schema, canary, limits, tests and solution hidden from the agent, the oracle
    resolving every rerun, nop scoring 0. Exit code 0 only when every check passes."""
    base = tasks_dir or default_tasks_dir()
    if task_refs:
        tasks, load_errors = [resolve_task(ref, base) for ref in task_refs], []
    else:
        tasks, load_errors = find_tasks(base)
    reports = [TaskReport(line.split(":", 1)[0], line.split(":", 1)[0], [Check("schema", False, line)]) for line in load_errors]
    display = RunDisplay(quiet=as_json)
    with tempfile.TemporaryDirectory(prefix="agentbench-check-") as scratch:
        dynamic, ran = run_checks(tasks, reruns, runs_dir or Path(scratch), concurrency, display) if tasks else ({}, {})
    for task in tasks:
        report = TaskReport(task.id, str(task.path), static_checks(task, min_tests, min_milestones, ran.get(task.id)))
        report.checks.append(hidden_files_check(task))
        report.checks.extend(dynamic.get(task.id, []))
        reports.append(report)
    if as_json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        table = Table("task", "check", "", "detail", title="task check")
        for report in reports:
            for check in report.checks:
                table.add_row(report.task, check.name, "[green]ok[/green]" if check.ok else "[red]FAIL[/red]", check.detail)
        Console().print(table)
    return 0 if reports and all(r.ok for r in reports) else 1
