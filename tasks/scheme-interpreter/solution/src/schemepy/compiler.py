"""Compile data (Scheme code) into Python closures `env -> value`.

Tail calls: an expression compiled in tail position returns a TailCall
instead of calling a closure; `apply_proc` runs the trampoline.
"""

from .macros import Macro
from .printer import to_string
from .reader import QUASIQUOTE, QUOTE, UNQUOTE, UNQUOTE_SPLICING
from .types import (
    NIL,
    UNSPECIFIED,
    Char,
    Closure,
    Continuation,
    ContinuationInvoked,
    Environment,
    Pair,
    Primitive,
    SchemeError,
    Symbol,
    TailCall,
    from_list,
    intern,
    to_list,
)

S = intern
DEFINE = S("define")
LAMBDA = S("lambda")
IF = S("if")
SET = S("set!")
BEGIN = S("begin")
LET = S("let")
LETSTAR = S("let*")
LETREC = S("letrec")
LETRECSTAR = S("letrec*")
COND = S("cond")
CASE = S("case")
AND = S("and")
OR = S("or")
WHEN = S("when")
UNLESS = S("unless")
ELSE = S("else")
ARROW = S("=>")
DEFINE_SYNTAX = S("define-syntax")
SYNTAX_RULES = S("syntax-rules")
DO = S("do")


def _show(x):
    return to_string(x, True)


def _arity_error(f, got):
    name = f.name.name if f.name is not None else "anonymous procedure"
    want = f"{f.nreq}" if f.rest is None else f"at least {f.nreq}"
    return SchemeError(f"{name}: expected {want} argument(s), got {got}")


def apply_proc(f, args):
    """Call procedure f with the Python list args, running tail calls to completion."""
    while True:
        t = type(f)
        if t is Closure:
            n = f.nreq
            if f.rest is None:
                if len(args) != n:
                    raise _arity_error(f, len(args))
                if n == 1:
                    env = Environment({f.params[0]: args[0]}, f.env)
                else:
                    env = Environment(dict(zip(f.params, args)), f.env)
            else:
                if len(args) < n:
                    raise _arity_error(f, len(args))
                d = dict(zip(f.params, args))
                d[f.rest] = from_list(args[n:])
                env = Environment(d, f.env)
            r = f.body(env)
        elif t is Primitive:
            r = f.fn(*args)
        elif t is Continuation:
            throw(f, args)
        else:
            raise SchemeError(f"attempt to apply non-procedure {_show(f)}")
        if type(r) is TailCall:
            f = r.f
            args = r.args
        else:
            return r


def throw(k, args):
    if not k.active:
        raise SchemeError("continuation invoked after its extent ended (only escaping continuations are supported)")
    raise ContinuationInvoked(k, args[0] if len(args) == 1 else (UNSPECIFIED if not args else args[0]))


def call_cc(proc):
    k = Continuation()
    try:
        return apply_proc(proc, [k])
    except ContinuationInvoked as exc:
        if exc.k is k:
            return exc.value
        raise
    finally:
        k.active = False


def resolve(sym, scope):
    """Number of frames between the current one and the one binding sym; -1 for global."""
    depth = 0
    while scope is not None:
        if sym in scope[0]:
            return depth
        scope = scope[1]
        depth += 1
    return -1


def _const(value):
    return lambda env: value


def _check_symbol(x, what):
    if type(x) is not Symbol:
        raise SchemeError(f"bad syntax: {what} expects an identifier, got {_show(x)}")
    return x


def _items(x, form):
    try:
        return to_list(x)
    except SchemeError:
        raise SchemeError(f"bad syntax: {_show(form)}") from None


