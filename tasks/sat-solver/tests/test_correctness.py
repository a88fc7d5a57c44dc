# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `correctness`: the Python API (and the CLI) against brute force and DPLL."""

import copy

import pytest

from satref import (
    SEED,
    brute_force,
    check_assignment,
    check_model,
    dpll,
    make_rng,
    planted_3sat,
    random_kcnf,
    random_mixed_cnf,
    to_dimacs,
)

pytestmark = pytest.mark.correctness


def test_api_simple(solve):
    clauses = [[1, -2], [2, 3], [-1, -3], [-3, 2]]
    model = solve(clauses, 3)
    assert model is not None, "satisfiable formula reported UNSAT"
    check_model(clauses, 3, model)
    assert solve([[1, 2], [1, -2], [-1, 2], [-1, -2]], 2) is None


def test_api_trivial_formulas(solve):
    assert solve([], 0) == []
    model = solve([], 6)
    assert model is not None
    check_model([], 6, model)
    assert solve([[]], 3) is None, "an empty clause is unsatisfiable"
    assert solve([[1, 2], []], 2) is None
    model = solve([[4]], 5)
    check_model([[4]], 5, model)
    assert model[3] == 4


def test_api_duplicates_and_tautologies(solve):
    clauses = [[1, 1, -2], [2, -2, 3], [-1, -1], [-2, -2], [-3, 4, -3, 4], [5, -5]]
    model = solve(clauses, 5)
    assert model is not None
    check_model(clauses, 5, model)
    assert solve([[1, 1], [-1, 2, -1], [-2, -2], [3, -3]], 3) is None


def test_api_does_not_modify_input(solve):
    rng = make_rng(SEED, "nomodify")
    clauses = random_mixed_cnf(rng, 12, 40)
    before = copy.deepcopy(clauses)
    solve(clauses, 12)
    assert clauses == before, "solve() modified the caller's clauses"


def test_api_repeated_calls_are_independent(solve):
    rng = make_rng(SEED, "repeat")
    formulas = []
    for i in range(8):
        n = rng.randint(5, 12)
        formulas.append((random_mixed_cnf(rng, n, int(n * rng.uniform(3, 6))), n))
    expected = [brute_force(c, n) for c, n in formulas]
    for _ in range(2):
        for (clauses, n), sat in zip(formulas, expected):
            model = solve(clauses, n)
            if sat:
                assert model is not None, "satisfiable formula reported UNSAT"
                check_model(clauses, n, model)
            else:
                assert model is None, "unsatisfiable formula got a model"


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_vs_brute_force(solve, case):
    rng = make_rng(SEED, "brute", case)
    n = 8 + case
    for _ in range(4):
        m = int(n * rng.uniform(2.0, 7.0))
        clauses = random_mixed_cnf(rng, n, m, max_len=5)
        model = solve(clauses, n)
        if brute_force(clauses, n):
            assert model is not None, f"satisfiable formula reported UNSAT: {clauses}"
            check_model(clauses, n, model)
        else:
            assert model is None, "unsatisfiable formula got a model"


@pytest.mark.parametrize("n", [25, 30, 35, 40])
def test_random_3sat_vs_dpll(solve, n):
    rng = make_rng(SEED, "dpll", n)
    for _ in range(3):
        clauses = random_kcnf(rng, n, int(round(4.26 * n)))
        model = solve(clauses, n)
        if dpll(clauses, n):
            assert model is not None, "satisfiable formula reported UNSAT"
            check_model(clauses, n, model)
        else:
            assert model is None, "unsatisfiable formula got a model"


@pytest.mark.parametrize("n", [50, 80, 110, 150])
def test_planted_3sat_threshold(solve, n):
    rng = make_rng(SEED, "planted-api", n)
    clauses = planted_3sat(rng, n)
    model = solve(clauses, n)
    assert model is not None, "satisfiable (planted) formula reported UNSAT"
    check_model(clauses, n, model)


def test_long_implication_chains(solve):
    rng = make_rng(SEED, "chain")
    n = 5000
    perm = list(range(1, n + 1))
    rng.shuffle(perm)
    sign = [rng.choice([1, -1]) for _ in range(n)]
    lits = [s * v for s, v in zip(sign, perm)]
    chain = [[-lits[i], lits[i + 1]] for i in range(n - 1)]
    rng.shuffle(chain)
    clauses = chain + [[lits[0]]]
    model = solve(clauses, n)
    assert model is not None
    check_model(clauses, n, model)
    assert solve(chain + [[lits[0]], [-lits[-1]]], n) is None
    # without the unit clause both ends are free, but the chain still constrains everything
    model = solve(chain + [[lits[-1], lits[n // 2]]], n)
    check_model(chain + [[lits[-1], lits[n // 2]]], n, model)


@pytest.mark.parametrize("case", [0, 1])
def test_cli_agrees_with_dpll(run_cli, case):
    rng = make_rng(SEED, "cli-dpll", case)
    n = 40
    for _ in range(2):
        clauses = random_kcnf(rng, n, int(round(4.3 * n)))
        res = run_cli(to_dimacs(n, clauses), timeout=15)
        assert not res.timed_out, "timed out"
        status, lits = res.parse()
        if dpll(clauses, n):
            assert status == "SAT" and res.returncode == 10, f"expected SAT/10, got {status}/{res.returncode}"
            check_assignment(clauses, n, lits)
        else:
            assert status == "UNSAT" and res.returncode == 20, f"expected UNSAT/20, got {status}/{res.returncode}"
