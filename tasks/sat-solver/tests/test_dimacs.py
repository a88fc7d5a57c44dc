# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `dimacs_small`: the command line on small formulas."""

import pytest

from satref import SEED, brute_force, check_assignment, make_rng, random_mixed_cnf, to_dimacs

pytestmark = pytest.mark.dimacs_small

TIMEOUT = 15


def expect_sat(res, clauses, num_vars):
    assert not res.timed_out, "timed out"
    status, lits = res.parse()
    assert status == "SAT", f"expected SATISFIABLE, got {status}"
    assert res.returncode == 10, f"exit code {res.returncode}, expected 10"
    check_assignment(clauses, num_vars, lits)


def expect_unsat(res):
    assert not res.timed_out, "timed out"
    status, _ = res.parse()
    assert status == "UNSAT", f"expected UNSATISFIABLE, got {status}"
    assert res.returncode == 20, f"exit code {res.returncode}, expected 20"


def test_simple_sat(run_cli):
    clauses = [[1, -2], [2, 3], [-1, -3], [-3, 2]]
    expect_sat(run_cli(to_dimacs(3, clauses), TIMEOUT), clauses, 3)


def test_simple_unsat(run_cli):
    clauses = [[1, 2], [1, -2], [-1, 2], [-1, -2]]
    expect_unsat(run_cli(to_dimacs(2, clauses), TIMEOUT))


def test_output_lines_are_well_formed(run_cli):
    rng = make_rng(SEED, "format")
    n = 120
    # a satisfiable chain of implications, long enough to need several v-lines
    sigma = [rng.random() < 0.5 for _ in range(n + 1)]
    lit = lambda v: v if sigma[v] else -v  # noqa: E731
    clauses = [[lit(1)]] + [[-lit(v), lit(v + 1)] for v in range(1, n)]
    res = run_cli(to_dimacs(n, clauses), TIMEOUT)
    expect_sat(res, clauses, n)
    lines = [line for line in res.stdout.splitlines() if line.strip() and not line.startswith("c")]
    assert lines[0] == "s SATISFIABLE"
    for line in lines[1:]:
        assert line.startswith("v "), f"line {line!r} should start with 'v '"
    assert lines[-1].split()[-1] == "0"
    _, lits = res.parse()
    assert sorted(lits) == sorted(lit(v) for v in range(1, n + 1)), "the only model was not reported"


def test_comments_blank_lines_and_whitespace(run_cli):
    text = (
        "c a comment before the header\n"
        "c\n"
        "\n"
        "p cnf 4 5\n"
        "c a comment between clauses\n"
        "  1   -2 0\n"
        "\n"
        "\t2 3 0\n"
        "c another one\n"
        "-1 -3 0\n"
        "-4 1 0\n"
        "4 -3 0\n"
    )
    clauses = [[1, -2], [2, 3], [-1, -3], [-4, 1], [4, -3]]
    expect_sat(run_cli(text, TIMEOUT), clauses, 4)


def test_clauses_spanning_and_sharing_lines(run_cli):
    # the same unsatisfiable formula as test_simple_unsat plus a fifth variable, laid out oddly
    text = "p cnf 5 5\n1 2 0 1 -2\n0 -1\n2 0 -1 -2 0 5\n-5\n0\n"
    expect_unsat(run_cli(text, TIMEOUT))
    text = "p cnf 3 3\n1\n2\n3\n0 -1 0 -2\n0\n"
    clauses = [[1, 2, 3], [-1], [-2]]
    expect_sat(run_cli(text, TIMEOUT), clauses, 3)


def test_satlib_percent_terminator(run_cli):
    # SATLIB files end with a line '%' followed by a line '0': everything from '%' on is ignored
    clauses = [[1, 2, -3], [-1, 3], [-2, 3], [-3, -1]]
    text = to_dimacs(3, clauses) + "%\n0\n\n"
    expect_sat(run_cli(text, TIMEOUT), clauses, 3)


def test_no_clauses_and_unused_variables(run_cli):
    expect_sat(run_cli("p cnf 7 0\n", TIMEOUT), [], 7)
    clauses = [[2, -5], [-2], [9]]
    expect_sat(run_cli(to_dimacs(12, clauses), TIMEOUT), clauses, 12)


def test_empty_clause_is_unsat(run_cli):
    expect_unsat(run_cli("p cnf 3 2\n1 2 3 0\n0\n", TIMEOUT))


def test_duplicate_literals_and_tautologies(run_cli):
    clauses = [[1, 1, -2], [2, -2, 3], [-1, -1], [-2, -2], [-3, 4, -3, 4]]
    expect_sat(run_cli(to_dimacs(4, clauses), TIMEOUT), clauses, 4)
    clauses = [[1, 1], [-1, 2, -1], [-2, -2], [3, -3]]
    expect_unsat(run_cli(to_dimacs(3, clauses), TIMEOUT))


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4])
def test_random_small_formulas(run_cli, case):
    rng = make_rng(SEED, "small", case)
    n = 6 + case
    m = int(n * rng.uniform(2.5, 6.0))
    clauses = random_mixed_cnf(rng, n, m)
    res = run_cli(to_dimacs(n, clauses), TIMEOUT)
    if brute_force(clauses, n):
        expect_sat(res, clauses, n)
    else:
        expect_unsat(res)
