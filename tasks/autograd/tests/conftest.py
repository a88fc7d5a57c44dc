# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `autograd` suite.

The agent's package is imported inside fixtures only, so a missing or broken
package fails every test while collection still succeeds.  Reference
gradients are central finite differences of plain numpy / math code written
here, never of the agent's code.
"""

import os
import signal
import zlib

import numpy as np
import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "scalar": "scalar Value: arithmetic, unary functions, backward, accumulation, depth",
    "tensor": "Tensor: elementwise ops, reductions, matmul, reshape/transpose, backward semantics",
    "broadcasting": "Tensor broadcasting: gradients reduced to input shapes, batched matmul, composites",
    "training": "autograd.nn: Linear, MLP, SGD and training small networks",
}

# Per-test wall-clock limits (seconds); the reference needs a fraction of this.
DEFAULT_TIME_LIMIT = 20
TRAINING_TIME_LIMIT = 60

EPS = 1e-6
RTOL = 1e-4
ATOL = 1e-6


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit(request):
    """Fail (instead of hanging the whole run) when one test takes too long."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return
    limit = TRAINING_TIME_LIMIT if request.node.get_closest_marker("training") else DEFAULT_TIME_LIMIT

    def on_alarm(signum, frame):
        raise _TimeLimit(f"test exceeded its time limit of {limit} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def rng(request):
    """A generator seeded by AGENTBENCH_SEED and the test's id."""
    return np.random.default_rng([SEED, zlib.crc32(request.node.nodeid.encode())])


@pytest.fixture
def ag():
    import autograd

    return autograd


@pytest.fixture
def Value(ag):
    return ag.Value


@pytest.fixture
def Tensor(ag):
    return ag.Tensor


@pytest.fixture
def nn(ag):
    import autograd.nn as nn

    return nn


# ---------------------------------------------------------------------------
# finite-difference references (numpy / math only)
# ---------------------------------------------------------------------------


def numeric_grads(f, arrays, eps=EPS):
    """Central differences of the scalar function f(*arrays) w.r.t. each array."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    grads = []
    for a in arrays:
        g = np.zeros(a.shape, dtype=np.float64)
        for idx in np.ndindex(a.shape):
            orig = a[idx]
            a[idx] = orig + eps
            f_plus = float(f(*arrays))
            a[idx] = orig - eps
            f_minus = float(f(*arrays))
            a[idx] = orig
            g[idx] = (f_plus - f_minus) / (2.0 * eps)
        grads.append(g)
    return grads


def numeric_grads_scalar(f, xs, eps=EPS):
    """Central differences of f(*floats) w.r.t. each float."""
    xs = [float(x) for x in xs]
    grads = []
    for i in range(len(xs)):
        plus = list(xs)
        minus = list(xs)
        plus[i] += eps
        minus[i] -= eps
        grads.append((f(*plus) - f(*minus)) / (2.0 * eps))
    return grads


def _as_array(x):
    return np.asarray(x, dtype=np.float64)


@pytest.fixture
def check_tensor(Tensor, rng):
    """check(ag_fn, np_fn, arrays): forward values and gradients of every input.

    A scalar output is differentiated with backward(); any other output with
    backward(w) for a random w of its shape, against finite differences of
    sum(w * np_fn(...)).
    """

    def check(ag_fn, np_fn, arrays):
        arrays = [np.array(a, dtype=np.float64) for a in arrays]
        tensors = [Tensor(a.copy()) for a in arrays]
        out = ag_fn(*tensors)
        expected = _as_array(np_fn(*[a.copy() for a in arrays]))
        assert isinstance(out, Tensor), f"expected a Tensor, got {type(out).__name__}"
        assert tuple(out.shape) == expected.shape, f"output shape {tuple(out.shape)} != {expected.shape}"
        np.testing.assert_allclose(_as_array(out.data), expected, rtol=1e-7, atol=1e-10, err_msg="forward value")
        if expected.shape == ():
            weight = np.array(1.0)
            out.backward()
        else:
            weight = rng.normal(size=expected.shape)
            out.backward(weight.copy())
        refs = numeric_grads(lambda *xs: np.sum(weight * np_fn(*xs)), arrays)
        for i, (t, ref) in enumerate(zip(tensors, refs)):
            got = _as_array(t.grad)
            assert got.shape == ref.shape, f"input {i}: grad shape {got.shape} != input shape {ref.shape}"
            np.testing.assert_allclose(got, ref, rtol=RTOL, atol=ATOL, err_msg=f"gradient of input {i}")
        return tensors, out

    return check


@pytest.fixture
def check_value(Value):
    """check(ag_fn, py_fn, xs): forward value and gradient of each scalar input."""

    def check(ag_fn, py_fn, xs):
        xs = [float(x) for x in xs]
        values = [Value(x) for x in xs]
        out = ag_fn(*values)
        assert isinstance(out, Value), f"expected a Value, got {type(out).__name__}"
        assert out.data == pytest.approx(py_fn(*xs), rel=1e-9, abs=1e-12)
        out.backward()
        refs = numeric_grads_scalar(py_fn, xs)
        for i, (v, ref) in enumerate(zip(values, refs)):
            assert float(v.grad) == pytest.approx(ref, rel=RTOL, abs=ATOL), f"gradient of input {i}"
        return values, out

    return check


@pytest.fixture
def fd():
    """numeric_grads(f, arrays) for tests that build their own references."""
    return numeric_grads


@pytest.fixture
def fd_scalar():
    """numeric_grads_scalar(f, xs) for tests that build their own references."""
    return numeric_grads_scalar
