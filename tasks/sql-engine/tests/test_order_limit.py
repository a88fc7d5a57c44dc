# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `order_limit`: ORDER BY, LIMIT/OFFSET and DISTINCT.

Every generated ORDER BY ends with the table's unique id (or, for DISTINCT, every output
column), so the expected order is total and the comparison is exact and in order."""

import re

import pytest

from conftest import SCHEMA, columns_of, render_items

pytestmark = pytest.mark.order_limit

N_QUERIES = 25


def order_keys(gen, rng, cols, items, tiebreak):
    keys = []
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        aliases = [a for _, a in items if a]
        if r < 0.35:
            k = rng.choice([c for c, _ in cols])
        elif r < 0.55:
            k = gen.any_expr(cols, 1)
            if not any(re.search(rf"\b{re.escape(c)}\b", k) for c, _ in cols):
                # a constant (e.g. 3 or -(3)) could be read as a result column position
                k = rng.choice([c for c, _ in cols])
        elif r < 0.75 and aliases:
            k = rng.choice(aliases)
        else:
            k = str(rng.randint(1, len(items)))
        keys.append(k + rng.choice(["", " ASC", " DESC"]))
    keys.extend(tiebreak)
    return ", ".join(keys)


def random_ordered(gen, rng, table, where_p=0.6):
    cols = columns_of(table)
    items = gen.select_items(cols)
    sql = f"SELECT {render_items(items)} FROM {table}"
    if rng.random() < where_p:
        sql += f" WHERE {gen.cond(cols, 2)}"
    tb = ["id" + rng.choice(["", " DESC"])]
    sql += f" ORDER BY {order_keys(gen, rng, cols, items, tb)}"
    return sql


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_order_by_random(env, gen, rng, case):
    for _ in range(N_QUERIES):
        env.check(random_ordered(gen, rng, rng.choice(sorted(SCHEMA))), ordered=True)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_nulls_ordering(env, rng, direction):
    """NULLs sort first in ascending order and last in descending order (as in SQLite)."""
    for col in ["bonus", "mgr", "age", "dept", "name", "salary"]:
        env.check(f"SELECT id, {col} FROM emp ORDER BY {col} {direction}, id", ordered=True)
        env.check(f"SELECT {col}, id FROM emp ORDER BY 1 {direction}, 2 DESC", ordered=True)
    env.check(f"SELECT id, hours, prio FROM proj ORDER BY prio {direction}, hours DESC, id", ordered=True)
    env.check(f"SELECT id, bonus + age AS s FROM emp ORDER BY s {direction}, id", ordered=True)


def test_text_ordering_is_binary(env):
    """Text compares by code point: upper-case letters before lower-case ones."""
    env.check("SELECT name, id FROM emp WHERE name IS NOT NULL ORDER BY name, id", ordered=True)
    env.check("SELECT dname, id FROM dept ORDER BY dname DESC, id", ordered=True)
    env.check("SELECT title, id FROM proj ORDER BY UPPER(title), title, id", ordered=True)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_limit_offset(env, gen, rng, case):
    for i in range(N_QUERIES):
        sql = random_ordered(gen, rng, rng.choice(sorted(SCHEMA)), where_p=0.3)
        r = rng.random()
        if r < 0.3:
            sql += f" LIMIT {rng.randint(0, 12)}"
        elif r < 0.85:
            sql += f" LIMIT {rng.randint(0, 12)} OFFSET {rng.randint(0, 20)}"
        else:
            sql += f" LIMIT {rng.randint(1, 5)} OFFSET {rng.randint(30, 60)}"  # past the end
        env.check(sql, ordered=True)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_distinct(env, gen, rng, case):
    low_card = {"emp": ["dept", "mgr", "(age / 10)", "(salary > 5000)", "LOWER(dept)", "(bonus > 0)"],
                "proj": ["prio", "title", "emp_id", "(hours > 10)"],
                "dept": ["region", "(budget / 100)", "(rate > 5)"]}
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(low_card))
        exprs = rng.sample(low_card[table], rng.randint(1, 2))
        sql = f"SELECT DISTINCT {', '.join(exprs)} FROM {table}"
        if rng.random() < 0.4:
            sql += f" WHERE {gen.cond(columns_of(table), 1)}"
        if rng.random() < 0.6:
            positions = list(range(1, len(exprs) + 1))
            rng.shuffle(positions)
            sql += " ORDER BY " + ", ".join(f"{p}{rng.choice(['', ' DESC'])}" for p in positions)
            if rng.random() < 0.4:
                sql += f" LIMIT {rng.randint(1, 4)}"
            env.check(sql, ordered=True)
        else:
            env.check(sql, ordered=False)


@pytest.mark.parametrize("case", [0, 1])
def test_order_by_alias_position_expression(env, rng, case):
    k = rng.randint(2, 9)
    env.check(f"SELECT id, salary % {k} AS m, name FROM emp ORDER BY m DESC, 3, id", ordered=True)
    env.check(f"SELECT name AS who, age FROM emp ORDER BY 2 DESC, who, id", ordered=True)
    env.check(f"SELECT id FROM emp ORDER BY COALESCE(bonus, 0) * {k} - age, id DESC", ordered=True)
    env.check("SELECT id, hours FROM proj ORDER BY prio IS NULL, prio DESC, id", ordered=True)
    env.check("SELECT * FROM dept ORDER BY region DESC, budget, id", ordered=True)
