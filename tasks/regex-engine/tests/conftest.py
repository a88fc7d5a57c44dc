# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `regex-engine` suite.

The agent's package is imported inside fixtures only, so a missing or broken
package fails every test while collection still succeeds.  Every expected
result comes from Python's re module (the independent reference), never from
the agent's code.  Each test runs under a 10-second alarm so that runaway
backtracking fails one test instead of hanging the suite.
"""

import os
import signal

import pytest

import rx_support

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "basic": "literals, dot, anchors; match/fullmatch/search and the match object",
    "classes_quantifiers": "character classes, escapes, greedy quantifiers",
    "groups_alternation": "capturing and non-capturing groups, alternation, repeated groups",
    "advanced": "lazy quantifiers, backreferences, findall/sub with empty matches, errors",
}

TIME_LIMIT = 10


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class TestTimeout(BaseException):
    """Raised by the alarm; a BaseException so `except Exception` can't eat it."""


@pytest.fixture(autouse=True)
def _time_limit():
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum, frame):
        raise TestTimeout(f"test exceeded its time limit of {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RULES_CHECKED = {}


@pytest.fixture
def rx():
    """The agent's package, after checking it does not delegate to re."""
    import regexengine

    if "result" not in _RULES_CHECKED:
        _RULES_CHECKED["result"] = rx_support.forbidden_usage(regexengine)
    problems = _RULES_CHECKED["result"]
    if problems:
        pytest.fail("forbidden module or builtin used: " + "; ".join(problems[:5]))
    return regexengine


@pytest.fixture
def seed():
    return SEED


@pytest.fixture
def check(rx):
    """check(cases): cases are (pattern, [subjects]); every result must equal re's."""

    def run(cases, ops=("match", "fullmatch", "search", "findall", "sub")):
        problems = []
        for pattern, subjects in cases:
            problems.extend(rx_support.compare_pattern(rx, pattern, subjects, ops=ops))
        assert not problems, f"{len(problems)} mismatches with re:\n" + "\n".join(p[:500] for p in problems[:6])

    return run
