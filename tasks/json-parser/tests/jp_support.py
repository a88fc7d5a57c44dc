# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Helpers for the hidden `json-parser` suite: random JSON text generators,
mutations, a strict structural comparison and the source-rules check."""

import ast
import json
import math
import os
import random
import sys

FORBIDDEN_MODULES = {
    "json", "_json", "simplejson", "ujson", "orjson", "rapidjson", "hjson",
    "ast", "importlib", "pickle", "marshal", "runpy", "code", "codeop",
}
FORBIDDEN_CALLS = {"eval", "exec", "__import__", "compile"}


def rng_for(seed, *parts):
    return random.Random("|".join(str(p) for p in (seed,) + parts))


# ---------------------------------------------------------------------------
# source rules
# ---------------------------------------------------------------------------


def _workspace_files(package):
    root = os.path.realpath(os.getcwd())
    files = set()
    for mod in list(sys.modules.values()):
        path = getattr(mod, "__file__", None)
        if not path or not path.endswith(".py"):
            continue
        real = os.path.realpath(path)
        if real.startswith(root + os.sep):
            files.add(real)
    pkg_dir = os.path.dirname(os.path.realpath(package.__file__))
    for dirpath, _dirs, names in os.walk(pkg_dir):
        for name in names:
            if name.endswith(".py"):
                files.add(os.path.join(dirpath, name))
    return sorted(files)


def forbidden_usage(package):
    problems = []
    for path in _workspace_files(package):
        try:
            with open(path, encoding="utf-8") as fh:
                tree = ast.parse(fh.read(), filename=path)
        except (OSError, SyntaxError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: unreadable ({exc})")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                        problems.append(f"{path}:{node.lineno}: import {alias.name}")
            elif isinstance(node, ast.ImportFrom):
                if node.module and node.level == 0 and node.module.split(".")[0] in FORBIDDEN_MODULES:
                    problems.append(f"{path}:{node.lineno}: from {node.module} import")
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                    problems.append(f"{path}:{node.lineno}: {func.id}()")
            elif isinstance(node, ast.Attribute) and node.attr in ("literal_eval", "loads") and (
                isinstance(node.value, ast.Name) and node.value.id in FORBIDDEN_MODULES
            ):
                problems.append(f"{path}:{node.lineno}: {node.value.id}.{node.attr}")
    return problems


# ---------------------------------------------------------------------------
# strict comparison
# ---------------------------------------------------------------------------


def same(a, b):
    """Equal values of identical types; floats by repr (NaN, -0.0); dict key order too."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return repr(a) == repr(b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    return a == b


def short(text, limit=300):
    r = repr(text)
    return r if len(r) <= limit else r[:limit] + "...'"


# ---------------------------------------------------------------------------
# random JSON text
# ---------------------------------------------------------------------------

