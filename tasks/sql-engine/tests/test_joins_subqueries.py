# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `joins_subqueries`: INNER/LEFT JOIN with aliases and qualified names, grouping over
joins, IN (SELECT ...) / NOT IN (SELECT ...) and scalar subqueries."""

import pytest

from conftest import columns_of, render_items

pytestmark = pytest.mark.joins_subqueries

N_QUERIES = 20

# (FROM clause, [(table, alias)], join kind)
TWO_WAY = [
    ("emp e {J} proj p ON e.id = p.emp_id", [("emp", "e"), ("proj", "p")]),
    ("emp e {J} proj p ON p.emp_id = e.id AND p.hours > 5", [("emp", "e"), ("proj", "p")]),
    ("emp AS e {J} dept AS d ON e.dept = d.dname", [("emp", "e"), ("dept", "d")]),
    ("proj p {J} emp e ON p.emp_id = e.id", [("proj", "p"), ("emp", "e")]),
    ("dept d {J} emp e ON LOWER(d.dname) = LOWER(e.dept) AND e.age > 30", [("dept", "d"), ("emp", "e")]),
    ("emp e {J} proj p ON e.id = p.emp_id OR p.prio = 5", [("emp", "e"), ("proj", "p")]),
]


def join_columns(tables):
    cols = []
    for t, a in tables:
        cols += columns_of(t, a, qualify=True)
    return cols


def join_query(gen, rng, kind):
    clause, tables = rng.choice(TWO_WAY)
    clause = clause.replace("{J}", kind)
    cols = join_columns(tables)
    items = gen.select_items(cols) if rng.random() < 0.85 else [("*", None)]
    sql = f"SELECT {render_items(items)} FROM {clause}"
    if rng.random() < 0.6:
        sql += f" WHERE {gen.cond(cols, 2)}"
    ordered = rng.random() < 0.4
    if ordered:
        key = rng.choice([c for c, _ in cols]) + rng.choice(["", " DESC"])
        sql += f" ORDER BY {key}, " + ", ".join(f"{a}.id" for _, a in tables)
        if rng.random() < 0.5:
            sql += f" LIMIT {rng.randint(1, 10)} OFFSET {rng.randint(0, 5)}"
    return sql, ordered


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_inner_join(env, gen, rng, case):
    env.check("SELECT e.name, p.title, p.hours FROM emp e JOIN proj p ON e.id = p.emp_id")
    env.check("SELECT emp.name, proj.title FROM emp INNER JOIN proj ON emp.id = proj.emp_id WHERE proj.prio > 2")
    for _ in range(N_QUERIES):
        sql, ordered = join_query(gen, rng, rng.choice(["JOIN", "INNER JOIN"]))
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_left_join(env, gen, rng, case):
    env.check("SELECT e.id, p.id, p.title FROM emp e LEFT JOIN proj p ON e.id = p.emp_id")
    env.check("SELECT e.id, e.name FROM emp e LEFT JOIN proj p ON e.id = p.emp_id WHERE p.id IS NULL")
    env.check("SELECT d.dname, e.name FROM dept d LEFT OUTER JOIN emp e ON e.dept = d.dname")
    for _ in range(N_QUERIES):
        sql, ordered = join_query(gen, rng, rng.choice(["LEFT JOIN", "LEFT OUTER JOIN"]))
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1])
def test_self_join(env, gen, rng, case):
    env.check("SELECT a.name, b.name FROM emp a JOIN emp b ON a.mgr = b.id")
    env.check("SELECT a.id, b.id, b.name FROM emp a LEFT JOIN emp b ON a.mgr = b.id ORDER BY a.id", ordered=True)
    env.check("SELECT a.id, b.id FROM emp a JOIN emp b ON a.dept = b.dept AND a.id < b.id")
    cols = columns_of("emp", "a", qualify=True) + columns_of("emp", "b", qualify=True)
    for _ in range(N_QUERIES):
        items = gen.select_items(cols)
        kind = rng.choice(["JOIN", "LEFT JOIN"])
        on = rng.choice(["a.mgr = b.id", "a.dept = b.dept AND a.id != b.id", "a.age < b.age AND a.salary > b.salary"])
        env.check(f"SELECT {render_items(items)} FROM emp a {kind} emp b ON {on} WHERE {gen.cond(cols, 1)}")


@pytest.mark.parametrize("case", [0, 1])
def test_three_table_join(env, gen, rng, case):
    env.check("SELECT e.name, p.title, d.region FROM emp e JOIN proj p ON e.id = p.emp_id "
              "LEFT JOIN dept d ON e.dept = d.dname")
    tables = [("emp", "e"), ("proj", "p"), ("dept", "d")]
    cols = join_columns(tables)
    for _ in range(N_QUERIES // 2):
        k1, k2 = rng.choice(["JOIN", "LEFT JOIN"]), rng.choice(["JOIN", "LEFT JOIN"])
        items = gen.select_items(cols)
        sql = (f"SELECT {render_items(items)} FROM emp e {k1} proj p ON e.id = p.emp_id "
               f"{k2} dept d ON d.dname = e.dept")
        if rng.random() < 0.6:
            sql += f" WHERE {gen.cond(cols, 1)}"
        ordered = rng.random() < 0.5
        if ordered:
            sql += f" ORDER BY {rng.choice([c for c, _ in cols])} DESC, e.id, p.id, d.id"
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1, 2])
def test_join_with_group_by(env, gen, rng, case):
    env.check("SELECT e.dept, COUNT(p.id), SUM(p.hours) FROM emp e LEFT JOIN proj p ON e.id = p.emp_id "
              "GROUP BY e.dept")
    env.check("SELECT e.id, e.name, COUNT(*) AS n FROM emp e JOIN proj p ON p.emp_id = e.id "
              "GROUP BY e.id, e.name HAVING COUNT(*) > 1 ORDER BY n DESC, e.id", ordered=True)
    groups = ["e.dept", "p.prio", "p.title", "e.id", "(e.age / 10)", "d.region"]
    aggs = ["COUNT(*)", "COUNT(p.id)", "SUM(p.hours)", "AVG(e.salary)", "MAX(p.prio)", "MIN(e.name)",
            "COUNT(DISTINCT e.id)", "SUM(p.hours * p.prio)", "MAX(d.budget)"]
    for _ in range(N_QUERIES // 2):
        g = rng.choice(groups)
        chosen = rng.sample(aggs, rng.randint(1, 3))
        sql = (f"SELECT {g}, {', '.join(chosen)} FROM emp e {rng.choice(['JOIN', 'LEFT JOIN'])} proj p "
               f"ON e.id = p.emp_id LEFT JOIN dept d ON d.dname = e.dept")
        if rng.random() < 0.5:
            sql += f" WHERE {rng.choice(['p.hours > 8', 'e.age < 50', 'd.id IS NOT NULL', 'p.prio IN (1, 2, 3)'])}"
        sql += f" GROUP BY {g}"
        if rng.random() < 0.5:
            sql += f" HAVING COUNT(*) >= {rng.randint(1, 3)}"
        ordered = rng.random() < 0.5
        if ordered:
            sql += f" ORDER BY 2 DESC, {g}"
        env.check(sql, ordered=ordered)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_in_subquery(env, gen, rng, case):
    env.check("SELECT id, name FROM emp WHERE id IN (SELECT emp_id FROM proj)")
    env.check("SELECT id, name FROM emp WHERE id NOT IN (SELECT emp_id FROM proj WHERE emp_id IS NOT NULL)")
    env.check("SELECT id FROM emp WHERE id NOT IN (SELECT emp_id FROM proj)")  # NULL in the list
    env.check("SELECT name FROM emp WHERE dept IN (SELECT dname FROM dept WHERE budget > 200)")
    pcols, dcols, ecols = columns_of("proj"), columns_of("dept"), columns_of("emp")
    for _ in range(N_QUERIES):
        r = rng.random()
        neg = rng.choice(["", "NOT "])
        if r < 0.4:
            sub = f"SELECT emp_id FROM proj WHERE {gen.cond(pcols, 1)}"
            outer = f"id {neg}IN ({sub})"
        elif r < 0.7:
            sub = f"SELECT dname FROM dept WHERE {gen.cond(dcols, 1)}"
            outer = f"dept {neg}IN ({sub})"
        elif r < 0.85:
            sub = f"SELECT mgr FROM emp WHERE {gen.cond(ecols, 1)}"
            outer = f"id {neg}IN ({sub})"
        else:
            inner = f"SELECT prio FROM proj WHERE {gen.cond(pcols, 1)}"
            sub = f"SELECT emp_id FROM proj WHERE prio IN ({inner})"
            outer = f"id {neg}IN ({sub})"
        items = gen.select_items(ecols)
        where = outer if rng.random() < 0.6 else f"{outer} {rng.choice(['AND', 'OR'])} {gen.cond(ecols, 1)}"
        env.check(f"SELECT {render_items(items)} FROM emp WHERE {where}")


@pytest.mark.parametrize("case", [0, 1])
def test_scalar_subquery(env, gen, rng, case):
    env.check("SELECT id, salary FROM emp WHERE salary > (SELECT AVG(salary) FROM emp)")
    env.check("SELECT id, (SELECT COUNT(*) FROM proj), (SELECT MAX(budget) FROM dept) - age FROM emp")
    env.check("SELECT id FROM emp WHERE bonus < (SELECT MIN(hours) FROM proj WHERE id < 0)")  # NULL
    for _ in range(N_QUERIES):
        table, col = rng.choice([("proj", "hours"), ("dept", "budget"), ("emp", "salary"), ("proj", "prio")])
        fn = rng.choice(["AVG", "MIN", "MAX", "SUM", "COUNT"])
        sub = f"SELECT {fn}({col}) FROM {table} WHERE {gen.cond(columns_of(table), 1)}"
        op = rng.choice(["<", ">", "<=", ">=", "="])
        outer = rng.choice(["salary / 100", "age", "bonus", "id"])
        env.check(f"SELECT id, {outer} FROM emp WHERE {outer} {op} ({sub})")


def test_star_column_order(env):
    env.check("SELECT * FROM emp e JOIN proj p ON e.id = p.emp_id ORDER BY e.id, p.id", ordered=True)
    env.check("SELECT p.*, e.name FROM emp e JOIN proj p ON e.id = p.emp_id ORDER BY p.id", ordered=True)
    env.check("SELECT d.*, e.* FROM dept d LEFT JOIN emp e ON e.dept = d.dname ORDER BY d.id, e.id", ordered=True)
