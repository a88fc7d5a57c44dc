"""make_model, parse_model_args, the price table and the retry policy's arithmetic."""

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from agentbench.model import (AnthropicModel, OpenAIModel, Price, PriceTableError, RetryPolicy, Usage, load_prices,
                              make_model, parse_model_args)
from agentbench.model.pricing import BUILTIN_PRICES, builtin_prices
from agentbench.model.retry import parse_retry_after


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv("AGENTBENCH_PRICES", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-a-real-one")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key-not-a-real-one")


def test_make_model_by_prefix():
    m = make_model("openai/gpt-4.1", base_url="http://127.0.0.1:9/v1", model_args={"temperature": 0})
    assert isinstance(m, OpenAIModel) and m.spec == "openai/gpt-4.1"
    assert m.context_window == 1047576 and m.model_args == {"temperature": 0}
    a = make_model("anthropic/claude-sonnet-4-5", base_url="http://127.0.0.1:9", timeout_sec=5)
    assert isinstance(a, AnthropicModel) and a.spec == "anthropic/claude-sonnet-4-5"
    assert a.context_window == 200_000 and a.timeout_sec == 5


@pytest.mark.parametrize("spec", ["gemini/pro", "openai", "openai/", "gpt-4.1"])
def test_make_model_rejects_unknown_specs(spec):
    with pytest.raises(ValueError) as info:
        make_model(spec)
    message = str(info.value)
    assert "openai/<model>" in message and "anthropic/<model>" in message and "\n" not in message


def test_bad_base_url_scheme():
    with pytest.raises(ValueError, match="http://"):
        make_model("openai/gpt-4.1", base_url="127.0.0.1:8000/v1")


def test_parse_model_args():
    args = parse_model_args(["temperature=0.2", "reasoning_effort=high",
                             'thinking={"type":"enabled","budget_tokens":2048}', "stop=null", "note=a=b"])
    assert args == {"temperature": 0.2, "reasoning_effort": "high",
                    "thinking": {"type": "enabled", "budget_tokens": 2048}, "stop": None, "note": "a=b"}
    with pytest.raises(ValueError, match="'temperature'"):
        parse_model_args(["temperature"])
    with pytest.raises(ValueError, match="'=1'"):
        parse_model_args(["=1"])


def test_cost_formula_and_unknown_model():
    table = load_prices()
    usage = Usage(input_tokens=1_000_000, output_tokens=1_000_000, cached_tokens=400_000)
    price = table.get("openai/gpt-4.1")
    expected = 0.6 * price.input + 0.4 * price.cached_input + 1.0 * price.output
    assert table.cost("openai/gpt-4.1", usage) == pytest.approx(expected)
    assert table.cost("openai/gpt-unknown", usage) is None
    assert table.context_window("openai/gpt-unknown") == 128_000
    assert Price(input=1.0, output=2.0).cost(Usage(input_tokens=10, cached_tokens=10)) == pytest.approx(1e-5)


def test_builtin_table_is_complete():
    table = builtin_prices()
    assert "2026-11-29" in BUILTIN_PRICES.read_text() and "per 1M tokens" in BUILTIN_PRICES.read_text()
    assert {k.split("/")[0] for k in table.entries} == {"openai", "anthropic"}
    for key, price in table.entries.items():
        assert price.input is not None and price.output is not None and price.cached_input is not None, key
        assert price.cached_input <= price.input, key


def test_user_file_overrides_and_env(tmp_path, monkeypatch):
    user = tmp_path / "prices.toml"
    user.write_text('["openai/gpt-4.1"]\noutput = 1.0\n\n["openai/local-model"]\ninput = 0.0\noutput = 0.0\n'
                    'context_window = 32768\n')
    table = load_prices(user)
    assert table.get("openai/gpt-4.1").output == 1.0
    assert table.get("openai/gpt-4.1").input == builtin_prices().get("openai/gpt-4.1").input
    assert table.cost("openai/local-model", Usage(input_tokens=5, output_tokens=5)) == 0.0
    assert table.context_window("openai/local-model") == 32768
    env_file = tmp_path / "env.toml"
    env_file.write_text('["anthropic/claude-x"]\ninput = 1\noutput = 2\n')
    monkeypatch.setenv("AGENTBENCH_PRICES", str(env_file))
    table = load_prices(user)
    assert table.get("anthropic/claude-x") == Price(input=1.0, output=2.0)
    assert table.get("openai/local-model") is not None


@pytest.mark.parametrize("text, needle", [
    ('["openai/x"]\ninput = -1\n', '["openai/x"].input'),
    ('["openai/x"]\nprice = 1\n', '["openai/x"].price: unknown field'),
    ('["openai/x"]\ncontext_window = 1.5\n', '["openai/x"].context_window'),
    ('["gpt-4"]\ninput = 1\n', '["gpt-4"]: keys must look like'),
    ('["openai/x"\n', "not valid TOML"),
])
def test_bad_price_files(tmp_path, text, needle):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(PriceTableError) as info:
        load_prices(path)
    assert str(path) in str(info.value) and needle in str(info.value)


def test_missing_price_file(tmp_path):
    with pytest.raises(PriceTableError, match="cannot read"):
        load_prices(tmp_path / "nope.toml")


def test_backoff_is_bounded_exponential_with_full_jitter():
    policy = RetryPolicy(base_sec=1.0, max_sec=10.0, jitter=False)
    assert [policy.backoff(i) for i in range(6)] == [1, 2, 4, 8, 10, 10]
    assert policy.backoff(0, retry_after=30) == 10
    assert policy.backoff(3, retry_after=2.5) == 2.5
    jittered = [RetryPolicy(base_sec=1.0, max_sec=4.0).backoff(5) for _ in range(200)]
    assert all(0 <= d <= 4.0 for d in jittered) and len(set(jittered)) > 100


def test_parse_retry_after_forms():
    assert parse_retry_after({"retry-after": "3"}) == 3.0
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    assert 15 <= parse_retry_after({"retry-after": later}) <= 20
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None