WS_CHARS = " \t\n\r"
BMP_SAMPLES = "éßøñüЖжλπ中文日本語한국€™—«»\u00a0\u2028\u2029\ufeff\ufffd\u0300\u200b"
ASTRAL_SAMPLES = "\U0001f600\U0001f4a9\U00010348\U0001d11e\U0010fffd"
ASCII_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_`{|}~"


def ws(rng, p=0.3, maxlen=3):
    if rng.random() >= p:
        return ""
    return "".join(rng.choice(WS_CHARS) for _ in range(rng.randint(1, maxlen)))


def hex4(rng, value):
    text = "%04x" % value
    return "".join(c.upper() if rng.random() < 0.5 else c for c in text)


def emit_string(rng, maxlen=12):
    out = ['"']
    for _ in range(rng.randint(0, maxlen)):
        r = rng.random()
        if r < 0.45:
            out.append(rng.choice(ASCII_PLAIN))
        elif r < 0.55:
            out.append(rng.choice(BMP_SAMPLES))
        elif r < 0.6:
            out.append(rng.choice(ASTRAL_SAMPLES))
        elif r < 0.75:
            out.append("\\" + rng.choice('"\\/bfnrt'))
        elif r < 0.87:
            out.append("\\u" + hex4(rng, rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0xD7FF), rng.randint(0xE000, 0xFFFF)])))
        elif r < 0.93:
            cp = rng.randint(0x10000, 0x10FFFF) - 0x10000
            out.append("\\u" + hex4(rng, 0xD800 | (cp >> 10)) + "\\u" + hex4(rng, 0xDC00 | (cp & 0x3FF)))
        elif r < 0.96:
            # lone surrogates, or a high surrogate followed by a non-low escape
            kind = rng.randint(0, 2)
            if kind == 0:
                out.append("\\u" + hex4(rng, rng.randint(0xD800, 0xDBFF)))
            elif kind == 1:
                out.append("\\u" + hex4(rng, rng.randint(0xDC00, 0xDFFF)))
            else:
                out.append("\\u" + hex4(rng, rng.randint(0xD800, 0xDBFF)) + "\\u" + hex4(rng, rng.randint(0x20, 0x7E)))
        else:
            out.append(rng.choice("\x7f\u0080\u009f"))
    out.append('"')
    return "".join(out)


def emit_number(rng):
    parts = []
    if rng.random() < 0.4:
        parts.append("-")
    if rng.random() < 0.2:
        parts.append("0")
    else:
        ndig = rng.choice([1, 1, 2, 3, 5, 9, 15, 19, 20, 25, 40, 80])
        parts.append(str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(ndig - 1)))
    if rng.random() < 0.45:
        parts.append("." + "".join(rng.choice("0123456789") for _ in range(rng.choice([1, 1, 2, 3, 6, 17, 25]))))
    if rng.random() < 0.35:
        parts.append(rng.choice("eE") + rng.choice(["", "", "+", "-"]))
        parts.append("".join(rng.choice("0123456789") for _ in range(rng.choice([1, 1, 2, 3]))))
    return "".join(parts)


def emit_value(rng, depth=0, maxdepth=4, wsp=0.3, width=5):
    r = rng.random()
    if depth < maxdepth and r < 0.35:
        if rng.random() < 0.5:
            n = rng.randint(0, width)
            if n == 0:
                return "[" + ws(rng, wsp) + "]"
            items = [ws(rng, wsp) + emit_value(rng, depth + 1, maxdepth, wsp, width) + ws(rng, wsp) for _ in range(n)]
            return "[" + ",".join(items) + "]"
        n = rng.randint(0, width)
        if n == 0:
            return "{" + ws(rng, wsp) + "}"
        keys = []
        for _ in range(n):
            if keys and rng.random() < 0.15:
                keys.append(rng.choice(keys))  # duplicate key
            else:
                keys.append(emit_string(rng, 6))
        items = [
            ws(rng, wsp) + k + ws(rng, wsp) + ":" + ws(rng, wsp) + emit_value(rng, depth + 1, maxdepth, wsp, width) + ws(rng, wsp)
            for k in keys
        ]
        return "{" + ",".join(items) + "}"
    r = rng.random()
    if r < 0.35:
        return emit_string(rng)
    if r < 0.75:
        return emit_number(rng)
    if r < 0.97:
        return rng.choice(["true", "false", "null"])
    return rng.choice(["NaN", "Infinity", "-Infinity"])


def emit_document(rng, maxdepth=4, width=5):
    """A valid JSON text, sometimes pretty-printed over several lines."""
    style = rng.random()
    if style < 0.5:
        return ws(rng, 0.3) + emit_value(rng, 0, maxdepth, 0.3, width) + ws(rng, 0.3)
    obj = json.loads(emit_value(rng, 0, maxdepth, 0.0, width))
    indent = rng.choice([None, 0, 1, 2, 4, "\t"])
    text = json.dumps(obj, indent=indent, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    return text


# ---------------------------------------------------------------------------
# random Python objects (for dumps)
# ---------------------------------------------------------------------------

SPECIAL_FLOATS = [0.0, -0.0, 0.1, 1e16, 1e-7, 1.5e300, -2.5e-300, 5e-324, 1.7976931348623157e308,
                  123456789.125, 1e22, 1e21, 0.000123, float("nan"), float("inf"), float("-inf")]


def random_float(rng):
    r = rng.random()
    if r < 0.25:
        return rng.choice(SPECIAL_FLOATS)
    if r < 0.5:
        return rng.uniform(-1000, 1000)
    if r < 0.75:
        return float(rng.randint(-10**6, 10**6)) / rng.choice([1, 2, 4, 8, 10, 100, 3])
    return rng.uniform(-1, 1) * 10 ** rng.randint(-320, 308)


def random_text(rng, maxlen=12):
    chars = []
    for _ in range(rng.randint(0, maxlen)):
        r = rng.random()
        if r < 0.5:
            chars.append(rng.choice(ASCII_PLAIN + '"\\'))
        elif r < 0.65:
            chars.append(chr(rng.randint(0, 0x20)))
        elif r < 0.8:
            chars.append(rng.choice(BMP_SAMPLES + "\x7f\x80\xff"))
        elif r < 0.9:
            chars.append(rng.choice(ASTRAL_SAMPLES))
        elif r < 0.95:
            chars.append(chr(rng.randint(0xD800, 0xDFFF)))  # lone surrogate
        else:
            chars.append(chr(rng.randint(0x100, 0xFFFF)))
    return "".join(chars)


def random_scalar(rng):
    r = rng.random()
    if r < 0.3:
        return random_text(rng)
    if r < 0.5:
        return rng.choice([rng.randint(-100, 100), rng.randint(-10**30, 10**30), 10 ** rng.randint(0, 60) * rng.choice([1, -1])])
    if r < 0.75:
        return random_float(rng)
    return rng.choice([True, False, None])


def random_key(rng, kinds):
    kind = rng.choice(kinds)
    if kind == "str":
        return random_text(rng, 6)
    if kind == "int":
        return rng.randint(-1000, 1000)
    if kind == "float":
        return random_float(rng)
    return rng.choice([True, False, None])


def random_object(rng, depth=0, maxdepth=4, key_kinds=("str",), width=4):
    if depth < maxdepth and rng.random() < 0.4:
        n = rng.randint(0, width)
        r = rng.random()
        if r < 0.45:
            items = [random_object(rng, depth + 1, maxdepth, key_kinds, width) for _ in range(n)]
            return tuple(items) if rng.random() < 0.2 else items
        d = {}
        for _ in range(n):
            d[random_key(rng, key_kinds)] = random_object(rng, depth + 1, maxdepth, key_kinds, width)
        return d
    return random_scalar(rng)


# ---------------------------------------------------------------------------
# mutations
# ---------------------------------------------------------------------------

INSERT_CHARS = list(' ,:[]{}"\\0123-+.eEatfnuNI}\x00\x01\x1f\n\t\'/x') + ["é", "\U0001f600", "\ufeff"]


def mutate(rng, text):
    kind = rng.randint(0, 10)
    n = len(text)
    if n == 0:
        return rng.choice(INSERT_CHARS)
    i = rng.randrange(n)
    if kind == 0:
        return text[: rng.randrange(n)]
    if kind == 1:
        return text[:i] + text[i + 1:]
    if kind in (2, 3):
        return text[:i] + rng.choice(INSERT_CHARS) + text[i:]
    if kind == 4:
        return text[:i] + rng.choice(INSERT_CHARS) + text[i + 1:]
    if kind == 5:
        j = min(n, i + rng.randint(1, 6))
        return text[:j] + text[i:j] + text[j:]
    if kind == 6 and n > 1:
        i = min(i, n - 2)
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 7:
        closers = [k for k, c in enumerate(text) if c in "]}"]
        if closers:
            k = rng.choice(closers)
            return text[:k] + ws(rng, 0.5) + "," + ws(rng, 0.5) + text[k:]
    if kind == 8:
        seps = [k for k, c in enumerate(text) if c in ",:"]
        if seps:
            k = rng.choice(seps)
            return text[:k] + text[k + 1:]
    if kind == 9:
        quotes = [k for k, c in enumerate(text) if c == '"']
        if quotes:
            k = rng.choice(quotes)
            return text[:k] + "'" + text[k + 1:]
    return text + rng.choice(INSERT_CHARS)


def reference_outcome(text):
    """('ok', value) or ('error', (msg, pos, lineno, colno)) or None (unusable)."""
    try:
        return ("ok", json.loads(text))
    except json.JSONDecodeError as exc:
        return ("error", (exc.msg, exc.pos, exc.lineno, exc.colno))
    except (ValueError, RecursionError):
        return None


def check_against_reference(jp, text):
    """Return None when the agent agrees with json.loads on text, else a message."""
    ref = reference_outcome(text)
    if ref is None:
        return None
    try:
        got = jp.loads(text)
    except jp.JSONDecodeError as exc:
        got_err = (getattr(exc, "msg", None), getattr(exc, "pos", None), getattr(exc, "lineno", None), getattr(exc, "colno", None))
        if ref[0] == "ok":
            return f"loads({short(text)}) raised {exc!r}; json.loads returns {short(ref[1])}"
        if got_err != ref[1]:
            return f"loads({short(text)}): (msg, pos, lineno, colno) = {got_err!r}, expected {ref[1]!r}"
        expected_str = "%s: line %d column %d (char %d)" % (ref[1][0], ref[1][2], ref[1][3], ref[1][1])
        if str(exc) != expected_str:
            return f"loads({short(text)}): str(error) = {str(exc)!r}, expected {expected_str!r}"
        return None
    except Exception as exc:  # noqa: BLE001 - report any wrong exception type
        return f"loads({short(text)}) raised {exc!r}; expected " + (
            f"value {short(ref[1])}" if ref[0] == "ok" else f"JSONDecodeError{ref[1]!r}"
        )
    if ref[0] == "error":
        return f"loads({short(text)}) returned {short(got)}; json.loads raises JSONDecodeError{ref[1]!r}"
    if not same(got, ref[1]):
        return f"loads({short(text)}) = {short(got)}, expected {short(ref[1])}"
    return None


def assert_all(jp, texts, limit=5):
    failures = []
    for text in texts:
        msg = check_against_reference(jp, text)
        if msg:
            failures.append(msg)
    assert not failures, f"{len(failures)} of {len(texts)} documents differ from json.loads:\n" + "\n".join(failures[:limit])
