"""Scalar `Value` and n-dimensional `Tensor` with reverse-mode autodiff.

Every operation records its inputs (`_prev`) and a `_backward` function that
maps the gradient of the result to the gradients of the inputs.  `backward()`
orders the graph topologically without recursion and accumulates each node's
gradient in a local table before adding it to the node's `.grad`.
"""

import math

import numpy as np


def _topological_order(root):
    """Nodes reachable from `root`, every node after all of its inputs."""
    order = []
    visited = set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for parent in node._prev:
            if id(parent) not in visited:
                stack.append((parent, False))
    return order


def _run_backward(root, seed, add):
    """Propagate `seed` from `root`; `add(a, b)` sums two gradients."""
    order = _topological_order(root)
    pending = {id(root): seed}
    for node in reversed(order):
        grad = pending.pop(id(node), None)
        if grad is None:
            continue
        node._accumulate(grad)
        if node._backward is None:
            continue
        for parent, parent_grad in zip(node._prev, node._backward(grad)):
            key = id(parent)
            if key in pending:
                pending[key] = add(pending[key], parent_grad)
            else:
                pending[key] = parent_grad


# --------------------------------------------------------------------------
# Value
# --------------------------------------------------------------------------


class Value:
    """A scalar (Python float) node of a computation graph."""

    def __init__(self, data, _prev=(), _backward=None):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_prev)
        self._backward = _backward

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _lift(other):
        return other if isinstance(other, Value) else Value(other)

    def _accumulate(self, grad):
        self.grad += grad

    # binary operations -------------------------------------------------
    def __add__(self, other):
        other = self._lift(other)
        return Value(self.data + other.data, (self, other), lambda g: (g, g))

    def __mul__(self, other):
        other = self._lift(other)
        a, b = self.data, other.data
        return Value(a * b, (self, other), lambda g: (g * b, g * a))

    def __sub__(self, other):
        other = self._lift(other)
        return Value(self.data - other.data, (self, other), lambda g: (g, -g))

    def __truediv__(self, other):
        other = self._lift(other)
        a, b = self.data, other.data
        return Value(a / b, (self, other), lambda g: (g / b, -g * a / (b * b)))

    def __pow__(self, exponent):
        if isinstance(exponent, Value):
            raise TypeError("the exponent must be an int or a float")
        k = float(exponent)
        a = self.data
        return Value(a**k, (self,), lambda g: (g * k * a ** (k - 1.0),))

    def __neg__(self):
        return Value(-self.data, (self,), lambda g: (-g,))

    def __radd__(self, other):
        return self._lift(other) + self

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rmul__(self, other):
        return self._lift(other) * self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    # unary functions ---------------------------------------------------
    def relu(self):
        mask = 1.0 if self.data > 0 else 0.0
        return Value(self.data * mask, (self,), lambda g: (g * mask,))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), lambda g: (g * (1.0 - t * t),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), lambda g: (g * e,))

    def log(self):
        a = self.data
        return Value(math.log(a), (self,), lambda g: (g / a,))

    # graph utilities -----------------------------------------------------
    def backward(self):
        _run_backward(self, 1.0, lambda x, y: x + y)

    def zero_grad(self):
        self.grad = 0.0

    def detach(self):
        return Value(self.data)


# --------------------------------------------------------------------------
# Tensor
# --------------------------------------------------------------------------


def _unbroadcast(grad, shape):
    """Sum `grad` over the axes along which an input of `shape` was broadcast."""
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)


def _normalize_axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = tuple(int(a) for a in axis)
    else:
        axes = (int(axis),)
    normalized = []
    for a in axes:
        if not -ndim <= a < max(ndim, 1):
            raise ValueError(f"axis {a} is out of bounds for {ndim} dimensions")
        normalized.append(a % ndim if ndim else 0)
    if len(set(normalized)) != len(normalized):
        raise ValueError("repeated axis")
    return tuple(sorted(normalized))


