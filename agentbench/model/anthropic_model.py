"""Anthropic Messages API (non-streaming, tool use) behind the Model interface."""

from __future__ import annotations

import json
import re
from typing import Any

import anthropic

from agentbench.model.base import (ContextOverflow, ModelError, ModelResponse, ToolCall, Usage, check_base_url,
                                   one_line, split_sdk_args)
from agentbench.model.pricing import PriceTable
from agentbench.model.provider import ProviderModel
from agentbench.model.retry import Failure, RetryPolicy, classify_status, run_with_retries

DEFAULT_MAX_TOKENS = 8192
_OVERFLOW_RE = re.compile(r"prompt is too long|exceeds? (the )?(model's )?context|context (window|length)")


def _text_block(text: str) -> list[dict]:
    return [{"type": "text", "text": text}] if text else []


class _Conversion:
    """Neutral messages -> (system, Anthropic messages). Consecutive same-role messages are
    merged, so a run of tool results (plus any user note after them) is one user message."""

    def __init__(self, thinking: dict[str, list[dict]]) -> None:
        self.thinking = thinking
        self.system: list[str] = []
        self.messages: list[dict] = []

    def add(self, role: str, blocks: list[dict]) -> None:
        if self.messages and self.messages[-1]["role"] == role:
            self.messages[-1]["content"].extend(blocks)
        else:
            self.messages.append({"role": role, "content": list(blocks)})

    def run(self, messages: list[dict]) -> tuple[str, list[dict]]:
        for m in messages:
            role, content = m["role"], m.get("content")
            if role == "system":
                self.system.append(content or "")
            elif role == "tool":
                block: dict[str, Any] = {"type": "tool_result", "tool_use_id": m["tool_call_id"]}
                if content:
                    block["content"] = content
                self.add("user", [block])
            elif role == "assistant":
                calls = [ToolCall.coerce(c) for c in m.get("tool_calls") or []]
                blocks = list(self.thinking.get(calls[0].id, [])) if calls else []
                blocks += _text_block(content or "")
                blocks += [{"type": "tool_use", "id": c.id, "name": c.name,
                            "input": c.arguments if c.arguments is not None else {}} for c in calls]
                self.add("assistant", blocks or _text_block("(no content)"))
            else:
                self.add("user", content if isinstance(content, list) else _text_block(content or ""))
        return "\n\n".join(s for s in self.system if s), self.messages


def to_anthropic_tools(tools: list[dict]) -> list[dict]:
    return [{"name": t["name"], "description": t.get("description", ""),
             "input_schema": t.get("parameters") or {"type": "object", "properties": {}}} for t in tools]


def classify_anthropic_error(exc: Exception, timeout_sec: float, secret: str | None = None) -> Failure | None:
    if isinstance(exc, anthropic.APITimeoutError):
        return Failure(ModelError("timeout", f"request timed out after {timeout_sec:g}s"), retryable=True)
    if isinstance(exc, anthropic.APIConnectionError):
        cause = exc.__cause__
        detail = f"{type(cause).__name__}: {cause}" if cause else exc.message
        return Failure(ModelError("connection", f"connection failed: {detail}"), retryable=True)
    if isinstance(exc, anthropic.APIStatusError):
        message = one_line(exc.api_message or exc.message, secret=secret)
        invalid = exc.status_code == 400 and exc.type in (None, "invalid_request_error")
        if invalid and _OVERFLOW_RE.search(message.lower()):
            return Failure(ContextOverflow(f"context window exceeded: {message}", status=400), retryable=False)
        return classify_status(exc.status_code, message, exc.response.headers)
    if isinstance(exc, anthropic.APIResponseValidationError):
        return Failure(ModelError("bad_response", f"unexpected response: {one_line(str(exc))}"), retryable=False)
    return None


def usage_from_anthropic(usage: Any) -> Usage:
    """Anthropic reports uncached input separately from cache reads and writes; we sum them."""
    if usage is None:
        return Usage()
    cache_read = getattr(usage, "cache_read_input_tokens", None) or 0
    cache_write = getattr(usage, "cache_creation_input_tokens", None) or 0
    details = getattr(usage, "output_tokens_details", None)
    return Usage(
        input_tokens=(getattr(usage, "input_tokens", None) or 0) + cache_read + cache_write,
        output_tokens=getattr(usage, "output_tokens", None) or 0,
        reasoning_tokens=(getattr(details, "thinking_tokens", None) or 0) if details else 0,
        cached_tokens=cache_read,
    )


class AnthropicModel(ProviderModel):
    """`base_url` falls back to ANTHROPIC_BASE_URL (as the SDK does), `api_key` to ANTHROPIC_API_KEY.

    Thinking blocks (extended thinking) must be sent back with the assistant turn that
    made the tool calls; the neutral message format has no place for them, so this
    object remembers them by tool-call id and re-inserts them."""

    provider, key_variable = "anthropic", "ANTHROPIC_API_KEY"

    def __init__(
        self,
        model_name: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        model_args: dict | None = None,
        retry: RetryPolicy | None = None,
        prices: PriceTable | None = None,
        timeout_sec: float = 600.0,
    ) -> None:
        key = self._setup(model_name, api_key, model_args, retry, prices, timeout_sec)
        self.max_tokens = int(self.model_args.pop("max_tokens", DEFAULT_MAX_TOKENS))
        self._client = anthropic.Anthropic(api_key=key, base_url=base_url, max_retries=0, timeout=timeout_sec)
        check_base_url(str(self._client.base_url))
        self._sdk_args = split_sdk_args(self._client.messages.create, self.model_args)
        self._thinking: dict[str, list[dict]] = {}

    @property
    def base_url(self) -> str:
        return str(self._client.base_url)

    def query(self, messages: list[dict], tools: list[dict]) -> ModelResponse:
        system, converted = _Conversion(self._thinking).run(messages)
        kwargs: dict[str, Any] = {"model": self.model_name, "max_tokens": self.max_tokens,
                                  "messages": converted, **self._sdk_args}
        if system:
            kwargs["system"] = system
        if tools:
            kwargs["tools"] = to_anthropic_tools(tools)
        message, attempts = run_with_retries(
            lambda: self._client.messages.create(**kwargs, timeout=self.timeout_sec),
            lambda exc: classify_anthropic_error(exc, self.timeout_sec, self._client.api_key),
            self.retry,
        )
        texts: list[str] = []
        calls: list[ToolCall] = []
        thinking: list[dict] = []
        for block in message.content:
            if block.type == "text":
                texts.append(block.text)
            elif block.type == "tool_use":
                raw = json.dumps(block.input, ensure_ascii=False)
                if isinstance(block.input, dict):
                    calls.append(ToolCall(block.id, block.name, block.input, raw))
                else:
                    calls.append(ToolCall(block.id, block.name, None, raw, "tool input is not a JSON object"))
            elif block.type == "thinking":
                thinking.append({"type": "thinking", "thinking": block.thinking, "signature": block.signature})
            elif block.type == "redacted_thinking":
                thinking.append({"type": "redacted_thinking", "data": block.data})
        if calls and thinking:
            self._thinking[calls[0].id] = thinking
        return self._response("".join(texts), calls, usage_from_anthropic(message.usage), message.stop_reason, attempts)

