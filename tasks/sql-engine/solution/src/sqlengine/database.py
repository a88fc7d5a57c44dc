"""Planning and execution: compile AST expressions into closures, then run the query."""

import csv
import functools
import os

from .errors import SQLError
from .parser import parse
from . import values as V

AGGREGATES = {"count", "sum", "avg", "min", "max"}
SCALAR_FUNCS = {"abs": (1, 1), "length": (1, 1), "lower": (1, 1), "upper": (1, 1),
                "coalesce": (2, None), "ifnull": (2, 2)}


class Table:
    def __init__(self, name, columns, rows):
        self.name = name
        self.columns = columns
        self.rows = rows


def load_csv(path, name):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise SQLError(f"table {name} has no header row")
        columns = [h.strip().lower() for h in header]
        rows = []
        for rec in reader:
            if not rec:
                continue
            rec = list(rec) + [""] * (len(columns) - len(rec))
            rows.append(tuple(V.parse_field(x) for x in rec[:len(columns)]))
    return Table(name, columns, rows)


class Scope:
    """The columns visible to expressions of one SELECT: one entry per FROM table."""

    def __init__(self):
        self.entries = []  # (alias, columns, offset)
        self.width = 0

    def add(self, alias, columns):
        if any(a == alias for a, _, _ in self.entries):
            raise SQLError(f"ambiguous table name or alias: {alias}")
        self.entries.append((alias, columns, self.width))
        self.width += len(columns)

    def resolve(self, table, name):
        hits = []
        for alias, columns, offset in self.entries:
            if table is not None and alias != table:
                continue
            for i, c in enumerate(columns):
                if c == name:
                    hits.append(offset + i)
        if not hits:
            full = f"{table}.{name}" if table else name
            raise SQLError(f"no such column: {full}")
        if len(hits) > 1:
            raise SQLError(f"ambiguous column name: {name}")
        return hits[0]


def contains_aggregate(e):
    if not isinstance(e, tuple):
        return False
    kind = e[0]
    if kind == "func" and e[1] in AGGREGATES:
        return True
    if kind == "subq":
        return False
    for part in e[1:]:
        if isinstance(part, tuple) and contains_aggregate(part):
            return True
        if isinstance(part, list):
            for x in part:
                if isinstance(x, tuple):
                    if x and isinstance(x[0], str):
                        if contains_aggregate(x):
                            return True
                    else:
                        if any(contains_aggregate(y) for y in x if isinstance(y, tuple)):
                            return True
    return False


