"""OpenAI Chat Completions (non-streaming, function tools) behind the Model interface."""

from __future__ import annotations

from typing import Any

import openai

from agentbench.model.base import (ContextOverflow, ModelError, ModelResponse, ToolCall, Usage, check_base_url,
                                   one_line, split_sdk_args)
from agentbench.model.pricing import PriceTable
from agentbench.model.provider import ProviderModel
from agentbench.model.retry import Failure, RetryPolicy, classify_status, run_with_retries

def to_openai_messages(messages: list[dict]) -> list[dict]:
    out: list[dict] = []
    for m in messages:
        role = m["role"]
        if role == "assistant":
            calls = [ToolCall.coerce(c) for c in m.get("tool_calls") or []]
            msg: dict[str, Any] = {"role": "assistant", "content": m.get("content") or (None if calls else "")}
            if calls:
                msg["tool_calls"] = [
                    {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.raw_arguments}}
                    for c in calls
                ]
            out.append(msg)
        elif role == "tool":
            out.append({"role": "tool", "tool_call_id": m["tool_call_id"], "content": m.get("content") or ""})
        else:
            out.append({"role": role, "content": m.get("content") or ""})
    return out


def to_openai_tools(tools: list[dict]) -> list[dict]:
    return [
        {"type": "function", "function": {"name": t["name"], "description": t.get("description", ""),
                                          "parameters": t.get("parameters") or {"type": "object", "properties": {}}}}
        for t in tools
    ]


def _is_context_overflow(exc: openai.APIStatusError, message: str) -> bool:
    if exc.status_code != 400:
        return False
    text = message.lower()
    return exc.code == "context_length_exceeded" or any(
        s in text for s in ("maximum context length", "context_length_exceeded"))


def _error_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return exc.message


def classify_openai_error(exc: Exception, timeout_sec: float, secret: str | None = None) -> Failure | None:
    if isinstance(exc, openai.APITimeoutError):
        return Failure(ModelError("timeout", f"request timed out after {timeout_sec:g}s"), retryable=True)
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        detail = f"{type(cause).__name__}: {cause}" if cause else exc.message
        return Failure(ModelError("connection", f"connection failed: {detail}"), retryable=True)
    if isinstance(exc, openai.APIStatusError):
        message = one_line(_error_message(exc), secret=secret)
        if _is_context_overflow(exc, message):
            return Failure(ContextOverflow(f"context window exceeded: {message}", status=400), retryable=False)
        return classify_status(exc.status_code, message, exc.response.headers)
    if isinstance(exc, openai.APIResponseValidationError):
        return Failure(ModelError("bad_response", f"unexpected response: {one_line(str(exc))}"), retryable=False)
    return None


def usage_from_openai(usage: Any) -> Usage:
    if usage is None:
        return Usage()
    prompt = getattr(usage, "prompt_tokens_details", None)
    completion = getattr(usage, "completion_tokens_details", None)
    return Usage(
        input_tokens=getattr(usage, "prompt_tokens", None) or 0,
        output_tokens=getattr(usage, "completion_tokens", None) or 0,
        reasoning_tokens=(getattr(completion, "reasoning_tokens", None) or 0) if completion else 0,
        cached_tokens=(getattr(prompt, "cached_tokens", None) or 0) if prompt else 0,
    )


class OpenAIModel(ProviderModel):
    """`base_url` falls back to OPENAI_BASE_URL (as the SDK does), `api_key` to OPENAI_API_KEY."""

    provider, key_variable = "openai", "OPENAI_API_KEY"

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
        self._client = openai.OpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=timeout_sec)
        check_base_url(str(self._client.base_url))
        self._sdk_args = split_sdk_args(self._client.chat.completions.create, self.model_args)

    @property
    def base_url(self) -> str:
        return str(self._client.base_url)

    def query(self, messages: list[dict], tools: list[dict]) -> ModelResponse:
        kwargs: dict[str, Any] = {"model": self.model_name, "messages": to_openai_messages(messages), **self._sdk_args}
        if tools:
            kwargs["tools"] = to_openai_tools(tools)
        completion, attempts = run_with_retries(
            lambda: self._client.chat.completions.create(**kwargs),
            lambda exc: classify_openai_error(exc, self.timeout_sec, self._client.api_key),
            self.retry,
        )
        if not completion.choices:
            raise ModelError("bad_response", "response has no choices")
        choice = completion.choices[0]
        message = choice.message
        calls = []
        for tc in message.tool_calls or []:
            if tc.type == "function":
                calls.append(ToolCall.from_raw(tc.id, tc.function.name, tc.function.arguments))
            else:
                calls.append(ToolCall.from_raw(tc.id, tc.custom.name, tc.custom.input))
        text = message.content or getattr(message, "refusal", None) or ""
        return self._response(text, calls, usage_from_openai(completion.usage), choice.finish_reason, attempts)
