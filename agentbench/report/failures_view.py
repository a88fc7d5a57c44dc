"""The terminal view of a compilation: where and how each model fails."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agentbench.report.compile import AttemptReport, Compilation, Tally

OUTCOME_STYLES = {"passed": "green", "partial": "yellow", "failed": "red", "error": "magenta"}



def _outcome_cell(tally: Tally, outcome: str) -> str:
    """The attempts of one outcome, by cause: 'tests_failed 2' lines."""
    lines = [f"{cause} {count}" if cause else str(count) for cause, count in tally.causes_of(outcome)]
    return escape("\n".join(lines)) if lines else "[dim]·[/dim]"


def breakdown_table(title: str, label: str, tallies: dict[str, Tally], outcomes: list[str]) -> Table:
    """Rows: models or tasks; a column per outcome that occurs, holding its attempts by cause."""
    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column(label, overflow="fold", min_width=12)
    table.add_column("resolved", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    for outcome in outcomes:
        style = OUTCOME_STYLES.get(outcome, "")
        table.add_column(f"[{style}]{outcome}[/{style}]", no_wrap=True)
    infrastructure = any(t.infrastructure for t in tallies.values())
    if infrastructure:
        table.add_column("infra\n(not scored)", justify="right", no_wrap=True)
    for name, tally in tallies.items():
        infra = [str(tally.infrastructure) if tally.infrastructure else "[dim]·[/dim]"] if infrastructure else []
        table.add_row(
            escape(name), f"{tally.resolved}/{tally.attempts}", tally.mean_score_text,
            *[_outcome_cell(tally, outcome) for outcome in outcomes], *infra,
        )
    return table


SIGNATURE_CHARS = 100  # the terminal shows the head of a long signature; the HTML report shows it whole


def _one_line(text: str, limit: int = SIGNATURE_CHARS) -> str:
    flat = " ".join(text.replace("\\n", " ").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def signatures_table(compilation: Compilation, top: int) -> Table:
    table = Table(title=f"top failure signatures ({min(top, len(compilation.signatures))} of {len(compilation.signatures)})", title_justify="left")
    for column, justify in (("#", "right"), ("attempts", "right"), ("tests", "right"), ("signature", "left"), ("milestone", "left"), ("tasks", "left"), ("models", "left")):
        table.add_column(column, justify=justify, overflow="fold", ratio=4 if column == "signature" else None, min_width=24 if column == "signature" else None)
    for rank, entry in enumerate(compilation.signatures[:top], 1):
        table.add_row(
            str(rank), str(len(entry.attempts)), str(entry.tests), escape(_one_line(entry.signature.text)),
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
        f"{total.resolved} resolved, mean score {total.mean_score_text}, {total.infrastructure} infrastructure errors (not scored)",
        highlight=False,
    )
    console.print(breakdown_table("outcome × cause by model", "model", compilation.by_model, compilation.outcomes))
    console.print(breakdown_table("outcome × cause by task", "task", compilation.by_task, compilation.outcomes))
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
