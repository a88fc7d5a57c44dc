"""OpenAIModel through the real openai SDK over HTTP against the scripted mock server."""

import time

import pytest

from agentbench.mock_model import MockModelServer
from agentbench.model import ContextOverflow, ModelError, OpenAIModel, Price, PriceTable, RetryPolicy, Usage

FAST = RetryPolicy(max_retries=4, base_sec=0.01, max_sec=0.05)
PRICES = PriceTable({"openai/gpt-4.1": Price(input=2.0, cached_input=0.5, output=8.0, context_window=1_000_000)})
TOOLS = [
    {"name": "bash", "description": "Run a command", "parameters": {
        "type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}},
    {"name": "write_file", "description": "Write a file", "parameters": {
        "type": "object", "properties": {"path": {"type": "string"}, "content": {"type": "string"}}}},
]
CHAT = "/v1/chat/completions"


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "AGENTBENCH_PRICES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-a-real-one")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def serve(*turns):
    return MockModelServer({"scripts": [{"turns": list(turns)}]})


def model(server, name="gpt-4.1", **kw):
    kw.setdefault("retry", FAST)
    kw.setdefault("prices", PRICES)
    return OpenAIModel(name, base_url=server.openai_base_url, **kw)


def start(task="Fix the bug"):
    return [{"role": "system", "content": "You are a coding agent."}, {"role": "user", "content": task}]


def reply(messages, response, outputs):
    messages.append({"role": "assistant", "content": response.text, "tool_calls": response.tool_calls})
    for call, out in zip(response.tool_calls, outputs):
        messages.append({"role": "tool", "tool_call_id": call.id, "name": call.name, "content": out})


def test_tool_call_round_trip():
    with serve(
        {"text": "Let me look.", "tool_calls": [{"name": "bash", "arguments": {"command": "ls -la"}}]},
        {"tool_calls": [{"name": "write_file", "arguments": {"path": "a.py", "content": "x = 1\n"}}]},
        {"text": "Done."},
    ) as server:
        m = model(server)
        messages = start()
        r1 = m.query(messages, TOOLS)
        assert (r1.text, r1.stop_reason) == ("Let me look.", "tool_calls")
        assert [(c.name, c.arguments, c.parse_error) for c in r1.tool_calls] == [("bash", {"command": "ls -la"}, None)]
        reply(messages, r1, ["total 0"])
        r2 = m.query(messages, TOOLS)
        assert r2.tool_calls[0].arguments == {"path": "a.py", "content": "x = 1\n"}
        sent = server.last_request[CHAT]
        assert [msg["role"] for msg in sent["messages"]] == ["system", "user", "assistant", "tool"]
        assert sent["messages"][2]["tool_calls"][0]["function"]["arguments"] == r1.tool_calls[0].raw_arguments
        assert sent["messages"][3] == {"role": "tool", "tool_call_id": r1.tool_calls[0].id, "content": "total 0"}
        assert sent["tools"][0] == {"type": "function", "function": TOOLS[0]}
        reply(messages, r2, ["written"])
        r3 = m.query(messages, TOOLS)
        assert (r3.text, r3.tool_calls, r3.stop_reason) == ("Done.", [], "stop")
        assert server.requests[CHAT] == 3


def test_usage_mapping_and_cost():
    usage = {"input_tokens": 1200, "output_tokens": 40, "reasoning_tokens": 10, "cached_tokens": 1000}
    with serve({"text": "hi", "usage": usage}, {"text": "again", "usage": usage}) as server:
        r = model(server).query(start(), TOOLS)
        assert r.usage == Usage(input_tokens=1200, output_tokens=40, reasoning_tokens=10, cached_tokens=1000)
        assert r.cost_usd == pytest.approx((200 * 2.0 + 1000 * 0.5 + 40 * 8.0) / 1e6)
        unknown = model(server, name="not-a-listed-model")
        assert unknown.context_window == 128_000
        assert unknown.query(start(), TOOLS).cost_usd is None


def test_shipped_price_table_prices_a_known_model():
    with serve({"text": "hi", "usage": {"input_tokens": 1000, "output_tokens": 100}}) as server:
        r = model(server, prices=None).query(start(), TOOLS)
        assert r.cost_usd is not None and r.cost_usd > 0


def test_rate_limit_honours_retry_after():
    with serve({"faults": [{"type": "rate_limit", "retry_after": 0.3}], "text": "ok"}) as server:
        r = model(server, retry=RetryPolicy(base_sec=0.01, max_sec=2.0)).query(start(), TOOLS)
        assert (r.text, r.retries) == ("ok", 1)
        assert r.backoff_sec >= 0.3
        assert r.latency_sec < 0.3
        assert server.requests[CHAT] == 2


def test_retry_after_is_capped_at_max_sec():
    with serve({"faults": [{"type": "rate_limit", "retry_after": 30}], "text": "ok"}) as server:
        r = model(server, retry=RetryPolicy(base_sec=0.01, max_sec=0.2)).query(start(), TOOLS)
        assert r.retries == 1 and r.backoff_sec == pytest.approx(0.2)


def test_server_errors_then_success():
    faults = [{"type": "server_error"}, {"type": "server_error", "status": 503},
              {"type": "server_error", "status": 502}]
    with serve({"faults": faults, "text": "ok"}) as server:
        r = model(server).query(start(), TOOLS)
        assert (r.text, r.retries) == ("ok", 3)
        assert [e["served"] for e in server.log] == ["fault:server_error"] * 3 + ["response"]


def test_retries_exhausted():
    with serve({"faults": [{"type": "server_error", "status": 503}]}) as server:
        m = model(server, retry=RetryPolicy(max_retries=2, base_sec=0.01, max_sec=0.02))
        with pytest.raises(ModelError) as info:
            m.query(start(), TOOLS)
        assert info.value.kind == "retries_exhausted"
        assert "503" in str(info.value) and "2 retries" in str(info.value)
        assert server.requests[CHAT] == 3


def test_slow_answer_beyond_timeout_is_retried():
    with serve({"faults": [{"type": "slow", "delay_sec": 1.5}], "text": "fast now"}) as server:
        started = time.monotonic()
        r = model(server, timeout_sec=0.3).query(start(), TOOLS)
        assert (r.text, r.retries) == ("fast now", 1)
        assert time.monotonic() - started < 1.5
        assert server.requests[CHAT] == 2


def test_dropped_connection_is_retried():
    with serve({"faults": [{"type": "drop"}], "text": "after drop"}) as server:
        r = model(server).query(start(), TOOLS)
        assert (r.text, r.retries) == ("after drop", 1)
        assert server.log[0]["served"] == "fault:drop"


def test_malformed_arguments_surface_and_go_back_verbatim():
    with serve(
        {"tool_calls": [{"name": "bash", "raw_arguments": '{"command": "ls'},
                        {"name": "bash", "raw_arguments": "[1, 2]"}]},
        {"text": "ok"},
    ) as server:
        m = model(server)
        messages = start()
        r = m.query(messages, TOOLS)
        bad, not_object = r.tool_calls
        assert bad.arguments is None and bad.raw_arguments == '{"command": "ls'
        assert bad.parse_error.startswith("arguments are not valid JSON:") and "\n" not in bad.parse_error
        assert not_object.arguments is None and "not a JSON object" in not_object.parse_error
        reply(messages, r, ["error: bad arguments", "error: bad arguments"])
        m.query(messages, TOOLS)
        sent_calls = server.last_request[CHAT]["messages"][2]["tool_calls"]
        assert [c["function"]["arguments"] for c in sent_calls] == ['{"command": "ls', "[1, 2]"]


def test_context_length_raises_context_overflow_at_once():
    with serve({"faults": [{"type": "context_length"}]}) as server:
        with pytest.raises(ContextOverflow) as info:
            model(server).query(start(), TOOLS)
        assert info.value.kind == "context_overflow"
        assert "maximum context length" in str(info.value)
        assert server.requests[CHAT] == 1


def test_auth_error_is_not_retried_and_hides_the_key():
    with serve({"faults": [{"type": "auth"}], "text": "never"}) as server:
        with pytest.raises(ModelError) as info:
            model(server, api_key="sk-secret-value-1234567890").query(start(), TOOLS)
        assert info.value.kind == "auth"
        assert "secret-value" not in str(info.value)
        assert server.requests[CHAT] == 1


def test_unknown_endpoint_is_not_found():
    with serve({"text": "x"}) as server:
        m = OpenAIModel("gpt-4.1", base_url=server.url, retry=FAST, prices=PRICES)
        with pytest.raises(ModelError) as info:
            m.query(start(), TOOLS)
        assert info.value.kind == "not_found"


def test_openai_base_url_env_is_honoured(monkeypatch):
    with serve({"text": "via env"}) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.openai_base_url)
        m = OpenAIModel("gpt-4.1", retry=FAST, prices=PRICES)
        assert m.base_url.rstrip("/") == server.openai_base_url
        assert m.query(start(), TOOLS).text == "via env"
        assert server.requests[CHAT] == 1


def test_explicit_base_url_beats_env(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with serve({"text": "explicit"}) as server:
        assert model(server).query(start(), TOOLS).text == "explicit"


def test_missing_key_is_an_auth_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(ModelError) as info:
        OpenAIModel("gpt-4.1", base_url="http://127.0.0.1:9/v1")
    assert info.value.kind == "auth" and "OPENAI_API_KEY" in str(info.value)


def test_model_args_are_passed_through():
    with serve({"text": "ok"}) as server:
        args = {"temperature": 0.2, "max_completion_tokens": 64, "top_k": 5}
        model(server, model_args=args).query(start(), [])
        sent = server.last_request[CHAT]
        assert (sent["temperature"], sent["max_completion_tokens"], sent["model"]) == (0.2, 64, "gpt-4.1")
        assert sent["top_k"] == 5  # not a parameter of the SDK: sent through extra_body
        assert "tools" not in sent
    with pytest.raises(ValueError, match="messages"):
        OpenAIModel("gpt-4.1", base_url="http://127.0.0.1:9/v1", model_args={"messages": []})
