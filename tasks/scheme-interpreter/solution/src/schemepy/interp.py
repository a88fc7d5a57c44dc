"""Top level: running files and the REPL."""

import sys
import threading

from . import builtins
from .compiler import Compiler, apply_proc, call_cc
from .printer import to_string
from .reader import Incomplete, Reader
from .types import UNSPECIFIED, ContinuationInvoked, Environment, SchemeError

STACK_SIZE = 512 * 1024 * 1024
RECURSION_LIMIT = 400_000


class Interpreter:
    def __init__(self, out=None):
        self.out = out if out is not None else sys.stdout
        self.genv = Environment({}, None)
        self.compiler = Compiler(self.genv.vars)
        builtins.install(self.genv.vars, apply_proc, call_cc, self.out)

    def eval(self, datum):
        return self.compiler.comp(datum, None)(self.genv)


def describe(exc):
    """The text after 'error: ' for any exception raised while running Scheme code."""
    if isinstance(exc, SchemeError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "recursion too deep (stack overflow)"
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, ContinuationInvoked):
        return "continuation invoked outside its extent"
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, TypeError):
        return f"wrong number or type of arguments ({exc})"
    return f"{type(exc).__name__}: {exc}"


def report(out, exc):
    try:
        out.flush()
    except Exception:  # noqa: BLE001
        pass
    sys.stderr.write(f"error: {describe(exc)}\n")
    sys.stderr.flush()


def run_file(path):
    out = sys.stdout
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        sys.stderr.write(f"error: cannot read {path}: {exc.strerror}\n")
        return 1
    interp = Interpreter(out)
    reader = Reader(text)
    try:
        while not reader.at_end():
            datum = reader.read()
            interp.eval(datum)
    except builtins.Exit as exc:
        out.flush()
        return exc.code
    except Exception as exc:  # noqa: BLE001 - every error is reported the same way
        report(out, exc)
        return 1
    out.flush()
    return 0


def repl():
    """Read-eval-print loop on stdin: no prompt, no echo; prints each non-unspecified value."""
    out = sys.stdout
    interp = Interpreter(out)
    buffer = ""
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        buffer += line
        while True:
            reader = Reader(buffer)
            try:
                if reader.at_end():
                    buffer = ""
                    break
                datum = reader.read()
            except Incomplete:
                break
            except SchemeError as exc:
                report(out, exc)
                buffer = ""
                break
            buffer = buffer[reader.pos:]
            try:
                value = interp.eval(datum)
                if value is not UNSPECIFIED:
                    out.write(to_string(value, True) + "\n")
                out.flush()
            except builtins.Exit as exc:
                out.flush()
                return exc.code
            except Exception as exc:  # noqa: BLE001
                report(out, exc)
    if buffer.strip():
        report(out, SchemeError("unexpected end of input"))
    out.flush()
    return 0


def main(argv):
    result = [1]

    def target():
        if len(argv) > 1:
            result[0] = run_file(argv[1])
        else:
            result[0] = repl()

    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(STACK_SIZE)
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return result[0]
