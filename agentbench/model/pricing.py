"""Price table: the shipped agentbench/data/prices.toml, overridden by a user file.

Unknown models get no cost (None) rather than a guess."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from agentbench.configfile import read_toml
from agentbench.errors import AgentbenchError
from agentbench.model.base import Usage

DEFAULT_CONTEXT_WINDOW = 128_000
PRICES_ENV = "AGENTBENCH_PRICES"
BUILTIN_PRICES = Path(__file__).resolve().parent.parent / "data" / "prices.toml"
_FIELDS = ("input", "cached_input", "output", "context_window")


class PriceTableError(AgentbenchError, ValueError):
    """A prices file that cannot be read or has a bad entry."""


@dataclass(frozen=True)
class Price:
    """USD per 1M tokens; any field may be missing in a partial (user) entry."""

    input: float | None = None
    cached_input: float | None = None
    output: float | None = None
    context_window: int | None = None

    def cost(self, usage: Usage) -> float | None:
        if self.input is None or self.output is None:
            return None
        cached_rate = self.input if self.cached_input is None else self.cached_input
        cached = min(max(usage.cached_tokens, 0), max(usage.input_tokens, 0))
        uncached = max(usage.input_tokens - cached, 0)
        return (uncached * self.input + cached * cached_rate + usage.output_tokens * self.output) / 1e6


class PriceTable:
    def __init__(self, entries: dict[str, Price] | None = None, sources: list[str] | None = None) -> None:
        self.entries: dict[str, Price] = dict(entries or {})
        self.sources: list[str] = list(sources or [])

    def get(self, spec: str) -> Price | None:
        return self.entries.get(spec)

    def cost(self, spec: str, usage: Usage) -> float | None:
        price = self.entries.get(spec)
        return price.cost(usage) if price else None

    def context_window(self, spec: str) -> int:
        price = self.entries.get(spec)
        if price is None or price.context_window is None:
            return DEFAULT_CONTEXT_WINDOW
        return price.context_window

    def merged(self, entries: dict[str, Price], source: str) -> PriceTable:
        """A new table where each given entry overrides the fields it sets."""
        out = dict(self.entries)
        for key, price in entries.items():
            base = out.get(key, Price())
            out[key] = replace(base, **{f: getattr(price, f) for f in _FIELDS if getattr(price, f) is not None})
        return PriceTable(out, self.sources + [source])


def _parse(data: dict, where: str) -> dict[str, Price]:
    entries: dict[str, Price] = {}
    for key, table in data.items():
        provider, slash, model = key.partition("/")
        if not slash or not provider or not model:
            raise PriceTableError(f'{where}: ["{key}"]: keys must look like "provider/model"')
        if not isinstance(table, dict):
            raise PriceTableError(f'{where}: ["{key}"]: must be a table of prices')
        values: dict[str, float | int] = {}
        for name, value in table.items():
            if name not in _FIELDS:
                expected = ", ".join(_FIELDS)
                raise PriceTableError(f'{where}: ["{key}"].{name}: unknown field (expected one of {expected})')
            if name == "context_window":
                if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                    raise PriceTableError(f'{where}: ["{key}"].context_window: must be a positive integer')
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise PriceTableError(f'{where}: ["{key}"].{name}: must be a non-negative number')
            values[name] = value if name == "context_window" else float(value)
        entries[key] = Price(**values)
    return entries


def _read_file(path: Path) -> dict[str, Price]:
    return _parse(read_toml(path, PriceTableError, "prices file"), str(path))


def builtin_prices() -> PriceTable:
    return PriceTable(_read_file(BUILTIN_PRICES), ["built-in"])


def load_prices(user_file: Path | None = None) -> PriceTable:
    """Built-in prices, then the file named by AGENTBENCH_PRICES, then `user_file`."""
    table = builtin_prices()
    env_file = os.environ.get(PRICES_ENV)
    for path in (Path(env_file) if env_file else None, Path(user_file) if user_file else None):
        if path is not None:
            table = table.merged(_read_file(path), str(path))
    return table
