# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared machinery for the hidden `sql-engine` suite.

Every test builds random tables (seeded by AGENTBENCH_SEED and the test id), writes them as CSV
files for the agent's engine AND loads the very same Python values into an in-memory sqlite3
database (untyped columns, so values keep the int/float/text/NULL type the typing rule gives).
Queries are generated from the supported grammar and the agent's rows are compared with
sqlite3's rows: as multisets when the query has no ORDER BY, in order otherwise (the generator
always appends tie-breakers so that ORDER BY defines a total order), floats with a tolerance.
The agent's package is imported inside fixtures only.
"""

import csv
import math
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import zlib

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "select_where": "CSV loading and typing, SELECT expressions, WHERE with 3-valued logic",
    "order_limit": "ORDER BY (multiple keys, ASC/DESC, NULLs first), LIMIT/OFFSET, DISTINCT",
    "aggregates": "COUNT/SUM/AVG/MIN/MAX, GROUP BY, HAVING",
    "joins_subqueries": "INNER and LEFT JOIN, aliases, IN (SELECT ...) and scalar subqueries",
    "errors_cli": "SQLError for invalid statements, the command line, no sqlite3",
}

TIME_LIMIT = 40  # seconds per test; the reference needs well under 2


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit():
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum, frame):
        raise _TimeLimit(f"test exceeded its time limit of {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def rng(request):
    return random.Random(SEED * 1_000_003 + zlib.crc32(request.node.nodeid.encode()))


@pytest.fixture
def sqlengine():
    import sqlengine

    return sqlengine


# ---------------------------------------------------------------------------
# random tables
# ---------------------------------------------------------------------------

FIRST = ["Alice", "bob", "CARL", "dana", "Eve", "frank", "Grace", "heidi", "Ivan", "judy", "Mallory",
         "oscar", "Peggy", "trent", "Victor", "walter", "O'Neil", "Smith, J", "ann-marie", "Zed"]
DEPTS = ["Sales", "eng", "Ops", "HR", "research", "Legal, Intl"]
REGIONS = ["north", "South", "east", "WEST", "say \"hi\""]
TITLES = ["alpha", "Beta", "gamma", "delta", "Epsilon", "zeta", "eta x", "theta_2"]

# column types: "int", "float", "text"
SCHEMA = {
    "emp": [("id", "int"), ("name", "text"), ("dept", "text"), ("age", "int"), ("salary", "int"),
            ("bonus", "float"), ("mgr", "int")],
    "dept": [("id", "int"), ("dname", "text"), ("budget", "int"), ("region", "text"), ("rate", "float")],
    "proj": [("id", "int"), ("emp_id", "int"), ("title", "text"), ("hours", "float"), ("prio", "int")],
}


def _maybe_null(rng, v, p):
    return None if rng.random() < p else v


def _quarter(rng, lo, hi):
    return rng.randint(lo * 4, hi * 4) / 4.0


def make_tables(rng, sizes=None):
    """Random rows (Python values) for every table of SCHEMA."""
    sizes = sizes or {}
    n_emp = sizes.get("emp", rng.randint(18, 30))
    n_dept = sizes.get("dept", rng.randint(5, 9))
    n_proj = sizes.get("proj", rng.randint(20, 35))
    tables = {}
    emp_ids = rng.sample(range(1, 200), n_emp)
    emp = []
    for eid in emp_ids:
        emp.append((
            eid,
            _maybe_null(rng, rng.choice(FIRST), 0.08),
            _maybe_null(rng, rng.choice(DEPTS), 0.12),
            _maybe_null(rng, rng.randint(18, 70), 0.1),
            _maybe_null(rng, rng.randrange(1000, 9000, 50), 0.1),
            _maybe_null(rng, _quarter(rng, -20, 150), 0.15),
            _maybe_null(rng, rng.choice(emp_ids), 0.3),
        ))
    tables["emp"] = emp
    dept_ids = rng.sample(range(1, 50), n_dept)
    dept = []
    names = DEPTS + ["Facilities", "support"]
    rng.shuffle(names)
    for i, did in enumerate(dept_ids):
        dept.append((
            did,
            _maybe_null(rng, names[i % len(names)], 0.1),
            _maybe_null(rng, rng.randrange(0, 500, 10), 0.15),
            _maybe_null(rng, rng.choice(REGIONS), 0.1),
            _maybe_null(rng, _quarter(rng, 0, 10), 0.15),
        ))
    tables["dept"] = dept
    proj = []
    for pid in rng.sample(range(1, 500), n_proj):
        ref = rng.choice(emp_ids) if rng.random() < 0.8 else rng.randint(300, 400)
        proj.append((
            pid,
            _maybe_null(rng, ref, 0.1),
            _maybe_null(rng, rng.choice(TITLES), 0.1),
            _maybe_null(rng, _quarter(rng, 0, 40), 0.15),
            _maybe_null(rng, rng.randint(1, 5), 0.1),
        ))
    tables["proj"] = proj
    return tables


def csv_field(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([csv_field(v) for v in r])


class Env:
    """A directory of CSV files, the same data in sqlite3, and the agent's Database."""

    def __init__(self, rng, sqlengine, tables=None, schema=None, extra_files=None):
        self.rng = rng
        self.schema = schema or SCHEMA
        self.tables = tables if tables is not None else make_tables(rng)
        self.dir = tempfile.mkdtemp(prefix="sqlengine-test-")
        self.con = sqlite3.connect(":memory:")
        for name, rows in self.tables.items():
            cols = [c for c, _ in self.schema[name]]
            write_csv(os.path.join(self.dir, f"{name}.csv"), cols, rows)
            self.con.execute(f"CREATE TABLE {name} ({', '.join(cols)})")
            if rows:
                self.con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(cols))})", rows)
        for fname, text in (extra_files or {}).items():
            with open(os.path.join(self.dir, fname), "w", encoding="utf-8") as f:
                f.write(text)
        self.sqlengine = sqlengine
        self.db = sqlengine.Database(self.dir) if sqlengine is not None else None

    def oracle(self, sql):
        return [tuple(r) for r in self.con.execute(sql).fetchall()]

    def check(self, sql, ordered=None):
        """Run sql on both engines and compare."""
        if ordered is None:
            ordered = " order by " in sql.lower()
        expected = self.oracle(sql)
        try:
            got = self.db.execute(sql)
        except Exception as exc:  # noqa: BLE001 - report which query failed
            raise AssertionError(f"query raised {type(exc).__name__}: {exc}\n  SQL: {sql}") from exc
        compare_results(got, expected, ordered, sql)
        return expected

    def close(self):
        self.con.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _kind(v):
    if v is None:
        return 0
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return 1
    if isinstance(v, bool):
        return 1
    if isinstance(v, str):
        return 2
    return 3


