"""The reader: program text -> data."""

import re

from .types import NIL, Char, Pair, SchemeError, intern

QUOTE = intern("quote")
QUASIQUOTE = intern("quasiquote")
UNQUOTE = intern("unquote")
UNQUOTE_SPLICING = intern("unquote-splicing")

CHAR_NAMES = {
    "space": " ",
    "newline": "\n",
    "tab": "\t",
    "nul": "\0",
    "null": "\0",
    "return": "\r",
    "linefeed": "\n",
    "alarm": "\a",
    "backspace": "\b",
    "delete": "\x7f",
    "escape": "\x1b",
}

DELIMS = set(" \t\n\r\f()\";'`,")
INT_RE = re.compile(r"[+-]?\d+\Z")
FLOAT_RE = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?\Z")


class Incomplete(SchemeError):
    """The text ends inside a datum (used by the REPL to ask for more input)."""


class Reader:
    def __init__(self, text):
        self.text = text
        self.pos = 0
        self.n = len(text)

    def skip_ws(self):
        text, n = self.text, self.n
        while self.pos < n:
            c = text[self.pos]
            if c in " \t\n\r\f":
                self.pos += 1
            elif c == ";":
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif c == "#" and text.startswith("#|", self.pos):
                depth = 0
                i = self.pos
                while True:
                    if i >= n:
                        raise Incomplete("unterminated block comment")
                    if text.startswith("#|", i):
                        depth += 1
                        i += 2
                    elif text.startswith("|#", i):
                        depth -= 1
                        i += 2
                        if depth == 0:
                            break
                    else:
                        i += 1
                self.pos = i
            elif c == "#" and text.startswith("#;", self.pos):
                self.pos += 2
                self.read()
            else:
                return

    def at_end(self):
        self.skip_ws()
        return self.pos >= self.n

    def read(self):
        """Read one datum (the caller checks at_end first)."""
        self.skip_ws()
        if self.pos >= self.n:
            raise Incomplete("unexpected end of input")
        text = self.text
        c = text[self.pos]
        if c == "(" or c == "[":
            self.pos += 1
            return self.read_list(")" if c == "(" else "]")
        if c == ")" or c == "]":
            self.pos += 1
            raise SchemeError("unexpected ')'")
        if c == "'":
            self.pos += 1
            return Pair(QUOTE, Pair(self.read(), NIL))
        if c == "`":
            self.pos += 1
            return Pair(QUASIQUOTE, Pair(self.read(), NIL))
        if c == ",":
            self.pos += 1
            if self.pos < self.n and text[self.pos] == "@":
                self.pos += 1
                return Pair(UNQUOTE_SPLICING, Pair(self.read(), NIL))
            return Pair(UNQUOTE, Pair(self.read(), NIL))
        if c == '"':
            return self.read_string()
        if c == "#" and text.startswith("#\\", self.pos):
            return self.read_char()
        return self.read_atom()

    def read_list(self, close):
        items = []
        tail = NIL
        while True:
            self.skip_ws()
            if self.pos >= self.n:
                raise Incomplete("unexpected end of input: missing ')'")
            c = self.text[self.pos]
            if c == ")" or c == "]":
                self.pos += 1
                break
            if c == "." and self.pos + 1 < self.n and self.text[self.pos + 1] in DELIMS:
                if not items:
                    raise SchemeError("bad dotted list")
                self.pos += 1
                tail = self.read()
                self.skip_ws()
                if self.pos >= self.n:
                    raise Incomplete("unexpected end of input: missing ')'")
                if self.text[self.pos] not in ")]":
                    raise SchemeError("bad dotted list")
                self.pos += 1
                break
            items.append(self.read())
        out = tail
        for x in reversed(items):
            out = Pair(x, out)
        return out

    def read_string(self):
        text, n = self.text, self.n
        i = self.pos + 1
        out = []
        while True:
            if i >= n:
                raise Incomplete("unterminated string")
            c = text[i]
            if c == '"':
                break
            if c == "\\":
                i += 1
                if i >= n:
                    raise Incomplete("unterminated string")
                e = text[i]
                out.append({"n": "\n", "t": "\t", "r": "\r", "a": "\a", "0": "\0"}.get(e, e))
            else:
                out.append(c)
            i += 1
        self.pos = i + 1
        return "".join(out)

    def read_char(self):
        text, n = self.text, self.n
        i = self.pos + 2
        if i >= n:
            raise Incomplete("bad character literal")
        j = i + 1
        while j < n and text[j] not in DELIMS:
            j += 1
        name = text[i:j]
        self.pos = j
        if len(name) == 1:
            return Char(name)
        if name in CHAR_NAMES:
            return Char(CHAR_NAMES[name])
        if name[0] == "x" and len(name) > 1:
            try:
                return Char(chr(int(name[1:], 16)))
            except ValueError:
                pass
        # a one-character literal followed directly by a non-delimiter, e.g. #\( inside text
        if not text[i].isalnum():
            self.pos = i + 1
            return Char(text[i])
        raise SchemeError(f"unknown character name: #\\{name}")

    def read_atom(self):
        text, n = self.text, self.n
        i = self.pos
        j = i
        while j < n and text[j] not in DELIMS:
            j += 1
        tok = text[i:j]
        self.pos = j
        return parse_atom(tok)


def parse_number(tok):
    if INT_RE.match(tok):
        return int(tok)
    if FLOAT_RE.match(tok):
        return float(tok)
    if tok in ("+inf.0", "-inf.0", "+nan.0", "-nan.0"):
        return float(tok[:-2])
    return None


def parse_atom(tok):
    if tok in ("#t", "#true"):
        return True
    if tok in ("#f", "#false"):
        return False
    num = parse_number(tok)
    if num is not None:
        return num
    if tok.startswith("#"):
        raise SchemeError(f"bad syntax: {tok}")
    if tok.startswith("|") and tok.endswith("|") and len(tok) >= 2:
        return intern(tok[1:-1])
    return intern(tok)


def read_all(text):
    r = Reader(text)
    out = []
    while not r.at_end():
        out.append(r.read())
    return out
