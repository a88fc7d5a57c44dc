"""Backtracking matcher built from the syntax tree as continuation-passing
closures.

Every compiled node is a function m(s, pos, caps, k): it tries to match at
`pos` in `s` with the capture tuple `caps` and, for each way it can match (in
priority order), calls the continuation k(new_pos, new_caps); the first
non-None result is returned.  Quantified subpatterns follow the rules of
CPython's sre engine, including its protection against empty iterations.
"""

import sys

from .parser import parse

if sys.getrecursionlimit() < 20000:
    sys.setrecursionlimit(20000)


def _succeed(s, pos, caps, k):
    return k(pos, caps)


def _compile(node):
    kind = node[0]
    if kind == "char":
        pred = node[1]

        def m_char(s, pos, caps, k):
            if pos < len(s) and pred(s[pos]):
                return k(pos + 1, caps)
            return None

        return m_char
    if kind == "at":
        if node[1] == "^":
            def m_begin(s, pos, caps, k):
                return k(pos, caps) if pos == 0 else None

            return m_begin

        def m_end(s, pos, caps, k):
            n = len(s)
            if pos == n or (pos == n - 1 and s[pos] == "\n"):
                return k(pos, caps)
            return None

        return m_end
    if kind == "seq":
        return _seq([_compile(item) for item in node[1]])
    if kind == "alt":
        branches = [_compile(b) for b in node[1]]

        def m_alt(s, pos, caps, k):
            for b in branches:
                r = b(s, pos, caps, k)
                if r is not None:
                    return r
            return None

        return m_alt
    if kind == "nocap":
        return _compile(node[1])
    if kind == "group":
        slot = node[1] - 1
        body = _compile(node[2])

        def m_group(s, pos, caps, k):
            def close(p, c):
                c = c[:slot] + ((pos, p),) + c[slot + 1:]
                return k(p, c)

            return body(s, pos, caps, close)

        return m_group
    if kind == "backref":
        slot = node[1] - 1

        def m_backref(s, pos, caps, k):
            span = caps[slot]
            if span is None:
                return None
            text = s[span[0]:span[1]]
            if s.startswith(text, pos):
                return k(pos + len(text), caps)
            return None

        return m_backref
    if kind == "repeat":
        _, inner, mn, mx, greedy = node
        # unwrap non-capturing groups like sre_parse does
        while inner[0] == "nocap":
            inner = inner[1]
        if inner[0] == "char":
            return _repeat_one(inner[1], mn, mx, greedy)
        return _repeat(_compile(inner), mn, mx, greedy)
    raise AssertionError(kind)


def _seq(ms):
    if not ms:
        return _succeed
    if len(ms) == 1:
        return ms[0]
    first = ms[0]
    rest = _seq(ms[1:])

    def m_seq(s, pos, caps, k):
        return first(s, pos, caps, lambda p, c: rest(s, p, c, k))

    return m_seq


def _repeat_one(pred, mn, mx, greedy):
    """A quantified single-character item (sre's REPEAT_ONE / MIN_REPEAT_ONE)."""

    def m_greedy(s, pos, caps, k):
        limit = len(s) if mx is None else min(len(s), pos + mx)
        end = pos
        while end < limit and pred(s[end]):
            end += 1
        if end - pos < mn:
            return None
        while end >= pos + mn:
            r = k(end, caps)
            if r is not None:
                return r
            end -= 1
        return None

    def m_lazy(s, pos, caps, k):
        end = pos
        n = len(s)
        while end < pos + mn:
            if end >= n or not pred(s[end]):
                return None
            end += 1
        while True:
            r = k(end, caps)
            if r is not None:
                return r
            if (mx is not None and end - pos >= mx) or end >= n or not pred(s[end]):
                return None
            end += 1

    return m_greedy if greedy else m_lazy


def _repeat(body, mn, mx, greedy):
    """A quantified general subpattern (sre's REPEAT with MAX_UNTIL / MIN_UNTIL).

    `done` counts completed iterations; `last` is the position at which the
    latest optional iteration started: a further optional iteration is not
    tried from that same position (an empty iteration ends the loop).
    """
    if greedy:
        def m_max(s, pos, caps, k):
            def until(p, c, done, last):
                if done < mn:
                    return body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, last))
                if (mx is None or done < mx) and p != last:
                    r = body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, p))
                    if r is not None:
                        return r
                return k(p, c)

            return until(pos, caps, 0, None)

        return m_max

    def m_min(s, pos, caps, k):
        def until(p, c, done, last):
            if done < mn:
                return body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, last))
            r = k(p, c)
            if r is not None:
                return r
            if (mx is not None and done >= mx) or p == last:
                return None
            return body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, p))

        return until(pos, caps, 0, None)

    return m_min


class Program:
    def __init__(self, pattern):
        tree, ngroups = parse(pattern)
        self.ngroups = ngroups
        self.matcher = _compile(tree)

    def match_at(self, s, start, full=False, must_advance=False):
        """Match anchored at `start`; return (end, caps) or None."""
        n = len(s)

        def final(p, c):
            if full and p != n:
                return None
            if must_advance and p == start:
                return None
            return (p, c)

        return self.matcher(s, start, (None,) * self.ngroups, final)
