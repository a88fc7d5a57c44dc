"""Provider-neutral model layer: OpenAI and Anthropic behind one `Model.query` call."""

from agentbench.model.anthropic_model import AnthropicModel
from agentbench.model.base import ContextOverflow, Model, ModelError, ModelResponse, ToolCall, Usage
from agentbench.model.openai_model import OpenAIModel
from agentbench.model.pricing import DEFAULT_CONTEXT_WINDOW, Price, PriceTable, PriceTableError, load_prices
from agentbench.model.registry import make_model, parse_model_args
from agentbench.model.retry import RetryPolicy

__all__ = [
    "AnthropicModel", "ContextOverflow", "DEFAULT_CONTEXT_WINDOW", "Model", "ModelError", "ModelResponse",
    "OpenAIModel", "Price", "PriceTable", "PriceTableError", "RetryPolicy", "ToolCall", "Usage",
    "load_prices", "make_model", "parse_model_args",
]
