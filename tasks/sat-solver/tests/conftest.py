# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `sat-solver` suite.

The agent's `sat` module is imported inside fixtures only (a missing module
fails each test, collection still works); the command line is run as a
subprocess in its own process group, killed on timeout.  References live in
satref.py and never use the agent's code.
"""

import os
import signal
import subprocess
import sys
import tempfile

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "dimacs_small": "command line: DIMACS parsing, output format, exit codes on small formulas",
    "correctness": "Python API and CLI agree with brute force / DPLL on random formulas",
    "unsat": "unsatisfiable-by-construction families: pigeonhole, parity, adder miters",
    "performance": "CDCL-scale instances within time limits",
}

API_TIME_LIMIT = 10  # seconds per API call (the reference needs well under 1 s)

# Once the solver has used SUITE_BUDGET seconds in total this session (the reference needs about
# 15), every later API call / CLI run is capped at CAPPED_LIMIT seconds, so that a hanging or
# extremely slow solver cannot push the whole suite past the verifier's time limit.
SUITE_BUDGET = 200.0
CAPPED_LIMIT = 2.0
_spent = [0.0]


def _limit(seconds):
    return min(seconds, CAPPED_LIMIT) if _spent[0] > SUITE_BUDGET else seconds


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture
def time_limit():
    """time_limit(seconds): a context manager raising inside the test when it overruns."""
    import contextlib

    @contextlib.contextmanager
    def limit(seconds):
        def on_alarm(signum, frame):
            raise _TimeLimit(f"exceeded the time limit of {seconds} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return limit


@pytest.fixture
def solve(time_limit):
    """The agent's `sat.solve`, wrapped in a per-call time limit."""
    import sat

    def call(clauses, num_vars, limit=API_TIME_LIMIT):
        import time

        start = time.monotonic()
        try:
            with time_limit(_limit(limit)):
                return sat.solve(clauses, num_vars)
        finally:
            _spent[0] += time.monotonic() - start

    return call


class CliResult:
    def __init__(self, returncode, stdout, stderr, timed_out, elapsed):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.elapsed = elapsed

    def parse(self):
        """(status, literals) from SAT-competition output; status is 'SAT' or 'UNSAT'."""
        status = None
        lits = []
        terminated = False
        for line in self.stdout.splitlines():
            if not line.strip() or line.startswith("c"):
                continue
            if line.startswith("s "):
                assert status is None, "more than one 's' line"
                word = line[2:].strip()
                assert word in ("SATISFIABLE", "UNSATISFIABLE"), f"bad status line {line!r}"
                status = "SAT" if word == "SATISFIABLE" else "UNSAT"
            elif line.startswith("v"):
                assert not terminated, "'v' values after the terminating 0"
                for tok in line[1:].split():
                    x = int(tok)
                    if x == 0:
                        terminated = True
                    else:
                        assert not terminated, "'v' values after the terminating 0"
                        lits.append(x)
            else:
                raise AssertionError(f"unexpected output line {line!r}")
        assert status is not None, f"no 's' line in output:\n{self.stdout[:500]}"
        if status == "SAT":
            assert terminated, "the 'v' lines do not end with 0"
        else:
            assert not lits, "'v' lines printed for an UNSATISFIABLE answer"
        return status, lits


def _sat_py():
    return os.path.join(os.getcwd(), "sat.py")


@pytest.fixture
def run_cli():
    """run_cli(dimacs_text, timeout) -> CliResult (never hangs; the process group is killed)."""
    import time

    tmpdir = tempfile.mkdtemp(prefix="sat-test-")
    counter = [0]

    def run(text, timeout=30):
        counter[0] += 1
        path = os.path.join(tmpdir, f"f{counter[0]}.cnf")
        with open(path, "w") as fh:
            fh.write(text)
        timeout = _limit(timeout)
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, _sat_py(), path],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if timed_out:
            out, err = proc.communicate()
        _spent[0] += time.monotonic() - start
        return CliResult(proc.returncode, out, err, timed_out, time.monotonic() - start)

    yield run
    import shutil

    shutil.rmtree(tmpdir, ignore_errors=True)
