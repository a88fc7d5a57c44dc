"""Request parsing and response/error bodies for the two wire protocols the mock speaks."""

from __future__ import annotations

import hashlib
import json
import time
import uuid

from agentbench.mock_model.script import Fault, Turn

OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"
CONTEXT_LIMIT = 200_000
EXHAUSTED_TEXT = "script exhausted"


def _text(content: object) -> str:
    """Text of a message content: a string, or a list of text parts/blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    return ""


class Request:
    """What the mock needs from a request body, for either protocol."""

    def __init__(self, path: str, body: dict) -> None:
        self.path = path
        self.body = body
        self.model = str(body.get("model", "mock"))
        messages = body.get("messages") if isinstance(body.get("messages"), list) else []
        messages = [m for m in messages if isinstance(m, dict)]
        if path == OPENAI_PATH:
            system = [m for m in messages if m.get("role") in ("system", "developer")]
            self.system = "\n".join(_text(m.get("content")) for m in system)
        else:
            self.system = _text(body.get("system"))
        self.first_user = next((_text(m.get("content")) for m in messages if m.get("role") == "user"), "")
        self.turn_index = sum(1 for m in messages if m.get("role") == "assistant")
        counted = json.dumps([body.get("system"), messages, body.get("tools")], sort_keys=True)
        self.input_estimate = max(1, len(counted) // 4)

    def conversation_key(self, header: str | None) -> str:
        if header:
            return header
        return hashlib.sha256(f"{self.system}\0{self.first_user}".encode()).hexdigest()[:16]


def usage_numbers(turn: Turn | None, text: str, request: Request) -> dict[str, int]:
    """Scripted usage where given, else chars/4 of the request and of the answer."""
    scripted = turn.usage if turn else None
    out_chars = len(text) + sum(len(c.name) + len(c.raw()) for c in (turn.tool_calls if turn else []))
    input_tokens = request.input_estimate
    output_tokens = max(1, out_chars // 4)
    if scripted and scripted.input_tokens is not None:
        input_tokens = scripted.input_tokens
    if scripted and scripted.output_tokens is not None:
        output_tokens = scripted.output_tokens
    return {
        "input": input_tokens,
        "output": output_tokens,
        "reasoning": scripted.reasoning_tokens if scripted else 0,
        "cached": min(scripted.cached_tokens, input_tokens) if scripted else 0,
    }


def openai_response(request: Request, turn: Turn | None, turn_index: int) -> dict:
    text = turn.text if turn else EXHAUSTED_TEXT
    calls = turn.tool_calls if turn else []
    u = usage_numbers(turn, text, request)
    message: dict = {"role": "assistant", "content": text or None, "refusal": None}
    if calls:
        message["tool_calls"] = [
            {"id": c.id or f"call_mock_{turn_index}_{i}", "type": "function",
             "function": {"name": c.name, "arguments": c.raw()}}
            for i, c in enumerate(calls)
        ]
    return {
        "id": f"chatcmpl-mock-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.model,
        "system_fingerprint": "agentbench-mock",
        "choices": [{"index": 0, "message": message, "logprobs": None,
                     "finish_reason": "tool_calls" if calls else "stop"}],
        "usage": {
            "prompt_tokens": u["input"],
            "completion_tokens": u["output"],
            "total_tokens": u["input"] + u["output"],
            "prompt_tokens_details": {"cached_tokens": u["cached"]},
            "completion_tokens_details": {"reasoning_tokens": u["reasoning"]},
        },
    }


def anthropic_response(request: Request, turn: Turn | None, turn_index: int) -> dict:
    """Malformed raw_arguments cannot be expressed here (tool_use input is an object): sent as {}."""
    text = turn.text if turn else EXHAUSTED_TEXT
    calls = turn.tool_calls if turn else []
    u = usage_numbers(turn, text, request)
    content: list[dict] = []
    if turn and turn.thinking:
        content.append({"type": "thinking", "thinking": turn.thinking, "signature": f"mock-signature-{turn_index}"})
    if text:
        content.append({"type": "text", "text": text})
    content += [{"type": "tool_use", "id": c.id or f"toolu_mock_{turn_index}_{i}", "name": c.name,
                 "input": c.input_object()} for i, c in enumerate(calls)]
    usage: dict = {
        "input_tokens": u["input"] - u["cached"],
        "output_tokens": u["output"],
        "cache_read_input_tokens": u["cached"],
        "cache_creation_input_tokens": 0,
    }
    if u["reasoning"]:
        usage["output_tokens_details"] = {"thinking_tokens": u["reasoning"]}
    return {
        "id": f"msg_mock_{uuid.uuid4().hex[:12]}",
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": content,
        "stop_reason": "tool_use" if calls else "end_turn",
        "stop_sequence": None,
        "usage": usage,
    }


_OPENAI_ERRORS = {
    "rate_limit": ("Rate limit reached for requests (scripted fault).", "requests", "rate_limit_exceeded"),
    "server_error": ("The server had an error while processing your request (scripted fault).", "server_error", None),
    "auth": ("Incorrect API key provided (scripted fault).", "invalid_request_error", "invalid_api_key"),
}
_ANTHROPIC_ERRORS = {
    "rate_limit": ("rate_limit_error", "Rate limit exceeded (scripted fault)."),
    "server_error": ("api_error", "Internal server error (scripted fault)."),
    "auth": ("authentication_error", "invalid x-api-key (scripted fault)"),
}


def fault_response(request: Request, fault: Fault) -> tuple[int, dict, dict[str, str]]:
    """(status, body, extra headers) for an error fault."""
    headers: dict[str, str] = {}
    status = {"rate_limit": 429, "server_error": fault.status, "context_length": 400, "auth": 401}[fault.type]
    if fault.type == "rate_limit" and fault.retry_after is not None:
        headers["Retry-After"] = f"{fault.retry_after:g}"
    tokens = max(request.input_estimate, CONTEXT_LIMIT + 1)
    if request.path == OPENAI_PATH:
        if fault.type == "context_length":
            message = (f"This model's maximum context length is {CONTEXT_LIMIT} tokens. However, your messages "
                       f"resulted in {tokens} tokens. Please reduce the length of the messages.")
            error = {"message": message, "type": "invalid_request_error", "param": "messages",
                     "code": "context_length_exceeded"}
        else:
            message, kind, code = _OPENAI_ERRORS[fault.type]
            error = {"message": message, "type": kind, "param": None, "code": code}
        return status, {"error": error}, headers
    if fault.type == "context_length":
        kind, message = "invalid_request_error", f"prompt is too long: {tokens} tokens > {CONTEXT_LIMIT} maximum"
    elif fault.type == "server_error" and status == 529:
        kind, message = "overloaded_error", "Overloaded (scripted fault)."
    else:
        kind, message = _ANTHROPIC_ERRORS[fault.type]
    return status, {"type": "error", "error": {"type": kind, "message": message}}, headers


def plain_error(path: str, status: int, message: str) -> dict:
    if path == OPENAI_PATH:
        return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}}
    return {"type": "error", "error": {"type": "invalid_request_error" if status < 500 else "api_error",
                                       "message": message}}
