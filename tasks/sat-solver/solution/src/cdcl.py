"""A conflict-driven clause-learning (CDCL) SAT solver.

Literals are encoded internally as integers: variable v (1-based) is 2*v when
positive and 2*v + 1 when negative, so the negation of a literal is `lit ^ 1`
and its variable is `lit >> 1`.

Features: two watched literals, first-UIP learning with recursive clause
minimisation, VSIDS-style variable activities (lazy binary heap), phase saving,
Luby restarts and LBD-based deletion of learnt clauses.
"""

from heapq import heapify, heappop, heappush

TRUE = 1
FALSE = -1
UNDEF = 0


def _luby(y, x):
    """The x-th element (0-based) of the Luby sequence with base y."""
    size, seq = 1, 0
    while size < x + 1:
        seq += 1
        size = 2 * size + 1
    while size - 1 != x:
        size = (size - 1) >> 1
        seq -= 1
        x = x % size
    return y**seq


class Solver:
    VAR_DECAY = 0.95
    RESTART_BASE = 100
    FIRST_REDUCE = 2000
    REDUCE_INC = 300

    def __init__(self, num_vars):
        n = int(num_vars)
        if n < 0:
            raise ValueError("num_vars must be >= 0")
        self.n = n
        self.val = [UNDEF] * (2 * n + 2)
        self.level = [0] * (n + 1)
        self.reason = [None] * (n + 1)
        self.seen = [0] * (n + 1)
        self.trail = []
        self.trail_lim = []
        self.qhead = 0
        self.watches = [[] for _ in range(2 * n + 2)]
        self.activity = [0.0] * (n + 1)
        self.var_inc = 1.0
        self.polarity = [1] * (n + 1)  # saved phase: 1 = negative literal
        self.heap = [(-0.0, v) for v in range(1, n + 1)]
        heapify(self.heap)
        self.clauses = []
        self.learnts = []
        self.lbd = {}
        self.ok = True
        self.conflicts = 0

    # ------------------------------------------------------------ clauses
    def add_clause(self, lits):
        """Add a clause given as DIMACS literals. Returns False once UNSAT."""
        if not self.ok:
            return False
        val = self.val
        out = []
        seen = set()
        for x in lits:
            x = int(x)
            if x == 0 or abs(x) > self.n:
                raise ValueError(f"literal {x} out of range")
            lit = 2 * x if x > 0 else -2 * x + 1
            if lit in seen:
                continue
            if lit ^ 1 in seen:
                return True  # tautology
            v = val[lit]
            if v == TRUE:
                return True  # satisfied at level 0
            if v == FALSE:
                continue
            seen.add(lit)
            out.append(lit)
        if not out:
            self.ok = False
            return False
        if len(out) == 1:
            self._assign(out[0], None)
            if self.propagate() is not None:
                self.ok = False
                return False
            return True
        self.clauses.append(out)
        self.watches[out[0]].append(out)
        self.watches[out[1]].append(out)
        return True

    # ------------------------------------------------------------ trail
    def _assign(self, lit, reason):
        self.val[lit] = TRUE
        self.val[lit ^ 1] = FALSE
        v = lit >> 1
        self.level[v] = len(self.trail_lim)
        self.reason[v] = reason
        self.trail.append(lit)

    def propagate(self):
        """Unit propagation. Returns a conflicting clause or None."""
        val = self.val
        watches = self.watches
        trail = self.trail
        level = self.level
        reason = self.reason
        dl = len(self.trail_lim)
        qhead = self.qhead
        while qhead < len(trail):
            false_lit = trail[qhead] ^ 1
            qhead += 1
            ws = watches[false_lit]
            i = j = 0
            end = len(ws)
            while i < end:
                c = ws[i]
                i += 1
                first = c[0]
                if first == false_lit:
                    first = c[1]
                    c[0] = first
                    c[1] = false_lit
                if val[first] == TRUE:
                    ws[j] = c
                    j += 1
                    continue
                for k in range(2, len(c)):
                    lit = c[k]
                    if val[lit] != FALSE:
                        c[1] = lit
                        c[k] = false_lit
                        watches[lit].append(c)
                        break
                else:
                    ws[j] = c
                    j += 1
                    if val[first] == FALSE:
                        while i < end:
                            ws[j] = ws[i]
                            j += 1
                            i += 1
                        del ws[j:]
                        self.qhead = len(trail)
                        return c
                    val[first] = TRUE
                    val[first ^ 1] = FALSE
                    v = first >> 1
                    level[v] = dl
                    reason[v] = c
                    trail.append(first)
            del ws[j:]
        self.qhead = qhead
        return None

    def backtrack(self, lvl):
        if len(self.trail_lim) <= lvl:
            return
        val = self.val
        reason = self.reason
        polarity = self.polarity
        activity = self.activity
        heap = self.heap
        trail = self.trail
        lim = self.trail_lim[lvl]
        for k in range(len(trail) - 1, lim - 1, -1):
            lit = trail[k]
            v = lit >> 1
            val[lit] = UNDEF
            val[lit ^ 1] = UNDEF
            reason[v] = None
            polarity[v] = lit & 1
            heappush(heap, (-activity[v], v))
        del trail[lim:]
        del self.trail_lim[lvl:]
        self.qhead = lim
        if len(heap) > 8 * self.n + 64:
            self._rebuild_heap()

    def _rebuild_heap(self):
        val = self.val
        act = self.activity
        self.heap = [(-act[v], v) for v in range(1, self.n + 1) if val[2 * v] == UNDEF]
        heapify(self.heap)

    # ------------------------------------------------------------ heuristics
    def _bump(self, v):
        act = self.activity
        a = act[v] + self.var_inc
        act[v] = a
        if a > 1e100:
            for u in range(1, self.n + 1):
                act[u] *= 1e-100
            self.var_inc *= 1e-100
            self._rebuild_heap()
        elif self.val[2 * v] == UNDEF:
            heappush(self.heap, (-a, v))

    def _pick(self):
        heap = self.heap
        val = self.val
        act = self.activity
        while heap:
            a, v = heappop(heap)
            if val[2 * v] == UNDEF and -a == act[v]:
                return v
        return 0

    # ------------------------------------------------------------ learning
    def analyze(self, confl):
        seen = self.seen
        level = self.level
        reason = self.reason
        trail = self.trail
        dl = len(self.trail_lim)
        bump = self._bump
        learnt = [0]
        path = 0
        p = -1
        idx = len(trail) - 1
        c = confl
        while True:
            start = 0 if p < 0 else 1
            for k in range(start, len(c)):
                q = c[k]
                v = q >> 1
                if not seen[v] and level[v] > 0:
                    seen[v] = 1
                    bump(v)
                    if level[v] >= dl:
                        path += 1
                    else:
                        learnt.append(q)
            while not seen[trail[idx] >> 1]:
                idx -= 1
            p = trail[idx]
            idx -= 1
            v = p >> 1
            c = reason[v]
            seen[v] = 0
            path -= 1
            if path == 0:
                break
        learnt[0] = p ^ 1

        # recursive minimisation (MiniSat style)
        to_clear = learnt[1:]
        abstract = 0
        for q in to_clear:
            abstract |= 1 << (level[q >> 1] & 31)
        kept = [learnt[0]]
        for q in learnt[1:]:
            if reason[q >> 1] is None or not self._redundant(q, abstract, to_clear):
                kept.append(q)
        for q in to_clear:
            seen[q >> 1] = 0
        learnt = kept

        self.var_inc /= self.VAR_DECAY

        if len(learnt) == 1:
            return learnt, 0, 1
        # put the literal with the highest level at index 1
        best = 1
        best_lvl = level[learnt[1] >> 1]
        for k in range(2, len(learnt)):
            lv = level[learnt[k] >> 1]
            if lv > best_lvl:
                best, best_lvl = k, lv
        learnt[1], learnt[best] = learnt[best], learnt[1]
        lbd = len({level[q >> 1] for q in learnt})
        return learnt, best_lvl, lbd

    def _redundant(self, p, abstract, to_clear):
        seen = self.seen
        level = self.level
        reason = self.reason
        stack = [p]
        top = len(to_clear)
        while stack:
            c = reason[stack.pop() >> 1]
            for k in range(1, len(c)):
                q = c[k]
                v = q >> 1
                if not seen[v] and level[v] > 0:
                    if reason[v] is not None and (1 << (level[v] & 31)) & abstract:
                        seen[v] = 1
                        stack.append(q)
                        to_clear.append(q)
                    else:
                        for q2 in to_clear[top:]:
                            seen[q2 >> 1] = 0
                        del to_clear[top:]
                        return False
        return True

    def _reduce_db(self):
        val = self.val
        reason = self.reason
        lbd = self.lbd
        keep = []
        cand = []
        for c in self.learnts:
            if lbd[id(c)] <= 2 or len(c) <= 2:
                keep.append(c)
                continue
            v = c[0] >> 1
            if reason[v] is c and val[c[0]] == TRUE:
                keep.append(c)
                continue
            cand.append(c)
        cand.sort(key=lambda c: (lbd[id(c)], len(c)))
        half = len(cand) // 2
        keep.extend(cand[:half])
        removed = cand[half:]
        if not removed:
            return
        dead = {id(c) for c in removed}
        for c in removed:
            del lbd[id(c)]
        for ws in self.watches:
            if ws:
                ws[:] = [c for c in ws if id(c) not in dead]
        self.learnts = keep

    # ------------------------------------------------------------ search
    def solve(self):
        """Return a list of DIMACS literals (one per variable) or None."""
        if not self.ok:
            return None
        if self.propagate() is not None:
            self.ok = False
            return None
        restarts = 0
        next_reduce = self.FIRST_REDUCE
        reduce_inc = self.REDUCE_INC
        while True:
            budget = _luby(2, restarts) * self.RESTART_BASE
            restarts += 1
            res = self._search(budget)
            if res is not None:
                return res
            if not self.ok:
                return None
            if len(self.learnts) >= next_reduce:
                self._reduce_db()
                next_reduce += reduce_inc

    def _search(self, budget):
        """Search until SAT (returns model), UNSAT (sets ok=False) or budget."""
        conflicts = 0
        trail_lim = self.trail_lim
        while True:
            confl = self.propagate()
            if confl is not None:
                self.conflicts += 1
                conflicts += 1
                if not trail_lim:
                    self.ok = False
                    return None
                learnt, bt, lbd = self.analyze(confl)
                self.backtrack(bt)
                if len(learnt) == 1:
                    self._assign(learnt[0], None)
                else:
                    self.learnts.append(learnt)
                    self.lbd[id(learnt)] = lbd
                    self.watches[learnt[0]].append(learnt)
                    self.watches[learnt[1]].append(learnt)
                    self._assign(learnt[0], learnt)
            else:
                if conflicts >= budget:
                    self.backtrack(0)
                    return None
                v = self._pick()
                if v == 0:
                    val = self.val
                    model = [v if val[2 * v] == TRUE else -v for v in range(1, self.n + 1)]
                    self.backtrack(0)
                    return model
                trail_lim.append(len(self.trail))
                self._assign(2 * v + self.polarity[v], None)


def solve(clauses, num_vars):
    """Solve a CNF formula.

    `clauses` is an iterable of clauses, each an iterable of non-zero ints
    (DIMACS literals over variables 1..num_vars). Returns a list of num_vars
    ints (the i-th is i+1 or -(i+1)) satisfying every clause, or None when the
    formula is unsatisfiable.
    """
    s = Solver(num_vars)
    for c in clauses:
        if not s.add_clause(c):
            return None
    return s.solve()
