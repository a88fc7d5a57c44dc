"""Pattern parser: turns a pattern string into a small syntax tree.

Node types (tuples):
  ("char", pred, desc)         one character satisfying pred
  ("at", "^" | "$")            anchors
  ("seq", [nodes])
  ("alt", [nodes])
  ("group", index, node)       capturing group
  ("nocap", node)              (?:...)
  ("repeat", node, min, max, greedy)   max None = unbounded
  ("backref", index)
"""


class error(ValueError):
    """Raised for an invalid pattern."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pos is not None:
            msg = f"{msg} at position {pos}"
        super().__init__(msg)


DIGITS = "0123456789"
ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def is_digit(ch):
    return ch.isdecimal()


def is_word(ch):
    return ch.isalnum() or ch == "_"


def is_space(ch):
    return ch.isspace()


CATEGORIES = {
    "d": is_digit,
    "D": lambda ch: not is_digit(ch),
    "w": is_word,
    "W": lambda ch: not is_word(ch),
    "s": is_space,
    "S": lambda ch: not is_space(ch),
}


class _Source:
    def __init__(self, pattern):
        self.pattern = pattern
        self.pos = 0

    def peek(self, offset=0):
        i = self.pos + offset
        return self.pattern[i] if i < len(self.pattern) else None

    def get(self):
        ch = self.peek()
        if ch is not None:
            self.pos += 1
        return ch

    def match(self, text):
        if self.pattern.startswith(text, self.pos):
            self.pos += len(text)
            return True
        return False

    def fail(self, msg, pos=None):
        raise error(msg, self.pattern, self.pos if pos is None else pos)


class Parser:
    def __init__(self, pattern):
        self.src = _Source(pattern)
        self.ngroups = 0
        self.open_groups = set()

    def parse(self):
        node = self.parse_alt()
        if self.src.peek() is not None:
            # only a stray ')' can stop the top-level alternation early
            self.src.fail("unbalanced parenthesis")
        return node

    def parse_alt(self):
        branches = [self.parse_seq()]
        while self.src.match("|"):
            branches.append(self.parse_seq())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def parse_seq(self):
        items = []
        src = self.src
        while True:
            ch = src.peek()
            if ch is None or ch in "|)":
                break
            start = src.pos
            src.get()
            if ch == "(":
                items.append(self.parse_group(start))
            elif ch == "[":
                items.append(self.parse_class(start))
            elif ch == ".":
                items.append(("char", lambda c: c != "\n", "."))
            elif ch == "^" or ch == "$":
                items.append(("at", ch))
            elif ch == "\\":
                items.append(self.parse_escape(start))
            elif ch in "*+?":
                self.apply_repeat(items, start, ch)
            elif ch == "{":
                rng = self.parse_braces()
                if rng is None:
                    items.append(_literal("{"))
                else:
                    self.apply_repeat(items, start, rng)
            else:
                items.append(_literal(ch))
        return items[0] if len(items) == 1 else ("seq", items)

    def parse_braces(self):
        """After '{': return (min, max) of a valid {m,n} quantifier or None (literal '{')."""
        src = self.src
        here = src.pos
        if src.peek() == "}":
            return None
        lo = hi = ""
        while src.peek() is not None and src.peek() in DIGITS:
            lo += src.get()
        if src.match(","):
            while src.peek() is not None and src.peek() in DIGITS:
                hi += src.get()
        else:
            hi = lo
        if not src.match("}"):
            src.pos = here
            return None
        mn = int(lo) if lo else 0
        mx = int(hi) if hi else None
        if mx is not None and mx < mn:
            src.fail("min repeat greater than max repeat", here)
        return (mn, mx)

    def apply_repeat(self, items, start, spec):
        src = self.src
        if spec == "*":
            mn, mx = 0, None
        elif spec == "+":
            mn, mx = 1, None
        elif spec == "?":
            mn, mx = 0, 1
        else:
            mn, mx = spec
        if not items or items[-1][0] == "at":
            src.fail("nothing to repeat", start)
        if items[-1][0] == "repeat":
            src.fail("multiple repeat", start)
        greedy = True
        if src.match("?"):
            greedy = False
        elif src.peek() == "+":
            src.fail("possessive quantifiers are not supported", src.pos)
        items[-1] = ("repeat", items[-1], mn, mx, greedy)

    def parse_group(self, start):
        src = self.src
        if src.match("?"):
            if not src.match(":"):
                src.fail("unsupported group extension", start)
            body = self.parse_alt()
            if not src.match(")"):
                src.fail("missing ), unterminated subpattern", start)
            return ("nocap", body)
        self.ngroups += 1
        index = self.ngroups
        self.open_groups.add(index)
        body = self.parse_alt()
        if not src.match(")"):
            src.fail("missing ), unterminated subpattern", start)
        self.open_groups.discard(index)
        return ("group", index, body)

    def parse_escape(self, start):
        src = self.src
        ch = src.get()
        if ch is None:
            src.fail("bad escape (end of pattern)", start)
        if ch in CATEGORIES:
            return ("char", CATEGORIES[ch], "\\" + ch)
        if ch in LITERAL_ESCAPES:
            return _literal(LITERAL_ESCAPES[ch])
        if ch in DIGITS:
            if ch == "0":
                src.fail("octal escapes are not supported", start)
            text = ch
            while src.peek() is not None and src.peek() in DIGITS:
                text += src.get()
            index = int(text)
            if index > self.ngroups:
                src.fail(f"invalid group reference {index}", start + 1)
            if index in self.open_groups:
                src.fail("cannot refer to an open group", start)
            return ("backref", index)
        if ch in ASCII_LETTERS:
            src.fail("bad escape \\" + ch, start)
        return _literal(ch)

    def class_item(self, ch, start):
        """One class item after reading ch: ('lit', char) or ('cat', pred)."""
        if ch != "\\":
            return ("lit", ch)
        src = self.src
        nxt = src.get()
        if nxt is None:
            src.fail("unterminated character set", start)
        if nxt in CATEGORIES:
            return ("cat", CATEGORIES[nxt])
        if nxt in LITERAL_ESCAPES:
            return ("lit", LITERAL_ESCAPES[nxt])
        if nxt == "b":
            return ("lit", "\b")
        if nxt in ASCII_LETTERS or nxt in DIGITS:
            src.fail("bad escape \\" + nxt, src.pos - 2)
        return ("lit", nxt)

    def parse_class(self, start):
        src = self.src
        negate = src.match("^")
        chars = set()
        ranges = []
        preds = []
        first = True
        while True:
            ch = src.get()
            if ch is None:
                src.fail("unterminated character set", start)
            if ch == "]" and not first:
                break
            first = False
            item_start = src.pos - 1
            item = self.class_item(ch, start)
            if src.match("-"):
                that = src.get()
                if that is None:
                    src.fail("unterminated character set", start)
                if that == "]":
                    self._add_item(item, chars, preds)
                    chars.add("-")
                    break
                item2 = self.class_item(that, start)
                if item[0] != "lit" or item2[0] != "lit" or item2[1] < item[1]:
                    src.fail("bad character range " + src.pattern[item_start:src.pos], item_start)
                ranges.append((item[1], item2[1]))
            else:
                self._add_item(item, chars, preds)

        def pred(c, chars=frozenset(chars), ranges=tuple(ranges), preds=tuple(preds), negate=negate):
            hit = c in chars or any(lo <= c <= hi for lo, hi in ranges) or any(p(c) for p in preds)
            return hit != negate

        return ("char", pred, src.pattern[start:src.pos])

    @staticmethod
    def _add_item(item, chars, preds):
        if item[0] == "lit":
            chars.add(item[1])
        else:
            preds.append(item[1])


def _literal(ch):
    return ("char", lambda c, ch=ch: c == ch, ch)


def parse(pattern):
    parser = Parser(pattern)
    tree = parser.parse()
    return tree, parser.ngroups
