"""What a nightly report shows, gathered from the store: the report modules only render it."""

from __future__ import annotations

from dataclasses import dataclass, field

from agentbench.store.compare import Comparison, compare
from agentbench.store.metrics import Attempt, ModelMetrics, by_model
from agentbench.store.store import Store

DEFAULT_TREND = 30


@dataclass
class ModelEntry:
    label: str  # the model's name in the nightly config
    run_id: str
    agent: str
    model: str | None
    metrics: ModelMetrics
    previous_run: str | None = None
    comparison: Comparison | None = None  # against the previous nightly of the same model


@dataclass
class TrendPoint:
    nightly: str
    model: str
    scored: int
    resolved: int
    mean_score: float | None

    @property
    def pass_rate(self) -> float | None:
        return self.resolved / self.scored if self.scored else None


@dataclass
class NightlyData:
    nightly: str
    alpha: float
    models: list[ModelEntry]
    trend: list[TrendPoint]
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def regressed(self) -> list[str]:
        return [m.label for m in self.models if m.comparison is not None and m.comparison.regressed]

    @property
    def tasks(self) -> list[str]:
        return sorted({a.task for a in self.attempts})


def nightly_data(store: Store, nightly: str, alpha: float, trend: int = DEFAULT_TREND) -> NightlyData:
    runs = store.nightly_runs(nightly)
    attempts = store.attempts(nightly=nightly)
    metrics = {m.model: m for m in by_model(attempts)}
    entries = []
    for run in runs:
        label = run["label"]
        if label not in metrics:
            continue  # a run whose attempts never reached the store
        entry = ModelEntry(label, run["run_id"], run["agent"], run["model"], metrics[label])
        entry.previous_run = store.previous_nightly_run(label, nightly)
        if entry.previous_run:
            mine = [a for a in attempts if a.run_id == run["run_id"]]
            entry.comparison = compare(
                store.attempts(run_ids=[entry.previous_run]), mine, a_name=entry.previous_run, b_name=run["run_id"], alpha=alpha,
            )
        entries.append(entry)
    points = [TrendPoint(r["nightly"], r["model"], r["scored"] or 0, r["resolved"] or 0, r["mean_score"]) for r in store.nightly_trend(trend)]
    return NightlyData(nightly, alpha, entries, points, attempts)
