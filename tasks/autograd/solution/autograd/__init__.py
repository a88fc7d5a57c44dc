"""A small reverse-mode automatic differentiation engine."""

from .engine import Tensor, Value

__all__ = ["Tensor", "Value"]
