# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `special_moves`: castling, en passant, promotion, check/mate/stalemate, push/pop."""

import pytest

import refchess
from conftest import EDGE, STANDARD, make_rng, playout

pytestmark = pytest.mark.special_moves

# (fen, moves that must be legal, moves that must not be legal)
CASTLING = [
    ("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", ["e1g1", "e1c1"], []),
    ("r3k2r/8/8/8/8/8/8/R3K2R b KQkq - 0 1", ["e8g8", "e8c8"], []),
    # f1 attacked by the rook on f8: no king-side castling; queen side is fine
    ("r3kr2/8/8/8/8/8/8/R3K2R w KQq - 0 1", ["e1c1"], ["e1g1"]),
    # only b1 attacked: queen-side castling is still legal
    ("1r2k3/8/8/8/8/8/8/R3K2R w KQ - 0 1", ["e1c1", "e1g1"], []),
    # king in check: no castling at all
    ("r3k2r/8/8/8/4r3/8/8/R3K2R w KQkq - 0 1", [], ["e1g1", "e1c1"]),
    # g1 (destination) attacked by the bishop on c5 via ... d4 e3 f2 g1
    ("r3k2r/8/8/2b5/8/8/8/R3K2R w KQkq - 0 1", ["e1c1"], ["e1g1"]),
    # d1 attacked (transit square) by the rook on d8
    ("3rk2r/8/8/8/8/8/8/R3K2R w KQk - 0 1", ["e1g1"], ["e1c1"]),
    # a piece between king and rook (b1)
    ("r3k2r/8/8/8/8/8/8/RN2K2R w KQkq - 0 1", ["e1g1"], ["e1c1"]),
    # no rights
    ("r3k2r/8/8/8/8/8/8/R3K2R w kq - 0 1", [], ["e1g1", "e1c1"]),
    # right present but the rook is missing
    ("r3k2r/8/8/8/8/8/8/4K2R w KQkq - 0 1", ["e1g1"], ["e1c1"]),
]

# (fen, legal moves, illegal moves)
EN_PASSANT = [
    # plain en passant
    ("4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 2", ["e5d6"], []),
    # both pawns leave the 5th rank: the rook on h5 would check the king on a5
    ("4k3/8/8/KPp4r/8/8/8/8 w - c6 0 2", [], ["b5c6"]),
    # pinned along a diagonal: capturing away from the pin line is illegal
    ("7k/6b1/8/3pP3/8/8/1K6/8 w - d6 0 2", [], ["e5d6"]),
    # capturing along the pin line is legal
    ("7k/6b1/8/4Pp2/8/8/1K6/8 w - f6 0 2", ["e5f6"], []),
    # the double-pushed pawn gives check; en passant removes the checker
    ("8/8/8/4k3/3Pp3/8/8/4K3 b - d3 0 1", ["e4d3"], []),
    # en passant does not remove a check from a rook
    ("4k3/8/8/3pP3/8/8/8/r3K3 w - d6 0 2", [], ["e5d6"]),
    # the en passant square is set but no pawn can capture
    ("4k3/8/8/3p4/8/8/8/4K3 w - d6 0 2", [], ["e5d6", "c5d6"]),
    # black captures en passant twice possible (two pawns)
    ("4k3/8/8/8/2pPp3/8/8/4K3 b - d3 0 1", ["c4d3", "e4d3"], []),
]

PROMOTION = [
    ("8/P7/8/8/8/8/8/k6K w - - 0 1", ["a7a8q", "a7a8r", "a7a8b", "a7a8n"], ["a7a8", "a7a8k", "a7a8p"]),
    ("1r5k/P7/8/8/8/8/8/K7 w - - 0 1", ["a7a8q", "a7b8q", "a7b8n", "a7b8r", "a7b8b"], ["a7b8"]),
    ("K7/8/8/8/8/8/p7/7k b - - 0 1", ["a2a1q", "a2a1n", "a2a1r", "a2a1b"], ["a2a1"]),
    # promoting piece pinned against its own king: only the capture along the pin line stays
    ("7K/8/8/8/8/2k5/1p6/B7 b - - 0 1", ["b2a1q", "b2a1n"], ["b2b1q", "b2b1n"]),
]

# (fen, is_check, is_checkmate, is_stalemate)
STATUS = [
    ("rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3", True, True, False),
    ("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", False, False, True),
    ("k7/8/1Q6/8/8/8/8/7K b - - 0 1", False, False, True),
    ("6rk/6pp/8/8/8/8/8/K5R1 w - - 0 1", False, False, False),
    ("R5k1/5ppp/8/8/8/8/8/6K1 b - - 0 1", True, True, False),
    ("4k3/8/8/8/8/8/8/4R1K1 b - - 0 1", True, False, False),
    ("8/8/8/8/8/5k2/5p2/5K2 w - - 0 1", False, False, True),
    ("r1bqkb1r/pppp1Qpp/2n2n2/4p3/2B1P3/8/PPPP1PPP/RNB1K1NR b KQkq - 0 4", True, True, False),
]


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
def test_castling(Board, index):
    fen, legal, illegal = CASTLING[index]
    moves = set(Board(fen).legal_moves())
    assert moves == refchess.Position(fen).legal_moves()
    for m in legal:
        assert m in moves
    for m in illegal:
        assert m not in moves


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7])
def test_en_passant(Board, index):
    fen, legal, illegal = EN_PASSANT[index]
    moves = set(Board(fen).legal_moves())
    assert moves == refchess.Position(fen).legal_moves()
    for m in legal:
        assert m in moves
    for m in illegal:
        assert m not in moves


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_promotion(Board, index):
    fen, legal, illegal = PROMOTION[index]
    b = Board(fen)
    moves = set(b.legal_moves())
    assert moves == refchess.Position(fen).legal_moves()
    for m in legal:
        assert m in moves
    for m in illegal:
        assert m not in moves
        with pytest.raises(ValueError):
            b.push(m)
    assert b.fen() == fen


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7])
def test_status(Board, index):
    fen, check, mate, stale = STATUS[index]
    ref = refchess.Position(fen)
    assert (ref.in_check(), ref.is_checkmate(), ref.is_stalemate()) == (check, mate, stale)
    b = Board(fen)
    assert b.is_check() is check
    assert b.is_checkmate() is mate
    assert b.is_stalemate() is stale
    if mate or stale:
        assert list(b.legal_moves()) == []


