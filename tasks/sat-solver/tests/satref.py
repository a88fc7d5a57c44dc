# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Independent references for the hidden `sat-solver` suite.

Instance generators whose satisfiability is known by construction, a model
checker, a brute-force enumerator and a small DPLL solver.  Nothing here uses
the agent's code.
"""

import itertools
import os
import random
import sys

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

# ----------------------------------------------------------------- checking


def check_model(clauses, num_vars, model):
    """Assert that `model` (a list of DIMACS literals) assigns every variable once and satisfies all clauses."""
    assert isinstance(model, list), f"model must be a list, got {type(model).__name__}"
    assert len(model) == num_vars, f"model has {len(model)} literals, expected {num_vars}"
    value = {}
    for i, lit in enumerate(model):
        assert isinstance(lit, int) and not isinstance(lit, bool), f"model[{i}] = {lit!r} is not an int"
        assert lit in (i + 1, -(i + 1)), f"model[{i}] = {lit} (expected {i + 1} or {-(i + 1)})"
        value[abs(lit)] = lit > 0
    for k, clause in enumerate(clauses):
        if not any(value[abs(lit)] == (lit > 0) for lit in clause):
            raise AssertionError(f"clause #{k} {clause} is falsified by the model")


def check_assignment(clauses, num_vars, lits):
    """Like check_model, but `lits` may come in any order (CLI v-lines)."""
    seen = {}
    for lit in lits:
        v = abs(lit)
        assert 1 <= v <= num_vars, f"literal {lit} out of range 1..{num_vars}"
        assert v not in seen, f"variable {v} assigned twice"
        seen[v] = lit > 0
    missing = [v for v in range(1, num_vars + 1) if v not in seen]
    assert not missing, f"variables without a value: {missing[:10]}"
    for k, clause in enumerate(clauses):
        if not any(seen[abs(lit)] == (lit > 0) for lit in clause):
            raise AssertionError(f"clause #{k} {clause} is falsified by the model")


# ----------------------------------------------------------------- references


def brute_force(clauses, num_vars):
    """True iff satisfiable, by enumerating all 2**num_vars assignments (num_vars <= 16)."""
    assert num_vars <= 16
    masks = []
    for c in clauses:
        pos = neg = 0
        for lit in c:
            if lit > 0:
                pos |= 1 << (lit - 1)
            else:
                neg |= 1 << (-lit - 1)
        if pos & neg:
            continue
        masks.append((pos, neg))
    full = (1 << num_vars) - 1
    for a in range(1 << num_vars):
        na = full ^ a
        for pos, neg in masks:
            if not (a & pos or na & neg):
                break
        else:
            return True
    return False


def dpll(clauses, num_vars):
    """A small recursive DPLL (unit propagation + shortest-clause heuristic). True iff satisfiable."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 10 * num_vars + 1000))
    try:
        cls = []
        for c in clauses:
            s = frozenset(c)
            if any(-l in s for l in s):
                continue
            cls.append(s)
        return _dpll(cls)
    finally:
        sys.setrecursionlimit(old)


def _assign(cls, lit):
    out = []
    for c in cls:
        if lit in c:
            continue
        if -lit in c:
            c = c - {-lit}
            if not c:
                return None
        out.append(c)
    return out


def _dpll(cls):
    while True:
        unit = None
        for c in cls:
            if len(c) == 1:
                unit = next(iter(c))
                break
        if unit is None:
            break
        cls = _assign(cls, unit)
        if cls is None:
            return False
    if not cls:
        return True
    shortest = min(len(c) for c in cls)
    score = {}
    for c in cls:
        if len(c) == shortest:
            for l in c:
                score[l] = score.get(l, 0) + 1
    lit = max(sorted(score), key=lambda l: score[l] + score.get(-l, 0))
    for l in (lit, -lit):
        sub = _assign(cls, l)
        if sub is not None and _dpll(sub):
            return True
    return False


# ----------------------------------------------------------------- generators


def random_kcnf(rng, num_vars, num_clauses, k=3):
    return [[v if rng.random() < 0.5 else -v for v in rng.sample(range(1, num_vars + 1), k)] for _ in range(num_clauses)]


def random_mixed_cnf(rng, num_vars, num_clauses, max_len=4):
    """Clauses of length 1..max_len that may repeat a literal or contain both x and -x."""
    out = []
    for _ in range(num_clauses):
        k = rng.choice([1] + [2] * 3 + [3] * 6 + list(range(4, max_len + 1)) * 2)
        c = [rng.randint(1, num_vars) * rng.choice([1, -1]) for _ in range(k)]
        if rng.random() < 0.05:
            c.append(c[0])
        if rng.random() < 0.03:
            c.append(-c[0])
        out.append(c)
    return out


def planted_3sat(rng, num_vars, ratio=4.26):
    """Random 3-SAT whose clauses are all satisfied by a hidden assignment and by its complement."""
    sigma = [None] + [rng.random() < 0.5 for _ in range(num_vars)]
    m = int(round(ratio * num_vars))
    out = []
    while len(out) < m:
        vs = rng.sample(range(1, num_vars + 1), 3)
        c = [v if rng.random() < 0.5 else -v for v in vs]
        t = sum(1 for lit in c if (lit > 0) == sigma[abs(lit)])
        if t in (1, 2):
            out.append(c)
    return out


