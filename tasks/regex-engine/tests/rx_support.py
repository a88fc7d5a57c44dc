# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Helpers for the hidden `regex-engine` suite: a random generator of patterns
from the supported grammar (with a sampler of strings that tend to match),
comparison against Python's re module (the independent reference) and the
source-rules check."""

import ast
import os
import random
import re
import sys

FORBIDDEN_MODULES = {
    "re", "_sre", "sre_compile", "sre_parse", "sre_constants", "regex", "fnmatch", "glob",
    "importlib", "ast", "pickle", "marshal", "runpy", "code", "codeop", "ctypes",
}
FORBIDDEN_CALLS = {"eval", "exec", "__import__"}


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
    return problems


# ---------------------------------------------------------------------------
# random patterns
# ---------------------------------------------------------------------------

ALPHABETS = [
    "ab",
    "abc",
    "ab1 ",
    "ab_1\n",
    "aAb19 \t.-",
    "xyé٣²_ \n",
]

META = set(".^$*+?{}[]()|\\-")
CLASS_ESCAPES = ["\\d", "\\w", "\\s", "\\D", "\\W", "\\S"]

ALL_FEATURES = frozenset(
    ["dot", "class", "escape", "quant", "lazy", "group", "nocap", "alt", "anchor", "backref"]
)


def lit_pattern(ch):
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch in META:
        return "\\" + ch
    return ch


class PatternGen:
    """Builds a random pattern and, alongside it, a sampler of strings that
    (roughly) match it, to get interesting subjects, and a small syntax tree
    used only to estimate the backtracking effort (see too_expensive)."""

    def __init__(self, rng, features, alphabet, max_depth=3):
        self.rng = rng
        self.features = set(features)
        self.alphabet = alphabet
        self.max_depth = max_depth
        self.ngroups = 0
        self.closed = []

    def has(self, name):
        return name in self.features

    def generate(self):
        """Return (pattern_text, sampler, tree)."""
        self.ngroups = 0
        self.closed = []
        return self.alt(0)

    # each method returns (pattern_text, sampler(rng) -> str, tree)

    def alt(self, depth, in_loop=False):
        rng = self.rng
        n = 1
        if self.has("alt") and rng.random() < (0.35 if depth else 0.45):
            n = rng.choice([2, 2, 3])
        branches = [self.seq(depth, in_loop) for _ in range(n)]
        text = "|".join(b[0] for b in branches)
        samplers = [b[1] for b in branches]
        tree = branches[0][2] if n == 1 else ("alt", [b[2] for b in branches])
        return text, (lambda r: r.choice(samplers)(r)), tree

    def seq(self, depth, in_loop=False):
        rng = self.rng
        length = rng.choice([0, 1, 1, 2, 2, 3]) if depth else rng.choice([1, 2, 2, 3, 3, 4])
        pieces = [self.piece(depth, in_loop) for _ in range(length)]
        texts = []
        for i, (text, _s, is_backref, _t) in enumerate(pieces):
            nxt = pieces[i + 1][0] if i + 1 < len(pieces) else ""
            if is_backref and nxt[:1].isdigit():
                text = "(?:" + text + ")"
            texts.append(text)
        samplers = [p[1] for p in pieces]
        return "".join(texts), (lambda r: "".join(sm(r) for sm in samplers)), ("seq", [p[3] for p in pieces])

    def piece(self, depth, in_loop=False):
        """An atom with an optional quantifier; returns (text, sampler, is_bare_backref, tree)."""
        rng = self.rng
        quant = None
        if self.has("quant") and rng.random() < (0.25 if in_loop else 0.4):
            quant = self.quantifier()
        text, sampler, kind, tree = self.atom(depth, in_loop or quant is not None)
        if kind == "anchor" or quant is None:
            return text, sampler, kind == "backref", tree
        q, lo, hi = quant
        text = text + q

        def sample(r, sampler=sampler, lo=lo, hi=hi):
            count = r.randint(lo, hi if hi is not None else lo + 3)
            return "".join(sampler(r) for _ in range(count))

        return text, sample, False, ("rep", tree, lo, hi, not q.endswith("?") or q == "?")

    def quantifier(self):
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            q, lo, hi = "*", 0, None
        elif r < 0.45:
            q, lo, hi = "+", 1, None
        elif r < 0.65:
            q, lo, hi = "?", 0, 1
        else:
            m = rng.randint(0, 3)
            form = rng.randint(0, 2)
            if form == 0:
                q, lo, hi = "{%d}" % m, m, m
            elif form == 1:
                q, lo, hi = "{%d,}" % m, m, None
            else:
                n = m + rng.randint(0, 2)
                q, lo, hi = "{%d,%d}" % (m, n), m, n
        if self.has("lazy") and rng.random() < 0.4:
            q += "?"
        return q, lo, hi

    def atom(self, depth, in_loop=False):
        """Returns (text, sampler, kind, tree)."""
        rng = self.rng
        choices = ["lit"] * 6
        if self.has("dot"):
            choices += ["dot"]
        if self.has("class"):
            choices += ["class"] * 2
        if self.has("escape"):
            choices += ["escape"]
        if self.has("anchor"):
            choices += ["anchor"]
        if depth < self.max_depth:
            if self.has("group"):
                choices += ["group"] * 3
            if self.has("nocap"):
                choices += ["nocap"] * 2
        if self.has("backref") and self.closed:
            choices += ["backref"] * 2
        kind = rng.choice(choices)
        alphabet = self.alphabet
        if kind == "lit":
            ch = rng.choice(alphabet)
            return lit_pattern(ch), (lambda r, ch=ch: ch), kind, ("char", lambda c, ch=ch: c == ch)
        if kind == "dot":
            return ".", (lambda r: r.choice(alphabet)), kind, ("char", lambda c: c != "\n")
        if kind == "escape":
            esc = rng.choice(CLASS_ESCAPES)
            return esc, (lambda r: r.choice(alphabet)), kind, ("char", _pred(esc))
        if kind == "anchor":
            a = rng.choice("^$")
            return a, (lambda r: ""), kind, ("at", a)
        if kind == "class":
            text, sampler = self.char_class()
            return text, sampler, kind, ("char", _pred(text))
        if kind == "backref":
            g = rng.choice(self.closed)
            return ("\\%d" % g, (lambda r: r.choice(["", r.choice(alphabet), r.choice(alphabet) * 2])), kind,
                    ("backref", g))
        if kind == "group":
            if self.ngroups >= 9:
                return self.atom(depth, in_loop)
            self.ngroups += 1
            index = self.ngroups
            text, sampler, tree = self.alt(depth + 1, in_loop)
            self.closed.append(index)
            return "(" + text + ")", sampler, kind, ("group", index, tree)
        text, sampler, tree = self.alt(depth + 1, in_loop)
        return "(?:" + text + ")", sampler, kind, tree

    def char_class(self):
        rng = self.rng
        alphabet = self.alphabet
        items = []
        members = []
        negate = rng.random() < 0.3
        if rng.random() < 0.1:
            items.append("]")
            members.append("]")
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.5:
                ch = rng.choice(alphabet)
                if ch in "]\\^-[":
                    items.append("\\" + ch)
                elif ch == "\n":
                    items.append("\\n")
                elif ch == "\t":
                    items.append("\\t")
                else:
                    items.append(ch)
                members.append(ch)
            elif r < 0.75:
                plain = sorted(set(alphabet) - set("\n\t]\\^-["))
                lo, hi = sorted(rng.sample(plain, 2)) if len(plain) >= 2 else ("a", "b")
                items.append(lo + "-" + hi)
                members.extend(chr(c) for c in range(ord(lo), ord(hi) + 1) if chr(c) in alphabet)
            else:
                items.append(rng.choice(CLASS_ESCAPES))
                members.extend(alphabet)
        if rng.random() < 0.1:
            items.append("-")
            members.append("-")
        text = "[" + ("^" if negate else "") + "".join(items) + "]"
        pool = list(alphabet) if negate else (members or list(alphabet))
        return text, (lambda r: r.choice(pool))


def _pred(single_char_regex):
    """Membership test for a one-character regex (used only by the cost estimate)."""
    compiled = re.compile(single_char_regex)
    return lambda c: compiled.fullmatch(c) is not None


# ---------------------------------------------------------------------------
# backtracking-effort estimate
#
# Random patterns over short subjects can still be exponentially ambiguous.
# Before a pattern is used, its generation tree is run by a tiny backtracking
# explorer that follows every path from every start position (a failing
# continuation), counting steps; patterns over the budget are replaced.  This
# bounds the work any backtracking engine needs; it never decides a result.
# ---------------------------------------------------------------------------


class _OverBudget(Exception):
    pass


def _explorer(tree, counter):
    kind = tree[0]
    if kind == "char":
        pred = tree[1]

        def m(s, pos, caps, k):
            counter.tick()
            if pos < len(s) and pred(s[pos]):
                return k(pos + 1, caps)
            return None

        return m
    if kind == "at":
        begin = tree[1] == "^"

        def m(s, pos, caps, k):
            counter.tick()
            n = len(s)
            ok = pos == 0 if begin else (pos == n or (pos == n - 1 and s[pos] == "\n"))
            return k(pos, caps) if ok else None

        return m
    if kind == "seq":
        ms = [_explorer(t, counter) for t in tree[1]]

        def m(s, pos, caps, k, i=0):
            if i == len(ms):
                return k(pos, caps)
            return ms[i](s, pos, caps, lambda p, c: m(s, p, c, k, i + 1))

        return m
    if kind == "alt":
        ms = [_explorer(t, counter) for t in tree[1]]

        def m(s, pos, caps, k):
            counter.tick()
            for b in ms:
                r = b(s, pos, caps, k)
                if r is not None:
                    return r
            return None

        return m
    if kind == "group":
        slot = tree[1] - 1
        body = _explorer(tree[2], counter)

        def m(s, pos, caps, k):
            counter.tick()
            return body(s, pos, caps, lambda p, c: k(p, c[:slot] + ((pos, p),) + c[slot + 1:]))

        return m
    if kind == "backref":
        slot = tree[1] - 1

        def m(s, pos, caps, k):
            counter.tick()
            span = caps[slot]
            if span is None:
                return None
            text = s[span[0]:span[1]]
            return k(pos + len(text), caps) if s.startswith(text, pos) else None

        return m
    _, inner, lo, hi, greedy = tree
    body = _explorer(inner, counter)

    def m(s, pos, caps, k):
        def until(p, c, done, last):
            counter.tick()
            if done < lo:
                return body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, last))
            if greedy:
                if (hi is None or done < hi) and p != last:
                    r = body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, p))
                    if r is not None:
                        return r
                return k(p, c)
            r = k(p, c)
            if r is not None or (hi is not None and done >= hi) or p == last:
                return r
            return body(s, p, c, lambda p2, c2: until(p2, c2, done + 1, p))

        return until(pos, caps, 0, None)

    return m


class _Counter:
    def __init__(self, budget):
        self.left = budget

    def tick(self):
        self.left -= 1
        if self.left < 0:
            raise _OverBudget()


def too_expensive(tree, ngroups, subjects, budget=6000):
    """True when exploring every path from every start of every subject takes
    more than `budget` steps."""
    counter = _Counter(budget)
    m = _explorer(tree, counter)
    fail = lambda p, c: None  # noqa: E731
    try:
        for s in subjects:
            for start in range(len(s) + 1):
                m(s, start, (None,) * ngroups, fail)
    except _OverBudget:
        return True
    except RecursionError:
        return True
    return False


def random_subjects(rng, sampler, alphabet, count, maxlen=10):
    subjects = []
    for i in range(count):
        r = rng.random()
        if r < 0.45:
            s = sampler(rng)
            s = s[: maxlen + 4]
        elif r < 0.65:
            s = sampler(rng)
            pre = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
            post = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
            s = (pre + s + post)[: maxlen + 4]
        else:
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, maxlen)))
        subjects.append(s)
    return subjects


# ---------------------------------------------------------------------------
# comparison with re
# ---------------------------------------------------------------------------


def summarize_ref(m, ngroups):
    if m is None:
        return None
    return (tuple(m.span(i) for i in range(ngroups + 1)), m.group(0), m.groups())


def summarize_got(m, ngroups):
    if m is None:
        return None
    return (tuple(tuple(m.span(i)) for i in range(ngroups + 1)), m.group(0), tuple(m.groups()))


def repl_template(ngroups, subject):
    """A replacement template using group references (varies with the subject)."""
    choices = ["<\\g<0>>", "-"]
    if ngroups:
        choices += ["[\\1]", "\\g<%d>\\\\" % ngroups]
    if ngroups >= 2:
        choices.append("\\2\\1")
    return choices[len(subject) % len(choices)]


def compare_pattern(rx, pattern, subjects, ops=("match", "fullmatch", "search", "findall", "sub")):
    """Return a list of mismatch descriptions (empty when the agent agrees with re)."""
    ref = re.compile(pattern)
    problems = []
    try:
        pat = rx.compile(pattern)
    except Exception as exc:  # noqa: BLE001
        return [f"compile({pattern!r}) raised {exc!r}"]
    try:
        if pat.groups != ref.groups:
            problems.append(f"compile({pattern!r}).groups = {pat.groups!r}, expected {ref.groups}")
            return problems
    except Exception as exc:  # noqa: BLE001
        return [f"compile({pattern!r}).groups raised {exc!r}"]
    n = ref.groups
    for s in subjects:
        for op in ops:
            try:
                if op in ("match", "fullmatch", "search"):
                    want = summarize_ref(getattr(ref, op)(s), n)
                    got = summarize_got(getattr(pat, op)(s), n)
                elif op == "findall":
                    want = ref.findall(s)
                    got = pat.findall(s)
                    got = list(got) if isinstance(got, (list, tuple)) else got
                else:
                    template = repl_template(n, s)
                    want = [ref.sub(template, s), ref.sub(lambda m: "(%d,%d)" % m.span(), s), ref.sub("#", s, count=2)]
                    got = [pat.sub(template, s), pat.sub(lambda m: "(%d,%d)" % tuple(m.span()), s), pat.sub("#", s, count=2)]
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{op}: compile({pattern!r}) on {s!r} raised {exc!r}")
                continue
            if got != want:
                problems.append(f"{op}: compile({pattern!r}) on {s!r}: got {got!r}, expected {want!r}")
    return problems


def run_random(rx, seed, name, case, features, npatterns, nsubjects, ops=None, max_depth=3, maxlen=10):
    rng = rng_for(seed, name, case)
    problems = []
    checked = 0
    while checked < npatterns:
        alphabet = rng.choice(ALPHABETS)
        gen = PatternGen(rng, features, alphabet, max_depth=max_depth)
        pattern, sampler, tree = gen.generate()
        try:
            ngroups = re.compile(pattern).groups
        except re.error:
            continue
        subjects = random_subjects(rng, sampler, alphabet, nsubjects, maxlen)
        if too_expensive(tree, ngroups, subjects):
            continue
        checked += 1
        kwargs = {} if ops is None else {"ops": ops}
        problems.extend(compare_pattern(rx, pattern, subjects, **kwargs))
        if len(problems) >= 5:
            break
    return problems
