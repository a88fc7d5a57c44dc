# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Independent references for the hidden `scheme-interpreter` suite.

Random programs are generated here together with the output they must print,
computed with plain Python (ints, floats, lists, strings).  Nothing here uses
the agent's code.
"""

import math
import os
import random

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))


def make_rng(*salt):
    return random.Random(f"{SEED}:" + ":".join(map(str, salt)))


# ----------------------------------------------------------------- rendering


class Sym(str):
    """A Scheme symbol (rendered without quotes)."""


class Ch(str):
    """A Scheme character."""


class Dotted:
    """An improper list: items followed by ' . tail'."""

    def __init__(self, items, tail):
        self.items = list(items)
        self.tail = tail


CHAR_NAMES = {" ": "space", "\n": "newline", "\t": "tab"}


def write_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def render(v, write=True):
    """The Scheme external representation of a Python value (`write` or `display`)."""
    if isinstance(v, bool):
        return "#t" if v else "#f"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, Sym):
        return str(v)
    if isinstance(v, Ch):
        if write:
            return "#\\" + CHAR_NAMES.get(str(v), str(v))
        return str(v)
    if isinstance(v, str):
        return write_str(v) if write else v
    if isinstance(v, (list, tuple)):
        return "(" + " ".join(render(x, write) for x in v) + ")"
    if isinstance(v, Dotted):
        return "(" + " ".join(render(x, write) for x in v.items) + " . " + render(v.tail, write) + ")"
    raise TypeError(f"cannot render {v!r}")


def quoted(v):
    """Scheme source text that evaluates to v (quoting lists and symbols)."""
    if isinstance(v, (list, tuple, Sym, Dotted)):
        return "'" + render(v)
    return render(v)


def display_lines(exprs):
    """Program text that displays each expression on its own line."""
    return "\n".join(f"(display {e})\n(newline)" for e in exprs) + "\n"


def write_lines(exprs):
    return "\n".join(f"(write {e})\n(newline)" for e in exprs) + "\n"


# ----------------------------------------------------------------- integer arithmetic trees


def s_quotient(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def s_remainder(a, b):
    return a - b * s_quotient(a, b)


def s_modulo(a, b):
    return a % b  # Python's % takes the sign of the divisor, like Scheme's modulo


def int_tree(rng, depth, big=False):
    """Return (scheme_text, value) for a random integer expression."""
    if depth <= 0 or rng.random() < 0.2:
        if big and rng.random() < 0.25:
            v = rng.randint(10**18, 10**30) * rng.choice([1, -1])
        else:
            v = rng.randint(-30, 30)
        return str(v), v
    op = rng.choice(["+", "-", "*", "+", "-", "*", "neg", "quotient", "remainder", "modulo", "abs", "max", "min", "expt"])
    if op in ("+", "-", "*"):
        n = rng.choice([1, 2, 2, 2, 3]) if op != "*" else rng.choice([2, 2, 3])
        if op == "+" and rng.random() < 0.05:
            n = 0
        kids = [int_tree(rng, depth - 1, big) for _ in range(n)]
        vals = [v for _, v in kids]
        if op == "+":
            v = sum(vals)
        elif op == "*":
            v = math.prod(vals)
        elif n == 1:
            v = -vals[0]
        else:
            v = vals[0] - sum(vals[1:])
        return f"({op} {' '.join(t for t, _ in kids)})".replace(" )", ")"), v
    if op == "neg":
        t, v = int_tree(rng, depth - 1, big)
        return f"(- {t})", -v
    if op in ("quotient", "remainder", "modulo"):
        ta, a = int_tree(rng, depth - 1, big)
        tb, b = int_tree(rng, depth - 1, big)
        if b == 0:
            b = rng.choice([-7, -3, 2, 5, 11])
            tb = str(b)
        f = {"quotient": s_quotient, "remainder": s_remainder, "modulo": s_modulo}[op]
        return f"({op} {ta} {tb})", f(a, b)
    if op == "abs":
        t, v = int_tree(rng, depth - 1, big)
        return f"(abs {t})", abs(v)
    if op in ("max", "min"):
        kids = [int_tree(rng, depth - 1, big) for _ in range(rng.randint(1, 3))]
        vals = [v for _, v in kids]
        return f"({op} {' '.join(t for t, _ in kids)})", (max if op == "max" else min)(vals)
    # expt with a small base and exponent
    tb, b = int_tree(rng, 1, False)
    e = rng.randint(0, 12 if abs(b) < 10 else 4)
    return f"(expt {tb} {e})", b**e


# ----------------------------------------------------------------- float arithmetic trees


def float_leaf(rng):
    if rng.random() < 0.25:
        v = rng.randint(-9, 9)
        return str(v), v
    v = round(rng.uniform(-50, 50), rng.choice([1, 2, 3]))
    if v == int(v):
        v += 0.5
    return repr(v), v


def float_tree(rng, depth):
    """Return (scheme_text, value) for a random arithmetic expression over floats (and small ints)."""
    if depth <= 0 or rng.random() < 0.2:
        return float_leaf(rng)
    op = rng.choice(["+", "-", "*", "/"])
    n = rng.choice([2, 2, 3])
    kids = [float_tree(rng, depth - 1) for _ in range(n)]
    if op == "/":
        fixed = [kids[0]]
        for t, v in kids[1:]:
            if abs(v) < 0.5:
                v = rng.choice([2.5, -1.25, 4.0, 0.75])
                t = repr(v)
            fixed.append((t, v))
        kids = fixed
    vals = [v for _, v in kids]
    acc = vals[0]
    for x in vals[1:]:
        if op == "+":
            acc = acc + x
        elif op == "-":
            acc = acc - x
        elif op == "*":
            acc = acc * x
        else:
            if isinstance(acc, int) and isinstance(x, int) and acc % x == 0:
                acc = acc // x
            else:
                acc = acc / x
    return f"({op} {' '.join(t for t, _ in kids)})", acc


def has_float(text):
    return "." in text
