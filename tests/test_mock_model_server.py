"""The scripted mock model server: script validation, turn selection, faults, bookkeeping.

Requests go through the real openai/anthropic SDK clients over loopback HTTP."""

import json
import subprocess
import sys

import anthropic
import openai
import pytest

from agentbench.mock_model import CONVERSATION_HEADER, MockModelServer, ScriptError, load_script
from agentbench.model import ModelError, OpenAIModel, Price, PriceTable, RetryPolicy

CHAT = "/v1/chat/completions"
PRICES = PriceTable({"openai/mock": Price(input=1.0, output=1.0)})


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def client(server, conversation=None):
    headers = {CONVERSATION_HEADER: conversation} if conversation else None
    return openai.OpenAI(api_key="unused", base_url=server.openai_base_url, max_retries=0, default_headers=headers)


def ask(c, first="task", assistants=0):
    messages = [{"role": "user", "content": first}]
    messages += [{"role": "assistant", "content": "..."}] * assistants
    return c.chat.completions.create(model="mock-model", messages=messages)


SCRIPT = {
    "label": "test script",
    "scripts": [
        {"match": "autograd", "turns": [{"text": "autograd turn 0"}, {"text": "autograd turn 1"}]},
        {"turns": [{"tool_calls": [{"name": "bash", "arguments": {"command": "ls"}}]}]},
    ],
}


def test_match_default_turns_and_exhaustion():
    with MockModelServer(SCRIPT) as server:
        c = client(server)
        assert ask(c, "implement autograd").choices[0].message.content == "autograd turn 0"
        assert ask(c, "implement autograd", assistants=1).choices[0].message.content == "autograd turn 1"
        again = ask(c, "implement autograd", assistants=1)
        assert again.choices[0].message.content == "autograd turn 1"  # same request, same turn
        default = ask(c, "something else")
        assert default.choices[0].message.tool_calls[0].function.name == "bash"
        assert default.choices[0].finish_reason == "tool_calls" and default.model == "mock-model"
        done = ask(c, "something else", assistants=1)
        assert (done.choices[0].message.content, done.choices[0].message.tool_calls) == ("script exhausted", None)
        assert server.requests == {CHAT: 5, "/v1/messages": 0}
        assert [(e["turn"], e["served"]) for e in server.log][-1] == (1, "exhausted")


def test_no_matching_script_is_a_bad_request():
    with MockModelServer({"scripts": [{"match": "only this", "turns": [{"text": "x"}]}]}) as server:
        m = OpenAIModel("mock", base_url=server.openai_base_url, api_key="unused", prices=PRICES,
                        retry=RetryPolicy(base_sec=0.01))
        with pytest.raises(ModelError) as info:
            m.query([{"role": "user", "content": "other"}], [])
        assert info.value.kind == "bad_request" and "no script matches" in str(info.value)


def test_fault_state_is_per_conversation_header():
    script = {"scripts": [{"turns": [{"faults": [{"type": "rate_limit", "retry_after": 1}], "text": "ok"}]}]}
    with MockModelServer(script) as server:
        a, b = client(server, "conv-a"), client(server, "conv-b")
        with pytest.raises(openai.RateLimitError) as info:
            ask(a)
        assert info.value.response.headers["retry-after"] == "1"
        with pytest.raises(openai.RateLimitError):
            ask(b)
        assert ask(a).choices[0].message.content == "ok"
        assert ask(b).choices[0].message.content == "ok"
        assert {e["conversation"] for e in server.log} == {"conv-a", "conv-b"}


def test_fault_only_turn_repeats_its_last_fault():
    script = {"scripts": [{"turns": [{"faults": [{"type": "server_error", "status": 502}, {"type": "auth"}]}]}]}
    with MockModelServer(script) as server:
        c = client(server)
        with pytest.raises(openai.InternalServerError) as info:
            ask(c)
        assert info.value.status_code == 502
        for _ in range(2):
            with pytest.raises(openai.AuthenticationError):
                ask(c)
        assert [e["served"] for e in server.log] == ["fault:server_error", "fault:auth", "fault:auth"]


