"""The nightly report's charts, drawn with matplotlib and returned as inline SVG (the page works offline).

Figures are made without pyplot, on their own Agg canvas: no global backend switch, no shared state."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from agentbench.outcome.taxonomy import Cause, Source, source_of
from agentbench.store.metrics import wilson_interval
from agentbench.store.nightly_data import ModelEntry, TrendPoint

_STYLE = {
    "svg.fonttype": "none", "svg.hashsalt": "agentbench", "font.size": 9, "axes.spines.top": False,
    "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
}
PASSED = "passed"
PASSED_COLOR = "#2ca02c"
_CAUSE_COLORS = [  # no green: green means passed
    "#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#1f77b4",
    "#ff9896", "#ffbb78", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5",
]


def cause_color(cause: str) -> str:
    """The same colour for a cause in every report; grey for causes that are not the model's."""
    try:
        known = Cause(cause)
    except ValueError:
        return "#bbbbbb"
    if source_of(known) == Source.INFRASTRUCTURE:
        return "#7f7f7f"
    return _CAUSE_COLORS[list(Cause).index(known) % len(_CAUSE_COLORS)]


def _figure(plot: tuple[float, float], left: float = 0.7, right: float = 0.2, bottom: float = 0.5, top: float = 0.35) -> Figure:
    """A plot area of the given size in inches, with margins in inches (sized here from the labels:
    cheaper than bbox_inches="tight", which draws every figure twice)."""
    width, height = plot[0] + left + right, plot[1] + bottom + top
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    return fig


def _legend_width(names: list[str]) -> float:
    return 0.8 + 0.075 * max((len(n) for n in names), default=0)


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return re.sub(r"^.*?(<svg\b)", r"\1", text, count=1, flags=re.S)  # no XML prolog inside HTML


def _short(nightly: str) -> str:
    """20261129-063000 -> 11-29 06:30"""
    return f"{nightly[4:6]}-{nightly[6:8]} {nightly[9:11]}:{nightly[11:13]}" if len(nightly) >= 13 else nightly


def trend_chart(points: list[TrendPoint]) -> str:
    """Pass rate per model over the past nightlies, with 95% Wilson bands."""
    with matplotlib.rc_context(_STYLE):
        fig = _figure((5.5, 2.4), right=_legend_width([p.model for p in points]), bottom=0.75)
        ax = fig.add_subplot()
        nightlies = sorted({p.nightly for p in points})
        index = {n: i for i, n in enumerate(nightlies)}
        series: dict[str, list[TrendPoint]] = defaultdict(list)
        for p in points:
            if p.scored:
                series[p.model].append(p)
        for model in sorted(series):
            pts = series[model]
            xs = [index[p.nightly] for p in pts]
            bands = [wilson_interval(p.resolved, p.scored) for p in pts]
            line = ax.plot(xs, [100 * p.pass_rate for p in pts], marker="o", label=model)[0]
            ax.fill_between(xs, [100 * lo for lo, _ in bands], [100 * hi for _, hi in bands], color=line.get_color(), alpha=0.12)
        step = max(1, -(-len(nightlies) // 12))  # at most 12 dates on the axis
        ticks = list(range(len(nightlies)))[::-1][::step][::-1]  # the latest always labelled
        ax.set_xticks(ticks, [_short(nightlies[i]) for i in ticks], rotation=30, ha="right")
        ax.set_xlim(-0.5, max(len(nightlies) - 0.5, 0.5))
        ax.set_ylim(-3, 103)
        ax.set_ylabel("pass rate (%)")
        ax.set_title("Pass rate per model over the nightlies (bands: 95% Wilson)")
        if series:
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        return _svg(fig)


def cost_score_chart(models: list[ModelEntry]) -> str:
    """Mean score against cost per attempt; models without a known price are named in a note."""
    with matplotlib.rc_context(_STYLE):
        fig = _figure((5.0, 2.4), right=0.3)
        ax = fig.add_subplot()
        unknown = []
        points: dict[tuple[float, float], list[str]] = defaultdict(list)  # models on the same point share one label
        for m in models:
            s = m.metrics.overall
            cost = s.per_attempt(s.cost_usd)
            if cost is None or s.mean_score is None:
                unknown.append(m.label)
                continue
            points[(round(cost, 9), round(s.mean_score, 6))].append(m.label)
        for (cost, score), labels in points.items():
            ax.scatter([cost], [score], s=40)
            ax.annotate(", ".join(labels), (cost, score), textcoords="offset points", xytext=(5, 4), fontsize=8)
        ax.set_xlabel("cost per attempt (USD)")
        ax.set_ylabel("mean score")
        ax.set_ylim(-0.05, 1.05)
        top_cost = max((cost for cost, _ in points), default=0.0)
        ax.set_xlim(0, top_cost * 1.3 or 1.0)  # room for the labels right of the points
        ax.set_title("Score against cost")
        if unknown:
            ax.text(0.99, 0.02, "no price: " + ", ".join(unknown), transform=ax.transAxes, ha="right", fontsize=7, color="0.4")
        return _svg(fig)


def cause_chart(models: list[ModelEntry]) -> str:
    """Per model, how its attempts ended: passed, or the cause of the failure (stacked, in attempts)."""
    with matplotlib.rc_context(_STYLE):
        labels = [m.label for m in models]
        causes = sorted({c for m in models for c in m.metrics.overall.causes})
        fig = _figure((4.5, 0.4 * max(len(models), 1)), left=_legend_width(labels), right=_legend_width([PASSED, *causes]), top=0.3)
        ax = fig.add_subplot()
        mixes = []
        for m in models:
            s = m.metrics.overall
            mix = dict(s.causes)
            passed = s.attempts - sum(mix.values())
            if passed:
                mix[PASSED] = passed
            mixes.append(mix)
        names = [PASSED] + sorted({c for mix in mixes for c in mix} - {PASSED})
        left = [0] * len(models)
        for name in names:
            widths = [mix.get(name, 0) for mix in mixes]
            if not any(widths):
                continue
            ax.barh(labels, widths, left=left, label=name, color=PASSED_COLOR if name == PASSED else cause_color(name))
            left = [a + b for a, b in zip(left, widths)]
        ax.invert_yaxis()
        ax.set_xlabel("attempts")
        ax.set_title("How attempts ended")
        ax.grid(axis="y", visible=False)
        if models:
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
        return _svg(fig)
