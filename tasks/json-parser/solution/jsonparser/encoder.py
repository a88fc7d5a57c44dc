"""A JSON encoder producing exactly json.dumps's output for the options
ensure_ascii=True (always), indent and sort_keys."""

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def _escape_char(ch):
    try:
        return _ESCAPES[ch]
    except KeyError:
        pass
    n = ord(ch)
    if n < 0x10000:
        return "\\u%04x" % n
    n -= 0x10000
    return "\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF))


def encode_string(s):
    out = ['"']
    start = 0
    for i, ch in enumerate(s):
        if " " <= ch <= "~" and ch != '"' and ch != "\\":
            continue
        if i > start:
            out.append(s[start:i])
        out.append(_escape_char(ch))
        start = i + 1
    out.append(s[start:])
    out.append('"')
    return "".join(out)


def encode_float(f):
    if f != f:
        return "NaN"
    if f == float("inf"):
        return "Infinity"
    if f == float("-inf"):
        return "-Infinity"
    return float.__repr__(f)


def _encode_key(key):
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return encode_float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(
        f"keys must be str, int, float, bool or None, not {key.__class__.__name__}"
    )


def dumps(obj, indent=None, sort_keys=False):
    """Serialize obj like json.dumps(obj, indent=indent, sort_keys=sort_keys)."""
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent
    item_sep = ", " if indent is None else ","
    key_sep = ": "
    parts = []
    markers = set()
    # explicit stack of work items: either a string to emit or a value to encode
    # (value, level) pairs are tagged with a sentinel to tell them apart.
    VALUE = object()
    POP = object()
    work = [(VALUE, obj, 0)]
    while work:
        item = work.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item[0] is POP:
            markers.discard(item[1])
            continue
        _, o, level = item
        if isinstance(o, str):
            parts.append(encode_string(o))
        elif o is None:
            parts.append("null")
        elif o is True:
            parts.append("true")
        elif o is False:
            parts.append("false")
        elif isinstance(o, int):
            parts.append(int.__repr__(o))
        elif isinstance(o, float):
            parts.append(encode_float(o))
        elif isinstance(o, (list, tuple, dict)):
            if not o:
                parts.append("{}" if isinstance(o, dict) else "[]")
                continue
            if id(o) in markers:
                raise ValueError("Circular reference detected")
            markers.add(id(o))
            if indent is None:
                open_sep = ""
                between = item_sep
                close_sep = ""
            else:
                inner = "\n" + indent * (level + 1)
                open_sep = inner
                between = item_sep + inner
                close_sep = "\n" + indent * level
            todo = []
            if isinstance(o, dict):
                opening, closing = "{", "}"
                items = sorted(o.items()) if sort_keys else list(o.items())
                for i, (k, v) in enumerate(items):
                    todo.append(between if i else open_sep)
                    todo.append(encode_string(_encode_key(k)) + key_sep)
                    todo.append((VALUE, v, level + 1))
            else:
                opening, closing = "[", "]"
                for i, v in enumerate(o):
                    todo.append(between if i else open_sep)
                    todo.append((VALUE, v, level + 1))
            parts.append(opening)
            work.append((POP, id(o)))
            work.append(close_sep + closing)
            work.extend(reversed(todo))
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
    return "".join(parts)
