# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `scheme-interpreter` suite.

The interpreter is always run as a subprocess (`python3 scheme.py FILE` or the
REPL on stdin) in its own process group, killed on timeout.  Expected outputs
are computed in Python by the tests themselves (schemeref.py), never by the
agent's code.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

MILESTONES = {
    "core_eval": "reader, printer, numbers, special forms, quasiquote, REPL",
    "procedures_lists": "closures, rest arguments, list/string/char library, recursion",
    "tail_calls_macros": "proper tail calls, deep recursion, syntax-rules macros",
    "continuations_errors": "escaping call/cc and error reporting",
}

DEFAULT_TIMEOUT = 20.0

# Once the interpreter processes of this session have used SUITE_BUDGET seconds in total (the
# reference needs about 30), every later run is capped at CAPPED_TIMEOUT seconds, so that a hanging
# or extremely slow interpreter cannot push the whole suite past the verifier's time limit.
SUITE_BUDGET = 240.0
CAPPED_TIMEOUT = 2.0
_spent = [0.0]


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class Result:
    def __init__(self, returncode, stdout, stderr, timed_out, elapsed):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.elapsed = elapsed

    def __repr__(self):
        return (
            f"<rc={self.returncode} timed_out={self.timed_out} elapsed={self.elapsed:.1f}s\n"
            f"stdout={self.stdout[-1500:]!r}\nstderr={self.stderr[-1500:]!r}>"
        )

    def expect_ok(self):
        """Assert a clean run and return stdout."""
        assert not self.timed_out, f"timed out after {self.elapsed:.1f} s: {self!r}"
        assert self.returncode == 0, f"exit status {self.returncode}: {self!r}"
        assert "error:" not in self.stderr, f"unexpected error: {self!r}"
        return self.stdout

    def error_lines(self):
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]


def _scheme_py():
    return os.path.join(os.getcwd(), "scheme.py")


def _run(args, stdin_text, timeout):
    if _spent[0] > SUITE_BUDGET:
        timeout = min(timeout, CAPPED_TIMEOUT)
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, _scheme_py(), *args],
        stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    timed_out = False
    try:
        out, err = proc.communicate(stdin_text.encode() if stdin_text is not None else None, timeout=timeout)
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
    return Result(
        proc.returncode,
        out.decode("utf-8", errors="replace"),
        err.decode("utf-8", errors="replace"),
        timed_out,
        time.monotonic() - start,
    )


@pytest.fixture
def run_scheme():
    """run_scheme(program_text, timeout=...) -> Result, running `python3 scheme.py FILE`."""
    tmpdir = tempfile.mkdtemp(prefix="scheme-test-")
    counter = [0]

    def run(program, timeout=DEFAULT_TIMEOUT):
        counter[0] += 1
        path = os.path.join(tmpdir, f"prog{counter[0]}.scm")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(program)
        return _run([path], None, timeout)

    yield run
    shutil.rmtree(tmpdir, ignore_errors=True)


@pytest.fixture
def run_repl():
    """run_repl(stdin_text, timeout=...) -> Result, running `python3 scheme.py` with no file."""

    def run(text, timeout=DEFAULT_TIMEOUT):
        return _run([], text, timeout)

    return run
