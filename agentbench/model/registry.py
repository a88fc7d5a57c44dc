"""Model specs ("provider/model") to Model objects, and --model-arg KEY=VALUE parsing."""

from __future__ import annotations

import importlib
import json
from typing import Iterable

from agentbench.model.base import Model
from agentbench.model.pricing import PriceTable
from agentbench.model.retry import RetryPolicy

PROVIDERS = {"openai": "agentbench.model.openai_model:OpenAIModel", "anthropic": "agentbench.model.anthropic_model:AnthropicModel"}


def make_model(
    spec: str,
    *,
    base_url: str | None = None,
    model_args: dict | None = None,
    retry: RetryPolicy | None = None,
    prices: PriceTable | None = None,
    timeout_sec: float = 600,
) -> Model:
    provider, slash, name = spec.partition("/")
    if not slash or not name or provider not in PROVIDERS:
        valid = ", ".join(f"{p}/<model>" for p in PROVIDERS)
        raise ValueError(f"unknown model spec {spec!r}: expected one of {valid}")
    module, _, cls = PROVIDERS[provider].partition(":")
    provider_class = getattr(importlib.import_module(module), cls)  # the SDKs load only when used
    return provider_class(
        name, base_url=base_url, model_args=model_args, retry=retry, prices=prices, timeout_sec=timeout_sec
    )


def parse_model_args(pairs: Iterable[str]) -> dict:
    """["temperature=0.2", "reasoning_effort=high"] -> {"temperature": 0.2, "reasoning_effort": "high"}.

    A value is parsed as JSON when it parses, else kept as a string."""
    args: dict = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        key = key.strip()
        if not eq or not key:
            raise ValueError(f"model arg {pair!r} is not KEY=VALUE")
        try:
            args[key] = json.loads(value)
        except json.JSONDecodeError:
            args[key] = value
    return args
