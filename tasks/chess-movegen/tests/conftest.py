# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `chess-movegen` suite.

References: published perft counts (chessprogramming.org "Perft Results" and the
well-known edge-case positions), and refchess.py, an independent and deliberately
simple legal-move generator that lives only in this test folder.  The agent's module
is imported inside fixtures only.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

import refchess

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "fen_moves": "FEN parsing/output, legal move sets at fixed and random positions, make via push",
    "special_moves": "castling, en passant, promotions, check/checkmate/stalemate, push/pop",
    "perft_shallow": "perft and divide at small depths, and the command line",
    "perft_deep": "perft at the published depths within the time limit",
}

DEFAULT_TIME_LIMIT = 60
DEEP_TIME_LIMIT = 120

START = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1"
POS3 = "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1"
POS4 = "r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1"
POS4_MIRRORED = "r2q1rk1/pP1p2pp/Q4n2/bbp1p3/Np6/1B3NBn/pPPP1PPP/R3K2R b KQ - 0 1"
POS5 = "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8"
POS6 = "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10"

STANDARD = [START, KIWIPETE, POS3, POS4, POS4_MIRRORED, POS5, POS6]

# published perft counts, depth 1, 2, 3, ...
PUBLISHED = {
    START: [20, 400, 8902, 197281],
    KIWIPETE: [48, 2039, 97862],
    POS3: [14, 191, 2812, 43238],
    POS4: [6, 264, 9467],
    POS4_MIRRORED: [6, 264, 9467],
    POS5: [44, 1486, 62379],
    POS6: [46, 2079, 89890],
}

# published edge-case positions (en passant pins, castling, promotions, stalemate)
EDGE = [
    "3k4/3p4/8/K1P4r/8/8/8/8 b - - 0 1",
    "8/8/4k3/8/2p5/8/B2P2K1/8 w - - 0 1",
    "8/8/1k6/2b5/2pP4/8/5K2/8 b - d3 0 1",
    "5k2/8/8/8/8/8/8/4K2R w K - 0 1",
    "3k4/8/8/8/8/8/8/R3K3 w Q - 0 1",
    "r3k2r/1b4bq/8/8/8/8/7B/R3K2R w KQkq - 0 1",
    "r3k2r/8/3Q4/8/8/5q2/8/R3K2R b KQkq - 0 1",
    "2K2r2/4P3/8/8/8/8/8/3k4 w - - 0 1",
    "8/8/1P2K3/8/2n5/1q6/8/5k2 b - - 0 1",
    "4k3/1P6/8/8/8/8/K7/8 w - - 0 1",
    "8/P1k5/K7/8/8/8/8/8 w - - 0 1",
    "K1k5/8/P7/8/8/8/8/8 w - - 0 1",
    "8/k1P5/8/1K6/8/8/8/8 w - - 0 1",
    "8/8/2k5/5q2/5n2/8/5K2/8 b - - 0 1",
]


SUITE_BUDGET = 780  # seconds for the whole suite (the verifier allows 900)
_SUITE_START = time.monotonic()


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit(request):
    """Fail (instead of hanging the whole run) when one test takes too long.

    Besides each test's own limit, the whole suite shares a budget so that a very slow
    implementation cannot run past the verifier's timeout: once it is used up, the
    remaining tests fail at once.
    """
    limit = DEEP_TIME_LIMIT if request.node.get_closest_marker("perft_deep") else DEFAULT_TIME_LIMIT
    remaining = SUITE_BUDGET - (time.monotonic() - _SUITE_START)
    if remaining < 2:
        pytest.fail(f"the suite's overall time budget of {SUITE_BUDGET} s is used up")
    limit = min(limit, remaining)

    def on_alarm(signum, frame):
        raise _TimeLimit(f"test exceeded its time limit of {limit:.0f} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def engine():
    import chess_engine

    return chess_engine


@pytest.fixture
def Board(engine):
    return engine.Board


def make_rng(*parts):
    return random.Random(f"{SEED}:" + ":".join(str(p) for p in parts))


def is_special(pos, uci):
    """Castling, en passant, promotion or capture -- preferred by the random playouts."""
    frm, to = refchess.square_of(uci[:2]), refchess.square_of(uci[2:4])
    piece = pos.board[frm]
    if len(uci) == 5 or to in pos.board:
        return True
    if piece.lower() == "k" and abs(frm[0] - to[0]) == 2:
        return True
    return piece.lower() == "p" and (to == pos.ep or abs(frm[1] - to[1]) == 2)


def playout(rng, fen, plies):
    """A seeded random game from `fen` with the reference generator.

    Returns the list of (position, legal dict, chosen uci or None) along the game.
    """
    pos = refchess.Position(fen)
    out = []
    for _ in range(plies):
        legal = pos.legal()
        if not legal:
            out.append((pos, legal, None))
            break
        moves = sorted(legal)
        special = [m for m in moves if is_special(pos, m)]
        uci = rng.choice(special) if special and rng.random() < 0.5 else rng.choice(moves)
        out.append((pos, legal, uci))
        pos = legal[uci]
    else:
        out.append((pos, pos.legal(), None))
    return out


def random_position(rng, fen, plies):
    """The FEN of a position reached by a seeded random playout (never a finished game)."""
    steps = playout(rng, fen, plies)
    for pos, legal, _ in reversed(steps):
        if legal:
            return pos.fen()
    return fen


def run_cli(args, timeout=120):
    script = os.path.join(os.getcwd(), "chess_engine.py")
    return subprocess.run(
        [sys.executable, script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, timeout=timeout, start_new_session=True,
    )