class Tensor:
    """An n-dimensional float64 array node of a computation graph."""

    # Let `ndarray <op> Tensor` fall through to the Tensor's reflected method.
    __array_ufunc__ = None

    def __init__(self, data, _prev=(), _backward=None):
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros(self.data.shape, dtype=np.float64)
        self._prev = tuple(_prev)
        self._backward = _backward

    def __repr__(self):
        return f"Tensor(shape={self.shape}, data={self.data!r})"

    @property
    def shape(self):
        return self.data.shape

    @property
    def ndim(self):
        return self.data.ndim

    @staticmethod
    def _lift(other):
        return other if isinstance(other, Tensor) else Tensor(other)

    def _accumulate(self, grad):
        if self.grad.shape != self.data.shape:
            self.grad = np.zeros(self.data.shape, dtype=np.float64)
        self.grad = self.grad + grad

    # binary operations (numpy broadcasting) ------------------------------
    def __add__(self, other):
        other = self._lift(other)
        sa, sb = self.shape, other.shape

        def backward(g):
            return _unbroadcast(g, sa), _unbroadcast(g, sb)

        return Tensor(self.data + other.data, (self, other), backward)

    def __sub__(self, other):
        other = self._lift(other)
        sa, sb = self.shape, other.shape

        def backward(g):
            return _unbroadcast(g, sa), _unbroadcast(-g, sb)

        return Tensor(self.data - other.data, (self, other), backward)

    def __mul__(self, other):
        other = self._lift(other)
        a, b = self.data, other.data

        def backward(g):
            return _unbroadcast(g * b, a.shape), _unbroadcast(g * a, b.shape)

        return Tensor(a * b, (self, other), backward)

    def __truediv__(self, other):
        other = self._lift(other)
        a, b = self.data, other.data

        def backward(g):
            return (
                _unbroadcast(g / b, a.shape),
                _unbroadcast(-g * a / (b * b), b.shape),
            )

        return Tensor(a / b, (self, other), backward)

    def __pow__(self, exponent):
        if isinstance(exponent, Tensor):
            raise TypeError("the exponent must be an int or a float")
        k = float(exponent)
        a = self.data

        def backward(g):
            return (g * k * np.power(a, k - 1.0),)

        return Tensor(np.power(a, k), (self,), backward)

    def __matmul__(self, other):
        other = self._lift(other)
        a, b = self.data, other.data
        if a.ndim < 2 or b.ndim < 2:
            raise ValueError("matmul needs operands with at least 2 dimensions")

        def backward(g):
            ga = np.matmul(g, np.swapaxes(b, -1, -2))
            gb = np.matmul(np.swapaxes(a, -1, -2), g)
            return _unbroadcast(ga, a.shape), _unbroadcast(gb, b.shape)

        return Tensor(np.matmul(a, b), (self, other), backward)

    def __neg__(self):
        return Tensor(-self.data, (self,), lambda g: (-g,))

    def __radd__(self, other):
        return self._lift(other) + self

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rmul__(self, other):
        return self._lift(other) * self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __rmatmul__(self, other):
        return self._lift(other) @ self

    # elementwise functions -----------------------------------------------
    def relu(self):
        mask = (self.data > 0).astype(np.float64)
        return Tensor(self.data * mask, (self,), lambda g: (g * mask,))

    def tanh(self):
        t = np.tanh(self.data)
        return Tensor(t, (self,), lambda g: (g * (1.0 - t * t),))

    def exp(self):
        e = np.exp(self.data)
        return Tensor(e, (self,), lambda g: (g * e,))

    def log(self):
        a = self.data
        return Tensor(np.log(a), (self,), lambda g: (g / a,))

    # reductions ----------------------------------------------------------
    def sum(self, axis=None, keepdims=False):
        shape = self.shape
        axes = _normalize_axes(axis, self.ndim)
        kept = tuple(1 if i in axes else n for i, n in enumerate(shape))

        def backward(g):
            return (np.broadcast_to(np.reshape(g, kept), shape).copy(),)

        out = np.sum(self.data, axis=axes, keepdims=keepdims)
        return Tensor(out, (self,), backward)

    def mean(self, axis=None, keepdims=False):
        axes = _normalize_axes(axis, self.ndim)
        count = 1
        for a in axes:
            count *= self.shape[a]
        return self.sum(axis=axes, keepdims=keepdims) * (1.0 / count)

    # shape operations ----------------------------------------------------
    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        original = self.shape
        out = np.reshape(self.data, shape)
        return Tensor(out, (self,), lambda g: (np.reshape(g, original),))

    def transpose(self, axes=None):
        if axes is None:
            axes = tuple(reversed(range(self.ndim)))
        else:
            axes = tuple(int(a) % self.ndim for a in axes)
        inverse = tuple(np.argsort(axes))
        out = np.transpose(self.data, axes)
        return Tensor(out, (self,), lambda g: (np.transpose(g, inverse),))

    @property
    def T(self):
        return self.transpose()

    # graph utilities -----------------------------------------------------
    def backward(self, grad=None):
        if grad is None:
            if self.data.size != 1:
                raise RuntimeError(
                    "backward() without a gradient needs a single-element tensor, "
                    f"got shape {self.shape}"
                )
            seed = np.ones(self.shape, dtype=np.float64)
        else:
            seed = np.array(grad, dtype=np.float64)
            if seed.shape != self.shape:
                raise ValueError(
                    f"gradient of shape {seed.shape} for a tensor of shape {self.shape}"
                )
        _run_backward(self, seed, lambda x, y: x + y)

    def zero_grad(self):
        self.grad = np.zeros(self.data.shape, dtype=np.float64)

    def detach(self):
        return Tensor(self.data.copy())
