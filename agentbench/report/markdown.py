"""The compilation as GitHub-flavoured Markdown, for CI comments: the same sections as the HTML page, shorter."""

from __future__ import annotations

import re
from pathlib import Path

from agentbench.outcome.taxonomy import CAUSE_INFO
from agentbench.report.compile import AttemptReport, Compilation, Tally, relative_href

MAX_TESTS_LISTED = 3
_PUNCTUATION = re.compile(r"[\\`*_\[\]<>|#]")


def _cell(value: object) -> str:
    """Plain text safe in a table cell or a heading: one line, Markdown and HTML punctuation escaped."""
    return _PUNCTUATION.sub(r"\\\g<0>", " ".join(str(value).split()))


def _code(value: object) -> str:
    """An inline code span that survives backticks in the text."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)



def _grid_cell(tally: Tally) -> str:
    infra = f" (+{tally.infrastructure} infra)" if tally.infrastructure else ""
    if not tally.attempts:
        return "–" + infra
    mark = "🟢" if tally.resolved == tally.attempts else "🟡" if (tally.mean_score or 0) > 0 else "🔴"
    return f"{mark} {tally.resolved}/{tally.attempts} · {tally.mean_score_text}{infra}"


def _attempt(a: AttemptReport, base: Path) -> list[str]:
    r = a.result
    lines = [f"### {_cell(r.task)} #{r.attempt} — {_cell(a.ref.model)}: {r.outcome}" + (f" / `{r.cause}`" if r.cause else ""), ""]
    if r.detail:
        lines.append(f"**{_cell(r.detail)}**  ")
    missed, reached = a.milestones_missed, a.milestones_reached
    lines += [
        f"- run `{r.run_id}`, score {r.score:.2f}, tests {r.tests.passed}/{r.tests.total} passed, {r.steps} steps",
        f"- milestones reached: {', '.join(reached) or 'none'}; not reached: {', '.join(missed) or 'none'}",
        f"- workspace: {_cell(a.workspace_summary)}",
    ]
    if a.signatures:
        lines.append("- signatures: " + ", ".join(_code(s.text) for s in a.signatures))
    for test in r.failed_tests[:MAX_TESTS_LISTED]:
        lines.append(f"- failing {_code(test.id)} ({_cell(test.milestone or 'no milestone')})")
    if len(r.failed_tests) > MAX_TESTS_LISTED:
        lines.append(f"- … and {len(r.failed_tests) - MAX_TESTS_LISTED} more failing tests")
    links = [f"[{label}]({relative_href(path, base)})" for label, path in (
        ("trajectory.jsonl", a.trajectory), ("workspace.diff", a.diff), ("result.json", a.result_file),
    ) if path is not None]
    lines.append("- " + " · ".join(links))
    if a.last_errors:
        lines += ["", "<details><summary>last error lines</summary>", "", _fenced("\n".join(a.last_errors)), "", "</details>"]
    if a.steps:
        steps = "\n\n".join(f"[step {s.step}] {s.title}\n{s.body}" for s in a.steps)
        lines += ["", "<details><summary>last steps</summary>", "", _fenced(steps), "", "</details>"]
    return lines + [""]


def render_markdown(compilation: Compilation, base: Path, top: int = 10) -> str:
    """base is the folder the file will be written to (links are made relative to it)."""
    c = compilation
    out = [
        "# agentbench report", "",
        f"Runs {', '.join(f'`{r}`' for r in c.runs)}: {c.total.attempts} scored attempts, {c.total.resolved} resolved, "
        f"mean score {c.total.mean_score_text}, {len(c.failed)} failed, {c.total.infrastructure} infrastructure errors (not scored).", "",
        "## Pass grid", "",
        _table(["task \\ model", *[_cell(m) for m in c.models]], [
            [_cell(t), *[_grid_cell(c.grid[(t, m)]) for m in c.models]] for t in c.tasks
        ] + [["**all tasks**", *[_grid_cell(c.by_model[m]) for m in c.models]]]),
        "", "## Causes", "",
    ]
    if c.causes:
        out.append(_table(["cause", "source", "total", *[_cell(m) for m in c.models], "meaning"], [
            [f"`{cause}`", str(CAUSE_INFO[cause][0]), f"**{c.total.causes[cause]}**",
             *[str(c.by_model[m].causes[cause] or "") for m in c.models], _cell(CAUSE_INFO[cause][1])]
            for cause in c.causes
        ]))
    else:
        out.append("No failures.")
    out += ["", f"## Top failure signatures ({min(top, len(c.signatures))} of {len(c.signatures)})", ""]
    if c.signatures:
        out.append(_table(["#", "attempts", "tests", "signature", "milestone", "tasks", "models"], [
            [str(rank), str(len(e.attempts)), str(e.tests), _code(e.signature.text), _cell(e.signature.milestone or "(build)"),
             _cell(", ".join(e.tasks)), _cell(", ".join(e.models))]
            for rank, e in enumerate(c.signatures[:top], 1)
        ]))
    else:
        out.append("No failed tests to group.")
    out += ["", f"## Failed attempts ({len(c.failed)})", ""]
    for attempt in c.failed:
        out += _attempt(attempt, base)
    if not c.failed:
        out += ["Every scored attempt was resolved.", ""]
    if c.infrastructure:
        out += [f"## Infrastructure errors ({len(c.infrastructure)}), not counted against any model", ""]
        for attempt in c.infrastructure:
            out += _attempt(attempt, base)
    return "\n".join(out).rstrip() + "\n"