def values_equal(a, b):
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return False
    if ka == 1:
        if isinstance(b, int) and isinstance(a, int):
            return a == b
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _sort_key(row):
    out = []
    for v in row:
        k = _kind(v)
        if k == 1:
            out.append((1, float("%.9g" % float(v)), ""))
        elif k == 2:
            out.append((2, 0.0, v))
        elif k == 0:
            out.append((0, 0.0, ""))
        else:
            out.append((3, 0.0, repr(v)))
    return out


def compare_results(got, expected, ordered, sql):
    assert isinstance(got, list), f"execute() must return a list, got {type(got).__name__}\n  SQL: {sql}"
    for r in got:
        assert isinstance(r, tuple), f"rows must be tuples, got {type(r).__name__}\n  SQL: {sql}"
    assert len(got) == len(expected), (
        f"row count {len(got)} != expected {len(expected)}\n  SQL: {sql}\n"
        f"  got (first 5): {got[:5]}\n  expected (first 5): {expected[:5]}")
    g, e = list(got), list(expected)
    if not ordered:
        g.sort(key=_sort_key)
        e.sort(key=_sort_key)
    for i, (rg, re_) in enumerate(zip(g, e)):
        ok = len(rg) == len(re_) and all(values_equal(a, b) for a, b in zip(rg, re_))
        assert ok, (f"row {i} differs{' (sorted)' if not ordered else ''}: got {rg!r}, expected {re_!r}\n"
                    f"  SQL: {sql}")


@pytest.fixture
def env(rng, sqlengine):
    e = Env(rng, sqlengine)
    yield e
    e.close()


@pytest.fixture
def make_env(rng, sqlengine):
    made = []

    def make(**kw):
        e = Env(rng, sqlengine, **kw)
        made.append(e)
        return e

    yield make
    for e in made:
        e.close()


@pytest.fixture
def gen(rng):
    return QueryGen(rng)


# ---------------------------------------------------------------------------
# random query generator (type-aware, never mixes text with numbers)
# ---------------------------------------------------------------------------

def _lit_num(rng, typ):
    if typ == "float" or (typ == "num" and rng.random() < 0.3):
        return repr(_quarter(rng, -5, 60))
    return str(rng.randint(-5, 60))


def _sql_str(s):
    return "'" + s.replace("'", "''") + "'"


TEXT_POOL = FIRST + DEPTS + REGIONS + TITLES + ["Facilities", "support"]


