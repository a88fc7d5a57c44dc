# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `broadcasting`: numpy broadcasting in forward and backward
(gradients summed back to each input's own shape), batched matmul and
composite expressions that rely on keepdims reductions."""

import numpy as np
import pytest

pytestmark = pytest.mark.broadcasting


def signed(rng, shape, low=0.5, high=2.0):
    return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)


SHAPE_PAIRS = [
    ((3, 1), (1, 4)),
    ((2, 3), (3,)),
    ((), (3, 4)),
    ((5,), (2, 1, 5)),
    ((4, 1, 3), (2, 1)),
    ((2, 1, 3), (2, 4, 1)),
]

OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}

CASES = [(op, sa, sb) for sa, sb in SHAPE_PAIRS for op in sorted(OPS)]


@pytest.mark.parametrize("op,shape_a,shape_b", CASES, ids=[f"{o}-{a}-{b}" for o, a, b in CASES])
def test_broadcast_binary(check_tensor, rng, op, shape_a, shape_b):
    fn = OPS[op]
    tensors, out = check_tensor(fn, fn, [signed(rng, shape_a), signed(rng, shape_b)])
    assert tuple(tensors[0].grad.shape) == shape_a
    assert tuple(tensors[1].grad.shape) == shape_b


def test_broadcast_zero_dim_tensor_parameter(check_tensor, rng):
    """A 0-d tensor used against a matrix gets a 0-d gradient."""
    tensors, _ = check_tensor(
        lambda x, s: (x * s + s - x / (s * s)).sum(),
        lambda x, s: (x * s + s - x / (s * s)).sum(),
        [rng.normal(size=(3, 4)), np.array(float(rng.uniform(0.5, 2.0)))],
    )
    assert tuple(tensors[1].shape) == ()
    assert np.asarray(tensors[1].grad).shape == ()


def test_broadcast_same_tensor_in_two_roles(check_tensor, rng):
    """Outer product of a vector with itself plus the vector: both broadcast paths accumulate."""
    check_tensor(
        lambda a: a.reshape((3, 1)) * a.reshape((1, 3)) + a,
        lambda a: a.reshape((3, 1)) * a.reshape((1, 3)) + a,
        [rng.normal(size=(3,))],
    )


def test_broadcast_bias_add_and_column_reduction(check_tensor, rng):
    check_tensor(
        lambda x, w, b: (x @ w + b).tanh().sum(axis=0),
        lambda x, w, b: np.tanh(x @ w + b).sum(axis=0),
        [rng.normal(size=(6, 3)), rng.normal(size=(3, 4)) * 0.5, rng.normal(size=(4,))],
    )


def test_broadcast_center_with_keepdims_mean(check_tensor, rng):
    check_tensor(
        lambda x: (x - x.mean(axis=1, keepdims=True)) * x,
        lambda x: (x - x.mean(axis=1, keepdims=True)) * x,
        [rng.normal(size=(4, 5))],
    )


def test_broadcast_layer_norm(check_tensor, rng):
    def ag_fn(x, gamma, beta):
        mu = x.mean(axis=-1, keepdims=True)
        xc = x - mu
        var = (xc**2).mean(axis=-1, keepdims=True)
        return xc / (var + 1e-5) ** 0.5 * gamma + beta

    def np_fn(x, gamma, beta):
        mu = x.mean(axis=-1, keepdims=True)
        xc = x - mu
        var = (xc**2).mean(axis=-1, keepdims=True)
        return xc / (var + 1e-5) ** 0.5 * gamma + beta

    check_tensor(ag_fn, np_fn, [rng.normal(size=(2, 3, 6)), rng.normal(size=(6,)), rng.normal(size=(6,))])


def test_broadcast_softmax_cross_entropy(check_tensor, rng):
    n, k = 6, 4
    labels = rng.integers(0, k, size=n)
    onehot = np.eye(k)[labels]

    def ag_fn(z):
        lse = z.exp().sum(axis=1, keepdims=True).log()
        return (lse - (z * onehot).sum(axis=1, keepdims=True)).mean()

    def np_fn(z):
        lse = np.log(np.exp(z).sum(axis=1, keepdims=True))
        return (lse - (z * onehot).sum(axis=1, keepdims=True)).mean()

    check_tensor(ag_fn, np_fn, [rng.normal(size=(n, k))])


def test_broadcast_pairwise_squared_distances(check_tensor, rng):
    check_tensor(
        lambda p: ((p.reshape((4, 1, 2)) - p.reshape((1, 4, 2))) ** 2).sum(axis=-1),
        lambda p: ((p.reshape((4, 1, 2)) - p.reshape((1, 4, 2))) ** 2).sum(axis=-1),
        [rng.normal(size=(4, 2))],
    )


BATCHED = [
    ((2, 3, 4), (4, 5)),
    ((3, 4), (2, 4, 5)),
    ((2, 3, 4), (2, 4, 5)),
    ((1, 3, 4), (2, 4, 2)),
    ((2, 1, 3, 4), (3, 4, 2)),
]


@pytest.mark.parametrize("shape_a,shape_b", BATCHED, ids=[f"{a}@{b}" for a, b in BATCHED])
def test_broadcast_batched_matmul(check_tensor, rng, shape_a, shape_b):
    tensors, _ = check_tensor(
        lambda a, b: a @ b,
        lambda a, b: np.matmul(a, b),
        [rng.normal(size=shape_a), rng.normal(size=shape_b)],
    )
    assert tuple(tensors[0].grad.shape) == shape_a
    assert tuple(tensors[1].grad.shape) == shape_b
