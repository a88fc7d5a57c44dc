"""The one list of outcomes, causes and sources. Everything that classifies or reports reads it here."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    PASSED = "passed"  # every hidden test passed
    PARTIAL = "partial"  # some tests passed (score > 0)
    FAILED = "failed"  # no test passed
    ERROR = "error"  # the attempt could not be judged (infrastructure or task fault)


class Source(StrEnum):
    MODEL = "model"  # the agent or model under test
    TASK = "task"  # the task itself (a broken test suite or image)
    INFRASTRUCTURE = "infrastructure"  # Docker, the machine, the harness


class Cause(StrEnum):
    TESTS_FAILED = "tests_failed"
    BUILD_ERROR = "build_error"
    NO_CHANGES = "no_changes"
    GAVE_UP = "gave_up"
    AGENT_TIMEOUT = "agent_timeout"
    STEP_LIMIT = "step_limit"
    TOKEN_LIMIT = "token_limit"
    COST_LIMIT = "cost_limit"
    CONTEXT_OVERFLOW = "context_overflow"
    MODEL_ERROR = "model_error"
    AGENT_CRASH = "agent_crash"
    TEST_TIMEOUT = "test_timeout"
    TAMPERED = "tampered"
    RESOURCE_LIMIT = "resource_limit"
    SANDBOX_ERROR = "sandbox_error"
    INTERRUPTED = "interrupted"


CAUSE_INFO: dict[Cause, tuple[Source, str]] = {
    Cause.TESTS_FAILED: (Source.MODEL, "the code ran, and some hidden tests failed"),
    Cause.BUILD_ERROR: (Source.MODEL, "the code never ran: every failure is a collection, import or syntax error"),
    Cause.NO_CHANGES: (Source.MODEL, "the agent ended without changing the workspace"),
    Cause.GAVE_UP: (Source.MODEL, "the agent submitted with no test passing and budget left"),
    Cause.AGENT_TIMEOUT: (Source.MODEL, "the agent ran past its wall-clock limit"),
    Cause.STEP_LIMIT: (Source.MODEL, "the agent used all its steps"),
    Cause.TOKEN_LIMIT: (Source.MODEL, "the agent used all its tokens"),
    Cause.COST_LIMIT: (Source.MODEL, "the agent spent its whole cost budget"),
    Cause.CONTEXT_OVERFLOW: (Source.MODEL, "the conversation outgrew the model's context window"),
    Cause.MODEL_ERROR: (Source.MODEL, "the model's API failed after retries, or refused the request"),
    Cause.AGENT_CRASH: (Source.MODEL, "the agent program itself failed"),
    Cause.TEST_TIMEOUT: (Source.MODEL, "the hidden tests ran past the verifier's time limit"),
    Cause.TAMPERED: (Source.MODEL, "the agent changed files that judge it (test hooks, protected paths)"),
    Cause.RESOURCE_LIMIT: (Source.MODEL, "the agent wrote more than the task's storage limit, or more than a snapshot may hold"),
    Cause.SANDBOX_ERROR: (Source.INFRASTRUCTURE, "Docker or other infrastructure failed; not counted against the model"),
    Cause.INTERRUPTED: (Source.INFRASTRUCTURE, "the run was stopped before the attempt finished"),
}

# Causes set by the agent's own ending, before any test ran.
AGENT_ENDINGS = {
    Cause.AGENT_TIMEOUT, Cause.STEP_LIMIT, Cause.TOKEN_LIMIT, Cause.COST_LIMIT,
    Cause.CONTEXT_OVERFLOW, Cause.MODEL_ERROR, Cause.AGENT_CRASH,
}
BUILD_ERROR_TYPES = {"ModuleNotFoundError", "ImportError", "SyntaxError", "IndentationError", "TabError"}


def source_of(cause: Cause | None) -> Source | None:
    return CAUSE_INFO[cause][0] if cause else None
