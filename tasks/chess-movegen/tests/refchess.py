# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""An independent, deliberately simple (and slow) legal-move generator for the tests.

The board is a dict {(file, rank): piece letter} with files and ranks 0..7.  Every
pseudo-legal move is played on a copy of the position and kept only if the mover's king
is not attacked afterwards.  Nothing here is shared with, or derived from, the code under
test.
"""

FILES = "abcdefgh"
START_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"

KNIGHT_STEPS = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
KING_STEPS = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]
ROOK_LINES = [(1, 0), (-1, 0), (0, 1), (0, -1)]
BISHOP_LINES = [(1, 1), (1, -1), (-1, 1), (-1, -1)]


def square_name(f, r):
    return FILES[f] + str(r + 1)


def square_of(name):
    return FILES.index(name[0]), int(name[1]) - 1


def on_board(f, r):
    return 0 <= f < 8 and 0 <= r < 8


def colour_of(piece):
    return "w" if piece.isupper() else "b"


def other(colour):
    return "b" if colour == "w" else "w"


class Position:
    def __init__(self, fen=START_FEN):
        placement, side, castling, ep, half, full = fen.split()
        self.board = {}
        for i, row in enumerate(placement.split("/")):
            r = 7 - i
            f = 0
            for ch in row:
                if ch.isdigit():
                    f += int(ch)
                else:
                    self.board[(f, r)] = ch
                    f += 1
        self.side = side
        self.castling = "" if castling == "-" else castling
        self.ep = None if ep == "-" else square_of(ep)
        self.halfmove = int(half)
        self.fullmove = int(full)

    def copy(self):
        p = Position.__new__(Position)
        p.board = dict(self.board)
        p.side = self.side
        p.castling = self.castling
        p.ep = self.ep
        p.halfmove = self.halfmove
        p.fullmove = self.fullmove
        return p

    def fen(self):
        rows = []
        for r in range(7, -1, -1):
            row = ""
            gap = 0
            for f in range(8):
                piece = self.board.get((f, r))
                if piece is None:
                    gap += 1
                    continue
                if gap:
                    row += str(gap)
                    gap = 0
                row += piece
            if gap:
                row += str(gap)
            rows.append(row)
        castling = "".join(c for c in "KQkq" if c in self.castling) or "-"
        ep = "-" if self.ep is None else square_name(*self.ep)
        return f"{'/'.join(rows)} {self.side} {castling} {ep} {self.halfmove} {self.fullmove}"

    # -- attacks ---------------------------------------------------------
    def attacked_by(self, square, colour):
        """True if any piece of `colour` attacks `square`."""
        for (f, r), piece in self.board.items():
            if colour_of(piece) != colour:
                continue
            if (square[0], square[1]) in self.attacks_of(f, r, piece):
                return True
        return False

    def attacks_of(self, f, r, piece):
        kind = piece.lower()
        out = []
        if kind == "p":
            dr = 1 if piece.isupper() else -1
            for df in (-1, 1):
                if on_board(f + df, r + dr):
                    out.append((f + df, r + dr))
        elif kind == "n":
            for df, dr in KNIGHT_STEPS:
                if on_board(f + df, r + dr):
                    out.append((f + df, r + dr))
        elif kind == "k":
            for df, dr in KING_STEPS:
                if on_board(f + df, r + dr):
                    out.append((f + df, r + dr))
        else:
            lines = []
            if kind in "rq":
                lines += ROOK_LINES
            if kind in "bq":
                lines += BISHOP_LINES
            for df, dr in lines:
                x, y = f + df, r + dr
                while on_board(x, y):
                    out.append((x, y))
                    if (x, y) in self.board:
                        break
                    x, y = x + df, y + dr
        return out

    def king_square(self, colour):
        king = "K" if colour == "w" else "k"
        for sq, piece in self.board.items():
            if piece == king:
                return sq
        raise AssertionError("no king")

    def in_check(self, colour=None):
        colour = colour or self.side
        return self.attacked_by(self.king_square(colour), other(colour))

    # -- moves ---------------------------------------------------------------
    def pseudo_moves(self):
        """(from, to, promotion letter or '') for every pseudo-legal move except castling."""
        moves = []
        us = self.side
        for (f, r), piece in list(self.board.items()):
            if colour_of(piece) != us:
                continue
            kind = piece.lower()
            if kind == "p":
                dr = 1 if us == "w" else -1
                start = 1 if us == "w" else 6
                last = 7 if us == "w" else 0
                targets = []
                if on_board(f, r + dr) and (f, r + dr) not in self.board:
                    targets.append((f, r + dr))
                    if r == start and (f, r + 2 * dr) not in self.board:
                        targets.append((f, r + 2 * dr))
                for df in (-1, 1):
                    t = (f + df, r + dr)
                    if not on_board(*t):
                        continue
                    if t in self.board and colour_of(self.board[t]) != us:
                        targets.append(t)
                    elif t == self.ep:
                        targets.append(t)
                for t in targets:
                    if t[1] == last:
                        for promo in "qrbn":
                            moves.append(((f, r), t, promo))
                    else:
                        moves.append(((f, r), t, ""))
            else:
                for t in self.attacks_of(f, r, piece):
                    if t not in self.board or colour_of(self.board[t]) != us:
                        moves.append(((f, r), t, ""))
        return moves

    def castling_moves(self):
        out = []
        us = self.side
        them = other(us)
        r = 0 if us == "w" else 7
        king = "K" if us == "w" else "k"
        rook = "R" if us == "w" else "r"
        if self.board.get((4, r)) != king or self.in_check():
            return out
        right_k, right_q = ("K", "Q") if us == "w" else ("k", "q")
        if (right_k in self.castling and self.board.get((7, r)) == rook
                and all((f, r) not in self.board for f in (5, 6))
                and not any(self.attacked_by((f, r), them) for f in (5, 6))):
            out.append(((4, r), (6, r), ""))
        if (right_q in self.castling and self.board.get((0, r)) == rook
                and all((f, r) not in self.board for f in (1, 2, 3))
                and not any(self.attacked_by((f, r), them) for f in (2, 3))):
            out.append(((4, r), (2, r), ""))
        return out

    def play(self, move):
        """A new Position after the (pseudo-legal) move ((f, r), (f, r), promo)."""
        (f0, r0), (f1, r1), promo = move
        p = self.copy()
        piece = p.board.pop((f0, r0))
        captured = p.board.pop((f1, r1), None)
        kind = piece.lower()
        if kind == "p" and (f1, r1) == self.ep and f0 != f1 and captured is None:
            captured = p.board.pop((f1, r0))  # en passant
        if kind == "k" and abs(f1 - f0) == 2:  # castling: move the rook too
            if f1 == 6:
                p.board[(5, r0)] = p.board.pop((7, r0))
            else:
                p.board[(3, r0)] = p.board.pop((0, r0))
        if promo:
            piece = promo.upper() if piece.isupper() else promo
        p.board[(f1, r1)] = piece
        lost = set()
        for sq, rights in (((4, 0), "KQ"), ((7, 0), "K"), ((0, 0), "Q"),
                           ((4, 7), "kq"), ((7, 7), "k"), ((0, 7), "q")):
            if (f0, r0) == sq or (f1, r1) == sq:
                lost.update(rights)
        p.castling = "".join(c for c in p.castling if c not in lost)
        p.ep = (f0, (r0 + r1) // 2) if kind == "p" and abs(r1 - r0) == 2 else None
        p.halfmove = 0 if kind == "p" or captured is not None else self.halfmove + 1
        if self.side == "b":
            p.fullmove = self.fullmove + 1
        p.side = other(self.side)
        return p

    def legal(self):
        """{uci: resulting Position} for every legal move."""
        out = {}
        for move in self.pseudo_moves() + self.castling_moves():
            after = self.play(move)
            if not after.in_check(self.side):
                uci = square_name(*move[0]) + square_name(*move[1]) + move[2]
                out[uci] = after
        return out

    def legal_moves(self):
        return set(self.legal())

    def is_checkmate(self):
        return self.in_check() and not self.legal()

    def is_stalemate(self):
        return not self.in_check() and not self.legal()

    def perft(self, depth):
        if depth == 0:
            return 1
        return sum(p.perft(depth - 1) for p in self.legal().values())

    def divide(self, depth):
        return {uci: p.perft(depth - 1) for uci, p in self.legal().items()}
