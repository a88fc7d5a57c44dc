"""The nightly report as Markdown and as one self-contained HTML page (charts inline, no network needed).

Both are rendered from the same list of sections, so they always say the same thing."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from agentbench.rundir import write_atomic
from agentbench.report.nightly_charts import cause_chart, cost_score_chart, trend_chart
from agentbench.store.fmt import interval, num, pct, seconds, signed, tokens, usd
from agentbench.store.nightly_data import NightlyData
from agentbench.store.metrics import Summary


@dataclass
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: str | None = None  # inline SVG, HTML only


def _capped(items: list[str], limit: int = 20) -> str:
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def _common_k(data: NightlyData) -> int | None:
    ks = [set(m.metrics.overall.pass_at) for m in data.models]
    common = set.intersection(*ks) if ks else set()
    return max(common) if common else None


def _model_row(label: str, s: Summary, k: int | None) -> list[str]:
    return [
        label, f"{pct(s.pass_rate)} ({interval(s.pass_rate_ci)})", num(s.mean_score),
        pct(s.pass_at.get(1)), pct(s.pass_at.get(k)) if k else "-", pct(s.pass_hat.get(k)) if k else "-",
        tokens(s.per_attempt(s.tokens)), tokens(s.per_attempt(s.reasoning_tokens)), usd(s.per_attempt(s.cost_usd)),
        usd(s.per_solve(s.cost_usd)) if s.resolved else "-", seconds(s.per_attempt(s.time_sec)), seconds(s.per_solve(s.time_sec)),
        f"{s.infrastructure}/{s.attempts}",
    ]


def sections(data: NightlyData, charts: bool = True) -> list[Section]:
    k = _common_k(data)
    out = []
    headline = Section(f"agentbench nightly {data.nightly}")
    headline.notes.append(
        f"{len(data.models)} models × {len(data.tasks)} tasks ({_capped(data.tasks, 10)}); {len(data.attempts)} attempts. "
        "Attempts that failed for infrastructure reasons are counted but never held against a model."
    )
    for label in data.regressed:
        c = next(m.comparison for m in data.models if m.label == label)
        headline.notes.append(
            f"REGRESSION: {label} is significantly worse than in the previous nightly "
            f"({len(c.regressions)} passed→failed, {len(c.improvements)} failed→passed, p = {c.p_value:.3g} < {data.alpha:g})."
        )
    if not data.regressed:
        headline.notes.append(f"No significant regression against the previous nightly (McNemar exact test, alpha {data.alpha:g}).")
    out.append(headline)
    out.append(Section(
        "Models",
        ["model", "pass rate (95% CI)", "mean score", "pass@1", f"pass@{k or 'k'}", f"pass^{k or 'k'}", "tokens/attempt",
         "reasoning/attempt", "cost/attempt", "cost/solve", "time/attempt", "time/solve", "infra errors"],
        [_model_row(m.label, m.metrics.overall, k) for m in data.models],
        ["Cost '?' means the model has no price in the price table. Per solve: the total over all attempts divided by the resolved ones."],
    ))
    versus = Section("Against the previous nightly", [
        "model", "run", "previous run", "pairs", "passed→failed", "failed→passed", "p", "Δ pass rate", "Δ mean score",
        "Δ cost/attempt", "Δ time/attempt", "verdict"])
    for m in data.models:
        c = m.comparison
        if c is None:
            versus.rows.append([m.label, m.run_id, "(first nightly)"] + ["-"] * 9)
            continue
        verdict = "REGRESSION" if c.regressed else ("improvement" if c.significant else "no significant change")
        delta_rate = None if c.a.pass_rate is None or c.b.pass_rate is None else (c.b.pass_rate - c.a.pass_rate) * 100
        versus.rows.append([
            m.label, m.run_id, m.previous_run or "", str(c.pairs), str(len(c.regressions)), str(len(c.improvements)), f"{c.p_value:.3g}",
            signed(delta_rate, 0, " pts"), signed(c.mean_score_delta), signed(c.delta("cost_usd"), 4), signed(c.delta("time_sec"), 1, " s"), verdict,
        ])
        for direction, flips in (("passed → failed", c.regressions), ("failed → passed", c.improvements)):
            if flips:
                versus.notes.append(f"{m.label}, {direction}: {_capped([f'{f.task}#{f.pair}' for f in flips])}")
    out.append(versus)
    labels = [m.label for m in data.models]
    trended = sorted({p.model for p in data.trend})  # models of past nightlies too
    trend = Section("Trend", ["nightly"] + trended, chart=trend_chart(data.trend) if charts else None)
    for nightly in sorted({p.nightly for p in data.trend}):
        rates = {p.model: p for p in data.trend if p.nightly == nightly}
        trend.rows.append([nightly] + [f"{pct(rates[m].pass_rate)} ({rates[m].resolved}/{rates[m].scored})" if m in rates else "-" for m in trended])
    out.append(trend)
    if charts:
        out.append(Section("Score against cost", chart=cost_score_chart(data.models)))
    per_task = Section("Per task", ["task"] + labels, notes=["Each cell: resolved/scored attempts, mean score."])
    for task in data.tasks:
        cells = []
        for m in data.models:
            s = m.metrics.tasks.get(task)
            cells.append(f"{s.resolved}/{s.scored} · {num(s.mean_score)}" if s else "-")
        per_task.rows.append([task] + cells)
    out.append(per_task)
    causes = sorted({c for m in data.models for c in m.metrics.overall.causes})
    mix = Section("How attempts ended", ["model", "passed"] + causes, chart=cause_chart(data.models) if charts else None)
    for m in data.models:
        s = m.metrics.overall
        mix.rows.append([m.label, str(s.attempts - sum(s.causes.values()))] + [str(s.causes.get(c, 0)) for c in causes])
    out.append(mix)
    return out


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(data: NightlyData) -> str:
    lines = []
    for i, section in enumerate(sections(data, charts=False)):
        lines += [f"{'#' if i == 0 else '##'} {section.title}", ""]
        if section.headers:
            lines.append("| " + " | ".join(_md_cell(h) for h in section.headers) + " |")
            lines.append("|" + "---|" * len(section.headers))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
            lines.append("")
        bullet = "" if i == 0 else "- "
        lines += [f"{bullet}{note}" for note in section.notes]
        if section.notes:
            lines.append("")
    return "\n".join(lines)


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; white-space: nowrap; }
.table { overflow-x: auto; }
th { background: #f3f3f3; }
.regression { background: #fde2e2; border-left: 4px solid #c00; padding: 0.5em 1em; }
.chart svg { max-width: 100%; height: auto; }
.note { color: #555; }
"""


