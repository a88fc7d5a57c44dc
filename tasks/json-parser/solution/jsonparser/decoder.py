"""A JSON decoder that reproduces the positions and messages of CPython's
C scanner (the default json.loads) for invalid input.

The parser is iterative (an explicit stack of open containers), so nesting
depth is limited only by memory.
"""

from .errors import JSONDecodeError

WHITESPACE = " \t\n\r"
NAN = float("nan")
INF = float("inf")

_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_HEX = "0123456789abcdefABCDEF"


class _NoValue(Exception):
    """No value could be scanned at `pos` (becomes "Expecting value")."""

    def __init__(self, pos):
        super().__init__(pos)
        self.pos = pos


def _skip_ws(s, idx, n):
    while idx < n and s[idx] in WHITESPACE:
        idx += 1
    return idx


def _hex4(s, start):
    """Value of the 4 hex digits at s[start:start+4], or None."""
    value = 0
    for i in range(start, start + 4):
        c = s[i]
        if c not in _HEX:
            return None
        value = value * 16 + int(c, 16)
    return value


def scanstring(s, end):
    """Decode the string whose opening quote is at end - 1.

    Returns (text, index just after the closing quote).
    """
    n = len(s)
    begin = end - 1
    chunks = []
    while True:
        nxt = end
        c = None
        while nxt < n:
            c = s[nxt]
            if c == '"' or c == "\\":
                break
            if c <= "\x1f":
                raise JSONDecodeError("Invalid control character at", s, nxt)
            nxt += 1
        else:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        if nxt > end:
            chunks.append(s[end:nxt])
        nxt += 1
        if c == '"':
            end = nxt
            break
        # a backslash escape
        if nxt == n:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        c = s[nxt]
        if c != "u":
            end = nxt + 1
            try:
                chunks.append(_SIMPLE_ESCAPES[c])
            except KeyError:
                raise JSONDecodeError("Invalid \\escape", s, end - 2) from None
            continue
        nxt += 1
        end = nxt + 4
        if end >= n:
            raise JSONDecodeError("Invalid \\uXXXX escape", s, nxt - 1)
        code = _hex4(s, nxt)
        if code is None:
            raise JSONDecodeError("Invalid \\uXXXX escape", s, end - 5)
        if 0xD800 <= code <= 0xDBFF and end + 6 < n and s[end] == "\\" and s[end + 1] == "u":
            low = _hex4(s, end + 2)
            if low is None:
                raise JSONDecodeError("Invalid \\uXXXX escape", s, end + 1)
            if 0xDC00 <= low <= 0xDFFF:
                code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                end += 6
        chunks.append(chr(code))
    return "".join(chunks), end


def _match_number(s, start, n):
    idx = start
    if s[idx] == "-":
        idx += 1
        if idx >= n:
            raise _NoValue(start)
    c = s[idx]
    if "1" <= c <= "9":
        idx += 1
        while idx < n and "0" <= s[idx] <= "9":
            idx += 1
    elif c == "0":
        idx += 1
    else:
        raise _NoValue(start)
    is_float = False
    if idx + 1 < n and s[idx] == "." and "0" <= s[idx + 1] <= "9":
        is_float = True
        idx += 2
        while idx < n and "0" <= s[idx] <= "9":
            idx += 1
    if idx + 1 < n and s[idx] in "eE":
        e_start = idx
        idx += 1
        if idx + 1 < n and s[idx] in "-+":
            idx += 1
        digits_start = idx
        while idx < n and "0" <= s[idx] <= "9":
            idx += 1
        if idx > digits_start:
            is_float = True
        else:
            idx = e_start
    text = s[start:idx]
    return (float(text) if is_float else int(text)), idx


# frame kinds on the explicit stack
_ARRAY = 0
_OBJECT = 1


def _scan(s, idx):
    """Scan one JSON value starting exactly at idx; return (value, end)."""
    n = len(s)
    # each frame: [kind, container, pending_key]
    stack = []
    while True:
        # --- scan a value at idx (or open a container) ---
        if idx >= n:
            raise _NoValue(idx)
        c = s[idx]
        if c == '"':
            value, idx = scanstring(s, idx + 1)
        elif c == "{":
            idx = _skip_ws(s, idx + 1, n)
            if idx < n and s[idx] == "}":
                value, idx = {}, idx + 1
            else:
                obj = {}
                key, idx = _read_key(s, idx, n)
                stack.append([_OBJECT, obj, key])
                continue
        elif c == "[":
            idx = _skip_ws(s, idx + 1, n)
            if idx < n and s[idx] == "]":
                value, idx = [], idx + 1
            else:
                stack.append([_ARRAY, [], None])
                continue
        elif c == "n" and s.startswith("null", idx):
            value, idx = None, idx + 4
        elif c == "t" and s.startswith("true", idx):
            value, idx = True, idx + 4
        elif c == "f" and s.startswith("false", idx):
            value, idx = False, idx + 5
        elif c == "N" and s.startswith("NaN", idx):
            value, idx = NAN, idx + 3
        elif c == "I" and s.startswith("Infinity", idx):
            value, idx = INF, idx + 8
        elif c == "-" and s.startswith("-Infinity", idx):
            value, idx = -INF, idx + 9
        else:
            value, idx = _match_number(s, idx, n)

        # --- hand the value to the enclosing containers ---
        while True:
            if not stack:
                return value, idx
            frame = stack[-1]
            idx = _skip_ws(s, idx, n)
            if frame[0] == _ARRAY:
                frame[1].append(value)
                if idx < n and s[idx] == "]":
                    stack.pop()
                    value, idx = frame[1], idx + 1
                    continue
                if idx >= n or s[idx] != ",":
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx = _skip_ws(s, idx + 1, n)
                break
            else:
                frame[1][frame[2]] = value
                if idx < n and s[idx] == "}":
                    stack.pop()
                    value, idx = frame[1], idx + 1
                    continue
                if idx >= n or s[idx] != ",":
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx = _skip_ws(s, idx + 1, n)
                frame[2], idx = _read_key(s, idx, n)
                break


def _read_key(s, idx, n):
    """Read `"key" :` and the whitespace after the colon; idx is at the key."""
    if idx >= n or s[idx] != '"':
        raise JSONDecodeError("Expecting property name enclosed in double quotes", s, idx)
    key, idx = scanstring(s, idx + 1)
    idx = _skip_ws(s, idx, n)
    if idx >= n or s[idx] != ":":
        raise JSONDecodeError("Expecting ':' delimiter", s, idx)
    return key, _skip_ws(s, idx + 1, n)


def loads(s):
    """Parse the JSON document `s` (a str) like json.loads."""
    if not isinstance(s, str):
        raise TypeError(f"the JSON object must be str, not {s.__class__.__name__}")
    if s.startswith("\ufeff"):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    n = len(s)
    idx = _skip_ws(s, 0, n)
    try:
        value, end = _scan(s, idx)
    except _NoValue as exc:
        raise JSONDecodeError("Expecting value", s, exc.pos) from None
    end = _skip_ws(s, end, n)
    if end != n:
        raise JSONDecodeError("Extra data", s, end)
    return value
