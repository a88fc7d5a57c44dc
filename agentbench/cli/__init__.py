"""The command line: parses arguments and delegates. Errors are one line, never a traceback."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from agentbench.cli import compare as compare_cmd
from agentbench.cli import ingest as ingest_cmd
from agentbench.cli import failures as failures_cmd
from agentbench.cli import mock_model as mock_model_cmd
from agentbench.cli import nightly as nightly_cmd
from agentbench.cli import report as report_cmd
from agentbench.cli import run as run_cmd
from agentbench.cli import runs as runs_cmd
from agentbench.cli import show as show_cmd
from agentbench.cli import sandbox as sandbox_cmd
from agentbench.cli import tasks as tasks_cmd
from agentbench.errors import AgentbenchError

app = typer.Typer(
    name="agentbench",
    help="Stress-test terminal coding agents on long-horizon tasks in Docker sandboxes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("run")(run_cmd.run)
app.command("show")(show_cmd.show)
app.command("failures")(failures_cmd.failures)
app.command("report")(report_cmd.report)
app.add_typer(tasks_cmd.tasks_app, name="tasks")
app.add_typer(tasks_cmd.task_app, name="task")
app.add_typer(sandbox_cmd.sandbox_app, name="sandbox")
app.add_typer(mock_model_cmd.mock_model_app, name="mock-model")
app.command("ingest")(ingest_cmd.ingest)
app.add_typer(runs_cmd.runs_app, name="runs")
app.command("compare")(compare_cmd.compare)
app.command("nightly")(nightly_cmd.nightly)


def main(argv: list[str] | None = None) -> None:
    err = Console(stderr=True)
    try:
        code = app(args=argv, standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # usage errors: typer shows them its way
        show = getattr(exc, "show", None)
        if show:
            show()
        else:
            err.print(f"[red]error:[/red] {exc.format_message()}", highlight=False)
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted")
        code = 130
    except AgentbenchError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