class Compiler:
    """Turns expression ASTs into functions of an environment.

    In row mode the environment is one row (a tuple); in group mode it is a list of rows and
    non-aggregate sub-expressions are evaluated on the group's first row.
    """

    def __init__(self, db, scope, group_mode, allow_agg, alias_exprs=None):
        self.db = db
        self.scope = scope
        self.group_mode = group_mode
        self.allow_agg = allow_agg
        self.null_row = (None,) * scope.width

    def compile(self, e):
        kind = e[0]
        method = getattr(self, "c_" + kind)
        return method(e)

    def c_lit(self, e):
        v = e[1]
        return lambda env: v

    def c_col(self, e):
        idx = self.scope.resolve(e[1], e[2])
        if self.group_mode:
            null_row = self.null_row
            return lambda env: (env[0] if env else null_row)[idx]
        return lambda env: env[idx]

    def c_neg(self, e):
        f = self.compile(e[1])

        def neg(env):
            v = f(env)
            if v is None:
                return None
            return V._int_result(-V.to_number(v))
        return neg

    def c_pos(self, e):
        return self.compile(e[1])

    def c_not(self, e):
        f = self.compile(e[1])

        def not_(env):
            t = V.truth(f(env))
            return None if t is None else (0 if t else 1)
        return not_

    def c_bin(self, e):
        op = e[1]
        lf = self.compile(e[2])
        rf = self.compile(e[3])
        if op == "and":
            def and_(env):
                a = V.truth(lf(env))
                if a is False:
                    return 0
                b = V.truth(rf(env))
                if b is False:
                    return 0
                if a is None or b is None:
                    return None
                return 1
            return and_
        if op == "or":
            def or_(env):
                a = V.truth(lf(env))
                if a is True:
                    return 1
                b = V.truth(rf(env))
                if b is True:
                    return 1
                if a is None or b is None:
                    return None
                return 0
            return or_
        if op in ("=", "!=", "<", "<=", ">", ">="):
            test = {"=": lambda c: c == 0, "!=": lambda c: c != 0, "<": lambda c: c < 0,
                    "<=": lambda c: c <= 0, ">": lambda c: c > 0, ">=": lambda c: c >= 0}[op]

            def cmp(env):
                a = lf(env)
                b = rf(env)
                if a is None or b is None:
                    return None
                return 1 if test(V.compare(a, b)) else 0
            return cmp
        if op == "||":
            def concat(env):
                a = lf(env)
                b = rf(env)
                if a is None or b is None:
                    return None
                return V.to_text(a) + V.to_text(b)
            return concat
        return lambda env: V.arith(op, lf(env), rf(env))

    def c_is(self, e):
        lf = self.compile(e[1])
        rf = self.compile(e[2])
        negated = e[3]

        def is_(env):
            a, b = lf(env), rf(env)
            if a is None or b is None:
                same = a is None and b is None
            else:
                same = V.compare(a, b) == 0
            return 1 if same != negated else 0
        return is_

    def c_isnull(self, e):
        f = self.compile(e[1])
        negated = e[2]
        return lambda env: 1 if (f(env) is None) != negated else 0

    def c_in(self, e):
        f = self.compile(e[1])
        negated = e[3]
        rhs = e[2]
        if isinstance(rhs, tuple):  # subquery
            sub = self.db._compile_select(rhs[1])
            if sub.ncols != 1:
                raise SQLError("sub-select returns %d columns - expected 1" % sub.ncols)
            cache = []

            def items(env):
                if not cache:
                    cache.append([r[0] for r in sub.run()])
                return cache[0]
        else:
            fs = [self.compile(x) for x in rhs]

            def items(env):
                return [g(env) for g in fs]

        def in_(env):
            v = f(env)
            lst = items(env)
            if not lst:
                return 1 if negated else 0
            if v is None:
                return None
            saw_null = False
            for x in lst:
                if x is None:
                    saw_null = True
                elif V.compare(v, x) == 0:
                    return 0 if negated else 1
            if saw_null:
                return None
            return 1 if negated else 0
        return in_

    def c_between(self, e):
        f = self.compile(e[1])
        lo = self.compile(e[2])
        hi = self.compile(e[3])
        negated = e[4]

        def between(env):
            v, a, b = f(env), lo(env), hi(env)
            t1 = None if v is None or a is None else V.compare(v, a) >= 0
            t2 = None if v is None or b is None else V.compare(v, b) <= 0
            if t1 is False or t2 is False:
                r = False
            elif t1 is None or t2 is None:
                return None
            else:
                r = True
            return 1 if r != negated else 0
        return between

    def c_like(self, e):
        f = self.compile(e[1])
        p = self.compile(e[2])
        negated = e[3]

        def like(env):
            r = V.like(f(env), p(env))
            if r is None:
                return None
            return 1 if r != negated else 0
        return like

    def c_case(self, e):
        operand = self.compile(e[1]) if e[1] is not None else None
        whens = [(self.compile(c), self.compile(t)) for c, t in e[2]]
        other = self.compile(e[3]) if e[3] is not None else (lambda env: None)

        def case(env):
            if operand is not None:
                base = operand(env)
                for c, t in whens:
                    w = c(env)
                    if base is not None and w is not None and V.compare(base, w) == 0:
                        return t(env)
            else:
                for c, t in whens:
                    if V.truth(c(env)):
                        return t(env)
            return other(env)
        return case

    def c_subq(self, e):
        sub = self.db._compile_select(e[1])
        if sub.ncols != 1:
            raise SQLError("sub-select returns %d columns - expected 1" % sub.ncols)
        cache = []

        def scalar(env):
            if not cache:
                rows = sub.run()
                cache.append(rows[0][0] if rows else None)
            return cache[0]
        return scalar

    def c_func(self, e):
        _, name, args, distinct, star = e
        if name in AGGREGATES and not (name in ("min", "max") and len(args) > 1):
            return self.compile_aggregate(name, args, distinct, star)
        if star or distinct:
            raise SQLError(f"wrong use of {name}()")
        if name not in SCALAR_FUNCS and name not in ("min", "max"):
            raise SQLError(f"no such function: {name}")
        if name in SCALAR_FUNCS:
            lo, hi = SCALAR_FUNCS[name]
            if len(args) < lo or (hi is not None and len(args) > hi):
                raise SQLError(f"wrong number of arguments to function {name}()")
        fs = [self.compile(a) for a in args]
        if name == "abs":
            def abs_(env):
                v = fs[0](env)
                if v is None:
                    return None
                return abs(V.to_number(v))
            return abs_
        if name == "length":
            def length(env):
                v = fs[0](env)
                return None if v is None else len(V.to_text(v))
            return length
        if name in ("lower", "upper"):
            def case_(env):
                v = fs[0](env)
                if v is None:
                    return None
                t = V.to_text(v)
                out = []
                for ch in t:
                    if ch.isascii():
                        ch = ch.lower() if name == "lower" else ch.upper()
                    out.append(ch)
                return "".join(out)
            return case_
        if name in ("coalesce", "ifnull"):
            def coalesce(env):
                for g in fs:
                    v = g(env)
                    if v is not None:
                        return v
                return None
            return coalesce
        # multi-argument scalar min/max
        pick = min if name == "min" else max

        def minmax(env):
            vals = [g(env) for g in fs]
            if any(v is None for v in vals):
                return None
            return pick(vals, key=V.sort_key)
        return minmax

    def compile_aggregate(self, name, args, distinct, star):
        if not self.allow_agg or not self.group_mode:
            raise SQLError(f"misuse of aggregate function {name}()")
        if star:
            if name != "count":
                raise SQLError(f"wrong use of {name}(*)")
            return lambda env: len(env)
        if len(args) != 1:
            raise SQLError(f"wrong number of arguments to function {name}()")
        inner = Compiler(self.db, self.scope, group_mode=False, allow_agg=False)
        f = inner.compile(args[0])

        def gather(env):
            vals = [f(row) for row in env]
            vals = [v for v in vals if v is not None]
            if distinct:
                seen = {}
                for v in vals:
                    seen.setdefault(v, v)
                vals = list(seen.values())
            return vals

        if name == "count":
            return lambda env: len(gather(env))
        if name == "sum":
            def sum_(env):
                vals = gather(env)
                if not vals:
                    return None
                nums = [V.to_number(v) for v in vals]
                if all(isinstance(x, int) for x in nums):
                    total = sum(nums)
                    if not -(2 ** 63) <= total < 2 ** 63:
                        raise SQLError("integer overflow")
                    return total
                return float(sum(float(x) for x in nums))
            return sum_
        if name == "avg":
            def avg(env):
                vals = gather(env)
                if not vals:
                    return None
                return sum(float(V.to_number(v)) for v in vals) / len(vals)
            return avg
        pick = min if name == "min" else max

        def minmax(env):
            vals = gather(env)
            if not vals:
                return None
            return pick(vals, key=V.sort_key)
        return minmax


