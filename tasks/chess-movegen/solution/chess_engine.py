"""Legal chess move generation on a 0x88 board: FEN, make/unmake, perft and a CLI."""

import sys

STARTING_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"

WHITE, BLACK = 0, 8
PAWN, KNIGHT, BISHOP, ROOK, QUEEN, KING = 1, 2, 3, 4, 5, 6
EMPTY = 0

PIECE_FROM_CHAR = {
    "P": PAWN, "N": KNIGHT, "B": BISHOP, "R": ROOK, "Q": QUEEN, "K": KING,
    "p": BLACK | PAWN, "n": BLACK | KNIGHT, "b": BLACK | BISHOP,
    "r": BLACK | ROOK, "q": BLACK | QUEEN, "k": BLACK | KING,
}
CHAR_FROM_PIECE = {v: k for k, v in PIECE_FROM_CHAR.items()}
PROMO_FROM_CHAR = {"n": KNIGHT, "b": BISHOP, "r": ROOK, "q": QUEEN}
PROMO_CHAR = {KNIGHT: "n", BISHOP: "b", ROOK: "r", QUEEN: "q"}

KNIGHT_OFFSETS = (33, 31, 18, 14, -33, -31, -18, -14)
KING_OFFSETS = (1, -1, 16, -16, 17, 15, -17, -15)
ROOK_DIRS = (1, -1, 16, -16)
BISHOP_DIRS = (17, 15, -17, -15)

# castling right bits
WK, WQ, BK, BQ = 1, 2, 4, 8
CASTLE_CHARS = (("K", WK), ("Q", WQ), ("k", BK), ("q", BQ))


def sq_name(sq):
    return "abcdefgh"[sq & 7] + str((sq >> 4) + 1)


def parse_sq(name):
    if len(name) != 2 or name[0] not in "abcdefgh" or name[1] not in "12345678":
        raise ValueError(f"bad square {name!r}")
    return (int(name[1]) - 1) * 16 + "abcdefgh".index(name[0])


A1, E1, H1 = parse_sq("a1"), parse_sq("e1"), parse_sq("h1")
A8, E8, H8 = parse_sq("a8"), parse_sq("e8"), parse_sq("h8")

# rights that survive a move touching a square
CASTLE_MASK = [15] * 128
CASTLE_MASK[A1] = 15 & ~WQ
CASTLE_MASK[H1] = 15 & ~WK
CASTLE_MASK[E1] = 15 & ~(WK | WQ)
CASTLE_MASK[A8] = 15 & ~BQ
CASTLE_MASK[H8] = 15 & ~BK
CASTLE_MASK[E8] = 15 & ~(BK | BQ)

# move flags
NORMAL, DOUBLE, EP, CASTLE = 0, 1, 2, 3

ALL_SQUARES = [r * 16 + f for r in range(8) for f in range(8)]


def move_uci(m):
    frm, to, promo, _flag = m
    s = sq_name(frm) + sq_name(to)
    if promo:
        s += PROMO_CHAR[promo]
    return s


