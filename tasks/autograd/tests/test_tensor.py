# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `tensor`: Tensor operations on equal shapes, reductions, matmul,
reshape/transpose and the semantics of backward()."""

import numpy as np
import pytest

pytestmark = pytest.mark.tensor


def signed(rng, shape, low=0.5, high=2.0):
    """Magnitudes in [low, high] with random signs (safe denominators)."""
    return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def test_tensor_construction_dtype_and_shape(Tensor):
    t = Tensor([[1, 2, 3], [4, 5, 6]])
    assert isinstance(t.data, np.ndarray)
    assert t.data.dtype == np.float64
    assert tuple(t.shape) == (2, 3)
    np.testing.assert_array_equal(t.data, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert isinstance(t.grad, np.ndarray)
    assert t.grad.dtype == np.float64
    assert t.grad.shape == (2, 3)
    assert not t.grad.any()

    s = Tensor(2.5)
    assert tuple(s.shape) == ()
    assert float(s.data) == 2.5

    a = Tensor(np.arange(6, dtype=np.int64).reshape(3, 2))
    assert a.data.dtype == np.float64 and tuple(a.shape) == (3, 2)


def test_tensor_results_are_float64_tensors(Tensor, rng):
    x = Tensor(rng.normal(size=(3, 4)))
    total = x.sum()
    assert isinstance(total, Tensor)
    assert tuple(total.shape) == ()
    assert isinstance(total.data, np.ndarray) and total.data.dtype == np.float64
    for out in (x + x, x * 2, x.tanh(), x.mean(axis=0), x @ x.T):
        assert isinstance(out, Tensor)
        assert isinstance(out.data, np.ndarray) and out.data.dtype == np.float64
        assert out.grad.shape == out.data.shape


ELEMENTWISE = {
    "add": (lambda a, b: a + b, lambda a, b: a + b),
    "sub": (lambda a, b: a - b, lambda a, b: a - b),
    "mul": (lambda a, b: a * b, lambda a, b: a * b),
    "div": (lambda a, b: a / b, lambda a, b: a / b),
    "neg": (lambda a, b: -a * b + -b, lambda a, b: -a * b + -b),
    "mixed": (
        lambda a, b: (a - b) * (a + b) / (b * b) - a / (a * a + 1.0),
        lambda a, b: (a - b) * (a + b) / (b * b) - a / (a * a + 1.0),
    ),
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_tensor_elementwise_binary(check_tensor, rng, name):
    ag_fn, np_fn = ELEMENTWISE[name]
    check_tensor(ag_fn, np_fn, [signed(rng, (3, 4)), signed(rng, (3, 4))])


@pytest.mark.parametrize("exponent", [2, 3, -1, 0.5, 1.5, -1.5])
def test_tensor_pow(check_tensor, rng, exponent):
    if isinstance(exponent, int):
        x = signed(rng, (2, 5))
    else:
        x = rng.uniform(0.5, 2.0, size=(2, 5))
    check_tensor(lambda a: a**exponent, lambda a: a**exponent, [x])


NUMBER_OPS = {
    "add": (lambda t, c: t + c, lambda a, c: a + c),
    "radd": (lambda t, c: c + t, lambda a, c: c + a),
    "sub": (lambda t, c: t - c, lambda a, c: a - c),
    "rsub": (lambda t, c: c - t, lambda a, c: c - a),
    "mul": (lambda t, c: t * c, lambda a, c: a * c),
    "rmul": (lambda t, c: c * t, lambda a, c: c * a),
    "div": (lambda t, c: t / c, lambda a, c: a / c),
    "rdiv": (lambda t, c: c / t, lambda a, c: c / a),
}


@pytest.mark.parametrize("name", sorted(NUMBER_OPS))
def test_tensor_with_python_number(check_tensor, rng, name):
    ag_op, np_op = NUMBER_OPS[name]
    c = float(rng.uniform(0.5, 2.0))
    check_tensor(lambda t: ag_op(t, c), lambda a: np_op(a, c), [signed(rng, (2, 3))])


def _relu(x):
    return np.maximum(x, 0.0)


UNARY = {
    "relu": (lambda t: t.relu(), _relu),
    "tanh": (lambda t: t.tanh(), np.tanh),
    "exp": (lambda t: t.exp(), np.exp),
    "log": (lambda t: t.log(), np.log),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_tensor_unary(check_tensor, rng, name):
    ag_fn, np_fn = UNARY[name]
    if name == "log":
        x = rng.uniform(0.2, 3.0, size=(3, 4))
    elif name == "relu":
        x = signed(rng, (3, 4), low=0.05, high=2.0)
    else:
        x = rng.uniform(-2.0, 2.0, size=(3, 4))
    check_tensor(ag_fn, np_fn, [x])


def test_tensor_relu_at_zero_has_zero_gradient(Tensor):
    x = Tensor([0.0, -1.0, 2.0])
    y = x.relu()
    np.testing.assert_array_equal(y.data, [0.0, 0.0, 2.0])
    y.backward(np.ones(3))
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 1.0])


REDUCTIONS = [
    ("sum", None, False),
    ("sum", None, True),
    ("sum", 0, False),
    ("sum", 1, True),
    ("sum", -1, False),
    ("sum", (0, 2), False),
    ("sum", (2, 0), True),
    ("mean", None, False),
    ("mean", None, True),
    ("mean", 1, False),
    ("mean", -1, True),
    ("mean", (0, 1), False),
    ("mean", (-1, -3), True),
]


@pytest.mark.parametrize("op,axis,keepdims", REDUCTIONS, ids=[f"{o}-{a}-{k}" for o, a, k in REDUCTIONS])
def test_tensor_reductions(check_tensor, rng, op, axis, keepdims):
    def ag_fn(t):
        return getattr(t, op)(axis=axis, keepdims=keepdims)

    def np_fn(a):
        return getattr(np, op)(a, axis=axis, keepdims=keepdims)

    check_tensor(ag_fn, np_fn, [rng.normal(size=(2, 3, 4))])


def test_tensor_reduction_defaults(Tensor, rng):
    x = rng.normal(size=(3, 4))
    t = Tensor(x)
    assert float(t.sum().data) == pytest.approx(x.sum(), rel=1e-12)
    assert float(t.mean().data) == pytest.approx(x.mean(), rel=1e-12)
    np.testing.assert_allclose(t.sum(axis=0).data, x.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(t.mean(1).data, x.mean(1), rtol=1e-12)
    m = t.mean()
    m.backward()
    np.testing.assert_allclose(t.grad, np.full((3, 4), 1.0 / 12.0), rtol=1e-12)


@pytest.mark.parametrize("shapes", [((3, 4), (4, 5)), ((1, 6), (6, 1)), ((5, 1), (1, 3)), ((4, 4), (4, 4))])
def test_tensor_matmul_2d(check_tensor, rng, shapes):
    a, b = (rng.normal(size=s) for s in shapes)
    check_tensor(lambda x, y: x @ y, lambda x, y: x @ y, [a, b])


def test_tensor_matmul_chain_with_transpose(check_tensor, rng):
    check_tensor(
        lambda x, w, v: ((x @ w.T).tanh() @ v).sum(),
        lambda x, w, v: (np.tanh(x @ w.T) @ v).sum(),
        [rng.normal(size=(4, 3)), rng.normal(size=(5, 3)), rng.normal(size=(5, 2))],
    )


RESHAPES = [((3, 4), (2, 6)), ((3, 4), (12,)), ((2, 3, 4), (4, -1)), ((6,), (1, 2, 3)), ((2, 2), (-1,))]


@pytest.mark.parametrize("src,dst", RESHAPES, ids=[f"{s}->{d}" for s, d in RESHAPES])
def test_tensor_reshape(check_tensor, rng, src, dst):
    check_tensor(lambda t: t.reshape(dst), lambda a: a.reshape(dst), [rng.normal(size=src)])


TRANSPOSES = [((3, 5), None), ((2, 3, 4), None), ((2, 3, 4), (1, 2, 0)), ((2, 3, 4), (0, 2, 1))]


@pytest.mark.parametrize("shape,axes", TRANSPOSES, ids=[f"{s}-{a}" for s, a in TRANSPOSES])
def test_tensor_transpose(check_tensor, rng, shape, axes):
    if axes is None:
        check_tensor(lambda t: t.transpose(), lambda a: a.transpose(), [rng.normal(size=shape)])
    else:
        check_tensor(lambda t: t.transpose(axes), lambda a: a.transpose(axes), [rng.normal(size=shape)])


def test_tensor_T_property(check_tensor, rng):
    check_tensor(lambda t: t.T * 2.0, lambda a: a.T * 2.0, [rng.normal(size=(3, 5))])


def test_tensor_composite_expression(check_tensor, rng):
    def ag_fn(x, w, v):
        h = x @ w
        return (h.tanh() * v - h.exp() / 10.0 + (v * v + 1.0).log()).mean()

    def np_fn(x, w, v):
        h = x @ w
        return (np.tanh(h) * v - np.exp(h) / 10.0 + np.log(v * v + 1.0)).mean()

    check_tensor(ag_fn, np_fn, [rng.normal(size=(4, 3)) * 0.5, rng.normal(size=(3, 5)) * 0.5, rng.normal(size=(4, 5))])


def test_tensor_backward_requires_single_element(Tensor, rng):
    x = Tensor(rng.normal(size=(2, 3)))
    y = x * 2.0
    with pytest.raises(RuntimeError):
        y.backward()


def test_tensor_backward_single_element_non_scalar_shape(Tensor, rng):
    a = rng.normal(size=(1, 3))
    b = rng.normal(size=(3, 1))
    x, w = Tensor(a), Tensor(b)
    y = x @ w
    assert tuple(y.shape) == (1, 1)
    y.backward()
    np.testing.assert_allclose(x.grad, b.T, rtol=1e-12)
    np.testing.assert_allclose(w.grad, a.T, rtol=1e-12)
    np.testing.assert_allclose(y.grad, [[1.0]])


def test_tensor_backward_with_explicit_gradient(Tensor, rng):
    a = rng.normal(size=(3, 4))
    g = rng.normal(size=(3, 4))
    x = Tensor(a)
    y = x.tanh()
    y.backward(g)
    np.testing.assert_allclose(x.grad, g * (1.0 - np.tanh(a) ** 2), rtol=1e-10)
    np.testing.assert_allclose(y.grad, g, rtol=1e-12)


def test_tensor_reused_node_square_and_sum(Tensor, rng):
    a = rng.normal(size=(2, 3))
    x = Tensor(a)
    (x * x).sum().backward()
    np.testing.assert_allclose(x.grad, 2.0 * a, rtol=1e-12)
    y = Tensor(a)
    (y + y + y).sum().backward()
    np.testing.assert_allclose(y.grad, np.full((2, 3), 3.0), rtol=1e-12)


def test_tensor_diamond_graph_intermediate_gradients(Tensor, rng):
    a = rng.normal(size=(3,)) * 0.5
    k = float(rng.uniform(0.5, 2.0))
    x = Tensor(a)
    b = x * k
    c = x.exp()
    d = b * c
    e = d.sum()
    e.backward()
    assert float(np.asarray(e.grad)) == pytest.approx(1.0)
    np.testing.assert_allclose(d.grad, np.ones(3), rtol=1e-12)
    np.testing.assert_allclose(b.grad, np.exp(a), rtol=1e-12)
    np.testing.assert_allclose(c.grad, k * a, rtol=1e-12)
    np.testing.assert_allclose(x.grad, k * np.exp(a) + k * a * np.exp(a), rtol=1e-10)


def test_tensor_gradients_accumulate_and_zero_grad(Tensor, rng):
    a = rng.normal(size=(2, 2))
    x = Tensor(a)
    (x * 3.0).sum().backward()
    np.testing.assert_allclose(x.grad, np.full((2, 2), 3.0))
    (x * x).sum().backward()  # a second, separate graph sharing the leaf x
    np.testing.assert_allclose(x.grad, 3.0 + 2.0 * a, rtol=1e-12)
    x.zero_grad()
    assert isinstance(x.grad, np.ndarray) and x.grad.shape == (2, 2)
    assert not x.grad.any()
    x.exp().sum().backward()
    np.testing.assert_allclose(x.grad, np.exp(a), rtol=1e-12)


def test_tensor_detach_stops_gradient(Tensor, rng):
    a = rng.normal(size=(3,))
    x = Tensor(a)
    y = x.detach()
    assert isinstance(y, Tensor) and y is not x
    np.testing.assert_array_equal(y.data, a)
    z = (x * y + y * 2.0).sum()
    z.backward()
    np.testing.assert_allclose(x.grad, a, rtol=1e-12)  # not 2a: nothing flows through y
    np.testing.assert_allclose(y.grad, a + 2.0, rtol=1e-12)


def test_tensor_deep_chain_10000(Tensor, rng):
    """10 000 chained operations: backward must not recurse per node."""
    x0 = rng.uniform(0.5, 1.5, size=(3,))
    factors = [float(f) for f in rng.uniform(0.999, 1.001, size=5000)]
    shifts = [float(s) for s in rng.uniform(-0.01, 0.01, size=5000)]
    x = Tensor(x0)
    y = x
    ref = x0.copy()
    for f, s in zip(factors, shifts):
        y = y * f + s
        ref = ref * f + s
    y.sum().backward()
    np.testing.assert_allclose(y.data, ref, rtol=1e-9)
    np.testing.assert_allclose(x.grad, np.full(3, np.prod(factors)), rtol=1e-9)


def test_tensor_shared_subexpressions_many_paths(Tensor, fd, rng):
    """50 stacked diamonds (2**50 paths): each node must be processed once."""
    cs = [float(c) for c in rng.uniform(0.3, 0.6, size=50)]

    def ag_fn(t):
        y = t
        for c in cs:
            y = y * c + (y * c).tanh()
        return y.sum()

    def np_fn(a):
        y = a
        for c in cs:
            y = y * c + np.tanh(y * c)
        return y.sum()

    a = rng.uniform(-1.0, 1.0, size=(2, 2))
    x = Tensor(a)
    out = ag_fn(x)
    assert float(out.data) == pytest.approx(np_fn(a), rel=1e-9)
    out.backward()
    (ref,) = fd(np_fn, [a])
    np.testing.assert_allclose(x.grad, ref, rtol=1e-4, atol=1e-6)