def pigeonhole(pigeons, holes):
    """PHP(pigeons, holes): UNSAT iff pigeons > holes."""
    var = lambda i, j: i * holes + j + 1  # noqa: E731
    cls = [[var(i, j) for j in range(holes)] for i in range(pigeons)]
    for j in range(holes):
        for a in range(pigeons):
            for b in range(a + 1, pigeons):
                cls.append([-var(a, j), -var(b, j)])
    return pigeons * holes, cls


def xor3(a, b, c):
    """Clauses for a xor b xor c = 0, i.e. c = a xor b."""
    out = []
    for bits in itertools.product([0, 1], repeat=3):
        if sum(bits) % 2 == 1:
            out.append([-v if b_ else v for v, b_ in zip((a, b, c), bits)])
    return out


def parity_chains(n, parities):
    """x1 xor ... xor xn = p for each p in `parities` (one Tseitin chain each, same variable order).

    UNSAT iff `parities` contains both 0 and 1."""
    clauses = []
    nxt = n + 1
    for p in parities:
        prev = 1
        for x in range(2, n + 1):
            t = nxt
            nxt += 1
            clauses.extend(xor3(prev, x, t))
            prev = t
        clauses.append([prev] if p else [-prev])
    return nxt - 1, clauses


class Circuit:
    """Tseitin encoding of a Boolean circuit."""

    def __init__(self):
        self.n = 0
        self.clauses = []

    def new(self):
        self.n += 1
        return self.n

    def AND(self, a, b):
        o = self.new()
        self.clauses += [[-o, a], [-o, b], [o, -a, -b]]
        return o

    def OR(self, a, b):
        o = self.new()
        self.clauses += [[o, -a], [o, -b], [-o, a, b]]
        return o

    def XOR(self, a, b):
        o = self.new()
        self.clauses += [[-o, a, b], [-o, -a, -b], [o, -a, b], [o, a, -b]]
        return o

    def MAJ(self, a, b, c):
        o = self.new()
        self.clauses += [[-a, -b, o], [-a, -c, o], [-b, -c, o], [a, b, -o], [a, c, -o], [b, c, -o]]
        return o

    def add_ripple(self, xs, ys, broken_bit=None):
        carry = None
        out = []
        for i, (x, y) in enumerate(zip(xs, ys)):
            if carry is None:
                out.append(self.XOR(x, y))
                carry = self.AND(x, y)
            else:
                t = self.XOR(x, y)
                out.append(self.XOR(t, carry))
                if i == broken_bit:
                    carry = self.AND(x, y)  # bug: drops the propagated carry
                else:
                    carry = self.OR(self.AND(x, y), self.AND(t, carry))
        return out

    def add_majority(self, xs, ys):
        carry = None
        out = []
        for x, y in zip(xs, ys):
            if carry is None:
                out.append(self.XOR(y, x))
                carry = self.AND(y, x)
            else:
                out.append(self.XOR(x, self.XOR(y, carry)))
                carry = self.MAJ(x, y, carry)
        return out

    def miter(self, us, vs):
        """Assert that the two bit vectors differ somewhere."""
        self.clauses.append([self.XOR(u, v) for u, v in zip(us, vs)])


def adder_commutativity(bits, broken_bit=None):
    """Miter of a+b (ripple carry) against b+a (majority carry): UNSAT, unless a carry is broken."""
    c = Circuit()
    a = [c.new() for _ in range(bits)]
    b = [c.new() for _ in range(bits)]
    c.miter(c.add_ripple(a, b, broken_bit), c.add_majority(b, a))
    return c.n, c.clauses


def adder_associativity(bits):
    """Miter of (a+b)+c against a+(b+c) (mod 2**bits): UNSAT."""
    c = Circuit()
    a = [c.new() for _ in range(bits)]
    b = [c.new() for _ in range(bits)]
    d = [c.new() for _ in range(bits)]
    c.miter(c.add_ripple(c.add_ripple(a, b), d), c.add_majority(a, c.add_majority(b, d)))
    return c.n, c.clauses


def scramble(rng, num_vars, clauses):
    """Rename variables, flip polarities and shuffle clauses and literals: status is unchanged."""
    perm = list(range(1, num_vars + 1))
    rng.shuffle(perm)
    flip = [False] + [rng.random() < 0.5 for _ in range(num_vars)]
    out = []
    for c in clauses:
        nc = []
        for lit in c:
            v = abs(lit)
            sign = (lit > 0) != flip[v]
            nc.append(perm[v - 1] if sign else -perm[v - 1])
        rng.shuffle(nc)
        out.append(nc)
    rng.shuffle(out)
    return out


def to_dimacs(num_vars, clauses, comments=()):
    lines = [f"c {c}" for c in comments]
    lines.append(f"p cnf {num_vars} {len(clauses)}")
    lines.extend(" ".join(map(str, c)) + " 0" for c in clauses)
    return "\n".join(lines) + "\n"


def make_rng(seed, *salt):
    return random.Random(f"{seed}:" + ":".join(map(str, salt)))
