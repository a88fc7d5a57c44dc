"""Minimal neural-network building blocks on top of `Tensor`."""

import numpy as np

from .engine import Tensor


class Module:
    def parameters(self):
        return []

    def zero_grad(self):
        for p in self.parameters():
            p.zero_grad()


class Linear(Module):
    def __init__(self, in_features, out_features, rng=None):
        if rng is None:
            rng = np.random.default_rng()
        bound = 1.0 / np.sqrt(in_features)
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Tensor(rng.uniform(-bound, bound, size=(in_features, out_features)))
        self.bias = Tensor(rng.uniform(-bound, bound, size=(out_features,)))

    def __call__(self, x):
        return x @ self.weight + self.bias

    def parameters(self):
        return [self.weight, self.bias]


class MLP(Module):
    def __init__(self, sizes, activation="relu", rng=None):
        sizes = list(sizes)
        if len(sizes) < 2:
            raise ValueError("an MLP needs at least an input and an output size")
        if activation not in ("relu", "tanh"):
            raise ValueError(f"unknown activation {activation!r}")
        if rng is None:
            rng = np.random.default_rng()
        self.activation = activation
        self.layers = [
            Linear(n_in, n_out, rng=rng) for n_in, n_out in zip(sizes[:-1], sizes[1:])
        ]

    def __call__(self, x):
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < last:
                x = x.relu() if self.activation == "relu" else x.tanh()
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


class SGD:
    def __init__(self, params, lr, momentum=0.0):
        self.params = list(params)
        self.lr = float(lr)
        self.momentum = float(momentum)
        self.velocity = [np.zeros(p.data.shape, dtype=np.float64) for p in self.params]

    def step(self):
        for i, p in enumerate(self.params):
            step = p.grad
            if self.momentum:
                self.velocity[i] = self.momentum * self.velocity[i] + p.grad
                step = self.velocity[i]
            p.data = p.data - self.lr * step

    def zero_grad(self):
        for p in self.params:
            p.zero_grad()
