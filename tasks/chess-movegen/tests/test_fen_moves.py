# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `fen_moves`: FEN in and out, legal move sets, push."""

import pytest

import refchess
from conftest import EDGE, PUBLISHED, STANDARD, START, make_rng, playout, random_position

pytestmark = pytest.mark.fen_moves


def test_default_is_start_position(engine, Board):
    assert engine.STARTING_FEN == START
    b = Board()
    assert b.fen() == START
    assert b.turn == "w"
    assert b.piece_at("e1") == "K" and b.piece_at("d8") == "q" and b.piece_at("e4") is None
    assert sorted(b.legal_moves()) == sorted(refchess.Position(START).legal_moves())


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6])
def test_standard_fen_roundtrip_and_moves(Board, index):
    fen = STANDARD[index]
    b = Board(fen)
    assert b.fen() == fen
    moves = b.legal_moves()
    assert all(isinstance(m, str) for m in moves)
    assert len(moves) == len(set(moves)) == PUBLISHED[fen][0]
    assert set(moves) == refchess.Position(fen).legal_moves()
    assert b.turn == fen.split()[1]


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
def test_edge_position_moves(Board, index):
    fen = EDGE[index]
    b = Board(fen)
    assert b.fen() == fen
    assert set(b.legal_moves()) == refchess.Position(fen).legal_moves()


def test_piece_at_every_square(Board):
    rng = make_rng("piece-at")
    fen = random_position(rng, STANDARD[rng.randrange(len(STANDARD))], 20)
    b = Board(fen)
    ref = refchess.Position(fen)
    for f in range(8):
        for r in range(8):
            assert b.piece_at(refchess.square_name(f, r)) == ref.board.get((f, r))


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_random_positions_fen_roundtrip(Board, case):
    rng = make_rng("fen-roundtrip", case)
    fen = random_position(rng, STANDARD[case % len(STANDARD)], rng.randint(4, 60))
    assert Board(fen).fen() == fen


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
def test_random_playout_move_sets_and_fens(Board, case):
    """Along a seeded random game, every legal-move set and every FEN after push must match."""
    rng = make_rng("playout", case)
    start = STANDARD[case] if case < len(STANDARD) else EDGE[rng.randrange(len(EDGE))]
    steps = playout(rng, start, 40)
    b = Board(start)
    for ply, (pos, legal, uci) in enumerate(steps):
        assert b.fen() == pos.fen(), f"ply {ply}"
        assert set(b.legal_moves()) == set(legal), f"ply {ply}: {pos.fen()}"
        if uci is not None:
            b.push(uci)


@pytest.mark.parametrize("fen", [
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq -",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP w KQkq - 0 1",
    "rnbqkbnr/pppppppp/9/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
    "rnbqkbnr/ppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNRR w KQkq - 0 1",
    "rnbqkbnr/ppxppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQxq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e9 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - a 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQQBNR w KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w QK - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e3 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - -1 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 0",
    "4k3/8/8/8/8/8/8/4RK2 w - - 0 1",
    "",
])
def test_invalid_fen_raises(Board, fen):
    with pytest.raises(ValueError):
        Board(fen)


def test_push_rejects_bad_moves(Board):
    b = Board()
    for bad in ["e2e5", "e7e5", "e1g1", "a1a2", "zz", "e2e4q", "e2-e4", "E2E4", "", "g1f3x"]:
        with pytest.raises(ValueError):
            b.push(bad)
        assert b.fen() == START
    b.push("g1f3")
    assert b.turn == "b"
    assert b.fen() == "rnbqkbnr/pppppppp/8/8/8/5N2/PPPPPPPP/RNBQKB1R b KQkq - 1 1"