def test_anthropic_protocol_shapes():
    script = {"scripts": [{"turns": [
        {"text": "hi", "tool_calls": [{"name": "bash", "arguments": {"command": "ls"}, "id": "toolu_fixed"}],
         "usage": {"input_tokens": 100, "output_tokens": 7, "cached_tokens": 60}},
        {"faults": [{"type": "server_error", "status": 529}, {"type": "context_length"}]},
    ]}]}
    with MockModelServer(script) as server:
        c = anthropic.Anthropic(api_key="unused", base_url=server.url, max_retries=0)
        msg = c.messages.create(model="claude-mock", max_tokens=100, messages=[{"role": "user", "content": "t"}])
        assert (msg.model, msg.stop_reason, msg.role) == ("claude-mock", "tool_use", "assistant")
        assert [b.type for b in msg.content] == ["text", "tool_use"]
        assert (msg.content[1].id, msg.content[1].input) == ("toolu_fixed", {"command": "ls"})
        assert (msg.usage.input_tokens, msg.usage.cache_read_input_tokens, msg.usage.output_tokens) == (40, 60, 7)
        later = [{"role": "user", "content": "t"}, {"role": "assistant", "content": "x"},
                 {"role": "user", "content": "y"}]
        with pytest.raises(anthropic.APIStatusError) as info:
            c.messages.create(model="claude-mock", max_tokens=100, messages=later)
        assert info.value.status_code == 529 and info.value.type == "overloaded_error"
        with pytest.raises(anthropic.BadRequestError) as info:
            c.messages.create(model="claude-mock", max_tokens=100, messages=later)
        assert "prompt is too long" in info.value.api_message
        assert server.requests["/v1/messages"] == 3


def test_estimated_usage_is_deterministic():
    with MockModelServer({"scripts": [{"turns": [{"text": "x" * 40}]}]}) as server:
        first, second = ask(client(server)), ask(client(server))
        assert first.usage.completion_tokens == 10
        assert first.usage.prompt_tokens == second.usage.prompt_tokens > 0


def write(tmp_path, data):
    path = tmp_path / "script.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


@pytest.mark.parametrize("data, needle", [
    ("{not json", "not valid JSON"),
    ({"scripts": []}, "scripts: List should have at least 1 item"),
    ({"scripts": [{"turns": [{"faults": [{"type": "explode"}]}]}]}, "scripts[0].turns[0].faults[0].type"),
    ({"scripts": [{"turns": [{"tool_calls": [{"name": "x", "arguments": {}, "raw_arguments": "{}"}]}]}]},
     "scripts[0].turns[0].tool_calls[0]: give arguments or raw_arguments, not both"),
    ({"scripts": [{"turns": [{"txt": "typo"}]}]}, "scripts[0].turns[0].txt: Extra inputs are not permitted"),
    ({"scripts": [{"turns": [{"faults": [{"type": "server_error", "status": 404}]}]}]},
     "scripts[0].turns[0].faults[0].status"),
])
def test_load_script_errors_name_file_and_field(tmp_path, data, needle):
    path = write(tmp_path, data)
    with pytest.raises(ScriptError) as info:
        load_script(path)
    assert str(info.value).startswith(f"{path}: ") and needle in str(info.value)
    assert "\n" not in str(info.value)


def test_load_script_missing_file_and_valid_file(tmp_path):
    with pytest.raises(ScriptError, match="cannot read script"):
        load_script(tmp_path / "missing.json")
    loaded = load_script(write(tmp_path, SCRIPT))
    assert loaded["label"] == "test script" and loaded["scripts"][0]["match"] == "autograd"
    with MockModelServer(write(tmp_path, SCRIPT)) as server:
        assert server.label == "test script"


def test_cli_entry_point_serves_and_says_it_is_scripted(tmp_path):
    path = write(tmp_path, SCRIPT)
    proc = subprocess.Popen([sys.executable, "-m", "agentbench.mock_model", str(path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        banner = proc.stdout.readline()
        listening = proc.stdout.readline()
        assert "not a real model" in banner and "test script" in banner
        url = listening.split("listening on ", 1)[1].split()[0]
        m = OpenAIModel("mock", base_url=f"{url}/v1", api_key="unused", prices=PRICES)
        assert m.query([{"role": "user", "content": "autograd"}], []).text == "autograd turn 0"
        assert "served=response" in proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