class Compiler:
    def __init__(self, globals_dict):
        self.globals = globals_dict
        self.macros = {}
        self.special = {
            QUOTE: self.c_quote,
            QUASIQUOTE: self.c_quasiquote,
            LAMBDA: self.c_lambda,
            DEFINE: self.c_define,
            SET: self.c_set,
            IF: self.c_if,
            BEGIN: self.c_begin,
            LET: self.c_let,
            LETSTAR: self.c_letstar,
            LETREC: self.c_letrec,
            LETRECSTAR: self.c_letrec,
            COND: self.c_cond,
            CASE: self.c_case,
            AND: self.c_and,
            OR: self.c_or,
            WHEN: self.c_when,
            UNLESS: self.c_unless,
            DEFINE_SYNTAX: self.c_define_syntax,
            DO: self.c_do,
        }

    # ------------------------------------------------------------ dispatch
    def comp(self, x, scope, tail=False):
        t = type(x)
        if t is Symbol:
            return self.c_ref(x, scope)
        if t is Pair:
            head = x.car
            if type(head) is Symbol:
                special = self.special.get(head)
                if special is not None:
                    return special(x, scope, tail)
                macro = self.macros.get(head)
                if macro is not None:
                    return self.comp(macro.expand(x), scope, tail)
            return self.c_call(x, scope, tail)
        if x is NIL:
            raise SchemeError("bad syntax: empty combination ()")
        if t in (int, float, str, bool, Char):
            return _const(x)
        raise SchemeError(f"bad syntax: {_show(x)}")

    def c_ref(self, sym, scope):
        depth = resolve(sym, scope)
        if depth < 0:
            gd = self.globals

            def gref(env):
                try:
                    return gd[sym]
                except KeyError:
                    raise SchemeError(f"unbound variable: {sym.name}") from None

            return gref
        if depth == 0:
            def ref0(env):
                try:
                    return env.vars[sym]
                except KeyError:
                    raise SchemeError(f"variable used before its definition: {sym.name}") from None

            return ref0
        if depth == 1:
            def ref1(env):
                try:
                    return env.parent.vars[sym]
                except KeyError:
                    raise SchemeError(f"variable used before its definition: {sym.name}") from None

            return ref1

        def refn(env):
            for _ in range(depth):
                env = env.parent
            try:
                return env.vars[sym]
            except KeyError:
                raise SchemeError(f"variable used before its definition: {sym.name}") from None

        return refn

    def scan_body(self, forms, frame):
        """Expand macros at the head of body forms, splice `begin`, and add internal defines to frame."""
        out = []
        todo = list(forms)
        todo.reverse()
        while todo:
            x = todo.pop()
            while type(x) is Pair and type(x.car) is Symbol and x.car not in self.special and x.car in self.macros:
                x = self.macros[x.car].expand(x)
            if type(x) is Pair and x.car is BEGIN:
                inner = _items(x.cdr, x)
                todo.extend(reversed(inner))
                continue
            if type(x) is Pair and x.car is DEFINE and type(x.cdr) is Pair:
                target = x.cdr.car
                while type(target) is Pair:
                    target = target.car
                if type(target) is Symbol:
                    frame.add(target)
            out.append(x)
        return out

    def c_body(self, forms, form, scope, tail=True):
        """A lambda/let body: runs in the frame scope[0] (internal defines are added to it)."""
        if not forms:
            raise SchemeError(f"bad syntax (empty body): {_show(form)}")
        forms = self.scan_body(forms, scope[0])
        if not forms:
            raise SchemeError(f"bad syntax (empty body): {_show(form)}")
        fs = [self.comp(x, scope, False) for x in forms[:-1]]
        last = self.comp(forms[-1], scope, tail)
        if not fs:
            return last
        if len(fs) == 1:
            f0 = fs[0]

            def seq2(env):
                f0(env)
                return last(env)

            return seq2

        def seq(env):
            for f in fs:
                f(env)
            return last(env)

        return seq

    def c_seq(self, forms, scope, tail):
        """A sequence that may be in non-tail position (begin, when, cond clauses, ...)."""
        if not forms:
            return _const(UNSPECIFIED)
        fs = [self.comp(x, scope, False) for x in forms[:-1]]
        last = self.comp(forms[-1], scope, tail)
        if not fs:
            return last

        def seq(env):
            for f in fs:
                f(env)
            return last(env)

        return seq

    # ------------------------------------------------------------ calls
    def c_call(self, x, scope, tail):
        fx = self.comp(x.car, scope)
        argfs = [self.comp(a, scope) for a in _items(x.cdr, x)]
        n = len(argfs)
        if n == 0:
            if tail:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        return f.fn()
                    return TailCall(f, [])
            else:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        r = f.fn()
                        return apply_proc(r.f, r.args) if type(r) is TailCall else r
                    return apply_proc(f, [])
        elif n == 1:
            a0 = argfs[0]
            if tail:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        return f.fn(a0(env))
                    return TailCall(f, [a0(env)])
            else:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        r = f.fn(a0(env))
                        return apply_proc(r.f, r.args) if type(r) is TailCall else r
                    return apply_proc(f, [a0(env)])
        elif n == 2:
            a0, a1 = argfs
            if tail:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        return f.fn(a0(env), a1(env))
                    return TailCall(f, [a0(env), a1(env)])
            else:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        r = f.fn(a0(env), a1(env))
                        return apply_proc(r.f, r.args) if type(r) is TailCall else r
                    return apply_proc(f, [a0(env), a1(env)])
        elif n == 3:
            a0, a1, a2 = argfs
            if tail:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        return f.fn(a0(env), a1(env), a2(env))
                    return TailCall(f, [a0(env), a1(env), a2(env)])
            else:
                def call(env):
                    f = fx(env)
                    if type(f) is Primitive:
                        r = f.fn(a0(env), a1(env), a2(env))
                        return apply_proc(r.f, r.args) if type(r) is TailCall else r
                    return apply_proc(f, [a0(env), a1(env), a2(env)])
        else:
            if tail:
                def call(env):
                    f = fx(env)
                    args = [a(env) for a in argfs]
                    if type(f) is Primitive:
                        return f.fn(*args)
                    return TailCall(f, args)
            else:
                def call(env):
                    f = fx(env)
                    args = [a(env) for a in argfs]
                    if type(f) is Primitive:
                        r = f.fn(*args)
                        return apply_proc(r.f, r.args) if type(r) is TailCall else r
                    return apply_proc(f, args)
        return call

    # ------------------------------------------------------------ special forms
    def c_quote(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) != 1:
            raise SchemeError(f"bad syntax: {_show(x)}")
        return _const(args[0])

    def c_quasiquote(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) != 1:
            raise SchemeError(f"bad syntax: {_show(x)}")
        return self.qq(args[0], 1, scope)

    def qq(self, x, depth, scope):
        if type(x) is not Pair:
            return _const(x)
        if not _has_unquote(x):
            return _const(x)
        head = x.car
        if head is UNQUOTE:
            arg = _items(x.cdr, x)
            if len(arg) != 1:
                raise SchemeError(f"bad syntax: {_show(x)}")
            if depth == 1:
                return self.comp(arg[0], scope)
            inner = self.qq(arg[0], depth - 1, scope)
            return lambda env: Pair(UNQUOTE, Pair(inner(env), NIL))
        if head is QUASIQUOTE:
            arg = _items(x.cdr, x)
            inner = self.qq(arg[0], depth + 1, scope)
            return lambda env: Pair(QUASIQUOTE, Pair(inner(env), NIL))
        if type(head) is Pair and head.car is UNQUOTE_SPLICING:
            arg = _items(head.cdr, head)
            rest = self.qq(x.cdr, depth, scope)
            if depth == 1:
                spl = self.comp(arg[0], scope)

                def splice(env):
                    items = to_list(spl(env))
                    return from_list(items, rest(env))

                return splice
            inner = self.qq(arg[0], depth - 1, scope)
            return lambda env: Pair(Pair(UNQUOTE_SPLICING, Pair(inner(env), NIL)), rest(env))
        carf = self.qq(head, depth, scope)
        cdrf = self.qq(x.cdr, depth, scope)
        return lambda env: Pair(carf(env), cdrf(env))

    def parse_params(self, spec, form):
        params = []
        while type(spec) is Pair:
            params.append(_check_symbol(spec.car, "lambda"))
            spec = spec.cdr
        rest = None
        if spec is not NIL:
            rest = _check_symbol(spec, "lambda")
        if len(set(params + ([rest] if rest else []))) != len(params) + (1 if rest else 0):
            raise SchemeError(f"bad syntax (duplicate parameter): {_show(form)}")
        return tuple(params), rest

    def make_lambda(self, spec, body_forms, form, scope, name=None):
        params, rest = self.parse_params(spec, form)
        frame = set(params)
        if rest is not None:
            frame.add(rest)
        body = self.c_body(body_forms, form, (frame, scope))

        def lam(env):
            return Closure(params, rest, body, env, name)

        return lam

    def c_lambda(self, x, scope, tail):
        if type(x.cdr) is not Pair:
            raise SchemeError(f"bad syntax: {_show(x)}")
        return self.make_lambda(x.cdr.car, _items(x.cdr.cdr, x), x, scope)

    def c_define(self, x, scope, tail):
        args = _items(x.cdr, x)
        if not args:
            raise SchemeError(f"bad syntax: {_show(x)}")
        target = args[0]
        if type(target) is Pair:
            # (define (name . params) body...) and curried (define ((name a) b) ...)
            spec = target.cdr
            body = args[1:]
            name = target.car
            while type(name) is Pair:
                body = [Pair(LAMBDA, Pair(spec, from_list(body)))]
                spec = name.cdr
                name = name.car
            name = _check_symbol(name, "define")
            if scope is not None:
                scope[0].add(name)
            vf = self.make_lambda(spec, body, x, scope, name)
        else:
            name = _check_symbol(target, "define")
            if scope is not None:
                scope[0].add(name)
            if len(args) == 1:
                vf = _const(UNSPECIFIED)
            elif len(args) == 2:
                value = args[1]
                if type(value) is Pair and value.car is LAMBDA and type(value.cdr) is Pair:
                    vf = self.make_lambda(value.cdr.car, _items(value.cdr.cdr, value), value, scope, name)
                else:
                    vf = self.comp(value, scope)
            else:
                raise SchemeError(f"bad syntax: {_show(x)}")

        def define(env):
            env.vars[name] = vf(env)
            return UNSPECIFIED

        return define

    def c_set(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) != 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        name = _check_symbol(args[0], "set!")
        vf = self.comp(args[1], scope)
        depth = resolve(name, scope)
        if depth < 0:
            gd = self.globals

            def gset(env):
                value = vf(env)
                if name not in gd:
                    raise SchemeError(f"set!: unbound variable: {name.name}")
                gd[name] = value
                return UNSPECIFIED

            return gset

        def set_(env):
            value = vf(env)
            for _ in range(depth):
                env = env.parent
            d = env.vars
            if name not in d:
                raise SchemeError(f"set!: variable used before its definition: {name.name}")
            d[name] = value
            return UNSPECIFIED

        return set_

    def c_if(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) not in (2, 3):
            raise SchemeError(f"bad syntax: {_show(x)}")
        cf = self.comp(args[0], scope)
        af = self.comp(args[1], scope, tail)
        if len(args) == 3:
            bf = self.comp(args[2], scope, tail)

            def if_(env):
                if cf(env) is not False:
                    return af(env)
                return bf(env)
        else:
            def if_(env):
                if cf(env) is not False:
                    return af(env)
                return UNSPECIFIED

        return if_

    def c_begin(self, x, scope, tail):
        forms = _items(x.cdr, x)
        if scope is not None:
            # definitions inside a begin belong to the enclosing frame
            forms = self.scan_body(forms, scope[0])
        return self.c_seq(forms, scope, tail)

    def parse_bindings(self, spec, form):
        names, inits = [], []
        for b in _items(spec, form):
            parts = _items(b, form) if type(b) is Pair else None
            if not parts or len(parts) > 2:
                raise SchemeError(f"bad syntax (binding): {_show(form)}")
            names.append(_check_symbol(parts[0], "let"))
            inits.append(parts[1] if len(parts) == 2 else None)
        return names, inits

    def c_let(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) < 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        if type(args[0]) is Symbol:
            return self.c_named_let(args[0], args[1], args[2:], x, scope, tail)
        names, inits = self.parse_bindings(args[0], x)
        initfs = [self.comp(i, scope) if i is not None else _const(UNSPECIFIED) for i in inits]
        body = self.c_body(args[1:], x, (set(names), scope), tail)
        names = tuple(names)
        if len(names) == 1:
            n0 = names[0]
            i0 = initfs[0]

            def let1(env):
                return body(Environment({n0: i0(env)}, env))

            return let1

        def let(env):
            return body(Environment(dict(zip(names, [f(env) for f in initfs])), env))

        return let

    def c_named_let(self, name, spec, body_forms, x, scope, tail):
        names, inits = self.parse_bindings(spec, x)
        initfs = [self.comp(i, scope) for i in inits]
        loop_scope = ({name}, scope)
        body = self.c_body(body_forms, x, (set(names), loop_scope))
        params = tuple(names)

        def named_let(env):
            loop_env = Environment({}, env)
            proc = Closure(params, None, body, loop_env, name)
            loop_env.vars[name] = proc
            args = [f(env) for f in initfs]
            if tail:
                return TailCall(proc, args)
            return apply_proc(proc, args)

        return named_let

    def c_letstar(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) < 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        names, inits = self.parse_bindings(args[0], x)
        pairs = []
        for name, init in zip(names, inits):
            pairs.append((name, self.comp(init, scope)))
            scope = ({name}, scope)
        body = self.c_body(args[1:], x, (set(), scope), tail)

        def letstar(env):
            for name, f in pairs:
                env = Environment({name: f(env)}, env)
            return body(Environment({}, env))

        return letstar

    def c_letrec(self, x, scope, tail):
        args = _items(x.cdr, x)
        if len(args) < 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        names, inits = self.parse_bindings(args[0], x)
        inner = (set(names), scope)
        initfs = []
        for name, init in zip(names, inits):
            if type(init) is Pair and init.car is LAMBDA and type(init.cdr) is Pair:
                initfs.append(self.make_lambda(init.cdr.car, _items(init.cdr.cdr, init), init, inner, name))
            else:
                initfs.append(self.comp(init, inner))
        body = self.c_body(args[1:], x, inner, tail)
        pairs = list(zip(names, initfs))

        def letrec(env):
            d = {}
            new = Environment(d, env)
            for name, f in pairs:
                d[name] = f(new)
            return body(new)

        return letrec

    def c_cond(self, x, scope, tail):
        clauses = []
        items = _items(x.cdr, x)
        for i, clause in enumerate(items):
            parts = _items(clause, x) if type(clause) is Pair else None
            if not parts:
                raise SchemeError(f"bad syntax (cond clause): {_show(x)}")
            if parts[0] is ELSE:
                if i != len(items) - 1:
                    raise SchemeError("bad syntax: else clause must be last in cond")
                clauses.append((None, self.c_seq(parts[1:], scope, tail), False))
            elif len(parts) == 3 and parts[1] is ARROW:
                clauses.append((self.comp(parts[0], scope), self.comp(parts[2], scope), True))
            elif len(parts) == 1:
                clauses.append((self.comp(parts[0], scope), None, False))
            else:
                clauses.append((self.comp(parts[0], scope), self.c_seq(parts[1:], scope, tail), False))
        clauses = tuple(clauses)

        def cond(env):
            for test, body, arrow in clauses:
                if test is None:
                    return body(env)
                v = test(env)
                if v is not False:
                    if body is None:
                        return v
                    if arrow:
                        f = body(env)
                        if tail and type(f) is not Primitive:
                            return TailCall(f, [v])
                        return apply_proc(f, [v])
                    return body(env)
            return UNSPECIFIED

        return cond

    def c_case(self, x, scope, tail):
        from .builtins import eqv

        items = _items(x.cdr, x)
        if not items:
            raise SchemeError(f"bad syntax: {_show(x)}")
        keyf = self.comp(items[0], scope)
        clauses = []
        for clause in items[1:]:
            parts = _items(clause, x) if type(clause) is Pair else None
            if not parts or len(parts) < 2:
                raise SchemeError(f"bad syntax (case clause): {_show(x)}")
            body = self.c_seq(parts[1:], scope, tail)
            if parts[0] is ELSE:
                clauses.append((None, body))
            else:
                clauses.append((tuple(_items(parts[0], x)), body))

        def case(env):
            key = keyf(env)
            for data, body in clauses:
                if data is None:
                    return body(env)
                for d in data:
                    if d is key or eqv(d, key):
                        return body(env)
            return UNSPECIFIED

        return case

    def c_and(self, x, scope, tail):
        items = _items(x.cdr, x)
        if not items:
            return _const(True)
        fs = [self.comp(i, scope) for i in items[:-1]]
        last = self.comp(items[-1], scope, tail)

        def and_(env):
            for f in fs:
                if f(env) is False:
                    return False
            return last(env)

        return and_

    def c_or(self, x, scope, tail):
        items = _items(x.cdr, x)
        if not items:
            return _const(False)
        fs = [self.comp(i, scope) for i in items[:-1]]
        last = self.comp(items[-1], scope, tail)

        def or_(env):
            for f in fs:
                v = f(env)
                if v is not False:
                    return v
            return last(env)

        return or_

    def c_when(self, x, scope, tail):
        items = _items(x.cdr, x)
        if not items:
            raise SchemeError(f"bad syntax: {_show(x)}")
        test = self.comp(items[0], scope)
        body = self.c_seq(items[1:], scope, tail)

        def when(env):
            if test(env) is not False:
                return body(env)
            return UNSPECIFIED

        return when

    def c_unless(self, x, scope, tail):
        items = _items(x.cdr, x)
        if not items:
            raise SchemeError(f"bad syntax: {_show(x)}")
        test = self.comp(items[0], scope)
        body = self.c_seq(items[1:], scope, tail)

        def unless(env):
            if test(env) is False:
                return body(env)
            return UNSPECIFIED

        return unless

    def c_do(self, x, scope, tail):
        items = _items(x.cdr, x)
        if len(items) < 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        raw = []
        for spec in _items(items[0], x):
            parts = _items(spec, x)
            if not 2 <= len(parts) <= 3:
                raise SchemeError(f"bad syntax (do binding): {_show(x)}")
            raw.append((_check_symbol(parts[0], "do"), parts))
        inner = ({name for name, _ in raw}, scope)
        specs = []
        for name, parts in raw:
            init = self.comp(parts[1], scope)
            step = self.comp(parts[2], inner) if len(parts) > 2 else None
            specs.append((name, init, step))
        test_parts = _items(items[1], x)
        test = self.comp(test_parts[0], inner)
        result = self.c_seq(test_parts[1:], inner, False)
        body = self.c_seq(items[2:], inner, False)

        def do(env):
            e = Environment({n: i(env) for n, i, _ in specs}, env)
            while test(e) is False:
                body(e)
                e = Environment({n: (s(e) if s is not None else e.vars[n]) for n, _, s in specs}, env)
            return result(e)

        return do

    def c_define_syntax(self, x, scope, tail):
        items = _items(x.cdr, x)
        if len(items) != 2:
            raise SchemeError(f"bad syntax: {_show(x)}")
        name = _check_symbol(items[0], "define-syntax")
        spec = items[1]
        if type(spec) is not Pair or spec.car is not SYNTAX_RULES:
            raise SchemeError("define-syntax: only syntax-rules transformers are supported")
        self.macros[name] = Macro.from_spec(name, spec)
        return _const(UNSPECIFIED)


def _has_unquote(x):
    stack = [x]
    while stack:
        y = stack.pop()
        while type(y) is Pair:
            if y.car is UNQUOTE or y.car is UNQUOTE_SPLICING:
                return True
            if type(y.car) is Pair:
                stack.append(y.car)
            y = y.cdr
    return False
