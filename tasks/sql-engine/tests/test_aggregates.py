# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `aggregates`: COUNT/SUM/AVG/MIN/MAX, GROUP BY and HAVING.

Grouped queries only select GROUP BY expressions and aggregates; ORDER BY ends with every
GROUP BY expression so that the order is total."""

import pytest

from conftest import SCHEMA, columns_of, render_items

pytestmark = pytest.mark.aggregates

N_QUERIES = 25

GROUP_EXPRS = {
    "emp": ["dept", "mgr", "(age / 10)", "(salary > 5000)", "LOWER(dept)", "(bonus > 0)", "(id % 3)"],
    "proj": ["prio", "title", "emp_id", "(hours > 10)", "(prio % 2)"],
    "dept": ["region", "(budget / 100)", "(rate > 5)"],
}


def agg_expr(gen, rng, cols, depth=1):
    texts = gen.cols(cols, "text")
    r = rng.random()
    if depth > 0 and r < 0.15:
        op = rng.choice(["+", "-", "*"])
        return f"({agg_expr(gen, rng, cols, 0)} {op} {agg_expr(gen, rng, cols, 0)})"
    if depth > 0 and r < 0.22:
        return f"({agg_expr(gen, rng, cols, 0)} + {rng.randint(-5, 5)})"
    r = rng.random()
    if r < 0.15:
        return "COUNT(*)"
    if r < 0.3:
        return f"COUNT({rng.choice([c for c, _ in cols])})"
    if r < 0.38:
        return f"COUNT(DISTINCT {rng.choice([c for c, _ in cols])})"
    if r < 0.48 and texts:
        return f"{rng.choice(['MIN', 'MAX'])}({rng.choice(texts)})"
    fn = rng.choice(["SUM", "AVG", "MIN", "MAX", "SUM"])
    return f"{fn}({gen.num_expr(cols, 1, no_div=True)})"


def having_cond(gen, rng, cols, group_exprs, depth=1):
    r = rng.random()
    if depth > 0 and r < 0.3:
        return (f"({having_cond(gen, rng, cols, group_exprs, 0)} {rng.choice(['AND', 'OR'])} "
                f"{having_cond(gen, rng, cols, group_exprs, 0)})")
    if r < 0.4:
        return f"COUNT(*) {rng.choice(['>', '>=', '<', '='])} {rng.randint(1, 4)}"
    if r < 0.5:
        return f"{rng.choice(group_exprs)} IS NOT NULL"
    a = agg_expr(gen, rng, cols, 0)
    if a.startswith(("MIN(", "MAX(")) and any(a[4:-1] == t for t in gen.cols(cols, "text")):
        return f"{a} > 'M'"
    return f"{a} {rng.choice(['>', '<', '>=', '<=', '!='])} {rng.randint(-20, 3000)}"


def grouped_query(gen, rng, table, cols, group_pool, having_p=0.0, where_p=0.4, ordered_p=0.5):
    groups = rng.sample(group_pool, rng.randint(1, 2))
    items = []
    for g in groups:
        if rng.random() < 0.8:
            items.append((g, None))
    for _ in range(rng.randint(1, 3)):
        items.append((agg_expr(gen, rng, cols), None))
    rng.shuffle(items)
    items = [(e, f"a{i}" if rng.random() < 0.3 else None) for i, (e, _) in enumerate(items)]
    sql = f"SELECT {render_items(items)} FROM {table}"
    if rng.random() < where_p:
        sql += f" WHERE {gen.cond(cols, 1)}"
    sql += f" GROUP BY {', '.join(groups)}"
    if rng.random() < having_p:
        sql += f" HAVING {having_cond(gen, rng, cols, groups)}"
    ordered = rng.random() < ordered_p
    if ordered:
        keys = []
        for _ in range(rng.randint(0, 2)):
            r = rng.random()
            aliases = [a for _, a in items if a]
            if r < 0.4:
                keys.append(str(rng.randint(1, len(items))))
            elif r < 0.6 and aliases:
                keys.append(rng.choice(aliases))
            else:
                keys.append(agg_expr(gen, rng, cols, 0))
            keys[-1] += rng.choice(["", " DESC", " ASC"])
        keys += [g + rng.choice(["", " DESC"]) for g in groups]
        sql += " ORDER BY " + ", ".join(keys)
        if rng.random() < 0.3:
            sql += f" LIMIT {rng.randint(1, 5)}"
    return sql, ordered


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_whole_table_aggregates(env, gen, rng, case):
    env.check("SELECT COUNT(*), COUNT(bonus), SUM(salary), AVG(salary), MIN(bonus), MAX(bonus), "
              "MIN(name), MAX(dept), SUM(bonus), AVG(age) FROM emp")
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(SCHEMA))
        cols = columns_of(table)
        items = [(agg_expr(gen, rng, cols), None) for _ in range(rng.randint(1, 4))]
        sql = f"SELECT {render_items(items)} FROM {table}"
        if rng.random() < 0.7:
            sql += f" WHERE {gen.cond(cols, 2)}"
        env.check(sql)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_group_by_random(env, gen, rng, case):
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(SCHEMA))
        sql, ordered = grouped_query(gen, rng, table, columns_of(table), GROUP_EXPRS[table])
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_having(env, gen, rng, case):
    env.check("SELECT dept, COUNT(*) FROM emp GROUP BY dept HAVING COUNT(*) > 1")
    env.check("SELECT prio, SUM(hours) FROM proj GROUP BY prio HAVING SUM(hours) > 20 OR prio IS NULL")
    env.check("SELECT dept FROM emp GROUP BY dept HAVING MAX(age) - MIN(age) > 10 AND AVG(salary) < 6000")
    for _ in range(N_QUERIES):
        table = rng.choice(sorted(SCHEMA))
        sql, ordered = grouped_query(gen, rng, table, columns_of(table), GROUP_EXPRS[table], having_p=1.0)
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1])
def test_empty_input(rng, make_env, case):
    e = make_env()
    # no row passes WHERE: one row of aggregates without GROUP BY, no rows with GROUP BY
    e.check("SELECT COUNT(*), COUNT(bonus), SUM(salary), AVG(bonus), MIN(name), MAX(age) FROM emp WHERE id < 0")
    e.check("SELECT dept, COUNT(*) FROM emp WHERE id < 0 GROUP BY dept")
    e.check("SELECT SUM(bonus), COUNT(*) FROM emp WHERE bonus IS NULL")
    # a table whose CSV file has only a header row
    empty = make_env(tables={"emp": e.tables["emp"], "dept": [], "proj": []})
    empty.check("SELECT COUNT(*), SUM(budget), AVG(rate), MIN(region), MAX(id) FROM dept")
    empty.check("SELECT region, COUNT(*) FROM dept GROUP BY region")
    empty.check("SELECT * FROM proj")


@pytest.mark.parametrize("case", [0, 1])
def test_count_distinct_and_text_min_max(env, rng, case):
    for col in ["dept", "mgr", "age", "bonus", "name"]:
        env.check(f"SELECT COUNT(DISTINCT {col}), COUNT({col}), COUNT(*), MIN({col}), MAX({col}) FROM emp")
        env.check(f"SELECT dept, COUNT(DISTINCT {col}), MIN({col}), MAX({col}) FROM emp GROUP BY dept")
    env.check("SELECT COUNT(DISTINCT prio), COUNT(DISTINCT title), MAX(title), MIN(LOWER(title)) FROM proj")


def test_sum_avg_result_types(env):
    """SUM of integers is an integer, AVG is always a float, SUM of floats is a float."""
    env.check("SELECT SUM(prio), AVG(prio), SUM(hours), COUNT(*), MIN(hours), MAX(prio) FROM proj")
    got = env.db.execute("SELECT SUM(salary), AVG(salary), SUM(bonus), COUNT(*), SUM(age * 2) FROM emp")
    exp = env.oracle("SELECT SUM(salary), AVG(salary), SUM(bonus), COUNT(*), SUM(age * 2) FROM emp")
    assert len(got) == 1 and len(got[0]) == 5
    for g, x in zip(got[0], exp[0]):
        assert type(g) is type(x), f"got {got[0]!r}, expected {exp[0]!r} (value types differ)"
