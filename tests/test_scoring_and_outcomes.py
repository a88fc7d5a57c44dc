"""Pure logic: JUnit parsing, weighted scores, the outcome classifier, progress-curve flags."""

from __future__ import annotations

import pytest

from agentbench.outcome import CAUSE_INFO, Cause, Outcome, Source, classify, is_build_error
from agentbench.result import ProgressPoint
from agentbench.trial.progress import curve_flags
from agentbench.verifier.junit import TestResult, parse_junit
from agentbench.verifier.scoring import count, milestone_scores, score

JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="4">
<testcase classname="test_calc" name="test_add" time="0.01"><properties><property name="milestone" value="basic" /></properties></testcase>
<testcase classname="test_calc" name="test_mul[2]" time="0.02"><properties><property name="milestone" value="more" /></properties>
  <failure message="AssertionError: assert 4 == 14">def test_mul(n):
&gt;       assert calc.mul(n, 7) == n * 7
E       AssertionError: assert 4 == 14</failure></testcase>
<testcase classname="test_calc" name="test_mul[3]" time="0.0"><properties><property name="milestone" value="more" /></properties>
  <error message="failed on setup with &quot;ModuleNotFoundError: No module named 'calc'&quot;">E   ModuleNotFoundError: No module named 'calc'</error></testcase>
<testcase classname="sub.test_x" name="test_skip" time="0.0"><skipped message="not today" /></testcase>
</testsuite></testsuites>"""


def test_parse_junit_statuses_milestones_and_errors():
    results = parse_junit(JUNIT)
    assert [r.id for r in results] == ["test_calc.py::test_add", "test_calc.py::test_mul[2]", "test_calc.py::test_mul[3]", "sub/test_x.py::test_skip"]
    assert [r.status for r in results] == ["passed", "failed", "error", "skipped"]
    assert [r.milestone for r in results] == ["basic", "more", "more", None]
    assert results[1].error_type == "AssertionError" and results[1].message == "AssertionError: assert 4 == 14"
    assert results[2].error_type == "ModuleNotFoundError"
    assert "assert calc.mul" in results[1].excerpt
    assert count(results).model_dump() == {"total": 4, "passed": 1, "failed": 1, "errors": 1, "skipped": 1}


def test_parse_junit_rejects_garbage():
    with pytest.raises(ValueError, match="not valid XML"):
        parse_junit("<testsuite")


def _r(status: str, milestone: str | None = "basic", error_type: str | None = None, message: str | None = None) -> TestResult:
    return TestResult(id="t", milestone=milestone, status=status, error_type=error_type, message=message)


def test_weighted_score_by_milestone():
    results = [_r("passed", "basic"), _r("failed", "basic"), _r("passed", "hard"), _r("passed", "hard")]
    scores = milestone_scores(results, {"basic": 1, "hard": 3})
    assert [(m.name, m.total, m.passed, m.reached) for m in scores] == [("basic", 2, 1, False), ("hard", 2, 2, True)]
    assert score(scores) == pytest.approx((1 * 0.5 + 3 * 1.0) / 4)


def test_milestone_without_tests_counts_as_zero_and_unmarked_tests_form_a_group():
    scores = milestone_scores([_r("passed", None)], {"basic": 1, "hard": 1})
    assert [m.name for m in scores] == ["basic", "hard", "(unmarked)"]
    assert score(scores) == pytest.approx(1 / 3)
    assert score(milestone_scores([], {"basic": 1})) == 0.0


def _classify(**overrides):
    base = dict(score=0.0, resolved=False, results=[_r("failed", error_type="AssertionError")], test_timed_out=False,
                agent_ending=None, submitted=False, workspace_changed=True)
    return classify(**{**base, **overrides})


@pytest.mark.parametrize(
    "overrides, outcome, cause",
    [
        ({"score": 1.0, "resolved": True, "results": [_r("passed")]}, Outcome.PASSED, None),
        ({"score": 0.5}, Outcome.PARTIAL, Cause.TESTS_FAILED),
        ({}, Outcome.FAILED, Cause.TESTS_FAILED),
        ({"submitted": True}, Outcome.FAILED, Cause.GAVE_UP),
        ({"submitted": True, "score": 0.2}, Outcome.PARTIAL, Cause.TESTS_FAILED),
        ({"workspace_changed": False, "submitted": True}, Outcome.FAILED, Cause.NO_CHANGES),
        ({"results": [_r("error", error_type="ModuleNotFoundError")]}, Outcome.FAILED, Cause.BUILD_ERROR),
        ({"results": [_r("error", error_type="SyntaxError"), _r("failed", error_type="ImportError")]}, Outcome.FAILED, Cause.BUILD_ERROR),
        ({"results": [_r("error", None, message="collection failure")]}, Outcome.FAILED, Cause.BUILD_ERROR),
        ({"agent_ending": Cause.AGENT_TIMEOUT, "score": 0.3}, Outcome.PARTIAL, Cause.AGENT_TIMEOUT),
        ({"agent_ending": Cause.CONTEXT_OVERFLOW, "workspace_changed": False}, Outcome.FAILED, Cause.CONTEXT_OVERFLOW),
        ({"test_timed_out": True}, Outcome.FAILED, Cause.TEST_TIMEOUT),
        ({"tampered": True, "score": 1.0, "resolved": True}, Outcome.FAILED, Cause.TAMPERED),
    ],
)
def test_classification(overrides, outcome, cause):
    result = _classify(**overrides)
    assert (result.outcome, result.cause) == (outcome, cause)
    assert result.source == (CAUSE_INFO[cause][0] if cause else None)


def test_build_error_needs_every_failure_to_be_one():
    assert not is_build_error([_r("error", error_type="ModuleNotFoundError"), _r("failed", error_type="AssertionError")])
    assert not is_build_error([_r("passed"), _r("error", error_type="ImportError")])


def test_every_cause_has_a_source_and_a_description():
    assert set(CAUSE_INFO) == set(Cause)
    assert CAUSE_INFO[Cause.SANDBOX_ERROR][0] == Source.INFRASTRUCTURE


def _p(t: float, value: float) -> ProgressPoint:
    return ProgressPoint(t_sec=t, step=int(t), score=value, milestones_reached=[])


def test_curve_flags():
    assert curve_flags([_p(10, 0.2), _p(20, 0.6)], _p(30, 0.4)) == ["regressed"]
    assert curve_flags([_p(10, 0.1), _p(20, 0.5), _p(70, 0.5)], _p(90, 0.5)) == ["stalled"]
    assert curve_flags([_p(10, 0.1), _p(20, 0.3)], _p(30, 0.5)) == []
    assert curve_flags([_p(10, 1.0), _p(20, 1.0)], _p(30, 1.0)) == []
