# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `training`: autograd.nn (Module, Linear, MLP, SGD) and training
small networks.  Final losses are recomputed here with plain numpy from the
trained parameters."""

import time

import numpy as np
import pytest

pytestmark = pytest.mark.training

ACTIVATIONS = {"relu": lambda h: np.maximum(h, 0.0), "tanh": np.tanh}


def np_mlp(weights, biases, x, activation):
    """Plain numpy forward pass of an MLP."""
    h = x
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w + b
        if i < len(weights) - 1:
            h = ACTIVATIONS[activation](h)
    return h


def set_params(model, weights, biases):
    for layer, w, b in zip(model.layers, weights, biases):
        layer.weight.data = np.array(w, dtype=np.float64)
        layer.bias.data = np.array(b, dtype=np.float64)


def init_params(rng, sizes, gain):
    weights = [rng.normal(size=(m, n)) * gain / np.sqrt(m) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros(n) for n in sizes[1:]]
    return weights, biases


def test_linear_shapes_and_parameters(Tensor, nn):
    layer = nn.Linear(3, 5, rng=np.random.default_rng(0))
    assert isinstance(layer, nn.Module)
    assert isinstance(layer.weight, Tensor) and isinstance(layer.bias, Tensor)
    assert tuple(layer.weight.shape) == (3, 5)
    assert tuple(layer.bias.shape) == (5,)
    assert layer.weight.data.dtype == np.float64 and layer.bias.data.dtype == np.float64
    params = layer.parameters()
    assert len(params) == 2
    assert params[0] is layer.weight and params[1] is layer.bias


def test_linear_init_bounds_and_rng(nn, rng):
    seed = int(rng.integers(0, 2**31))
    fan_in = 7
    a = nn.Linear(fan_in, 4, rng=np.random.default_rng(seed))
    b = nn.Linear(fan_in, 4, rng=np.random.default_rng(seed))
    c = nn.Linear(fan_in, 4, rng=np.random.default_rng(seed + 1))
    bound = 1.0 / np.sqrt(fan_in)
    for p in a.parameters():
        assert np.all(np.abs(p.data) <= bound + 1e-12)
        assert np.unique(p.data).size == p.data.size  # random, not constant
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    np.testing.assert_array_equal(a.bias.data, b.bias.data)
    assert not np.array_equal(a.weight.data, c.weight.data)
    big = nn.Linear(400, 50, rng=np.random.default_rng(seed))
    w = big.weight.data
    assert np.abs(w).max() <= 0.05 + 1e-12
    assert np.abs(w).max() > 0.045  # spread over the whole interval
    assert abs(w.mean()) < 0.002


def test_linear_forward_and_gradients(check_tensor, nn, rng):
    layer = nn.Linear(3, 4, rng=np.random.default_rng(1))
    x = rng.normal(size=(5, 3))
    w = rng.normal(size=(3, 4))
    b = rng.normal(size=(4,))

    def ag_fn(xt, wt, bt):
        layer.weight = wt
        layer.bias = bt
        return layer(xt)

    check_tensor(ag_fn, lambda x_, w_, b_: x_ @ w_ + b_, [x, w, b])


def test_mlp_structure_and_parameter_order(Tensor, nn):
    model = nn.MLP([3, 8, 6, 2], rng=np.random.default_rng(0))
    assert isinstance(model, nn.Module)
    assert len(model.layers) == 3
    shapes = [(3, 8), (8, 6), (6, 2)]
    for layer, shape in zip(model.layers, shapes):
        assert isinstance(layer, nn.Linear)
        assert tuple(layer.weight.shape) == shape
        assert tuple(layer.bias.shape) == (shape[1],)
    params = model.parameters()
    expected = [p for layer in model.layers for p in (layer.weight, layer.bias)]
    assert len(params) == len(expected)
    assert all(p is q for p, q in zip(params, expected))
    assert all(isinstance(p, Tensor) for p in params)


@pytest.mark.parametrize("activation", ["default", "relu", "tanh"])
def test_mlp_forward_matches_numpy(Tensor, nn, rng, activation):
    sizes = [3, 7, 5, 2]
    if activation == "default":
        model = nn.MLP(sizes, rng=np.random.default_rng(3))
        activation = "relu"
    else:
        model = nn.MLP(sizes, activation=activation, rng=np.random.default_rng(3))
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=(n,)) for n in sizes[1:]]
    set_params(model, weights, biases)
    x = rng.normal(size=(6, 3))
    out = model(Tensor(x))
    assert isinstance(out, Tensor)
    assert tuple(out.shape) == (6, 2)
    np.testing.assert_allclose(out.data, np_mlp(weights, biases, x, activation), rtol=1e-9, atol=1e-12)


def test_mlp_parameter_gradients(Tensor, nn, fd, rng):
    sizes = [2, 5, 3]
    model = nn.MLP(sizes, activation="tanh", rng=np.random.default_rng(5))
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=(n,)) for n in sizes[1:]]
    set_params(model, weights, biases)
    x = rng.normal(size=(4, 2))
    target = rng.normal(size=(4, 3))

    loss = ((model(Tensor(x)) - target) ** 2).mean()
    loss.backward()

    def np_loss(w0, b0, w1, b1):
        return ((np_mlp([w0, w1], [b0, b1], x, "tanh") - target) ** 2).mean()

    refs = fd(np_loss, [weights[0], biases[0], weights[1], biases[1]])
    params = model.parameters()
    for i, (p, ref) in enumerate(zip(params, refs)):
        assert p.grad.shape == ref.shape
        np.testing.assert_allclose(p.grad, ref, rtol=1e-4, atol=1e-6, err_msg=f"parameter {i}")


def test_module_zero_grad(Tensor, nn, rng):
    model = nn.MLP([2, 4, 1], rng=np.random.default_rng(2))
    model(Tensor(rng.normal(size=(3, 2)))).sum().backward()
    assert any(np.abs(p.grad).sum() > 0 for p in model.parameters())
    model.zero_grad()
    for p in model.parameters():
        assert p.grad.shape == p.data.shape
        assert not np.any(p.grad)


def test_sgd_step_and_zero_grad(Tensor, nn, rng):
    a0, b0 = rng.normal(size=(2, 3)), rng.normal(size=(3,))
    ga, gb = rng.normal(size=(2, 3)), rng.normal(size=(3,))
    a, b = Tensor(a0), Tensor(b0)
    opt = nn.SGD([a, b], lr=0.1)
    a.grad = ga.copy()
    b.grad = gb.copy()
    opt.step()
    np.testing.assert_allclose(a.data, a0 - 0.1 * ga, rtol=1e-12)
    np.testing.assert_allclose(b.data, b0 - 0.1 * gb, rtol=1e-12)
    opt.zero_grad()
    assert not np.any(a.grad) and not np.any(b.grad)
    assert a.grad.shape == (2, 3) and b.grad.shape == (3,)


def test_sgd_momentum(Tensor, nn, rng):
    p0 = rng.normal(size=(4,))
    grads = [rng.normal(size=(4,)) for _ in range(3)]
    lr, mu = 0.05, 0.9
    p = Tensor(p0)
    opt = nn.SGD([p], lr=lr, momentum=mu)
    ref = p0.copy()
    velocity = np.zeros(4)
    for g in grads:
        opt.zero_grad()
        p.grad = g.copy()
        opt.step()
        velocity = mu * velocity + g
        ref = ref - lr * velocity
        np.testing.assert_allclose(p.data, ref, rtol=1e-12, atol=1e-14)


def test_train_xor_regression(Tensor, nn, rng):
    x = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    sizes = [2, 8, 1]
    model = nn.MLP(sizes, activation="tanh", rng=np.random.default_rng(int(rng.integers(2**31))))
    set_params(model, *init_params(rng, sizes, gain=1.0))
    opt = nn.SGD(model.parameters(), lr=0.1, momentum=0.9)
    xt = Tensor(x)
    start = time.monotonic()
    for _ in range(300):
        opt.zero_grad()
        loss = ((model(xt) - y) ** 2).mean()
        loss.backward()
        opt.step()
    assert time.monotonic() - start < 30.0
    weights = [layer.weight.data for layer in model.layers]
    biases = [layer.bias.data for layer in model.layers]
    final = ((np_mlp(weights, biases, x, "tanh") - y) ** 2).mean()
    assert final < 1e-3, f"XOR loss after 300 steps is {final:.4g}"
    assert float(loss.data) == pytest.approx(final, rel=0.5, abs=1e-3)


def make_moons(rng, n, noise):
    n_outer = n // 2
    n_inner = n - n_outer
    t_outer = rng.uniform(0.0, np.pi, size=n_outer)
    t_inner = rng.uniform(0.0, np.pi, size=n_inner)
    outer = np.stack([np.cos(t_outer), np.sin(t_outer)], axis=1)
    inner = np.stack([1.0 - np.cos(t_inner), 0.5 - np.sin(t_inner)], axis=1)
    x = np.concatenate([outer, inner]) + rng.normal(scale=noise, size=(n, 2))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    labels = np.concatenate([np.zeros(n_outer, dtype=int), np.ones(n_inner, dtype=int)])
    return x, labels


def test_train_moons_classifier(Tensor, nn, rng):
    x, labels = make_moons(rng, 200, noise=0.1)
    onehot = np.eye(2)[labels]
    sizes = [2, 16, 16, 2]
    model = nn.MLP(sizes, activation="relu", rng=np.random.default_rng(int(rng.integers(2**31))))
    set_params(model, *init_params(rng, sizes, gain=np.sqrt(2.0)))
    opt = nn.SGD(model.parameters(), lr=0.1, momentum=0.9)
    xt = Tensor(x)
    start = time.monotonic()
    for _ in range(400):
        opt.zero_grad()
        z = model(xt)
        z = z - z.data.max(axis=1, keepdims=True)  # constant shift for stability
        lse = z.exp().sum(axis=1, keepdims=True).log()
        loss = (lse - (z * onehot).sum(axis=1, keepdims=True)).mean()
        loss.backward()
        opt.step()
    assert time.monotonic() - start < 45.0
    weights = [layer.weight.data for layer in model.layers]
    biases = [layer.bias.data for layer in model.layers]
    logits = np_mlp(weights, biases, x, "relu")
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    final = -(log_probs * onehot).sum(axis=1).mean()
    accuracy = (logits.argmax(axis=1) == labels).mean()
    assert accuracy >= 0.98, f"moons accuracy {accuracy:.3f}"
    assert final < 0.05, f"moons cross-entropy {final:.4g}"
