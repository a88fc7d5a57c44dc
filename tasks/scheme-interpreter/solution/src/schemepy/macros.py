"""syntax-rules macros (non-hygienic: template symbols are inserted as they are)."""

from .types import NIL, Pair, SchemeError, Symbol, from_list, intern, to_list

ELLIPSIS = intern("...")
UNDERSCORE = intern("_")


class EllipsisMatch(list):
    """The values a pattern variable took in each repetition of an ellipsis."""


def _equal(a, b):
    from .builtins import equal

    return equal(a, b)


class Macro:
    def __init__(self, name, literals, rules, ellipsis=ELLIPSIS):
        self.name = name
        self.literals = set(literals)
        self.rules = rules
        self.ellipsis = ellipsis

    @classmethod
    def from_spec(cls, name, spec):
        parts = to_list(spec.cdr)
        ellipsis = ELLIPSIS
        if parts and type(parts[0]) is Symbol:
            ellipsis = parts[0]
            parts = parts[1:]
        if not parts:
            raise SchemeError(f"bad syntax-rules for {name.name}")
        literals = to_list(parts[0])
        rules = []
        for rule in parts[1:]:
            r = to_list(rule)
            if len(r) != 2 or type(r[0]) is not Pair:
                raise SchemeError(f"bad syntax-rules rule for {name.name}")
            rules.append((r[0], r[1]))
        return cls(name, literals, rules, ellipsis)

    # ------------------------------------------------------------ expansion
    def expand(self, form):
        for pattern, template in self.rules:
            b = {}
            if self.match(pattern.cdr, form.cdr, b):
                return self.instantiate(template, b)
        from .printer import to_string

        raise SchemeError(f"{self.name.name}: no syntax-rules pattern matches {to_string(form, True)}")

    def pattern_vars(self, p, out):
        if type(p) is Symbol:
            if p not in self.literals and p is not self.ellipsis and p is not UNDERSCORE:
                out.append(p)
        elif type(p) is Pair:
            self.pattern_vars(p.car, out)
            self.pattern_vars(p.cdr, out)
        return out

    def match(self, p, f, b):
        tp = type(p)
        if tp is Symbol:
            if p in self.literals:
                return f is p
            if p is not UNDERSCORE:
                b[p] = f
            return True
        if tp is Pair:
            if type(p.cdr) is Pair and p.cdr.car is self.ellipsis:
                after = p.cdr.cdr
                min_after = 0
                x = after
                while type(x) is Pair:
                    min_after += 1
                    x = x.cdr
                avail = 0
                x = f
                while type(x) is Pair:
                    avail += 1
                    x = x.cdr
                k = avail - min_after
                if k < 0:
                    return False
                reps = []
                for _ in range(k):
                    sub = {}
                    if not self.match(p.car, f.car, sub):
                        return False
                    reps.append(sub)
                    f = f.cdr
                for v in self.pattern_vars(p.car, []):
                    b[v] = EllipsisMatch(r[v] for r in reps)
                return self.match(after, f, b)
            if type(f) is not Pair:
                return False
            return self.match(p.car, f.car, b) and self.match(p.cdr, f.cdr, b)
        if p is NIL:
            return f is NIL
        return _equal(p, f)

    def template_vars(self, t, b, out):
        if type(t) is Symbol:
            if t in b:
                out.append(t)
        elif type(t) is Pair:
            self.template_vars(t.car, b, out)
            self.template_vars(t.cdr, b, out)
        return out

    def instantiate(self, t, b):
        tt = type(t)
        if tt is Symbol:
            if t in b:
                v = b[t]
                if isinstance(v, EllipsisMatch):
                    raise SchemeError(f"{self.name.name}: pattern variable {t.name} used without ellipsis")
                return v
            return t
        if tt is Pair:
            if t.car is self.ellipsis and type(t.cdr) is Pair:
                return t.cdr.car  # (... template): ellipsis escaped
            if type(t.cdr) is Pair and t.cdr.car is self.ellipsis:
                rest = t.cdr
                depth = 0
                while type(rest) is Pair and rest.car is self.ellipsis:
                    depth += 1
                    rest = rest.cdr
                items = self.expand_ellipsis(t.car, b, depth)
                return from_list(items, self.instantiate(rest, b))
            return Pair(self.instantiate(t.car, b), self.instantiate(t.cdr, b))
        return t

    def expand_ellipsis(self, sub, b, depth):
        names = [v for v in self.template_vars(sub, b, []) if isinstance(b[v], EllipsisMatch)]
        if not names:
            raise SchemeError(f"{self.name.name}: no pattern variable before ellipsis in template")
        n = len(b[names[0]])
        for v in names:
            if len(b[v]) != n:
                raise SchemeError(f"{self.name.name}: ellipsis variables of different lengths")
        out = []
        for i in range(n):
            b2 = dict(b)
            for v in names:
                b2[v] = b[v][i]
            if depth > 1:
                out.extend(self.expand_ellipsis(sub, b2, depth - 1))
            else:
                out.append(self.instantiate(sub, b2))
        return out
