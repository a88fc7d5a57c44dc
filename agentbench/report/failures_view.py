"""The terminal view of a compilation: where and how each model fails."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agentbench.report.compile import AttemptReport, Compilation, Tally

OUTCOME_STYLES = {"passed": "green", "partial": "yellow", "failed": "red", "error": "magenta"}


def _score(tally: Tally) -> str:
    mean = tally.mean_score
    return "-" if mean is None else f"{mean:.2f}"


def _kind_header(kind: str) -> str:
    outcome, _, cause = kind.partition("/")
    style = OUTCOME_STYLES.get(outcome, "")
    return f"[{style}]{outcome}[/{style}]\n{cause}" if cause else f"[{style}]{outcome}[/{style}]"


def breakdown_table(title: str, label: str, tallies: dict[str, Tally], kinds: list[str]) -> Table:
    """Rows: models or tasks; columns: resolved, mean score, then one per outcome/cause that occurs."""
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column(label, overflow="fold")
    table.add_column("resolved", justify="right")
    table.add_column("mean score", justify="right")
    for kind in kinds:
        table.add_column(_kind_header(kind), justify="right")
    table.add_column("infra\n(not scored)", justify="right", style="dim")
    for name, tally in tallies.items():
        table.add_row(
            escape(name), f"{tally.resolved}/{tally.attempts}", _score(tally),
            *[str(tally.kinds[k]) if tally.kinds[k] else "[dim]·[/dim]" for k in kinds],
            str(tally.infrastructure) if tally.infrastructure else "·",
        )
    return table


def signatures_table(compilation: Compilation, top: int) -> Table:
    table = Table(title=f"top failure signatures ({min(top, len(compilation.signatures))} of {len(compilation.signatures)})", title_justify="left")
    for column, justify in (("#", "right"), ("attempts", "right"), ("tests", "right"), ("signature", "left"), ("milestone", "left"), ("tasks", "left"), ("models", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for rank, entry in enumerate(compilation.signatures[:top], 1):
        table.add_row(
            str(rank), str(len(entry.attempts)), str(entry.tests), escape(entry.signature.text),
            escape(entry.signature.milestone or "(build)"), escape(", ".join(entry.tasks)), escape(", ".join(entry.models)),
        )
    return table


def _attempt_heading(attempt: AttemptReport) -> str:
    result = attempt.result
    style = OUTCOME_STYLES.get(str(result.outcome), "")
    cause = f" / [bold]{result.cause}[/bold]" if result.cause else ""
    return (
        f"[bold]{escape(attempt.ref.label)}[/bold] {escape(attempt.ref.model)}: [{style}]{result.outcome}[/{style}]{cause}, "
        f"score {result.score:.2f}, tests {result.tests.passed}/{result.tests.total}"
    )


def render_attempt(attempt: AttemptReport, console: Console) -> None:
    console.print(_attempt_heading(attempt), highlight=False)
    missed = attempt.milestones_missed
    if attempt.result.milestones:
        console.print(f"  milestones not reached: {escape(', '.join(missed)) if missed else '(none)'}", highlight=False)
    failing = len(attempt.result.failed_tests)
    if failing:
        console.print(f"  failing tests: {failing}, first {escape(attempt.result.failed_tests[0].id)}", highlight=False)
    for line in attempt.last_errors:
        console.print(f"  [dim]│[/dim] {escape(line)}", highlight=False, soft_wrap=True)


def render_failures(compilation: Compilation, console: Console, top: int = 10) -> None:
    total = compilation.total
    console.print(
        f"[bold]runs[/bold] {escape(', '.join(compilation.runs))}: {total.attempts} scored attempts, "
        f"{total.resolved} resolved, mean score {_score(total)}, {total.infrastructure} infrastructure errors (not scored)",
        highlight=False,
    )
    console.print(breakdown_table("by model", "model", compilation.by_model, compilation.kinds))
    console.print(breakdown_table("by task", "task", compilation.by_task, compilation.kinds))
    if compilation.signatures:
        console.print(signatures_table(compilation, top))
    failed = compilation.failed
    console.rule(f"failed attempts ({len(failed)})")
    for attempt in failed:
        render_attempt(attempt, console)
    if not failed:
        console.print("none: every scored attempt was resolved")
    infrastructure = compilation.infrastructure
    if infrastructure:
        console.rule(f"infrastructure errors ({len(infrastructure)}), not counted against any model")
        for attempt in infrastructure:
            render_attempt(attempt, console)
