"""regexengine: a backtracking regular-expression engine written from scratch.

compile(pattern) -> Pattern with match, fullmatch, search, findall and sub,
following the semantics of Python's re module (no flags) for the supported
syntax.
"""

from .parser import error
from .engine import Program

__all__ = ["compile", "error", "Pattern", "Match"]


class Match:
    def __init__(self, pattern, string, start, end, caps):
        self.re = pattern
        self.string = string
        self._spans = ((start, end),) + tuple(caps)

    def _index(self, n):
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < len(self._spans):
            raise IndexError("no such group")
        return n

    def span(self, n=0):
        span = self._spans[self._index(n)]
        return (-1, -1) if span is None else span

    def start(self, n=0):
        return self.span(n)[0]

    def end(self, n=0):
        return self.span(n)[1]

    def group(self, *indices):
        if not indices:
            indices = (0,)
        values = []
        for n in indices:
            span = self._spans[self._index(n)]
            values.append(None if span is None else self.string[span[0]:span[1]])
        return values[0] if len(values) == 1 else tuple(values)

    def __getitem__(self, n):
        return self.group(n)

    def groups(self, default=None):
        return tuple(
            default if span is None else self.string[span[0]:span[1]] for span in self._spans[1:]
        )

    def expand(self, template):
        return "".join(
            piece if isinstance(piece, str) else (self.group(piece) or "")
            for piece in _parse_template(template, self.re.groups)
        )

    def __repr__(self):
        return f"<regexengine.Match object; span={self.span()!r}, match={self.group()!r}>"


def _parse_template(template, ngroups):
    """Split a replacement string into literal text and group numbers."""
    pieces = []
    literal = []
    i = 0
    n = len(template)
    while i < n:
        ch = template[i]
        if ch != "\\":
            literal.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)")
        nxt = template[i + 1]
        if nxt == "g":
            close = template.find(">", i + 3)
            if i + 2 >= n or template[i + 2] != "<" or close < 0:
                raise error("missing group name")
            name = template[i + 3:close]
            if not name.isdigit() or not name.isascii():
                raise error(f"bad character in group name {name!r}")
            index = int(name)
            if index > ngroups:
                raise error(f"invalid group reference {index}")
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(index)
            i = close + 1
        elif nxt in "123456789":
            j = i + 2
            if j < n and template[j] in "0123456789":
                j += 1
            index = int(template[i + 1:j])
            if index > ngroups:
                raise error(f"invalid group reference {index}")
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(index)
            i = j
        elif nxt == "\\":
            literal.append("\\")
            i += 2
        elif nxt in "ntrfva":
            literal.append({"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}[nxt])
            i += 2
        elif nxt.isascii() and nxt.isalnum():
            raise error("bad escape \\" + nxt)
        else:
            literal.append("\\" + nxt)
            i += 2
    if literal:
        pieces.append("".join(literal))
    return pieces


class Pattern:
    def __init__(self, pattern):
        if not isinstance(pattern, str):
            raise TypeError("pattern must be a str")
        self.pattern = pattern
        self._prog = Program(pattern)
        self.groups = self._prog.ngroups

    def __repr__(self):
        return f"regexengine.compile({self.pattern!r})"

    def _make(self, string, start, result):
        end, caps = result
        return Match(self, string, start, end, caps)

    def match(self, string):
        result = self._prog.match_at(string, 0)
        return None if result is None else self._make(string, 0, result)

    def fullmatch(self, string):
        result = self._prog.match_at(string, 0, full=True)
        return None if result is None else self._make(string, 0, result)

    def _search_from(self, string, start, must_advance=False):
        for pos in range(start, len(string) + 1):
            result = self._prog.match_at(string, pos, must_advance=must_advance and pos == start)
            if result is not None:
                return self._make(string, pos, result)
        return None

    def search(self, string):
        return self._search_from(string, 0)

    def finditer(self, string):
        pos = 0
        must_advance = False
        while pos <= len(string):
            m = self._search_from(string, pos, must_advance)
            if m is None:
                return
            yield m
            start, end = m.span()
            must_advance = start == end
            pos = end

    def findall(self, string):
        out = []
        for m in self.finditer(string):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m.group(1) or "")
            else:
                out.append(tuple(g or "" for g in m.groups()))
        return out

    def sub(self, repl, string, count=0):
        if callable(repl):
            expand = repl
        else:
            pieces = _parse_template(repl, self.groups)

            def expand(m):
                return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in pieces)

        out = []
        last = 0
        done = 0
        for m in self.finditer(string):
            if count and done >= count:
                break
            start, end = m.span()
            out.append(string[last:start])
            out.append(expand(m))
            last = end
            done += 1
        out.append(string[last:])
        return "".join(out)


def compile(pattern):  # noqa: A001 - the required API name
    """Compile `pattern` into a Pattern object."""
    return Pattern(pattern)
