"""Comparing two sets of attempts (two runs, or two models): flips, a paired test, and deltas.

Attempts are paired by task and attempt number (for two runs), or by task and their order (for two
models gathered over several runs). Pairs where either side had an infrastructure error are left out.
The paired test is McNemar's exact test: under "no difference", each discordant pair (a flip) is
equally likely to go either way, so the regressions among n flips follow Binomial(n, 1/2).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Literal

from agentbench.store.metrics import Attempt, Summary, summarize

DEFAULT_ALPHA = 0.05
Pairing = Literal["attempt", "order"]


def mcnemar_exact(regressions: int, improvements: int) -> float:
    """Two-sided exact McNemar p-value for b and c discordant pairs: 2 * P(X <= min(b, c)), X ~ Bin(b + c, 1/2)."""
    n = regressions + improvements
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(regressions, improvements) + 1))
    return min(1.0, 2 * tail / 2**n)


@dataclass
class Flip:
    task: str
    pair: int  # the attempt number, or the attempt's rank within the task when pairing by order
    a_run: str
    b_run: str
    a_score: float
    b_score: float


@dataclass
class TaskChange:
    task: str
    a: Summary | None
    b: Summary | None
    pairs: int = 0
    regressions: list[Flip] = field(default_factory=list)  # resolved in A, not in B
    improvements: list[Flip] = field(default_factory=list)
    mean_score_delta: float | None = None  # B - A over this task's pairs

    @property
    def status(self) -> str:
        if self.a is None or self.b is None:
            return "only in A" if self.b is None else "only in B"
        if len(self.regressions) != len(self.improvements):
            return "regressed" if len(self.regressions) > len(self.improvements) else "improved"
        return "mixed" if self.regressions else "same"


@dataclass
class Comparison:
    a_name: str
    b_name: str
    a: Summary
    b: Summary
    tasks: list[TaskChange]
    pairs: int  # matched pairs with no infrastructure error on either side
    unpaired: int  # attempts left out: no partner, or an infrastructure error on either side
    p_value: float
    alpha: float
    mean_score_delta: float | None  # B - A over the pairs

    @property
    def regressions(self) -> list[Flip]:
        return [f for t in self.tasks for f in t.regressions]

    @property
    def improvements(self) -> list[Flip]:
        return [f for t in self.tasks for f in t.improvements]

    @property
    def significant(self) -> bool:
        return self.p_value < self.alpha

    @property
    def regressed(self) -> bool:
        """A significant change from A to B, for the worse."""
        return self.significant and len(self.regressions) > len(self.improvements)

    def delta(self, total: str) -> float | None:
        """B - A per scored attempt, for the Summary total named (tokens, cost_usd, time_sec, ...)."""
        a, b = self.a.per_attempt(getattr(self.a, total)), self.b.per_attempt(getattr(self.b, total))
        return None if a is None or b is None else b - a

    def to_dict(self) -> dict:
        return {
            "a": {"name": self.a_name, **self.a.to_dict()},
            "b": {"name": self.b_name, **self.b.to_dict()},
            "pairs": self.pairs,
            "unpaired": self.unpaired,
            "regressions": [asdict(f) for f in self.regressions],
            "improvements": [asdict(f) for f in self.improvements],
            "p_value": self.p_value,
            "alpha": self.alpha,
            "significant": self.significant,
            "regressed": self.regressed,
            "mean_score_delta": self.mean_score_delta,
            "pass_rate_delta": _minus(self.b.pass_rate, self.a.pass_rate),
            "cost_usd_per_attempt_delta": self.delta("cost_usd"),
            "time_sec_per_attempt_delta": self.delta("time_sec"),
            "tokens_per_attempt_delta": self.delta("tokens"),
            "tasks": [
                {
                    "task": t.task, "status": t.status, "pairs": t.pairs,
                    "a_pass_rate": t.a.pass_rate if t.a else None, "b_pass_rate": t.b.pass_rate if t.b else None,
                    "a_mean_score": t.a.mean_score if t.a else None, "b_mean_score": t.b.mean_score if t.b else None,
                    "mean_score_delta": t.mean_score_delta,
                    "regressions": len(t.regressions), "improvements": len(t.improvements),
                }
                for t in self.tasks
            ],
        }


def _minus(b: float | None, a: float | None) -> float | None:
    return None if a is None or b is None else b - a


def _keyed(attempts: list[Attempt], pairing: Pairing) -> dict[tuple[str, int], Attempt]:
    if pairing == "attempt":
        return {(a.task, a.attempt): a for a in attempts}
    rank: dict[str, int] = defaultdict(int)
    out = {}
    for a in attempts:  # in the caller's order: oldest run first
        rank[a.task] += 1
        out[(a.task, rank[a.task])] = a
    return out


def compare(
    a: list[Attempt], b: list[Attempt], *, a_name: str = "A", b_name: str = "B", alpha: float = DEFAULT_ALPHA, pairing: Pairing = "attempt",
) -> Comparison:
    keyed_a, keyed_b = _keyed(a, pairing), _keyed(b, pairing)
    by_task_a, by_task_b = defaultdict(list), defaultdict(list)
    for x in a:
        by_task_a[x.task].append(x)
    for x in b:
        by_task_b[x.task].append(x)
    changes = {
        task: TaskChange(task, summarize(by_task_a[task]) if task in by_task_a else None, summarize(by_task_b[task]) if task in by_task_b else None)
        for task in sorted(set(by_task_a) | set(by_task_b))
    }
    deltas: dict[str, list[float]] = defaultdict(list)
    pairs = 0
    for key in sorted(set(keyed_a) & set(keyed_b)):
        x, y = keyed_a[key], keyed_b[key]
        if not (x.counted and y.counted):
            continue
        pairs += 1
        change = changes[key[0]]
        change.pairs += 1
        deltas[key[0]].append(y.score - x.score)
        if x.resolved != y.resolved:
            flip = Flip(key[0], key[1], x.run_id, y.run_id, x.score, y.score)
            (change.regressions if x.resolved else change.improvements).append(flip)
    for task, values in deltas.items():
        changes[task].mean_score_delta = sum(values) / len(values)
    every_delta = [d for values in deltas.values() for d in values]
    tasks = list(changes.values())
    return Comparison(
        a_name=a_name, b_name=b_name, a=summarize(a), b=summarize(b), tasks=tasks, pairs=pairs,
        unpaired=len(a) + len(b) - 2 * pairs,
        p_value=mcnemar_exact(sum(len(t.regressions) for t in tasks), sum(len(t.improvements) for t in tasks)),
        alpha=alpha, mean_score_delta=sum(every_delta) / len(every_delta) if every_delta else None,
    )