def test_special_move_effects(Board):
    b = Board("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 5 9")
    b.push("e1g1")
    assert b.fen() == "r3k2r/8/8/8/8/8/8/R4RK1 b kq - 6 9"
    b.push("e8c8")
    assert b.fen() == "2kr3r/8/8/8/8/8/8/R4RK1 w - - 7 10"
    b = Board("4k3/8/8/8/1p6/8/P7/4K3 w - - 3 20")
    b.push("a2a4")
    assert b.fen() == "4k3/8/8/8/Pp6/8/8/4K3 b - a3 0 20"
    b.push("b4a3")
    assert b.fen() == "4k3/8/8/8/8/p7/8/4K3 w - - 0 21"
    b = Board("1r2k3/P7/8/8/8/8/8/4K3 w - - 0 30")
    b.push("a7b8n")
    assert b.fen() == "1N2k3/8/8/8/8/8/8/4K3 b - - 0 30"
    # a rook captured on its home square loses that castling right
    b = Board("r3k2r/8/8/8/8/8/1B6/R3K2R w KQkq - 0 1")
    b.push("b2h8")
    assert b.fen() == "r3k2B/8/8/8/8/8/8/R3K2R b KQq - 0 1"
    b.push("a8a1")
    assert b.fen() == "4k2B/8/8/8/8/8/8/r3K2R w K - 0 2"
    assert b.is_check()
    assert sorted(b.legal_moves()) == ["e1d2", "e1e2", "e1f2", "h8a1"]  # not e1f1: x-ray along rank 1


def test_push_pop_restores(Board):
    b = Board()
    # en passant, capture-promotion, castling
    moves = ["e2e4", "d7d5", "e4e5", "f7f5", "e5f6", "g8h6", "f6g7", "e8f7", "g7h8q", "d8d6",
             "g1f3", "c8e6", "f1c4", "b8c6", "e1g1", "a7a6"]
    ref = refchess.Position()
    fens = [b.fen()]
    for m in moves:
        b.push(m)
        ref = ref.legal()[m]
        fens.append(b.fen())
        assert fens[-1] == ref.fen()
    for m in reversed(moves):
        assert b.pop() == m
        fens.pop()
        assert b.fen() == fens[-1]
    with pytest.raises(IndexError):
        b.pop()


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_playout_push_pop_and_status(Board, case):
    """Push a seeded random game (special moves preferred), checking status flags, then pop it all."""
    rng = make_rng("push-pop", case)
    start = (STANDARD + EDGE)[rng.randrange(len(STANDARD) + len(EDGE))]
    steps = playout(rng, start, 60)
    b = Board(start)
    fens = []
    for ply, (pos, legal, uci) in enumerate(steps):
        fen = pos.fen()
        assert b.fen() == fen, f"ply {ply}"
        assert b.is_check() is pos.in_check(), f"ply {ply}: {fen}"
        assert b.is_checkmate() is (pos.in_check() and not legal), f"ply {ply}: {fen}"
        assert b.is_stalemate() is (not pos.in_check() and not legal), f"ply {ply}: {fen}"
        fens.append(fen)
        if uci is not None:
            b.push(uci)
    for ply in range(len(fens) - 1, 0, -1):
        assert b.pop() == steps[ply - 1][2]
        assert b.fen() == fens[ply - 1]


@pytest.mark.parametrize("case", [0, 1, 2])
def test_random_endgame_mates(Board, case):
    """Random sparse positions: every reply to every move, with check/mate/stalemate flags."""
    rng = make_rng("endgame", case)
    fen = ["6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1", "k7/2Q5/8/8/8/8/8/6K1 w - - 0 1",
           "7k/8/8/8/8/8/6P1/5RK1 w - - 0 1"][case]
    steps = playout(rng, fen, 10)
    pos = steps[-1][0] if steps[-1][1] else steps[-2][0]
    b = Board(pos.fen())
    for uci, after in sorted(pos.legal().items()):
        b.push(uci)
        assert b.fen() == after.fen()
        assert b.is_check() is after.in_check()
        assert b.is_checkmate() is after.is_checkmate()
        assert b.is_stalemate() is after.is_stalemate()
        assert set(b.legal_moves()) == after.legal_moves()
        assert b.pop() == uci
