"""Runtime data types of the interpreter."""


class SchemeError(Exception):
    """An error reported to the user as `error: <message>`."""


class Symbol:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_symbols = {}


def intern(name):
    sym = _symbols.get(name)
    if sym is None:
        sym = _symbols[name] = Symbol(name)
    return sym


class Nil:
    __slots__ = ()

    def __repr__(self):
        return "()"

    def __iter__(self):
        return iter(())


NIL = Nil()


class Pair:
    __slots__ = ("car", "cdr")

    def __init__(self, car, cdr):
        self.car = car
        self.cdr = cdr

    def __iter__(self):
        """Iterate over the elements of a proper list (raises on an improper tail)."""
        x = self
        while type(x) is Pair:
            yield x.car
            x = x.cdr
        if x is not NIL:
            raise SchemeError("not a proper list")


class Char:
    __slots__ = ("ch",)

    def __init__(self, ch):
        self.ch = ch

    def __eq__(self, other):
        return type(other) is Char and other.ch == self.ch

    def __hash__(self):
        return hash(("char", self.ch))


class Unspecified:
    __slots__ = ()

    def __repr__(self):
        return "#<unspecified>"


UNSPECIFIED = Unspecified()


class Primitive:
    __slots__ = ("fn", "name")

    def __init__(self, fn, name):
        self.fn = fn
        self.name = name


class Closure:
    __slots__ = ("params", "nreq", "rest", "body", "env", "name")

    def __init__(self, params, rest, body, env, name=None):
        self.params = params  # tuple of Symbols (required parameters)
        self.nreq = len(params)
        self.rest = rest  # Symbol or None
        self.body = body  # compiled body: env -> value (tail position)
        self.env = env
        self.name = name


class Continuation:
    """An escaping (upward-only) continuation."""

    __slots__ = ("active",)

    def __init__(self):
        self.active = True


class ContinuationInvoked(Exception):
    def __init__(self, k, value):
        super().__init__()
        self.k = k
        self.value = value


class TailCall:
    __slots__ = ("f", "args")

    def __init__(self, f, args):
        self.f = f
        self.args = args


class Environment:
    __slots__ = ("vars", "parent")

    def __init__(self, vars, parent):
        self.vars = vars
        self.parent = parent


def from_list(items, tail=NIL):
    out = tail
    for x in reversed(items):
        out = Pair(x, out)
    return out


def to_list(x):
    out = []
    while type(x) is Pair:
        out.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise SchemeError("not a proper list")
    return out


def is_number(x):
    t = type(x)
    return t is int or t is float


def is_true(x):
    return x is not False
