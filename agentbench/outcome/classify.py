"""Deciding an attempt's outcome, cause and source from what the agent and the verifier reported."""

from __future__ import annotations

from dataclasses import dataclass

from agentbench.outcome.taxonomy import AGENT_ENDINGS, BUILD_ERROR_TYPES, Cause, Outcome, Source, source_of
from agentbench.verifier.junit import TestResult


@dataclass(frozen=True)
class Classification:
    outcome: Outcome
    cause: Cause | None
    source: Source | None


def is_build_error(results: list[TestResult]) -> bool:
    """No test passed and every failure is a collection, import or syntax error."""
    if not results or any(r.status == "passed" for r in results):
        return False
    failures = [r for r in results if r.status in ("failed", "error")]
    return bool(failures) and all(r.error_type in BUILD_ERROR_TYPES or _is_collection_error(r) for r in failures)


def _is_collection_error(result: TestResult) -> bool:
    return result.status == "error" and "collect" in (result.message or "").lower()


def classify(
    *,
    score: float,
    resolved: bool,
    results: list[TestResult],
    test_timed_out: bool,
    agent_ending: Cause | None,
    submitted: bool,
    workspace_changed: bool,
    tampered: bool = False,
) -> Classification:
    """agent_ending: a cause from AGENT_ENDINGS when the agent did not end on its own, else None."""
    if resolved and not tampered:
        return Classification(Outcome.PASSED, None, None)
    outcome = Outcome.PARTIAL if score > 0 and not tampered else Outcome.FAILED
    if tampered:
        cause = Cause.TAMPERED
    elif agent_ending in AGENT_ENDINGS:
        cause = agent_ending
    elif not workspace_changed:
        cause = Cause.NO_CHANGES
    elif test_timed_out:
        cause = Cause.TEST_TIMEOUT
    elif is_build_error(results):
        cause = Cause.BUILD_ERROR
    elif submitted and score == 0:
        cause = Cause.GAVE_UP
    else:
        cause = Cause.TESTS_FAILED
    return Classification(outcome, cause, source_of(cause))


def infrastructure_error(cause: Cause = Cause.SANDBOX_ERROR) -> Classification:
    return Classification(Outcome.ERROR, cause, source_of(cause))
