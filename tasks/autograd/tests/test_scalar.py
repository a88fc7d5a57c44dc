# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `scalar`: the Value class."""

import math

import pytest

pytestmark = pytest.mark.scalar


def _signed(rng, low, high):
    """A float with magnitude in [low, high] and a random sign."""
    return float(rng.uniform(low, high) * rng.choice([-1.0, 1.0]))


def test_value_construction(Value):
    v = Value(3)
    assert isinstance(v.data, float)
    assert v.data == 3.0
    assert v.grad == 0.0
    w = Value(-2.5)
    assert w.data == -2.5 and w.grad == 0.0


def test_value_forward_arithmetic(Value, rng):
    a, b = _signed(rng, 0.5, 2.0), _signed(rng, 0.5, 2.0)
    va, vb = Value(a), Value(b)
    cases = [
        (va + vb, a + b),
        (va - vb, a - b),
        (va * vb, a * b),
        (va / vb, a / b),
        (va**3, a**3),
        (-va, -a),
        (va + 1.5, a + 1.5),
        (1.5 + va, 1.5 + a),
        (2 - va, 2 - a),
        (va - 2, a - 2),
        (3 * va, 3 * a),
        (va * 3, a * 3),
        (1 / va, 1 / a),
        (va / 4, a / 4),
    ]
    for i, (got, want) in enumerate(cases):
        assert isinstance(got, Value), f"case {i}: result is not a Value"
        assert got.data == pytest.approx(want, rel=1e-12), f"case {i}"


