# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `json-parser` suite.

The agent's package is imported inside fixtures only, so a missing or broken
package fails every test while collection still succeeds.  Every expected
result comes from Python's own json module (the independent reference),
never from the agent's code.
"""

import os
import signal

import pytest

import jp_support

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "parse": "loads on valid documents: values, numbers, strings, escapes, nesting",
    "serialize": "dumps matches json.dumps byte for byte (indent, sort_keys)",
    "errors": "JSONDecodeError with the same msg/pos/lineno/colno as the json module",
    "cli": "python3 -m jsonparser validate / pretty",
}

TIME_LIMIT = 10
CLI_TIME_LIMIT = 60


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class TestTimeout(BaseException):
    """Raised by the alarm; a BaseException so `except Exception` can't eat it."""


@pytest.fixture(autouse=True)
def _time_limit(request):
    if not hasattr(signal, "SIGALRM"):
        yield
        return
    limit = CLI_TIME_LIMIT if request.node.get_closest_marker("cli") else TIME_LIMIT

    def on_alarm(signum, frame):
        raise TestTimeout(f"test exceeded its time limit of {limit} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RULES_CHECKED = {}


@pytest.fixture
def jp():
    """The agent's package, after checking it does not delegate to json/eval."""
    import jsonparser

    if "result" not in _RULES_CHECKED:
        _RULES_CHECKED["result"] = jp_support.forbidden_usage(jsonparser)
    problems = _RULES_CHECKED["result"]
    if problems:
        pytest.fail("forbidden module or builtin used: " + "; ".join(problems[:5]))
    return jsonparser


@pytest.fixture
def seed():
    return SEED