class QueryGen:
    def __init__(self, rng):
        self.rng = rng

    # columns: list of (ref, type)
    def cols(self, columns, typ):
        if typ == "num":
            return [c for c, t in columns if t in ("int", "float")]
        return [c for c, t in columns if t == typ]

    def num_expr(self, columns, depth=2, int_only=False, no_div=False):
        rng = self.rng
        ints = self.cols(columns, "int")
        nums = ints if int_only else self.cols(columns, "num")
        r = rng.random()
        if depth <= 0 or r < 0.35:
            if nums and rng.random() < 0.75:
                return rng.choice(nums)
            return _lit_num(rng, "int" if int_only else "num")
        r = rng.random()
        sub = lambda: self.num_expr(columns, depth - 1, int_only, no_div)  # noqa: E731
        if r < 0.45:
            op = rng.choice(["+", "-", "*", "+", "-"] + ([] if no_div else ["/"]))
            return f"({sub()} {op} {sub()})"
        if r < 0.52 and ints:
            a = self.num_expr(columns, depth - 1, True, no_div)
            b = rng.choice(["3", "4", "7", "-3", "0"] + ints)
            return f"({a} % {b})"
        if r < 0.6:
            return f"-({sub()})"
        if r < 0.68:
            return f"ABS({sub()})"
        if r < 0.76:
            return f"COALESCE({sub()}, {_lit_num(rng, 'int')})"
        if r < 0.84 and self.cols(columns, "text") and not int_only:
            return f"LENGTH({self.text_expr(columns, 0)})"
        if r < 0.92:
            return f"CASE WHEN {self.cond(columns, 1)} THEN {sub()} ELSE {sub()} END"
        return sub()

    def text_expr(self, columns, depth=1):
        rng = self.rng
        texts = self.cols(columns, "text")
        r = rng.random()
        if depth <= 0 or r < 0.5:
            if texts and rng.random() < 0.8:
                return rng.choice(texts)
            return _sql_str(rng.choice(TEXT_POOL))
        r = rng.random()
        sub = lambda: self.text_expr(columns, depth - 1)  # noqa: E731
        if r < 0.3:
            return f"LOWER({sub()})"
        if r < 0.5:
            return f"UPPER({sub()})"
        if r < 0.75:
            return f"({sub()} || {_sql_str(rng.choice(['-', ' ', 'x', '']))} || {sub()})"
        return f"COALESCE({sub()}, {_sql_str(rng.choice(TEXT_POOL))})"

    def like_pattern(self):
        rng = self.rng
        word = rng.choice(TEXT_POOL)
        r = rng.random()
        if rng.random() < 0.4:
            word = word.swapcase()
        if r < 0.3:
            pat = word[: rng.randint(1, 3)] + "%"
        elif r < 0.55:
            i = rng.randrange(len(word))
            pat = "%" + word[i:i + 2] + "%"
        elif r < 0.75:
            chars = list(word)
            for _ in range(rng.randint(1, 2)):
                chars[rng.randrange(len(chars))] = "_"
            pat = "".join(chars)
        elif r < 0.9:
            pat = "%" + word[-2:]
        else:
            pat = "_" * rng.randint(2, 5) + rng.choice(["", "%"])
        return _sql_str(pat)

    def cond(self, columns, depth=2):
        rng = self.rng
        r = rng.random()
        if depth > 0 and r < 0.3:
            op = rng.choice(["AND", "OR"])
            return f"({self.cond(columns, depth - 1)} {op} {self.cond(columns, depth - 1)})"
        if depth > 0 and r < 0.38:
            return f"NOT ({self.cond(columns, depth - 1)})"
        texts = self.cols(columns, "text")
        r = rng.random()
        if r < 0.3 or not texts:
            op = rng.choice(["=", "!=", "<", "<=", ">", ">=", "<>"])
            return f"{self.num_expr(columns, 1)} {op} {self.num_expr(columns, 1)}"
        if r < 0.42:
            op = rng.choice(["=", "!=", "<", ">"])
            return f"{self.text_expr(columns, 1)} {op} {self.text_expr(columns, 0)}"
        if r < 0.52:
            c = rng.choice([c for c, _ in columns])
            return f"{c} IS {rng.choice(['', 'NOT '])}NULL"
        if r < 0.64:
            a = _lit_num(rng, "int")
            b = str(int(a) + rng.randint(0, 40))
            neg = rng.choice(["", "NOT "])
            return f"{self.num_expr(columns, 1)} {neg}BETWEEN {a} AND {b}"
        if r < 0.76:
            neg = rng.choice(["", "NOT "])
            if rng.random() < 0.5:
                items = [_lit_num(rng, "int") for _ in range(rng.randint(1, 5))]
                if rng.random() < 0.25:
                    items.append("NULL")
                return f"{self.num_expr(columns, 0)} {neg}IN ({', '.join(items)})"
            items = [_sql_str(rng.choice(TEXT_POOL)) for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.2:
                items.append("NULL")
            return f"{self.text_expr(columns, 0)} {neg}IN ({', '.join(items)})"
        neg = rng.choice(["", "", "NOT "])
        return f"{self.text_expr(columns, 0)} {neg}LIKE {self.like_pattern()}"

    def any_expr(self, columns, depth=2):
        if self.rng.random() < 0.65 or not self.cols(columns, "text"):
            return self.num_expr(columns, depth)
        return self.text_expr(columns, depth - 1)

    def select_items(self, columns, n=None, aliases=True):
        rng = self.rng
        n = n or rng.randint(1, 4)
        items = []
        for i in range(n):
            r = rng.random()
            if r < 0.35:
                e = rng.choice([c for c, _ in columns])
            elif r < 0.45:
                e = self.cond(columns, 1)
            else:
                e = self.any_expr(columns)
            alias = f"c{i + 1}" if aliases and rng.random() < 0.4 else None
            items.append((e, alias))
        return items


def columns_of(table, alias=None, qualify=False):
    prefix = f"{alias or table}." if qualify else ""
    return [(prefix + c, t) for c, t in SCHEMA[table]]


def render_items(items):
    return ", ".join(e if a is None else f"{e} AS {a}" for e, a in items)
