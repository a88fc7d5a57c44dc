# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `unsat`: families whose status is known by construction."""

import pytest

from satref import (
    SEED,
    adder_associativity,
    adder_commutativity,
    check_assignment,
    check_model,
    dpll,
    make_rng,
    parity_chains,
    pigeonhole,
    random_kcnf,
    scramble,
    to_dimacs,
)

pytestmark = pytest.mark.unsat


@pytest.mark.parametrize("holes", [2, 3, 4, 5, 6])
def test_pigeonhole_unsat(solve, holes):
    rng = make_rng(SEED, "php", holes)
    n, clauses = pigeonhole(holes + 1, holes)
    assert solve(scramble(rng, n, clauses), n) is None, f"PHP({holes + 1},{holes}) is unsatisfiable"


@pytest.mark.parametrize("holes", [4, 7])
def test_pigeonhole_sat(solve, holes):
    rng = make_rng(SEED, "php-sat", holes)
    n, clauses = pigeonhole(holes, holes)
    clauses = scramble(rng, n, clauses)
    model = solve(clauses, n)
    assert model is not None, f"PHP({holes},{holes}) is satisfiable"
    check_model(clauses, n, model)


@pytest.mark.parametrize("n", [10, 40, 80])
def test_parity_contradiction(solve, n):
    rng = make_rng(SEED, "parity", n)
    num_vars, clauses = parity_chains(n, [1, 0])
    assert solve(scramble(rng, num_vars, clauses), num_vars) is None


def test_parity_consistent_is_sat(solve):
    rng = make_rng(SEED, "parity-sat")
    p = rng.randint(0, 1)
    num_vars, clauses = parity_chains(60, [p, p, p])
    clauses = scramble(rng, num_vars, clauses)
    model = solve(clauses, num_vars)
    assert model is not None
    check_model(clauses, num_vars, model)


def test_adder_miters(solve):
    rng = make_rng(SEED, "adders")
    n, clauses = adder_commutativity(8)
    assert solve(scramble(rng, n, clauses), n) is None, "a+b == b+a: the miter is unsatisfiable"
    n, clauses = adder_associativity(4)
    assert solve(scramble(rng, n, clauses), n) is None, "(a+b)+c == a+(b+c): the miter is unsatisfiable"
    bits = 8
    n, clauses = adder_commutativity(bits, broken_bit=rng.randint(1, bits - 2))
    clauses = scramble(rng, n, clauses)
    model = solve(clauses, n)
    assert model is not None, "the miter of a broken adder is satisfiable"
    check_model(clauses, n, model)


@pytest.mark.parametrize("case", [0, 1, 2])
def test_random_unsat_vs_dpll(solve, case):
    rng = make_rng(SEED, "random-unsat", case)
    n = 20 + 5 * case
    for _ in range(50):
        clauses = random_kcnf(rng, n, int(round(5.5 * n)))
        if not dpll(clauses, n):
            break
    else:  # pragma: no cover - astronomically unlikely at this density
        pytest.skip("no unsatisfiable instance drawn")
    assert solve(clauses, n) is None, "unsatisfiable formula got a model"


def test_cli_unsat_families(run_cli):
    rng = make_rng(SEED, "cli-unsat")
    n, clauses = pigeonhole(6, 5)
    res = run_cli(to_dimacs(n, scramble(rng, n, clauses)), timeout=15)
    assert not res.timed_out
    assert res.parse()[0] == "UNSAT" and res.returncode == 20
    n, clauses = parity_chains(50, [0, 1])
    res = run_cli(to_dimacs(n, scramble(rng, n, clauses)), timeout=15)
    assert not res.timed_out
    assert res.parse()[0] == "UNSAT" and res.returncode == 20
    n, clauses = parity_chains(50, [1, 1])
    clauses = scramble(rng, n, clauses)
    res = run_cli(to_dimacs(n, clauses), timeout=15)
    assert not res.timed_out
    status, lits = res.parse()
    assert status == "SAT" and res.returncode == 10
    check_assignment(clauses, n, lits)
