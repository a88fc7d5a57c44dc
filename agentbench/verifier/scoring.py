"""Scores from per-test results: milestones weighted as task.toml says."""

from __future__ import annotations

from pydantic import BaseModel

from agentbench.verifier.junit import TestResult

UNMARKED = "(unmarked)"


class TestCounts(BaseModel):
    __test__ = False

    total: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0


class MilestoneScore(BaseModel):
    name: str
    weight: float
    total: int
    passed: int

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.passed == self.total


def count(results: list[TestResult]) -> TestCounts:
    counts = TestCounts(total=len(results))
    for result in results:
        field = {"passed": "passed", "failed": "failed", "error": "errors", "skipped": "skipped"}[result.status]
        setattr(counts, field, getattr(counts, field) + 1)
    return counts


def milestone_scores(results: list[TestResult], weights: dict[str, float]) -> list[MilestoneScore]:
    """Per milestone, in task.toml's order; tests without a milestone form a group of weight 1."""
    scores = []
    groups = {**weights}
    if any(r.milestone not in weights for r in results):
        groups[UNMARKED] = 1.0
    for name, weight in groups.items():
        members = [r for r in results if (r.milestone if r.milestone in weights else UNMARKED) == name]
        scores.append(MilestoneScore(name=name, weight=weight, total=len(members), passed=sum(r.status == "passed" for r in members)))
    return scores


def score(milestones: list[MilestoneScore]) -> float:
    """Weighted fraction passed; a milestone with no test that ran counts as 0, not as absent."""
    total_weight = sum(m.weight for m in milestones)
    if total_weight == 0:
        return 0.0
    earned = sum(m.weight * (m.passed / m.total) for m in milestones if m.total)
    return round(earned / total_weight, 6)
