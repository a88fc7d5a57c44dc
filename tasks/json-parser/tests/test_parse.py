# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `parse`: loads() on valid documents, compared with json.loads."""

import json

import pytest

import jp_support as S

pytestmark = pytest.mark.parse


def test_source_rules(jp):
    # the `jp` fixture already fails on forbidden imports/builtins; this names it
    assert S.forbidden_usage(jp) == []
    assert callable(jp.loads) and callable(jp.dumps)
    assert issubclass(jp.JSONDecodeError, ValueError)


def test_literals(jp):
    cases = ["true", "false", "null", "0", "-0", "1", "-1", "1.5", "-0.0", '""', '"a"', "[]", "{}",
             "[true,false,null]", '{"a":null}', "  7  ", "\n\t\r 3 \r\n", "NaN", "Infinity", "-Infinity",
             "[NaN, Infinity, -Infinity]", "123456789012345678901234567890", "1E400", "-1e400", "1e-400"]
    S.assert_all(jp, cases)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_numbers(jp, seed, case):
    rng = S.rng_for(seed, "numbers", case)
    texts = [S.emit_number(rng) for _ in range(300)]
    texts += ["[" + ",".join(S.emit_number(rng) for _ in range(rng.randint(1, 6))) + "]" for _ in range(50)]
    S.assert_all(jp, texts)
    for text in texts[:300]:
        value = jp.loads(text)
        ref = json.loads(text)
        assert type(value) is type(ref), f"{text!r}: {type(value).__name__} instead of {type(ref).__name__}"


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_strings_and_escapes(jp, seed, case):
    rng = S.rng_for(seed, "strings", case)
    texts = [S.emit_string(rng, maxlen=rng.choice([3, 10, 30])) for _ in range(300)]
    S.assert_all(jp, texts)


def test_surrogate_pairs(jp, seed):
    rng = S.rng_for(seed, "surrogates")
    texts = ['"\\ud83d\\ude00"', '"\\uD834\\uDD1E"', '"\\ud800"', '"\\udc00"', '"\\ud800\\u0041"', '"\\ud800\\ud800"',
             '"\\ud800x\\udc00"', '"\\udbff\\udfff"', '"a\\ud800\\udc00b"', '"\\ud800\\\\udc00"', '"\\ud800\\n"']
    for _ in range(100):
        cp = rng.randint(0x10000, 0x10FFFF) - 0x10000
        hi, lo = 0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF)
        prefix = "".join(rng.choice("abc\u00e9\U0001f600") for _ in range(rng.randint(0, 3)))
        texts.append('"%s\\u%s\\u%s%s"' % (prefix, S.hex4(rng, hi), S.hex4(rng, lo), rng.choice(["", "z", "\\n"])))
    S.assert_all(jp, texts)
    assert jp.loads('"\\ud83d\\ude00"') == "\U0001f600"


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_documents(jp, seed, case):
    rng = S.rng_for(seed, "documents", case)
    texts = [S.emit_document(rng, maxdepth=rng.randint(1, 5), width=rng.randint(2, 6)) for _ in range(60)]
    S.assert_all(jp, texts)


def test_duplicate_keys_last_wins(jp, seed):
    rng = S.rng_for(seed, "dups")
    texts = ['{"a": 1, "b": 2, "a": 3}', '{"x": [1], "x": {"y": 2, "y": 3}}', '{"k": 1, "k": 2, "k": 3, "j": 0}']
    for _ in range(50):
        keys = [rng.choice('abcd') for _ in range(rng.randint(1, 8))]
        texts.append("{" + ", ".join('"%s": %d' % (k, rng.randint(0, 99)) for k in keys) + "}")
    S.assert_all(jp, texts)
    got = jp.loads('{"a": 1, "b": 2, "a": 3}')
    assert list(got.items()) == [("a", 3), ("b", 2)]


def test_deep_nesting(jp, seed):
    rng = S.rng_for(seed, "deep")
    texts = []
    for depth in (50, 150, 300):
        opens, closes = [], []
        for _ in range(depth):
            if rng.random() < 0.5:
                opens.append("[")
                closes.append("]")
            else:
                key = S.emit_string(rng, 3)
                opens.append("{" + key + ":")
                closes.append("}")
        texts.append("".join(opens) + S.emit_number(rng) + "".join(reversed(closes)))
    texts.append("[" * 300 + "]" * 300)
    S.assert_all(jp, texts)


def test_whitespace_everywhere(jp, seed):
    rng = S.rng_for(seed, "ws")
    texts = [S.ws(rng, 1.0, 4) + S.emit_value(rng, 0, 4, 0.9) + S.ws(rng, 1.0, 4) for _ in range(60)]
    S.assert_all(jp, texts)


def test_large_document(jp, seed):
    rng = S.rng_for(seed, "large")
    obj = [S.random_object(rng, 0, 3, width=6) for _ in range(300)]
    text = json.dumps(obj, indent=rng.choice([None, 2]))
    assert len(text) > 20000
    S.assert_all(jp, [text])