def render_html(data: NightlyData) -> str:
    parts = []
    secs = sections(data)
    for i, section in enumerate(secs):
        e = html.escape
        parts.append(f"<h1>{e(section.title)}</h1>" if i == 0 else f"<h2>{e(section.title)}</h2>")
        if section.chart:
            parts.append(f'<div class="chart">{section.chart}</div>')
        if section.headers:
            head = "".join(f"<th>{e(h)}</th>" for h in section.headers)
            body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in section.rows)
            parts.append(f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')
        for note in section.notes:
            css = "regression" if note.startswith("REGRESSION") else "note"
            parts.append(f'<p class="{css}">{e(note)}</p>')
    title = html.escape(secs[0].title)
    return f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>{_CSS}</style></head>\n<body>\n' + "\n".join(parts) + "\n</body></html>\n"


def write_report(data: NightlyData, report_dir: Path) -> tuple[Path, Path]:
    """report_dir/nightly-<id>.html and .md (the id is the nightly's UTC start, so the names are dated)."""
    report_dir.mkdir(parents=True, exist_ok=True)
    html_file, md_file = report_dir / f"nightly-{data.nightly}.html", report_dir / f"nightly-{data.nightly}.md"
    for file, text in ((html_file, render_html(data)), (md_file, render_markdown(data))):
        write_atomic(file, text)
        file.chmod(0o644)  # a report is for reading, e.g. served by CI as an artifact
    return html_file, md_file
