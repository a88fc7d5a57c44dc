"""External representations: `write` and `display`."""

import math

from .types import (
    NIL,
    Char,
    Closure,
    Continuation,
    Pair,
    Primitive,
    Symbol,
    Unspecified,
)

CHAR_WRITE_NAMES = {" ": "space", "\n": "newline", "\t": "tab", "\0": "null", "\r": "return",
                    "\a": "alarm", "\b": "backspace", "\x7f": "delete", "\x1b": "escape"}


def format_float(x):
    if math.isnan(x):
        return "+nan.0"
    if math.isinf(x):
        return "+inf.0" if x > 0 else "-inf.0"
    return repr(x)


def write_string(s):
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def to_string(x, write):
    parts = []
    _emit(x, write, parts)
    return "".join(parts)


def _emit(x, write, parts):
    t = type(x)
    if t is bool:
        parts.append("#t" if x else "#f")
    elif t is int:
        parts.append(str(x))
    elif t is float:
        parts.append(format_float(x))
    elif t is str:
        parts.append(write_string(x) if write else x)
    elif t is Symbol:
        parts.append(x.name)
    elif t is Pair:
        parts.append("(")
        first = True
        while type(x) is Pair:
            if not first:
                parts.append(" ")
            first = False
            _emit(x.car, write, parts)
            x = x.cdr
        if x is not NIL:
            parts.append(" . ")
            _emit(x, write, parts)
        parts.append(")")
    elif x is NIL:
        parts.append("()")
    elif t is Char:
        if write:
            parts.append("#\\" + CHAR_WRITE_NAMES.get(x.ch, x.ch))
        else:
            parts.append(x.ch)
    elif t is Closure:
        parts.append(f"#<procedure {x.name.name}>" if x.name is not None else "#<procedure>")
    elif t is Primitive:
        parts.append(f"#<procedure {x.name}>")
    elif t is Continuation:
        parts.append("#<continuation>")
    elif t is Unspecified:
        parts.append("")
    elif t is list:  # vectors
        parts.append("#(")
        for i, item in enumerate(x):
            if i:
                parts.append(" ")
            _emit(item, write, parts)
        parts.append(")")
    else:
        parts.append(f"#<{t.__name__}>")
