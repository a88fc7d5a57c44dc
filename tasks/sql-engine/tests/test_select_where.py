# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `select_where`: CSV loading and the typing rule, SELECT expressions, WHERE."""

import os
import re

import pytest

from conftest import SCHEMA, columns_of, render_items

pytestmark = pytest.mark.select_where

N_QUERIES = 25


def _typed(text):
    """The typing rule of the instruction, written independently of the agent's code."""
    if text == "":
        return None
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?", text):
        return float(text)
    return text


def test_typing_rule(rng, make_env):
    fields = ["42", "-7", "+5", "007", "0", "3.0", "-0.25", ".5", "5.", "1e3", "2.5E-1", "-1.5e+2",
              "abc", "12abc", "1.2.3", "e5", "--1", "NULL", "Smith, J", 'say "hi"', "x y", "1 2", ""]
    rng.shuffle(fields)
    rows = []
    for i in range(0, len(fields), 3):
        chunk = fields[i:i + 3] + [""] * (3 - len(fields[i:i + 3]))
        rows.append([str(i)] + chunk)
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "a", "b", "c"])
    for r in rows:
        w.writerow(r)
    e = make_env(tables={}, extra_files={"typed.csv": buf.getvalue()})
    got = e.db.execute("SELECT * FROM typed")
    expected = [tuple(_typed(x) for x in r) for r in rows]
    assert _same_typed(got, expected), f"got {got!r}\nexpected {expected!r}"


def _same_typed(got, expected):
    key = lambda r: r[0]  # noqa: E731
    g = sorted(got, key=key)
    x = sorted(expected, key=key)
    if len(g) != len(x):
        return False
    for rg, rx in zip(g, x):
        if len(rg) != len(rx):
            return False
        for a, b in zip(rg, rx):
            if type(a) is not type(b) or a != b:
                return False
    return True


def test_select_star_matches_csv(env):
    for table in SCHEMA:
        expected = env.check(f"SELECT * FROM {table}")
        got = env.db.execute(f"SELECT * FROM {table}")
        # exact Python types: int stays int, float stays float, NULL is None
        exp_types = sorted(tuple(type(v).__name__ for v in r) for r in expected)
        got_types = sorted(tuple(type(v).__name__ for v in r) for r in got)
        assert got_types == exp_types, f"value types differ for table {table}"


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_projection_random(env, gen, rng, case):
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(SCHEMA))
        items = gen.select_items(columns_of(table))
        env.check(f"SELECT {render_items(items)} FROM {table}")


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_where_random(env, gen, rng, case):
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(SCHEMA))
        cols = columns_of(table)
        items = gen.select_items(cols) if rng.random() < 0.7 else [("*", None)]
        env.check(f"SELECT {render_items(items)} FROM {table} WHERE {gen.cond(cols, 3)}")


@pytest.mark.parametrize("case", [0, 1, 2])
def test_arithmetic_semantics(env, rng, case):
    fixed = ("SELECT 7 / 2, -7 / 2, 7 / -2, 7 % 3, -7 % 3, 7 % -3, 7.0 / 2, 1 / 0, 1.5 / 0, 5 % 0, "
             "NULL + 1, 2 + 3 * 4, (2 + 3) * 4, 10 - 4 - 3, 2 * -3, -(-4), 'ab' || 'cd', 3.0 * 2, 0.5 + 0.25")
    env.check(fixed)
    for _ in range(20):
        a = rng.randint(-100, 100)
        b = rng.choice([rng.randint(-12, 12), rng.randint(1, 9)])
        fa = rng.randint(-400, 400) / 4
        env.check(f"SELECT {a} / {b}, {a} % {b}, {a} * {b} - {b}, {fa} / {b}, {a} + {fa}, -({a}) / ({b} + 1)")


