"""What the SDK-backed models share: key lookup, settings, and building the response."""

from __future__ import annotations

import os

from agentbench.model.base import ModelError, ModelResponse, ToolCall, Usage, check_model_args
from agentbench.model.pricing import PriceTable, load_prices
from agentbench.model.retry import Attempts, RetryPolicy


class ProviderModel:
    provider = ""  # "openai" or "anthropic"
    key_variable = ""  # the environment variable holding the API key

    def _setup(self, model_name: str, api_key: str | None, model_args: dict | None, retry: RetryPolicy | None,
               prices: PriceTable | None, timeout_sec: float) -> str:
        """Sets the common attributes and returns the API key (from the argument or the environment)."""
        key = api_key or os.environ.get(self.key_variable)
        if not key:
            raise ModelError("auth", f"{self.key_variable} is not set (any non-empty value works for servers that ignore it)")
        self.model_name = model_name
        self.spec = f"{self.provider}/{model_name}"
        self.model_args = check_model_args(model_args)
        self.retry = retry or RetryPolicy()
        self.prices = prices if prices is not None else load_prices()
        self.context_window = self.prices.context_window(self.spec)
        self.timeout_sec = timeout_sec
        return key

    def _response(self, text: str, calls: list[ToolCall], usage: Usage, stop_reason: str | None, attempts: Attempts) -> ModelResponse:
        return ModelResponse(
            text=text, tool_calls=calls, usage=usage, stop_reason=stop_reason, latency_sec=attempts.latency_sec,
            retries=attempts.retries, backoff_sec=attempts.backoff_sec, cost_usd=self.prices.cost(self.spec, usage),
        )
