"""SQLite-compatible value semantics: typing of CSV fields, comparison, arithmetic, 3-valued logic."""

import math
import re

from .errors import SQLError

_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_FLOAT_RE = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))([eE][+-]?[0-9]+)?\Z")
_NUM_PREFIX_RE = re.compile(r"\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def parse_field(text):
    """The typing rule for CSV fields."""
    if text == "":
        return None
    if _INT_RE.match(text):
        return int(text)
    if _FLOAT_RE.match(text):
        return float(text)
    return text


def is_num(v):
    return isinstance(v, (int, float))


def to_number(v):
    """Numeric value of v for arithmetic (text is converted the way SQLite does)."""
    if isinstance(v, (int, float)):
        return v
    m = _NUM_PREFIX_RE.match(v)
    if not m:
        return 0
    text = m.group(0).strip()
    if _INT_RE.match(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return 0


def to_text(v):
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if math.isinf(v) or math.isnan(v):
        return str(v)
    text = "%.15g" % v
    if "." not in text and "e" not in text and "inf" not in text:
        text += ".0"
    return text


def sort_key(v):
    """Total order used by ORDER BY, MIN/MAX: NULL < numbers < text."""
    if v is None:
        return (0, 0)
    if isinstance(v, str):
        return (2, v)
    return (1, v)


def compare(a, b):
    """-1/0/1 comparing two non-NULL values."""
    ka, kb = sort_key(a), sort_key(b)
    if ka < kb:
        return -1
    if ka > kb:
        return 1
    return 0


def truth(v):
    """SQL truth value: True, False or None (unknown)."""
    if v is None:
        return None
    if isinstance(v, str):
        v = to_number(v)
    return v != 0


def from_bool(b):
    if b is None:
        return None
    return 1 if b else 0


def _int_result(x):
    if isinstance(x, int) and not -(2 ** 63) <= x < 2 ** 63:
        return float(x)
    return x


def arith(op, a, b):
    if a is None or b is None:
        return None
    a = to_number(a)
    b = to_number(b)
    if op == "+":
        return _int_result(a + b)
    if op == "-":
        return _int_result(a - b)
    if op == "*":
        return _int_result(a * b)
    if op == "/":
        if b == 0:
            return None
        if isinstance(a, int) and isinstance(b, int):
            q = abs(a) // abs(b)
            return q if (a >= 0) == (b >= 0) else -q
        return a / b
    if op == "%":
        ia, ib = int(a), int(b)
        if ib == 0:
            return None
        r = abs(ia) % abs(ib)
        if ia < 0:
            r = -r
        if isinstance(a, float) or isinstance(b, float):
            return float(r)
        return r
    raise SQLError(f"unknown operator {op}")


def like(value, pattern):
    if value is None or pattern is None:
        return None
    value = to_text(value)
    pattern = to_text(pattern)
    parts = []
    for ch in pattern:
        if ch == "%":
            parts.append(".*")
        elif ch == "_":
            parts.append(".")
        else:
            parts.append(re.escape(ch))
    rx = re.compile("".join(parts) + r"\Z", re.DOTALL | re.IGNORECASE)
    return rx.match(value) is not None
