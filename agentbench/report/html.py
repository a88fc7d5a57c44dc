"""The compilation as one self-contained HTML page: inline CSS, no script, nothing fetched; it works offline.

Sections (by id): pass-grid, causes, signatures, attempts. Links to an attempt's files are relative to the page.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from agentbench import __version__
from agentbench.outcome.taxonomy import CAUSE_INFO
from agentbench.report.compile import AttemptReport, Compilation, relative_href
from agentbench.report.signatures import SignatureCluster, headline

MAX_TESTS_SHOWN = 8

CSS = """
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --passed: #1a7f37; --partial: #9a6700; --failed: #cf222e; --error: #8250df; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--panel); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: #24292f; color: #fff; padding: 18px 32px 12px; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0 0 8px; color: #d1d9e0; }
nav a { color: #9ecbff; margin-right: 18px; text-decoration: none; }
main { max-width: 1400px; margin: 0 auto; padding: 8px 32px 32px; }
section { background: #fff; border: 1px solid var(--border); border-radius: 8px; padding: 14px 20px 18px; margin: 16px 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 0 0 6px; }
h4 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--border); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.count, th.count { text-align: center; font-variant-numeric: tabular-nums; }
th.model { max-width: 150px; }
td.cause { min-width: 260px; max-width: 380px; }
td.cell { text-align: center; min-width: 90px; font-variant-numeric: tabular-nums; }
td.cell b { font-size: 15px; }
td.cell small, .muted { color: var(--muted); }
td.empty { background: #fff; color: var(--muted); text-align: center; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; margin: 6px 0;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 340px; overflow-y: auto; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid transparent; }
.badge.passed { background: #dafbe1; color: var(--passed); }
.badge.partial { background: #fff8c5; color: var(--partial); }
.badge.failed { background: #ffebe9; color: var(--failed); }
.badge.error { background: #fbefff; color: var(--error); }
.badge.cause { background: #eaeef2; color: var(--fg); border-color: var(--border); font-family: ui-monospace, Menlo, Consolas, monospace; }
.card { border: 1px solid var(--border); border-left: 5px solid var(--muted); border-radius: 6px; padding: 12px 16px; margin: 14px 0; }
.card.partial { border-left-color: var(--partial); }
.card.failed { border-left-color: var(--failed); }
.card.error { border-left-color: var(--error); }
.card .detail { margin: 4px 0; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.ms { display: inline-block; margin-right: 10px; }
.ms.reached { color: var(--passed); }
.ms.missed { color: var(--failed); }
details { margin: 4px 0; }
summary { cursor: pointer; }
ol.steps { margin: 4px 0; padding-left: 22px; }
ol.steps li { margin-bottom: 4px; }
ol.steps pre { margin: 2px 0 0; padding: 4px 8px; }
.links a { margin-right: 14px; }
footer { color: var(--muted); text-align: center; font-size: 12px; padding: 8px; }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _breakable(name: str) -> str:
    """Escaped, with break opportunities after '/', '_' and '-' so long model names wrap in narrow headers."""
    return re.sub(r"([/_-])", r"\1<wbr>", _e(name))


def _link(target: Path | None, base: Path, label: str) -> str:
    if target is None:
        return f'<span class="muted">{_e(label)} (none)</span>'
    return f'<a href="{_e(relative_href(target, base))}">{_e(label)}</a>'


def _cell_colour(mean: float) -> str:
    """Red (0) through amber to green (1)."""
    return f"hsl({round(mean * 120)}, 70%, 86%)"



def _pass_grid(c: Compilation) -> str:
    head = "".join(f'<th class="model">{_breakable(m)}</th>' for m in c.models)
    rows = []
    for task in c.tasks:
        cells = []
        for model in c.models:
            tally = c.grid[(task, model)]
            infra = f"<br><small>+{tally.infrastructure} infra</small>" if tally.infrastructure else ""
            if tally.attempts == 0:
                cells.append(f'<td class="empty">–{infra}</td>')
                continue
            cells.append(
                f'<td class="cell" style="background:{_cell_colour(tally.mean_score)}" title="resolved/attempts, mean score">'
                f"<b>{tally.resolved}/{tally.attempts}</b><br><small>score {tally.mean_score_text}</small>{infra}</td>"
            )
        rows.append(f"<tr><th>{_e(task)}</th>{''.join(cells)}</tr>")
    totals = "".join(f'<td class="cell">{t.resolved}/{t.attempts}<br><small>score {t.mean_score_text}</small></td>' for t in c.by_model.values())
    return (
        '<section id="pass-grid"><h2>Pass grid</h2>'
        '<p class="muted">Resolved attempts / scored attempts, and the mean score, per task and model. '
        "Infrastructure errors are not scored.</p>"
        f'<div class="scroll"><table><thead><tr><th>task \\ model</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}<tr><th>all tasks</th>{totals}</tr></tbody></table></div></section>"
    )


def _causes(c: Compilation) -> str:
    head = "".join(f'<th class="count model">{_breakable(m)}</th>' for m in c.models)
    rows = []
    for cause in c.causes:
        source, meaning = CAUSE_INFO[cause]
        counts = "".join(f'<td class="count">{c.by_model[m].causes[cause] or ""}</td>' for m in c.models)
        rows.append(
            f'<tr><td class="cause"><span class="badge cause">{_e(cause)}</span><br><small class="muted">{_e(meaning)}</small></td>'
            f'<td>{_e(source)}</td><td class="count"><b>{c.total.causes[cause]}</b></td>{counts}</tr>'
        )
    body = "".join(rows) or f'<tr><td colspan="{3 + len(c.models)}">no failures</td></tr>'
    return (
        '<section id="causes"><h2>Causes</h2>'
        f'<p class="muted">Why attempts were not resolved: {c.total.attempts} scored attempts, {c.total.resolved} resolved; '
        f"{c.total.infrastructure} infrastructure errors, counted here but in no score.</p>"
        f'<div class="scroll"><table><thead><tr><th>cause</th><th>source</th><th class="count">total</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></section>"
    )


def _example(entry: SignatureCluster) -> str:
    """One raw message, when folding changed it."""
    if entry.example == entry.signature.message:
        return ""
    return f'<br><small class="muted">e.g. {_e(entry.example)}</small>'


def _signatures(c: Compilation, top: int) -> str:
    rows = []
    for rank, entry in enumerate(c.signatures[:top], 1):
        attempts = " ".join(f'<a href="#{_e(a.anchor)}">{_e(a.label)}</a>' for a in entry.attempts)
        rows.append(
            f'<tr><td class="num">{rank}</td><td class="num">{len(entry.attempts)}</td><td class="num">{entry.tests}</td>'
            f"<td><code>{_e(entry.signature.text)}</code>{_example(entry)}</td>"
            f"<td>{_e(entry.signature.milestone or '(build)')}</td><td>{_e(', '.join(entry.tasks))}</td>"
            f"<td>{_e(', '.join(entry.models))}</td><td>{attempts}</td></tr>"
        )
    if not rows:
        return '<section id="signatures"><h2>Top failure signatures</h2><p>No failed tests to group.</p></section>'
    return (
        f'<section id="signatures"><h2>Top failure signatures ({len(rows)} of {len(c.signatures)})</h2>'
        '<p class="muted">Failed tests grouped by milestone, exception type and message with numbers, addresses, paths '
        "and long strings folded; ranked by the number of attempts they hit.</p>"
        '<div class="scroll"><table><thead><tr><th class="num">#</th><th class="num">attempts</th><th class="num">tests</th>'
        "<th>signature</th><th>milestone</th><th>tasks</th><th>models</th><th>where</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _facts(a: AttemptReport) -> str:
    r = a.result
    milestones = " ".join(
        f'<span class="ms {"reached" if m.reached else "missed"}">{"✓" if m.reached else "✗"} {_e(m.name)} '
        f'<small class="muted">{m.passed}/{m.total}</small></span>'
        for m in r.milestones
    ) or '<span class="muted">none</span>'
    usage = f", {r.usage.input_tokens} in / {r.usage.output_tokens} out tokens" if r.usage else ""
    timing = f"{r.agent_duration_sec:.1f} s working, {r.duration_sec:.0f} s in all" if r.agent_duration_sec is not None else f"{r.duration_sec:.0f} s in all"
    signatures = "<br>".join(f"<code>{_e(s.text)}</code>" for s in a.signatures)
    return (
        '<dl class="facts">'
        f"<dt>score</dt><dd>{r.score:.2f} · tests {r.tests.passed}/{r.tests.total} passed</dd>"
        f"<dt>milestones</dt><dd>{milestones}</dd>"
        f"<dt>workspace</dt><dd>{_e(a.workspace_summary)}</dd>"
        f"<dt>agent</dt><dd>{_e(r.agent)}, {r.steps} step{'s' if r.steps != 1 else ''}, {timing}{usage}</dd>"
        f"{f'<dt>signatures</dt><dd>{signatures}</dd>' if signatures else ''}</dl>"
    )


def _failing_tests(a: AttemptReport) -> str:
    tests = a.result.failed_tests
    if not tests:
        return ""
    items = []
    for index, test in enumerate(tests[:MAX_TESTS_SHOWN]):
        what = f"{test.error_type}: {headline(test)}" if test.error_type else headline(test)
        items.append(
            f"<details{' open' if index == 0 else ''}><summary><code>{_e(test.id)}</code> "
            f'<span class="muted">[{_e(test.milestone or "no milestone")}]</span> {_e(what)}</summary>'
            f"<pre>{_e(test.excerpt or test.message or '(no output)')}</pre></details>"
        )
    more = f'<p class="muted">… and {len(tests) - MAX_TESTS_SHOWN} more failing tests</p>' if len(tests) > MAX_TESTS_SHOWN else ""
    return f"<h4>Failing tests ({len(tests)})</h4>{''.join(items)}{more}"


def _steps(a: AttemptReport) -> str:
    if not a.steps:
        return ""
    items = "".join(
        f"<li><b>{'step ' + str(s.step) + ' · ' if s.step is not None else ''}{_e(s.title)}</b><pre>{_e(s.body or '(empty)')}</pre></li>"
        for s in a.steps
    )
    return f"<h4>Last steps</h4><ol class=\"steps\">{items}</ol>"


def _card(a: AttemptReport, base: Path) -> str:
    r = a.result
    cause = f' <span class="badge cause">{_e(r.cause)}</span>' if r.cause else ""
    meaning = f'<p class="muted">{_e(CAUSE_INFO[r.cause][1])}</p>' if r.cause else ""
    detail = f'<p class="detail">{_e(r.detail)}</p>' if r.detail else ""
    links = " ".join((
        _link(a.trajectory, base, "trajectory.jsonl"), _link(a.diff, base, "workspace.diff"), _link(a.result_file, base, "result.json"),
    ))
    return (
        f'<article class="card {_e(r.outcome)}" id="{_e(a.ref.anchor)}">'
        f'<h3><span class="badge {_e(r.outcome)}">{_e(r.outcome)}</span>{cause} {_e(r.task)} #{r.attempt} — {_e(a.ref.model)} '
        f'<small class="muted">run {_e(r.run_id)}</small></h3>'
        f"{detail}{meaning}{_facts(a)}{_failing_tests(a)}{_steps(a)}"
        f'<p class="links">{links}</p></article>'
    )


def _attempts(c: Compilation, base: Path) -> str:
    failed = "".join(_card(a, base) for a in c.failed) or "<p>Every scored attempt was resolved.</p>"
    infra = ""
    if c.infrastructure:
        infra = (
            f"<h2>Infrastructure errors ({len(c.infrastructure)})</h2>"
            '<p class="muted">Not counted against any model.</p>' + "".join(_card(a, base) for a in c.infrastructure)
        )
    return f'<section id="attempts"><h2>Failed attempts ({len(c.failed)})</h2>{failed}{infra}</section>'


def render_html(compilation: Compilation, base: Path, top: int = 10) -> str:
    """The page; base is the folder it will be written to (links are made relative to it)."""
    c = compilation
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>agentbench report: {_e(', '.join(c.runs))}</title><style>{CSS}</style></head><body>"
        f"<header><h1>agentbench report</h1><p>runs {_e(', '.join(c.runs))} · {c.total.attempts} scored attempts, "
        f"{c.total.resolved} resolved, mean score {c.total.mean_score_text} · {len(c.failed)} failed · {c.total.infrastructure} infrastructure errors</p>"
        '<nav><a href="#pass-grid">Pass grid</a><a href="#causes">Causes</a><a href="#signatures">Signatures</a>'
        '<a href="#attempts">Failed attempts</a></nav></header>'
        f"<main>{_pass_grid(c)}{_causes(c)}{_signatures(c, top)}{_attempts(c, base)}</main>"
        f"<footer>agentbench {_e(__version__)} · generated {_e(generated)}</footer></body></html>\n"
    )
