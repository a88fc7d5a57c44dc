"""Provider-neutral model layer: OpenAI and Anthropic behind one `Model.query` call.

The provider classes import their SDKs, which is slow; they load on first use.
"""

from agentbench.model.base import ContextOverflow, Model, ModelError, ModelResponse, ToolCall, Usage
from agentbench.model.pricing import DEFAULT_CONTEXT_WINDOW, Price, PriceTable, PriceTableError, load_prices
from agentbench.model.retry import RetryPolicy

_LAZY = {
    "AnthropicModel": "agentbench.model.anthropic_model",
    "OpenAIModel": "agentbench.model.openai_model",
    "make_model": "agentbench.model.registry",
    "parse_model_args": "agentbench.model.registry",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "AnthropicModel", "ContextOverflow", "DEFAULT_CONTEXT_WINDOW", "Model", "ModelError", "ModelResponse",
    "OpenAIModel", "Price", "PriceTable", "PriceTableError", "RetryPolicy", "ToolCall", "Usage",
    "load_prices", "make_model", "parse_model_args",
]
