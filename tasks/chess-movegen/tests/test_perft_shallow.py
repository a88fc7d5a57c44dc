# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `perft_shallow`: perft and divide at small depths, and the command line."""

import pytest

import refchess
from conftest import EDGE, PUBLISHED, STANDARD, START, make_rng, random_position, run_cli

pytestmark = pytest.mark.perft_shallow


@pytest.mark.parametrize("index,depth", [
    (0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2),
    (4, 1), (4, 2), (5, 1), (5, 2), (6, 1), (6, 2),
])
def test_published_shallow(Board, index, depth):
    fen = STANDARD[index]
    b = Board(fen)
    assert b.perft(depth) == PUBLISHED[fen][depth - 1]
    assert b.fen() == fen  # perft leaves the position unchanged


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
def test_edge_perft_vs_reference(Board, index):
    fen = EDGE[index]
    depth = 2 if index in (5, 6) else 3
    assert Board(fen).perft(depth) == refchess.Position(fen).perft(depth)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_random_divide_vs_reference(Board, case):
    rng = make_rng("divide", case)
    fen = random_position(rng, STANDARD[case], rng.randint(6, 30))
    b = Board(fen)
    got = b.divide(2)
    assert dict(got) == refchess.Position(fen).divide(2)
    assert b.fen() == fen


def test_perft_small_depths(Board):
    b = Board()
    assert b.perft(0) == 1
    assert b.perft(1) == 20
    div = b.divide(1)
    assert set(div) == set(b.legal_moves()) and set(div.values()) == {1}
    mate = Board("rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3")
    assert mate.perft(1) == 0 and mate.perft(3) == 0 and mate.perft(0) == 1
    assert mate.divide(2) == {}


def test_cli_perft(Board):
    proc = run_cli(["perft", "3", START])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "8902"
    proc = run_cli(["perft", "2"])  # FEN omitted: the starting position
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "400"
    rng = make_rng("cli-perft")
    fen = random_position(rng, STANDARD[rng.randrange(7)], rng.randint(5, 25))
    proc = run_cli(["perft", "2", fen])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(refchess.Position(fen).perft(2))


@pytest.mark.parametrize("case", [0, 1])
def test_cli_divide(Board, case):
    rng = make_rng("cli-divide", case)
    fen = random_position(rng, STANDARD[rng.randrange(7)], rng.randint(5, 25))
    ref = refchess.Position(fen).divide(2)
    proc = run_cli(["divide", "2", fen])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.rstrip("\n").split("\n")
    expected = [f"{m}: {ref[m]}" for m in sorted(ref)] + ["", f"Nodes searched: {sum(ref.values())}"]
    assert lines == expected


def test_cli_errors(Board):
    proc = run_cli(["perft", "2", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0"])
    assert proc.returncode != 0
    proc = run_cli(["perft", "2", "not a fen at all x y"])
    assert proc.returncode != 0
