# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `performance`: instances that need clause learning, watched literals and restarts.

Every instance goes through the command line and must be answered within
INSTANCE_LIMIT seconds (about 4x or more of what a straightforward CDCL solver in pure Python needs,
including interpreter start-up); DPLL without learning times out on them.
"""

import pytest

from satref import (
    SEED,
    adder_associativity,
    adder_commutativity,
    check_assignment,
    make_rng,
    parity_chains,
    planted_3sat,
    scramble,
    to_dimacs,
)

pytestmark = pytest.mark.performance

INSTANCE_LIMIT = 15.0


def solve_cli(run_cli, num_vars, clauses, expected):
    res = run_cli(to_dimacs(num_vars, clauses), timeout=INSTANCE_LIMIT)
    assert not res.timed_out, f"no answer within {res.elapsed:.1f} s ({num_vars} variables, {len(clauses)} clauses)"
    status, lits = res.parse()
    assert status == expected, f"expected {expected}, got {status}"
    assert res.returncode == (10 if expected == "SAT" else 20), f"exit code {res.returncode}"
    if status == "SAT":
        check_assignment(clauses, num_vars, lits)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_planted_3sat_at_threshold(run_cli, case):
    """Three random 3-SAT formulas with 175 variables at clause/variable ratio 4.26 (planted: SAT)."""
    rng = make_rng(SEED, "perf-planted", case)
    for _ in range(3):
        n = 175
        solve_cli(run_cli, n, planted_3sat(rng, n), "SAT")


@pytest.mark.parametrize("n", [150, 300])
def test_parity_contradiction_large(run_cli, n):
    rng = make_rng(SEED, "perf-parity", n)
    num_vars, clauses = parity_chains(n, [1, 0])
    solve_cli(run_cli, num_vars, scramble(rng, num_vars, clauses), "UNSAT")


def test_parity_large_sat(run_cli):
    rng = make_rng(SEED, "perf-parity-sat")
    p = rng.randint(0, 1)
    num_vars, clauses = parity_chains(200, [p, p])
    # pin a few x's so that the solver has to get the rest of the chain right
    extra = [[v if rng.random() < 0.5 else -v] for v in rng.sample(range(1, 200), 20)]
    solve_cli(run_cli, num_vars, scramble(rng, num_vars, clauses + extra), "SAT")


def test_adder_commutativity_large(run_cli):
    rng = make_rng(SEED, "perf-comm")
    n, clauses = adder_commutativity(48)
    solve_cli(run_cli, n, scramble(rng, n, clauses), "UNSAT")


def test_adder_associativity(run_cli):
    rng = make_rng(SEED, "perf-assoc")
    n, clauses = adder_associativity(12)
    solve_cli(run_cli, n, scramble(rng, n, clauses), "UNSAT")


def test_planted_with_hidden_contradiction(run_cli):
    """A planted random 3-SAT formula joined with a contradictory parity system on fresh variables."""
    rng = make_rng(SEED, "perf-hidden")
    n = 150
    clauses = planted_3sat(rng, n)
    pv, pclauses = parity_chains(40, [0, 1])
    clauses = clauses + [[lit + n if lit > 0 else lit - n for lit in c] for c in pclauses]
    total = n + pv
    solve_cli(run_cli, total, scramble(rng, total, clauses), "UNSAT")