class Board:
    """A chess position with legal move generation, make/unmake and perft."""

    def __init__(self, fen=STARTING_FEN):
        self._set_fen(fen)

    # ------------------------------------------------------------------ FEN
    def _set_fen(self, fen):
        if not isinstance(fen, str):
            raise ValueError("FEN must be a string")
        fields = fen.split()
        if len(fields) != 6:
            raise ValueError("FEN must have 6 fields")
        placement, side, castling, ep, half, full = fields
        board = [EMPTY] * 128
        ranks = placement.split("/")
        if len(ranks) != 8:
            raise ValueError("FEN placement must have 8 ranks")
        kings = {WHITE: [], BLACK: []}
        for i, row in enumerate(ranks):
            rank = 7 - i
            f = 0
            for ch in row:
                if ch in "12345678":
                    f += int(ch)
                elif ch in PIECE_FROM_CHAR:
                    if f >= 8:
                        raise ValueError("FEN rank too long")
                    p = PIECE_FROM_CHAR[ch]
                    board[rank * 16 + f] = p
                    if p & 7 == KING:
                        kings[p & 8].append(rank * 16 + f)
                    f += 1
                else:
                    raise ValueError(f"bad character {ch!r} in FEN")
                if f > 8:
                    raise ValueError("FEN rank too long")
            if f != 8:
                raise ValueError("FEN rank does not have 8 squares")
        if len(kings[WHITE]) != 1 or len(kings[BLACK]) != 1:
            raise ValueError("each side needs exactly one king")
        if side not in ("w", "b"):
            raise ValueError("bad side to move")
        rights = 0
        if castling != "-":
            order = "KQkq"
            last = -1
            for ch in castling:
                idx = order.find(ch)
                if idx <= last:
                    raise ValueError("bad castling field")
                last = idx
            for ch, bit in CASTLE_CHARS:
                if ch in castling:
                    rights |= bit
        if ep == "-":
            ep_sq = -1
        else:
            ep_sq = parse_sq(ep)
            if (side == "w" and ep[1] != "6") or (side == "b" and ep[1] != "3"):
                raise ValueError("bad en passant square")
        try:
            halfmove = int(half)
            fullmove = int(full)
        except ValueError:
            raise ValueError("bad move counters") from None
        if not half.isdigit() or not full.isdigit() or fullmove < 1:
            raise ValueError("bad move counters")
        self.board = board
        self.side = WHITE if side == "w" else BLACK
        self.castling = rights
        self.ep = ep_sq
        self.halfmove = halfmove
        self.fullmove = fullmove
        self.kings = {WHITE: kings[WHITE][0], BLACK: kings[BLACK][0]}
        self.history = []
        if self._attacked(self.kings[self.side ^ 8], self.side):
            raise ValueError("the side not to move is in check")

    def fen(self):
        rows = []
        for rank in range(7, -1, -1):
            row = ""
            empty = 0
            for f in range(8):
                p = self.board[rank * 16 + f]
                if p == EMPTY:
                    empty += 1
                else:
                    if empty:
                        row += str(empty)
                        empty = 0
                    row += CHAR_FROM_PIECE[p]
            if empty:
                row += str(empty)
            rows.append(row)
        castling = "".join(ch for ch, bit in CASTLE_CHARS if self.castling & bit) or "-"
        ep = sq_name(self.ep) if self.ep >= 0 else "-"
        side = "w" if self.side == WHITE else "b"
        return f"{'/'.join(rows)} {side} {castling} {ep} {self.halfmove} {self.fullmove}"

    @property
    def turn(self):
        return "w" if self.side == WHITE else "b"

    def piece_at(self, square):
        p = self.board[parse_sq(square)]
        return CHAR_FROM_PIECE[p] if p else None

    # ------------------------------------------------------------- attacks
    def _attacked(self, sq, by):
        """Is square `sq` attacked by a piece of colour `by` (WHITE or BLACK)?"""
        b = self.board
        # pawns: a white pawn attacks upwards, so look downwards from sq
        if by == WHITE:
            for d in (-15, -17):
                t = sq + d
                if not t & 0x88 and b[t] == PAWN:
                    return True
        else:
            for d in (15, 17):
                t = sq + d
                if not t & 0x88 and b[t] == BLACK | PAWN:
                    return True
        knight = by | KNIGHT
        for d in KNIGHT_OFFSETS:
            t = sq + d
            if not t & 0x88 and b[t] == knight:
                return True
        king = by | KING
        for d in KING_OFFSETS:
            t = sq + d
            if not t & 0x88 and b[t] == king:
                return True
        rook, queen, bishop = by | ROOK, by | QUEEN, by | BISHOP
        for d in ROOK_DIRS:
            t = sq + d
            while not t & 0x88:
                p = b[t]
                if p:
                    if p == rook or p == queen:
                        return True
                    break
                t += d
        for d in BISHOP_DIRS:
            t = sq + d
            while not t & 0x88:
                p = b[t]
                if p:
                    if p == bishop or p == queen:
                        return True
                    break
                t += d
        return False

    def _pinned(self, us):
        """Squares of `us`'s pieces that are pinned to their king."""
        b = self.board
        ksq = self.kings[us]
        them = us ^ 8
        pinned = set()
        for dirs, s1, s2 in ((ROOK_DIRS, ROOK, QUEEN), (BISHOP_DIRS, BISHOP, QUEEN)):
            for d in dirs:
                t = ksq + d
                own = -1
                while not t & 0x88:
                    p = b[t]
                    if p:
                        if p & 8 == us:
                            if own >= 0:
                                break
                            own = t
                        else:
                            if own >= 0 and (p == them | s1 or p == them | s2):
                                pinned.add(own)
                            break
                    t += d
        return pinned

    # --------------------------------------------------------- generation
    def _pseudo_moves(self):
        b = self.board
        us = self.side
        them = us ^ 8
        moves = []
        add = moves.append
        for sq in ALL_SQUARES:
            p = b[sq]
            if not p or p & 8 != us:
                continue
            kind = p & 7
            if kind == PAWN:
                if us == WHITE:
                    fwd, start_rank, promo_rank, caps = 16, 1, 6, (15, 17)
                else:
                    fwd, start_rank, promo_rank, caps = -16, 6, 1, (-15, -17)
                rank = sq >> 4
                t = sq + fwd
                if not t & 0x88 and b[t] == EMPTY:
                    if rank == promo_rank:
                        for pr in (QUEEN, ROOK, BISHOP, KNIGHT):
                            add((sq, t, pr, NORMAL))
                    else:
                        add((sq, t, 0, NORMAL))
                        if rank == start_rank and b[t + fwd] == EMPTY:
                            add((sq, t + fwd, 0, DOUBLE))
                for c in caps:
                    t = sq + c
                    if t & 0x88:
                        continue
                    q = b[t]
                    if q and q & 8 == them:
                        if rank == promo_rank:
                            for pr in (QUEEN, ROOK, BISHOP, KNIGHT):
                                add((sq, t, pr, NORMAL))
                        else:
                            add((sq, t, 0, NORMAL))
                    elif t == self.ep and q == EMPTY:
                        add((sq, t, 0, EP))
            elif kind == KNIGHT:
                for d in KNIGHT_OFFSETS:
                    t = sq + d
                    if not t & 0x88:
                        q = b[t]
                        if not q or q & 8 == them:
                            add((sq, t, 0, NORMAL))
            elif kind == KING:
                for d in KING_OFFSETS:
                    t = sq + d
                    if not t & 0x88:
                        q = b[t]
                        if not q or q & 8 == them:
                            add((sq, t, 0, NORMAL))
            else:
                dirs = ROOK_DIRS if kind == ROOK else BISHOP_DIRS if kind == BISHOP else KING_OFFSETS
                for d in dirs:
                    t = sq + d
                    while not t & 0x88:
                        q = b[t]
                        if q:
                            if q & 8 == them:
                                add((sq, t, 0, NORMAL))
                            break
                        add((sq, t, 0, NORMAL))
                        t += d
        return moves

    def _castling_moves(self, in_check):
        if in_check:
            return []
        b = self.board
        us = self.side
        them = us ^ 8
        out = []
        if us == WHITE:
            home, ks_bit, qs_bit, rook = E1, WK, WQ, ROOK
        else:
            home, ks_bit, qs_bit, rook = E8, BK, BQ, BLACK | ROOK
        if self.kings[us] != home:
            return out
        if (self.castling & ks_bit and b[home + 3] == rook and b[home + 1] == EMPTY and b[home + 2] == EMPTY
                and not self._attacked(home + 1, them) and not self._attacked(home + 2, them)):
            out.append((home, home + 2, 0, CASTLE))
        if (self.castling & qs_bit and b[home - 4] == rook and b[home - 1] == EMPTY and b[home - 2] == EMPTY
                and b[home - 3] == EMPTY and not self._attacked(home - 1, them)
                and not self._attacked(home - 2, them)):
            out.append((home, home - 2, 0, CASTLE))
        return out

    def _legal(self):
        us = self.side
        them = us ^ 8
        ksq = self.kings[us]
        in_check = self._attacked(ksq, them)
        pinned = set() if in_check else self._pinned(us)
        legal = []
        for m in self._pseudo_moves():
            frm = m[0]
            if not in_check and frm != ksq and m[3] != EP and frm not in pinned:
                legal.append(m)
                continue
            self._make(m)
            ok = not self._attacked(self.kings[us], them)
            self._unmake()
            if ok:
                legal.append(m)
        legal.extend(self._castling_moves(in_check))
        return legal

    # ------------------------------------------------------- make / unmake
    def _make(self, m):
        frm, to, promo, flag = m
        b = self.board
        us = self.side
        piece = b[frm]
        captured = b[to]
        cap_sq = to
        self.history.append((m, captured, self.castling, self.ep, self.halfmove, self.fullmove))
        if flag == EP:
            cap_sq = to - 16 if us == WHITE else to + 16
            captured = b[cap_sq]
            b[cap_sq] = EMPTY
            self.history[-1] = (m, captured, self.castling, self.ep, self.halfmove, self.fullmove)
        b[to] = (us | promo) if promo else piece
        b[frm] = EMPTY
        if flag == CASTLE:
            if to > frm:
                b[frm + 1] = b[frm + 3]
                b[frm + 3] = EMPTY
            else:
                b[frm - 1] = b[frm - 4]
                b[frm - 4] = EMPTY
        if piece & 7 == KING:
            self.kings[us] = to
        self.castling &= CASTLE_MASK[frm] & CASTLE_MASK[to]
        self.ep = (frm + to) // 2 if flag == DOUBLE else -1
        if piece & 7 == PAWN or captured:
            self.halfmove = 0
        else:
            self.halfmove += 1
        if us == BLACK:
            self.fullmove += 1
        self.side = us ^ 8

    def _unmake(self):
        m, captured, castling, ep, halfmove, fullmove = self.history.pop()
        frm, to, promo, flag = m
        b = self.board
        self.side ^= 8
        us = self.side
        piece = (us | PAWN) if promo else b[to]
        b[frm] = piece
        if flag == EP:
            b[to] = EMPTY
            b[to - 16 if us == WHITE else to + 16] = captured
        else:
            b[to] = captured
        if flag == CASTLE:
            if to > frm:
                b[frm + 3] = b[frm + 1]
                b[frm + 1] = EMPTY
            else:
                b[frm - 4] = b[frm - 1]
                b[frm - 1] = EMPTY
        if piece & 7 == KING:
            self.kings[us] = frm
        self.castling = castling
        self.ep = ep
        self.halfmove = halfmove
        self.fullmove = fullmove
        return m

    # ----------------------------------------------------------- public API
    def legal_moves(self):
        return [move_uci(m) for m in self._legal()]

    def push(self, uci):
        if not isinstance(uci, str):
            raise ValueError("move must be a string")
        for m in self._legal():
            if move_uci(m) == uci:
                self._make(m)
                return
        raise ValueError(f"illegal or malformed move {uci!r}")

    def pop(self):
        if not self.history:
            raise IndexError("no move to undo")
        return move_uci(self._unmake())

    def is_check(self):
        return self._attacked(self.kings[self.side], self.side ^ 8)

    def is_checkmate(self):
        return self.is_check() and not self._legal()

    def is_stalemate(self):
        return not self.is_check() and not self._legal()

    def perft(self, depth):
        if depth < 0:
            raise ValueError("depth must be >= 0")
        return self._perft(depth)

    def _perft(self, depth):
        if depth == 0:
            return 1
        moves = self._legal()
        if depth == 1:
            return len(moves)
        total = 0
        for m in moves:
            self._make(m)
            total += self._perft(depth - 1)
            self._unmake()
        return total

    def divide(self, depth):
        if depth < 1:
            raise ValueError("depth must be >= 1")
        out = {}
        for m in self._legal():
            self._make(m)
            out[move_uci(m)] = self._perft(depth - 1)
            self._unmake()
        return out


def main(argv):
    usage = "usage: chess_engine.py perft|divide DEPTH [FEN]"
    if len(argv) not in (2, 3) or argv[0] not in ("perft", "divide"):
        print(usage, file=sys.stderr)
        return 2
    try:
        depth = int(argv[1])
        board = Board(argv[2] if len(argv) == 3 else STARTING_FEN)
        if argv[0] == "perft":
            print(board.perft(depth))
        else:
            counts = board.divide(depth)
            for mv in sorted(counts):
                print(f"{mv}: {counts[mv]}")
            print()
            print(f"Nodes searched: {sum(counts.values())}")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
