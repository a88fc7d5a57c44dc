"""Metrics over attempts: pass rates with Wilson intervals, pass@k and pass^k, score, usage and time.

Pure functions over `Attempt` rows, whatever they were read from (the store or run directories).
Attempts whose source is infrastructure are not the model's doing: they are left out of every
rate, mean and per-attempt figure, but counted (`infrastructure`) so that a report shows them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from agentbench.outcome.taxonomy import Source
from agentbench.result import Result

Z_95 = 1.959963984540054
DEFAULT_KS = (1, 2, 3, 5, 10, 20, 50, 100)


def model_label(agent: str, model: str | None) -> str:
    """What results are grouped and compared by: the model for the built-in agent, else the agent (and its model)."""
    if model and agent == "builtin":
        return model
    return f"{agent}:{model}" if model else agent


@dataclass(frozen=True)
class Attempt:
    run_id: str
    model: str  # a model_label, or a nightly's name for the model
    task: str
    attempt: int
    outcome: str
    resolved: bool
    score: float
    cause: str | None = None
    source: str | None = None
    tokens: int = 0  # input + output
    reasoning_tokens: int = 0
    cost_usd: float | None = 0.0  # None: the price of the model is unknown
    duration_sec: float = 0.0

    @property
    def counted(self) -> bool:
        return self.source != Source.INFRASTRUCTURE


def attempt_of(result: Result, model: str | None = None) -> Attempt:
    """A result.json as a metric row; model defaults to the result's model_label."""
    usage = result.usage
    return Attempt(
        run_id=result.run_id, model=model or model_label(result.agent, result.model), task=result.task, attempt=result.attempt,
        outcome=str(result.outcome), resolved=result.resolved, score=result.score,
        cause=None if result.cause is None else str(result.cause), source=None if result.source is None else str(result.source),
        tokens=usage.input_tokens + usage.output_tokens if usage else 0, reasoning_tokens=usage.reasoning_tokens if usage else 0,
        cost_usd=usage.cost_usd if usage else 0.0, duration_sec=result.duration_sec,
    )


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chance that at least one of k attempts drawn from n (c successes) succeeds: 1 - C(n-c,k)/C(n,k)."""
    _check(n, c, k)
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def pass_hat_k(n: int, c: int, k: int) -> float:
    """Chance that all k attempts drawn from n (c successes) succeed: C(c,k)/C(n,k)."""
    _check(n, c, k)
    return math.comb(c, k) / math.comb(n, k)


def _check(n: int, c: int, k: int) -> None:
    if not (0 <= c <= n and 1 <= k <= n):
        raise ValueError(f"need 0 <= c <= n and 1 <= k <= n (n={n}, c={c}, k={k})")


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion; (0, 1) when there is no observation."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exact at the ends, free of rounding
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


@dataclass
class Summary:
    attempts: int  # every attempt, infrastructure errors included
    scored: int  # attempts counted against the model
    infrastructure: int
    resolved: int
    pass_rate: float | None
    pass_rate_ci: tuple[float, float] | None
    mean_score: float | None
    pass_at: dict[int, float] = field(default_factory=dict)
    pass_hat: dict[int, float] = field(default_factory=dict)
    tokens: int = 0
    reasoning_tokens: int = 0
    cost_usd: float | None = 0.0  # None when any scored attempt's cost is unknown
    time_sec: float = 0.0
    causes: dict[str, int] = field(default_factory=dict)  # every attempt's cause, infrastructure included

    def per_attempt(self, total: float | None) -> float | None:
        return None if total is None or not self.scored else total / self.scored

    def per_solve(self, total: float | None) -> float | None:
        """What one resolved attempt costs, failed attempts' spending included."""
        return None if total is None or not self.resolved else total / self.resolved

    def to_dict(self) -> dict:
        data = asdict(self)
        data["pass_rate_ci"] = list(self.pass_rate_ci) if self.pass_rate_ci else None
        for name in ("tokens", "reasoning_tokens", "cost_usd", "time_sec"):
            value = getattr(self, name)
            data[f"{name}_per_attempt"] = self.per_attempt(value)
            data[f"{name}_per_solve"] = self.per_solve(value)
        return data


def summarize(attempts: Iterable[Attempt], ks: Iterable[int] = DEFAULT_KS) -> Summary:
    """Pooled figures over the attempts; pass@k and pass^k are means of the per-task estimators,
    for the k that every task has enough scored attempts for."""
    rows = list(attempts)
    scored = [a for a in rows if a.counted]
    resolved = sum(a.resolved for a in scored)
    by_task: dict[str, list[Attempt]] = defaultdict(list)
    for a in scored:
        by_task[a.task].append(a)
    n_min = min((len(v) for v in by_task.values()), default=0)
    pass_at, pass_hat = {}, {}
    for k in (k for k in ks if 1 <= k <= n_min):
        per_task = [(len(v), sum(a.resolved for a in v)) for v in by_task.values()]
        pass_at[k] = sum(pass_at_k(n, c, k) for n, c in per_task) / len(per_task)
        pass_hat[k] = sum(pass_hat_k(n, c, k) for n, c in per_task) / len(per_task)
    costs = [a.cost_usd for a in scored]
    return Summary(
        attempts=len(rows),
        scored=len(scored),
        infrastructure=len(rows) - len(scored),
        resolved=resolved,
        pass_rate=resolved / len(scored) if scored else None,
        pass_rate_ci=wilson_interval(resolved, len(scored)) if scored else None,
        mean_score=sum(a.score for a in scored) / len(scored) if scored else None,
        pass_at=pass_at,
        pass_hat=pass_hat,
        tokens=sum(a.tokens for a in scored),
        reasoning_tokens=sum(a.reasoning_tokens for a in scored),
        cost_usd=None if any(c is None for c in costs) else sum(costs),
        time_sec=sum(a.duration_sec for a in scored),
        causes=dict(Counter(a.cause for a in rows if a.cause)),
    )


@dataclass
class ModelMetrics:
    model: str
    overall: Summary
    tasks: dict[str, Summary]

    def to_dict(self) -> dict:
        return {"model": self.model, "overall": self.overall.to_dict(), "tasks": {t: s.to_dict() for t, s in self.tasks.items()}}


def by_model(attempts: Iterable[Attempt], ks: Iterable[int] = DEFAULT_KS) -> list[ModelMetrics]:
    """Per model: the overall summary and one per task, models and tasks in name order."""
    grouped: dict[str, dict[str, list[Attempt]]] = defaultdict(lambda: defaultdict(list))
    for a in attempts:
        grouped[a.model][a.task].append(a)
    ks = tuple(ks)
    out = []
    for model in sorted(grouped):
        tasks = grouped[model]
        every = [a for rows in tasks.values() for a in rows]
        out.append(ModelMetrics(model, summarize(every, ks), {t: summarize(tasks[t], ks) for t in sorted(tasks)}))
    return out
