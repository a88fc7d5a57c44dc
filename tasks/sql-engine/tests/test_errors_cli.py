# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `errors_cli`: SQLError for invalid statements (each one is checked to be rejected by
sqlite3 as well), the command line `python3 -m sqlengine DIR SQL`, and a run with sqlite3 blocked."""

import csv
import io
import math
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from conftest import SCHEMA

pytestmark = pytest.mark.errors_cli

# {t}: a table, {c}: one of its columns, {r}: a random suffix
INVALID = [
    "SELEC * FROM {t}",
    "SELECT * FROM nosuch_{r}",
    "SELECT nosuch_{r} FROM {t}",
    "SELECT * FROM {t} WHERE",
    "SELECT {c} FROM {t} WHERE ({c} > 1",
    "SELECT * FROM {t} ORDER BY",
    "SELECT 'abc FROM {t}",
    "SELECT id FROM emp JOIN proj ON emp.id = proj.emp_id",
    "SELECT * FROM {t} WHERE COUNT(*) > 1",
    "SELECT {t}.{c} FROM {t} AS x{r}",
    "SELECT * FROM {t} LIMIT",
    "SELECT nosuch_{r}({c}) FROM {t}",
    "SELECT {c} FROM {t} GROUP BY",
    "SELECT * FROM emp e JOIN proj p ON e.id = p.nosuch_{r}",
    "SELECT {c}, FROM {t}",
    "SELECT * FROM emp WHERE id IN (SELECT nosuch_{r} FROM proj)",
    "SELECT * FROM {t} ORDER BY 99",
    "SELECT * FROM emp WHERE id IN (SELECT id, name FROM emp)",
    "SELECT {c} FROM {t} WHERE {c} > 3 garbage_{r} here",
    "SELECT SUM(MAX(id)) FROM {t}",
]


def _fill(template, rng):
    t = rng.choice(sorted(SCHEMA))
    c = rng.choice([c for c, _ in SCHEMA[t]])
    return template.format(t=t, c=c, r=rng.randint(100, 999))


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
def test_invalid_statement_raises_sqlerror(env, rng, case):
    sql = _fill(INVALID[case], rng)
    with pytest.raises(sqlite3.Error):
        env.oracle(sql)  # the reference rejects it too
    SQLError = env.sqlengine.SQLError
    assert isinstance(SQLError, type) and issubclass(SQLError, Exception)
    try:
        env.db.execute(sql)
    except SQLError:
        pass
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"expected SQLError, got {type(exc).__name__}: {exc}\n  SQL: {sql}")
    else:
        pytest.fail(f"expected SQLError, nothing was raised\n  SQL: {sql}")


def test_database_usable_after_errors(env, rng):
    for template in INVALID:
        try:
            env.db.execute(_fill(template, rng))
        except Exception:  # noqa: BLE001
            pass
    env.check("SELECT id, name, bonus FROM emp WHERE age > 20")
    env.check("SELECT dept, COUNT(*) FROM emp GROUP BY dept")


def _run_cli(directory, sql, timeout=60):
    cwd = os.getcwd()
    env = dict(os.environ)
    env["PYTHONPATH"] = cwd + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run([sys.executable, "-m", "sqlengine", directory, sql], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _check_cli_rows(stdout, expected, sql):
    rows = list(csv.reader(io.StringIO(stdout)))
    assert len(rows) == len(expected), f"{len(rows)} CSV rows, expected {len(expected)}\n  SQL: {sql}\n{stdout[:500]}"
    for got, exp in zip(rows, expected):
        assert len(got) == len(exp), f"row {got!r} vs expected {exp!r}\n  SQL: {sql}"
        for field, v in zip(got, exp):
            if v is None:
                assert field == "", f"NULL must print as an empty field, got {field!r}"
            elif isinstance(v, int):
                assert field == str(v), f"integer {v!r} printed as {field!r}"
            elif isinstance(v, float):
                assert math.isclose(float(field), v, rel_tol=1e-9, abs_tol=1e-9), f"float {v!r} printed as {field!r}"
                assert field == repr(float(field)), f"float {v!r} must print like repr(), got {field!r}"
            else:
                assert field == v, f"text {v!r} printed as {field!r}"


@pytest.mark.parametrize("case", [0, 1])
def test_cli_output(env, gen, rng, case):
    k = rng.randint(2, 7)
    queries = [
        "SELECT id, name, dept, bonus, age / 3, bonus * 2 FROM emp ORDER BY id",
        f"SELECT region, COUNT(*), AVG(rate), SUM(budget) / {k} FROM dept GROUP BY region ORDER BY region",
        "SELECT d.dname, d.region, e.name FROM dept d LEFT JOIN emp e ON e.dept = d.dname ORDER BY d.id, e.id",
        f"SELECT id, hours / {k}.0, title FROM proj ORDER BY hours DESC, id LIMIT 7",
    ]
    for sql in queries:
        expected = env.oracle(sql)
        proc = _run_cli(env.dir, sql)
        assert proc.returncode == 0, f"exit status {proc.returncode}\nstderr: {proc.stderr[-2000:]}"
        _check_cli_rows(proc.stdout, expected, sql)


@pytest.mark.parametrize("sql", ["SELECT * FROM nosuch_table", "SELECT FROM WHERE"])
def test_cli_error_exit_status(env, sql):
    proc = _run_cli(env.dir, sql)
    assert proc.returncode == 1, f"exit status {proc.returncode}, expected 1"
    assert proc.stdout == "", "nothing may be printed on stdout for an invalid statement"
    assert proc.stderr.strip(), "an error message is expected on stderr"


_SQLITE_IMPORT = re.compile(
    r"^\s*(import|from)\s+_?sqlite3\b|__import__\(\s*['\"]_?sqlite3|import_module\(\s*['\"]_?sqlite3", re.M)


def test_works_without_sqlite3(env, rng):
    """The engine must not use sqlite3: no import of it in the package, and it runs with the module blocked."""
    pkg_dir = os.path.dirname(env.sqlengine.__file__)
    for root, _, files in os.walk(pkg_dir):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    assert not _SQLITE_IMPORT.search(f.read()), f"{name} imports sqlite3"
    sql = "SELECT dept, COUNT(*), SUM(salary) FROM emp WHERE age > 25 GROUP BY dept ORDER BY dept"
    expected = env.oracle(sql)
    code = (
        "import sys, json\n"
        "for m in ('sqlite3', '_sqlite3', 'sqlite3.dbapi2', 'pandas', 'duckdb', 'apsw'):\n"
        "    sys.modules[m] = None\n"
        "from sqlengine import Database\n"
        f"rows = Database({env.dir!r}).execute({sql!r})\n"
        "print(json.dumps([list(r) for r in rows]))\n"
    )
    cwd = os.getcwd()
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=cwd))
    assert proc.returncode == 0, f"the engine failed with sqlite3 blocked:\n{proc.stderr[-2000:]}"
    import json

    got = [tuple(r) for r in json.loads(proc.stdout.strip().splitlines()[-1])]
    from conftest import compare_results

    compare_results(got, expected, True, sql)