class CompiledSelect:
    def __init__(self, ncols, run):
        self.ncols = ncols
        self.run = run


def _order_cmp(descs):
    def cmp(a, b):
        for ka, kb, desc in zip(a[0], b[0], descs):
            c = (V.sort_key(ka) > V.sort_key(kb)) - (V.sort_key(ka) < V.sort_key(kb))
            if c:
                return -c if desc else c
        return 0
    return cmp


class Database:
    def __init__(self, directory):
        if not os.path.isdir(directory):
            raise SQLError(f"not a directory: {directory}")
        self.directory = directory
        self.tables = {}
        for fn in sorted(os.listdir(directory)):
            if fn.lower().endswith(".csv"):
                name = fn[:-4].lower()
                self.tables[name] = load_csv(os.path.join(directory, fn), name)

    def execute(self, sql):
        if not isinstance(sql, str):
            raise SQLError("SQL must be a string")
        try:
            sel = parse(sql)
            compiled = self._compile_select(sel)
            return compiled.run()
        except SQLError:
            raise
        except RecursionError:
            raise SQLError("statement too deeply nested")

    # ------------------------------------------------------------------
    def _table(self, name):
        t = self.tables.get(name)
        if t is None:
            raise SQLError(f"no such table: {name}")
        return t

    def _compile_select(self, sel):
        scope = Scope()
        tables = []
        for name, alias in sel.tables:
            t = self._table(name)
            scope.add(alias, t.columns)
            tables.append(t)

        row_c = Compiler(self, scope, group_mode=False, allow_agg=False)
        # joins
        join_specs = []
        for (kind, on), t in zip(sel.joins, tables[1:]):
            join_specs.append((kind, row_c.compile(on) if on is not None else None, t))
        where = row_c.compile(sel.where) if sel.where is not None else None

        # expand the result columns
        items = []  # (expr, alias)
        for it in sel.items:
            if it[0] == "star":
                if not scope.entries:
                    raise SQLError("no tables specified")
                found = False
                for alias, columns, _ in scope.entries:
                    if it[1] is None or it[1] == alias:
                        found = True
                        for c in columns:
                            items.append((("col", alias, c), c))
                if not found:
                    raise SQLError(f"no such table: {it[1]}")
            else:
                items.append((it[1], it[2]))

        grouped = bool(sel.group_by) or sel.having is not None or any(contains_aggregate(x) for x, _ in items) \
            or any(contains_aggregate(x) for x, _ in sel.order_by)
        if sel.having is not None and not sel.group_by and not any(contains_aggregate(x) for x, _ in items):
            # SQLite requires GROUP BY for HAVING unless the query is an aggregate query
            if not contains_aggregate(sel.having):
                raise SQLError("a GROUP BY clause is required before HAVING")
        for g in sel.group_by:
            if contains_aggregate(g):
                raise SQLError("aggregate functions are not allowed in the GROUP BY clause")
        if sel.where is not None and contains_aggregate(sel.where):
            raise SQLError("misuse of aggregate function in WHERE")

        out_c = Compiler(self, scope, group_mode=grouped, allow_agg=grouped)
        item_fns = [out_c.compile(x) for x, _ in items]
        group_fns = [row_c.compile(g) for g in sel.group_by]
        having = out_c.compile(sel.having) if sel.having is not None else None

        # ORDER BY terms: ("pos", index) or ("fn", function)
        order_terms = []
        for e, desc in sel.order_by:
            if e[0] == "lit" and isinstance(e[1], int) and not isinstance(e[1], bool):
                if not 1 <= e[1] <= len(items):
                    raise SQLError(f"ORDER BY term out of range - should be between 1 and {len(items)}")
                order_terms.append((("pos", e[1] - 1), desc))
                continue
            if e[0] == "col" and e[1] is None:
                alias_hit = [i for i, it in enumerate(items) if it[1] == e[2] and _is_aliased(sel, it)]
                if alias_hit:
                    order_terms.append((("pos", alias_hit[0]), desc))
                    continue
            order_terms.append((("fn", out_c.compile(e)), desc))

        limit_fn = offset_fn = None
        const_c = Compiler(self, Scope(), group_mode=False, allow_agg=False)
        if sel.limit is not None:
            limit_fn = const_c.compile(sel.limit)
        if sel.offset is not None:
            offset_fn = const_c.compile(sel.offset)

        ncols = len(items)
        width = scope.width
        distinct = sel.distinct
        descs = [d for _, d in order_terms]

        def source_rows():
            if not tables:
                return [()]
            rows = list(tables[0].rows)
            left_width = len(tables[0].columns)
            for kind, on, t in join_specs:
                right_null = (None,) * len(t.columns)
                new_rows = []
                for lrow in rows:
                    matched = False
                    for rrow in t.rows:
                        combined = lrow + rrow
                        if on is None or V.truth(on(combined + (None,) * (width - len(combined)))):
                            new_rows.append(combined)
                            matched = True
                    if not matched and kind == "left":
                        new_rows.append(lrow + right_null)
                rows = new_rows
                left_width += len(t.columns)
            return rows

        def run():
            rows = source_rows()
            # rows only hold the columns of the tables joined so far; pad to full width
            if where is not None:
                rows = [r for r in rows if V.truth(where(r))]
            if grouped:
                if group_fns:
                    groups = {}
                    for r in rows:
                        key = tuple(_group_key(g(r)) for g in group_fns)
                        groups.setdefault(key, []).append(r)
                    envs = list(groups.values())
                else:
                    envs = [rows]
                if having is not None:
                    envs = [g for g in envs if V.truth(having(g))]
            else:
                envs = rows
            results = []
            for env in envs:
                out = tuple(f(env) for f in item_fns)
                keys = tuple(out[t[1]] if t[0] == "pos" else t[1](env) for t, _ in order_terms)
                results.append((keys, out))
            if distinct:
                seen = set()
                uniq = []
                for k, out in results:
                    dk = tuple(_group_key(v) for v in out)
                    if dk not in seen:
                        seen.add(dk)
                        uniq.append((k, out))
                results = uniq
            if order_terms:
                results.sort(key=functools.cmp_to_key(_order_cmp(descs)))
            out_rows = [o for _, o in results]
            if offset_fn is not None:
                off = _int_arg(offset_fn(()), "OFFSET")
                if off > 0:
                    out_rows = out_rows[off:]
            if limit_fn is not None:
                lim = _int_arg(limit_fn(()), "LIMIT")
                if lim >= 0:
                    out_rows = out_rows[:lim]
            return out_rows

        return CompiledSelect(ncols, run)


def _is_aliased(sel, item):
    expr, alias = item
    if alias is None:
        return False
    # an explicit alias, or a plain column reference (its name acts as the alias)
    return True


def _group_key(v):
    return v


def _int_arg(v, what):
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v == int(v):
        return int(v)
    raise SQLError(f"datatype mismatch in {what}")
