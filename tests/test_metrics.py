"""Metrics against values computed by hand."""

from __future__ import annotations

import pytest

from agentbench.result import Usage
from agentbench.store.metrics import attempt_of, by_model, model_label, pass_at_k, pass_hat_k, summarize, wilson_interval
from tests.store_helpers import attempt, result


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (5, 2, 1, 0.4),  # c/n
        (5, 2, 2, 0.7),  # 1 - C(3,2)/C(5,2) = 1 - 3/10
        (5, 2, 3, 0.9),  # 1 - C(3,3)/C(5,3) = 1 - 1/10
        (5, 2, 4, 1.0),  # fewer than k failures: some draw must succeed
        (10, 0, 5, 0.0),
        (10, 3, 2, 1 - 21 / 45),  # C(7,2)=21, C(10,2)=45
    ],
)
def test_pass_at_k(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (5, 2, 1, 0.4),
        (5, 2, 2, 0.1),  # C(2,2)/C(5,2) = 1/10
        (5, 2, 3, 0.0),  # cannot draw 3 successes out of 2
        (10, 7, 3, 35 / 120),  # C(7,3)=35, C(10,3)=120
        (4, 4, 4, 1.0),
    ],
)
def test_pass_hat_k(n, c, k, expected):
    assert pass_hat_k(n, c, k) == pytest.approx(expected)


def test_pass_at_k_rejects_impossible_counts():
    for n, c, k in ((3, 4, 1), (3, 1, 4), (3, 1, 0)):
        with pytest.raises(ValueError):
            pass_at_k(n, c, k)


def test_wilson_interval_matches_hand_computation():
    # 8/10: centre (0.8 + z²/20) / (1 + z²/10) = 0.71674, half-width 0.22658
    low, high = wilson_interval(8, 10)
    assert (low, high) == (pytest.approx(0.49016, abs=1e-4), pytest.approx(0.94332, abs=1e-4))
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.27753, abs=1e-4))
    assert wilson_interval(10, 10) == (pytest.approx(0.72247, abs=1e-4), 1.0)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_summary_excludes_infrastructure_but_counts_it():
    rows = [
        attempt("a", 1, resolved=True, tokens=1000, reasoning=100, cost=0.5, duration=10),
        attempt("a", 2, resolved=False, score=0.5, tokens=3000, reasoning=300, cost=1.5, duration=30),
        attempt("a", 3, resolved=False, source="infrastructure", cause="sandbox_error", tokens=99999, cost=99.0, duration=999),
    ]
    s = summarize(rows)
    assert (s.attempts, s.scored, s.infrastructure, s.resolved) == (3, 2, 1, 1)
    assert s.pass_rate == 0.5 and s.mean_score == pytest.approx(0.75)
    assert s.pass_rate_ci == wilson_interval(1, 2)
    assert (s.tokens, s.reasoning_tokens, s.cost_usd, s.time_sec) == (4000, 400, 2.0, 40)
    assert s.per_attempt(s.cost_usd) == 1.0 and s.per_solve(s.cost_usd) == 2.0
    assert s.per_attempt(s.tokens) == 2000 and s.per_solve(s.time_sec) == 40
    assert s.causes == {"tests_failed": 1, "sandbox_error": 1}
    assert s.pass_at == {1: 0.5, 2: 1.0} and s.pass_hat == {1: 0.5, 2: 0.0}


def test_pass_at_k_overall_is_the_mean_over_tasks_for_k_every_task_has():
    rows = [attempt("a", i, resolved=i <= 2) for i in range(1, 5)]  # 2 of 4
    rows += [attempt("b", i, resolved=i == 1) for i in range(1, 4)]  # 1 of 3
    s = summarize(rows)
    assert set(s.pass_at) == {1, 2, 3}  # task b has 3 attempts
    assert s.pass_at[2] == pytest.approx(((1 - 1 / 6) + (1 - 1 / 3)) / 2)  # a: 1 - C(2,2)/C(4,2); b: 1 - C(2,2)/C(3,2)
    assert s.pass_hat[2] == pytest.approx((1 / 6 + 0) / 2)
    assert s.pass_rate == pytest.approx(3 / 7)  # pooled over attempts


def test_unknown_cost_makes_the_total_unknown_and_no_solve_has_no_per_solve_figure():
    s = summarize([attempt("a", 1, resolved=False, cost=None), attempt("a", 2, resolved=False, cost=0.25)])
    assert s.cost_usd is None and s.per_attempt(s.cost_usd) is None
    assert s.per_solve(s.time_sec) is None  # nothing resolved
    empty = summarize([attempt("a", 1, source="infrastructure", cause="sandbox_error", resolved=False)])
    assert (empty.scored, empty.pass_rate, empty.mean_score, empty.pass_at) == (0, None, None, {})


def test_by_model_groups_models_and_tasks():
    rows = [attempt("a", 1, model="x"), attempt("b", 1, model="x", resolved=False), attempt("a", 1, model="y", resolved=False)]
    metrics = by_model(rows)
    assert [m.model for m in metrics] == ["x", "y"]
    assert metrics[0].overall.pass_rate == 0.5 and list(metrics[0].tasks) == ["a", "b"]
    assert metrics[0].tasks["a"].pass_rate == 1.0 and metrics[1].tasks["a"].pass_rate == 0.0
    assert metrics[0].to_dict()["overall"]["pass_rate_ci"] == list(wilson_interval(1, 2))


def test_model_label_and_attempt_of_a_result():
    assert model_label("builtin", "openai/gpt") == "openai/gpt"
    assert model_label("oracle", None) == "oracle"
    assert model_label("command", "anthropic/c") == "command:anthropic/c"
    usage = Usage(input_tokens=100, output_tokens=20, reasoning_tokens=5, cost_usd=None)
    row = attempt_of(result(resolved=False, usage=usage, duration=7.5))
    assert (row.model, row.tokens, row.reasoning_tokens, row.cost_usd, row.duration_sec) == ("openai/m", 120, 5, None, 7.5)
    assert (row.cause, row.source, row.counted) == ("tests_failed", "model", True)
    no_usage = attempt_of(result(agent="oracle", model=None), model="baseline")
    assert (no_usage.model, no_usage.tokens, no_usage.cost_usd) == ("baseline", 0, 0.0)
