# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `perft_deep`: published perft counts at the deeper depths (120 s per test)."""

import pytest

import refchess
from conftest import EDGE, PUBLISHED, STANDARD, make_rng, random_position

pytestmark = pytest.mark.perft_deep

# (edge index, depth, published count)
EDGE_DEEP = [(13, 4, 23527), (11, 6, 2217), (10, 6, 92683), (9, 6, 217342), (3, 6, 661072)]


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6])
def test_published_deep(Board, index):
    fen = STANDARD[index]
    counts = PUBLISHED[fen]
    b = Board(fen)
    assert b.perft(len(counts)) == counts[-1]
    assert b.fen() == fen


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4])
def test_edge_published_deep(Board, case):
    index, depth, count = EDGE_DEEP[case]
    assert Board(EDGE[index]).perft(depth) == count


@pytest.mark.parametrize("case", [0, 1, 2])
def test_random_perft3_vs_reference(Board, case):
    rng = make_rng("perft3", case)
    fen = random_position(rng, STANDARD[[0, 2, 6][case]], rng.randint(8, 40))
    assert Board(fen).perft(3) == refchess.Position(fen).perft(3)
