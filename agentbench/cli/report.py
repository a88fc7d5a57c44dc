"""agentbench report RUN [RUN ...] --html FILE [--markdown FILE]"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from agentbench.errors import AgentbenchError
from agentbench.report.compile import compile_runs
from agentbench.report.html import render_html
from agentbench.report.markdown import render_markdown
from agentbench.rundir import resolve_run


def report(
    runs: list[str] = typer.Argument(..., help="Run directories or run ids in --runs-dir."),
    html: Path = typer.Option(None, "--html", help="Write one self-contained HTML page here."),
    markdown: Path = typer.Option(None, "--markdown", help="Write the same compilation as GitHub-flavoured Markdown here."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir"),
    top: int = typer.Option(10, "--top", min=1, help="How many failure signatures to list."),
) -> None:
    """Compile runs into a report: pass grid, causes, top failure signatures and a card per failed attempt."""
    if html is None and markdown is None:
        raise AgentbenchError("report: give --html FILE, --markdown FILE or both")
    compilation = compile_runs([resolve_run(ref, runs_dir) for ref in runs])
    console = Console(stderr=True)
    for path, render in ((html, render_html), (markdown, render_markdown)):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(compilation, path.parent, top=top), encoding="utf-8")
            console.print(f"wrote {path}", highlight=False, soft_wrap=True)
