"""AnthropicModel through the real anthropic SDK over HTTP against the scripted mock server."""

import pytest

from agentbench.mock_model import MockModelServer
from agentbench.model import AnthropicModel, ContextOverflow, ModelError, Price, PriceTable, RetryPolicy, Usage

FAST = RetryPolicy(max_retries=4, base_sec=0.01, max_sec=0.05)
PRICES = PriceTable({"anthropic/claude-test": Price(input=3.0, cached_input=0.3, output=15.0, context_window=200_000)})
TOOLS = [{"name": "bash", "description": "Run a command", "parameters": {
    "type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}}]
MESSAGES = "/v1/messages"


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in ("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "AGENTBENCH_PRICES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key-not-a-real-one")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def serve(*turns):
    return MockModelServer({"scripts": [{"turns": list(turns)}]})


def model(server, name="claude-test", **kw):
    kw.setdefault("retry", FAST)
    kw.setdefault("prices", PRICES)
    return AnthropicModel(name, base_url=server.url, **kw)


def start(task="Fix the bug"):
    return [{"role": "system", "content": "You are a coding agent."}, {"role": "user", "content": task}]


def reply(messages, response, outputs):
    messages.append({"role": "assistant", "content": response.text, "tool_calls": response.tool_calls})
    for call, out in zip(response.tool_calls, outputs):
        messages.append({"role": "tool", "tool_call_id": call.id, "name": call.name, "content": out})


def test_tool_round_trip_merges_tool_results():
    with serve(
        {"text": "Two looks.", "tool_calls": [{"name": "bash", "arguments": {"command": "ls"}},
                                              {"name": "bash", "arguments": {"command": "pwd"}}]},
        {"text": "Done."},
    ) as server:
        m = model(server)
        messages = start()
        r1 = m.query(messages, TOOLS)
        assert (r1.text, r1.stop_reason) == ("Two looks.", "tool_use")
        assert [c.arguments for c in r1.tool_calls] == [{"command": "ls"}, {"command": "pwd"}]
        assert all(c.parse_error is None for c in r1.tool_calls)
        reply(messages, r1, ["a.py", "/work"])
        messages.append({"role": "user", "content": "Hurry up."})
        r2 = m.query(messages, TOOLS)
        assert (r2.text, r2.tool_calls, r2.stop_reason) == ("Done.", [], "end_turn")
        sent = server.last_request[MESSAGES]
        assert sent["system"] == "You are a coding agent."
        assert [msg["role"] for msg in sent["messages"]] == ["user", "assistant", "user"]
        assert [b["type"] for b in sent["messages"][1]["content"]] == ["text", "tool_use", "tool_use"]
        assert sent["messages"][1]["content"][1]["input"] == {"command": "ls"}
        results = sent["messages"][2]["content"]
        assert [(b["type"], b.get("tool_use_id"), b.get("content", b.get("text"))) for b in results] == [
            ("tool_result", r1.tool_calls[0].id, "a.py"),
            ("tool_result", r1.tool_calls[1].id, "/work"),
            ("text", None, "Hurry up."),
        ]
        assert sent["tools"] == [{"name": "bash", "description": "Run a command",
                                  "input_schema": TOOLS[0]["parameters"]}]
        assert sent["max_tokens"] == 8192


def test_usage_mapping_and_cost():
    usage = {"input_tokens": 1200, "output_tokens": 40, "reasoning_tokens": 10, "cached_tokens": 1000}
    with serve({"text": "hi", "usage": usage}) as server:
        r = model(server).query(start(), TOOLS)
        assert r.usage == Usage(input_tokens=1200, output_tokens=40, reasoning_tokens=10, cached_tokens=1000)
        assert r.cost_usd == pytest.approx((200 * 3.0 + 1000 * 0.3 + 40 * 15.0) / 1e6)


def test_unknown_model_has_no_cost():
    with serve({"text": "hi"}) as server:
        m = model(server, name="claude-unlisted")
        assert m.context_window == 128_000
        assert m.query(start(), TOOLS).cost_usd is None


def test_thinking_blocks_go_back_with_their_tool_calls():
    with serve(
        {"thinking": "I should list files.", "tool_calls": [{"name": "bash", "arguments": {"command": "ls"}}]},
        {"text": "ok"},
    ) as server:
        m = model(server, model_args={"thinking": {"type": "enabled", "budget_tokens": 2048}})
        messages = start()
        r = m.query(messages, TOOLS)
        assert r.text == "" and r.tool_calls[0].name == "bash"
        reply(messages, r, ["a.py"])
        m.query(messages, TOOLS)
        sent = server.last_request[MESSAGES]
        assert sent["thinking"] == {"type": "enabled", "budget_tokens": 2048}
        first = sent["messages"][1]["content"][0]
        assert first == {"type": "thinking", "thinking": "I should list files.", "signature": "mock-signature-0"}


def test_overloaded_and_rate_limit_then_success():
    faults = [{"type": "server_error", "status": 529}, {"type": "rate_limit", "retry_after": 0.2}]
    with serve({"faults": faults, "text": "ok"}) as server:
        r = model(server, retry=RetryPolicy(base_sec=0.01, max_sec=1.0)).query(start(), TOOLS)
        assert (r.text, r.retries) == ("ok", 2)
        assert r.backoff_sec >= 0.2
        assert server.requests[MESSAGES] == 3


def test_retries_exhausted_names_last_error():
    with serve({"faults": [{"type": "server_error", "status": 529}]}) as server:
        with pytest.raises(ModelError) as info:
            model(server, retry=RetryPolicy(max_retries=1, base_sec=0.01)).query(start(), TOOLS)
        assert info.value.kind == "retries_exhausted" and "529" in str(info.value)
        assert server.requests[MESSAGES] == 2


def test_slow_and_dropped_requests_are_retried():
    with serve({"faults": [{"type": "slow", "delay_sec": 1.5}, {"type": "drop"}], "text": "ok"}) as server:
        r = model(server, timeout_sec=0.3).query(start(), TOOLS)
        assert (r.text, r.retries) == ("ok", 2)


def test_context_length_raises_context_overflow():
    with serve({"faults": [{"type": "context_length"}]}) as server:
        with pytest.raises(ContextOverflow) as info:
            model(server).query(start(), TOOLS)
        assert "prompt is too long" in str(info.value)
        assert server.requests[MESSAGES] == 1


def test_auth_error_at_once():
    with serve({"faults": [{"type": "auth"}], "text": "never"}) as server:
        with pytest.raises(ModelError) as info:
            model(server).query(start(), TOOLS)
        assert info.value.kind == "auth" and info.value.status == 401
        assert server.requests[MESSAGES] == 1


def test_malformed_raw_arguments_become_empty_input():
    """tool_use input is always an object on this protocol; the mock sends {} (documented)."""
    with serve({"tool_calls": [{"name": "bash", "raw_arguments": '{"command": "ls'}]}) as server:
        call = model(server).query(start(), TOOLS).tool_calls[0]
        assert (call.arguments, call.raw_arguments, call.parse_error) == ({}, "{}", None)


def test_anthropic_base_url_env_is_honoured(monkeypatch):
    with serve({"text": "via env"}) as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        m = AnthropicModel("claude-test", retry=FAST, prices=PRICES)
        assert m.query(start(), TOOLS).text == "via env"
        assert server.requests[MESSAGES] == 1


def test_max_tokens_from_model_args_and_missing_key(monkeypatch):
    with serve({"text": "ok"}) as server:
        model(server, model_args={"max_tokens": 100, "temperature": 0}).query(start(), [])
        sent = server.last_request[MESSAGES]
        assert (sent["max_tokens"], sent["temperature"]) == (100, 0)
        assert "tools" not in sent
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    with pytest.raises(ModelError) as info:
        AnthropicModel("claude-test", base_url="http://127.0.0.1:9")
    assert info.value.kind == "auth"