BINARY = {
    "add": (lambda a, b: a + b),
    "sub": (lambda a, b: a - b),
    "mul": (lambda a, b: a * b),
    "div": (lambda a, b: a / b),
    "number_left": (lambda a, b: (2.5 + a) * (1.5 - b) + 3.0 * a / (0.5 + b * b) - 2.0 / b),
    "number_right": (lambda a, b: (a + 2.5) * (b - 1.5) + (a * 3.0) / 4.0 - b / 0.25),
    "neg": (lambda a, b: -(a * b) + -a),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_value_binary_gradients(check_value, rng, name):
    fn = BINARY[name]
    check_value(fn, fn, [_signed(rng, 0.5, 2.0), _signed(rng, 0.5, 2.0)])


@pytest.mark.parametrize("exponent", [2, 3, -1, -2, 0.5, 1.5, -0.5])
def test_value_pow_gradient(check_value, rng, exponent):
    if isinstance(exponent, int):
        x = _signed(rng, 0.5, 2.0)
    else:
        x = float(rng.uniform(0.5, 2.0))
    check_value(lambda a: a**exponent, lambda a: a**exponent, [x])


UNARY = {
    "relu_positive": (lambda v: v.relu(), lambda x: max(x, 0.0), 0.2, 2.0),
    "relu_negative": (lambda v: v.relu(), lambda x: max(x, 0.0), -2.0, -0.2),
    "tanh": (lambda v: v.tanh(), math.tanh, -2.0, 2.0),
    "exp": (lambda v: v.exp(), math.exp, -2.0, 2.0),
    "log": (lambda v: v.log(), math.log, 0.2, 3.0),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_value_unary_gradients(check_value, rng, name):
    ag_fn, py_fn, low, high = UNARY[name]
    check_value(ag_fn, py_fn, [float(rng.uniform(low, high))])


def test_value_relu_at_zero_has_zero_gradient(Value):
    x = Value(0.0)
    y = x.relu()
    assert y.data == 0.0
    y.backward()
    assert x.grad == 0.0


def test_value_composite_expression(check_value, rng):
    def ag_fn(a, b, c):
        d = a * b + c.exp()
        e = (d / 3.0).tanh() * (b**2 + 1.0).log()
        return e - a.relu() * c + (c * c) ** 0.5

    def py_fn(a, b, c):
        d = a * b + math.exp(c)
        e = math.tanh(d / 3.0) * math.log(b**2 + 1.0)
        return e - max(a, 0.0) * c + (c * c) ** 0.5

    check_value(ag_fn, py_fn, [_signed(rng, 0.3, 1.5) for _ in range(3)])


def test_value_output_gradient_is_one(Value, rng):
    x = Value(float(rng.uniform(0.5, 2.0)))
    y = x * 2.0 + 1.0
    y.backward()
    assert y.grad == pytest.approx(1.0)
    assert x.grad == pytest.approx(2.0)


def test_value_reused_node_square(Value, rng):
    a = _signed(rng, 0.5, 2.0)
    x = Value(a)
    y = x * x
    y.backward()
    assert x.grad == pytest.approx(2.0 * a, rel=1e-12)


def test_value_reused_node_sum(Value, rng):
    x = Value(_signed(rng, 0.5, 2.0))
    y = x + x
    y.backward()
    assert x.grad == pytest.approx(2.0, rel=1e-12)
    z = Value(1.0)
    w = z + z + z * z * z
    w.backward()
    assert z.grad == pytest.approx(5.0, rel=1e-12)


def test_value_diamond_graph_intermediate_gradients(Value, rng):
    a0 = _signed(rng, 0.3, 1.0)
    k1, k2 = _signed(rng, 0.5, 2.0), _signed(rng, 0.5, 2.0)
    a = Value(a0)
    b = a * k1
    c = a + k2
    d = b * c
    e = d.tanh()
    e.backward()
    b0, c0 = a0 * k1, a0 + k2
    d0 = b0 * c0
    de = 1.0 - math.tanh(d0) ** 2
    assert e.grad == pytest.approx(1.0)
    assert d.grad == pytest.approx(de, rel=1e-9)
    assert b.grad == pytest.approx(de * c0, rel=1e-9)
    assert c.grad == pytest.approx(de * b0, rel=1e-9)
    assert a.grad == pytest.approx(de * (c0 * k1 + b0), rel=1e-9)


def test_value_gradients_accumulate_and_zero_grad(Value, rng):
    a = _signed(rng, 0.5, 2.0)
    x = Value(a)
    (x * 3.0).backward()
    assert x.grad == pytest.approx(3.0)
    (x * x).backward()  # a second, separate graph sharing the leaf x
    assert x.grad == pytest.approx(3.0 + 2.0 * a, rel=1e-12)
    x.zero_grad()
    assert x.grad == 0.0
    x.exp().backward()
    assert x.grad == pytest.approx(math.exp(a), rel=1e-12)


def test_value_detach_stops_gradient(Value, rng):
    a = _signed(rng, 0.5, 2.0)
    x = Value(a)
    y = x.detach()
    assert isinstance(y, Value) and y is not x
    assert y.data == x.data
    z = x * y + y * 2.0
    z.backward()
    assert x.grad == pytest.approx(a, rel=1e-12)  # not 2a: nothing flows through y
    assert y.grad == pytest.approx(a + 2.0, rel=1e-12)


def test_value_deep_chain_10000(Value, rng):
    """10 000 chained operations: backward must not recurse per node."""
    x0 = float(rng.uniform(0.5, 1.5))
    factors = [float(f) for f in rng.uniform(0.999, 1.001, size=5000)]
    shifts = [float(s) for s in rng.uniform(-0.01, 0.01, size=5000)]
    x = Value(x0)
    y = x
    ref = x0
    for f, s in zip(factors, shifts):
        y = y * f + s
        ref = ref * f + s
    y.backward()
    assert y.data == pytest.approx(ref, rel=1e-9)
    assert x.grad == pytest.approx(math.prod(factors), rel=1e-9)


def test_value_shared_subexpressions_many_paths(Value, fd_scalar, rng):
    """60 stacked diamonds (2**60 paths): each node must be processed once."""
    cs = [float(c) for c in rng.uniform(0.3, 0.6, size=60)]

    def ag_fn(x):
        y = x
        for c in cs:
            y = y * c + (y * c).tanh()
        return y

    def py_fn(x):
        y = x
        for c in cs:
            y = y * c + math.tanh(y * c)
        return y

    x0 = float(rng.uniform(0.2, 1.0))
    x = Value(x0)
    out = ag_fn(x)
    assert out.data == pytest.approx(py_fn(x0), rel=1e-9)
    out.backward()
    (ref,) = fd_scalar(py_fn, [x0])
    assert x.grad == pytest.approx(ref, rel=1e-4, abs=1e-6)

    z = Value(1.0)
    w = z
    for _ in range(60):
        w = w + w
    w.backward()
    assert z.grad == 2.0**60