def test_three_valued_logic(env, gen, rng):
    env.check("SELECT NULL AND 0, NULL AND 1, NULL OR 1, NULL OR 0, NOT NULL, NULL = NULL, NULL IS NULL, "
              "NULL IS NOT NULL, 1 IN (2, NULL), 1 NOT IN (2, NULL), 1 IN (1, NULL), NULL IN (1, 2), "
              "NULL BETWEEN 1 AND 2, 3 BETWEEN 1 AND NULL, 0 BETWEEN 1 AND NULL, 5 > NULL, 1 < 2, 2 = 2.0, "
              "NOT 0, NOT 7, 3 AND 4, 0 OR 0")
    for _ in range(N_QUERIES):
        c = rng.choice(["bonus", "mgr", "age", "salary", "dept", "name"])
        c2 = rng.choice(["bonus", "mgr", "age", "salary"])
        conds = [f"NOT ({c2} > 20)", f"({c2} > 20) OR ({c} IS NULL)", f"NOT ({c2} IN (1, 2, NULL))",
                 f"({c2} < 50) = 0", f"{c2} NOT BETWEEN 0 AND 60", f"NOT ({c} IS NOT NULL AND {c2} > 10)"]
        env.check(f"SELECT id, {c}, {c2} FROM emp WHERE {rng.choice(conds)}")


@pytest.mark.parametrize("case", [0, 1])
def test_like_semantics(env, gen, rng, case):
    env.check("SELECT 'ABC' LIKE 'abc', 'abc' LIKE 'a_c', 'abc' LIKE 'a%', 'abc' LIKE '%c', 'abc' LIKE 'b%', "
              "'a' LIKE '_', '' LIKE '%', 'x.y' LIKE 'x_y', 'a%b' LIKE 'a%', NULL LIKE 'a', 'abc' NOT LIKE 'A%'")
    for _ in range(N_QUERIES):
        col = rng.choice(["name", "dept"])
        neg = rng.choice(["", "NOT "])
        env.check(f"SELECT id, {col} FROM emp WHERE {col} {neg}LIKE {gen.like_pattern()}")


def test_functions_and_case(env, gen, rng):
    cols = columns_of("emp")
    queries = [
        "SELECT id, ABS(bonus), ABS(-age), LENGTH(name), LOWER(name), UPPER(dept) FROM emp",
        "SELECT id, COALESCE(bonus, age, -1), COALESCE(dept, name, 'none'), IFNULL(mgr, 0) FROM emp",
        "SELECT id, CASE WHEN age < 30 THEN 'young' WHEN age < 50 THEN 'mid' ELSE 'old' END FROM emp",
        "SELECT id, CASE dept WHEN 'eng' THEN 1 WHEN 'Ops' THEN 2 END, CASE WHEN bonus > 0 THEN bonus END FROM emp",
        "SELECT id, name || ' (' || dept || ')' FROM emp WHERE LENGTH(name) > 3",
    ]
    for q in queries:
        env.check(q)
    for _ in range(N_QUERIES):
        env.check(f"SELECT id, CASE WHEN {gen.cond(cols, 1)} THEN {gen.num_expr(cols, 1)} "
                  f"ELSE {gen.num_expr(cols, 1)} END AS v FROM emp WHERE {gen.cond(cols, 1)}")


def test_case_insensitive_names(env, rng):
    env.check("select NAME, Salary, emp.AGE from EMP where Age > 30 AND dept IS not null")
    env.check("SeLeCt Id, LOWER(Name) FrOm Emp WhErE Salary BETWEEN 2000 aNd 6000")
    env.check("SELECT e.id, E.name FROM emp AS e WHERE E.mgr IS NULL")


def test_other_files_ignored(rng, make_env):
    """Only *.csv files are tables; other files in the directory are ignored."""
    e = make_env(extra_files={"notes.txt": "not,a,table\n1,2,3\n", "readme.md": "# hi\n"})
    e.check("SELECT id, name FROM emp")
    e.check("SELECT name FROM emp WHERE id > 50")
    assert os.path.exists(os.path.join(e.dir, "notes.txt"))
