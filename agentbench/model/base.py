"""Provider-neutral model interface: messages in, text + tool calls + usage out."""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass, fields
from typing import Any, Callable, Protocol, runtime_checkable


@dataclass
class ToolCall:
    id: str
    name: str
    arguments: dict | None  # None when the raw text is not a JSON object
    raw_arguments: str  # exactly as the model produced it
    parse_error: str | None = None

    @classmethod
    def from_raw(cls, id: str, name: str, raw_arguments: str | None) -> ToolCall:
        raw = raw_arguments or ""
        arguments, error = parse_arguments(raw)
        return cls(id=id, name=name, arguments=arguments, raw_arguments=raw, parse_error=error)

    @classmethod
    def coerce(cls, value: ToolCall | dict) -> ToolCall:
        """Accept a ToolCall or its dict form (e.g. read back from a saved trajectory)."""
        if isinstance(value, ToolCall):
            return value
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in value.items() if k in names})


def parse_arguments(raw: str) -> tuple[dict | None, str | None]:
    """Parse tool-call arguments; an empty string counts as no arguments ({})."""
    if not raw.strip():
        return {}, None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as e:
        return None, f"arguments are not valid JSON: {e.msg} (line {e.lineno} column {e.colno})"
    if not isinstance(value, dict):
        return None, f"arguments are not a JSON object (got {type(value).__name__})"
    return value, None


@dataclass
class Usage:
    input_tokens: int = 0  # prompt tokens as the provider reports them, cached included
    output_tokens: int = 0  # reasoning included
    reasoning_tokens: int = 0
    cached_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        if not isinstance(other, Usage):
            return NotImplemented
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            reasoning_tokens=self.reasoning_tokens + other.reasoning_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
        )

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass
class ModelResponse:
    text: str
    tool_calls: list[ToolCall]
    usage: Usage
    stop_reason: str | None
    latency_sec: float  # time of the successful request only
    retries: int  # failed tries before it
    backoff_sec: float  # time slept in backoff before it (not charged to the agent)
    cost_usd: float | None  # from the price table; None for an unknown model


@runtime_checkable
class Model(Protocol):
    spec: str
    context_window: int

    def query(self, messages: list[dict], tools: list[dict]) -> ModelResponse: ...


_SECRET_RE = re.compile(r"\b(sk-[\w*.-]{4,}|sk_[\w*.-]{4,})")


def one_line(text: str, limit: int = 400, secret: str | None = None) -> str:
    """Collapse whitespace, redact anything key-like, and cap the length."""
    if secret and len(secret) >= 8:
        text = text.replace(secret, "[redacted]")
    text = _SECRET_RE.sub("[redacted]", " ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ModelError(Exception):
    """A failed model request. `kind` is machine-readable: auth, not_found, bad_request,
    context_overflow, rate_limited, server_error, timeout, connection, bad_response,
    api_error, retries_exhausted."""

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        self.kind = kind
        self.message = one_line(message)
        self.status = status
        super().__init__(self.message)


class ContextOverflow(ModelError):
    """The request does not fit the model's context window."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__("context_overflow", message, status=status)


RESERVED_ARGS = frozenset({"model", "messages", "tools", "stream", "system", "timeout"})


def check_model_args(model_args: dict | None) -> dict:
    """A copy of the user's model args, refusing the ones the model layer sets itself."""
    args = dict(model_args or {})
    bad = sorted(RESERVED_ARGS & args.keys())
    if bad:
        raise ValueError(f"model args may not set {', '.join(bad)} (agentbench sets them)")
    return args


def check_base_url(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base URL {url!r} must start with http:// or https://")


def split_sdk_args(create: Callable[..., Any], args: dict) -> dict:
    """Keyword args for an SDK `create` call: the ones it names go as they are, the rest
    in `extra_body`, so a model arg the pinned SDK does not know still reaches the API."""
    known = set(inspect.signature(create).parameters)
    out = {k: v for k, v in args.items() if k in known and k != "extra_body"}
    extra = {k: v for k, v in args.items() if k not in known}
    extra.update(args.get("extra_body") or {})
    if extra:
        out["extra_body"] = extra
    return out
