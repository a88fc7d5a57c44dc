# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `errors`: JSONDecodeError must carry exactly the msg, pos, lineno
and colno that Python's json module reports for the same invalid text."""

import json

import pytest

import jp_support as S

pytestmark = pytest.mark.errors


def test_error_object(jp):
    text = '{\n  "a": [1, 2,\n  ]\n}'
    with pytest.raises(jp.JSONDecodeError) as info:
        jp.loads(text)
    exc = info.value
    ref = None
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        ref = e
    assert isinstance(exc, ValueError)
    assert (exc.msg, exc.pos, exc.lineno, exc.colno) == (ref.msg, ref.pos, ref.lineno, ref.colno)
    assert exc.doc == text
    assert str(exc) == str(ref)
    with pytest.raises(ValueError):
        jp.loads("[1,,2]")


def test_bom_and_empty(jp):
    S.assert_all(jp, ["", " ", "\n", "\r\n\t ", "\ufeff", "\ufeff[1]", "\ufeff\ufeff", " \ufeff1", "1\ufeff"])


def _embed(rng, fragment):
    """Put an invalid fragment somewhere inside a valid document."""
    doc = S.emit_document(rng, maxdepth=2, width=3)
    choice = rng.randint(0, 3)
    if choice == 0:
        return fragment
    if choice == 1:
        return "[" + S.ws(rng) + doc + "," + S.ws(rng) + fragment + S.ws(rng) + "]"
    if choice == 2:
        return '{"k"' + S.ws(rng) + ":" + S.ws(rng) + fragment + S.ws(rng) + "," + '"z":' + doc + "}"
    return "[\n  " + doc + ",\n  " + fragment + "\n]"


def _category(rng, cat):
    if cat == 0:  # truncated documents
        doc = S.emit_document(rng, maxdepth=3, width=4)
        return doc[: rng.randrange(len(doc) + 1)]
    if cat == 1:  # trailing commas
        return _embed(rng, rng.choice(["[1,]", "[1, 2 , ]", '{"a": 1,}', '{"a": 1 , }', "[,]", "[,1]", '{,"a":1}',
                                       "[[],]", '{"a": [1,],}', "[1,,2]", '{"a":1,,"b":2}']))
    if cat == 2:  # bad escapes
        bad = rng.choice(["\\x41", "\\a", "\\U0001", "\\0", "\\'", "\\ ", "\\u12", "\\u12G4", "\\uZZZZ", "\\u-123",
                          "\\ud800\\u12", "\\ud800\\uXYZW", "\\u", "\\u00e", "\\", "\\\u00e9", "\\v", "\\e"])
        body = S.emit_string(rng, 4)[1:-1]
        frag = '"' + body + bad + rng.choice(['"', 'abc"', '', '1234"', '"]'])
        return _embed(rng, frag)
    if cat == 3:  # malformed numbers
        return _embed(rng, rng.choice(["012", "-012", "00", "-", "--1", "+1", ".5", "1.", "1.e5", "1e", "1e+",
                                       "1E-", "0x1F", "1_000", "-.5", "1..2", "1.2.3", "1e5.5", "- 1", "0.0.",
                                       "-Infinityx", "infinity", "nan", "Inf", "-NaN", "1ee5", "2e+-3"]))
    if cat == 4:  # control characters inside strings
        ctrl = chr(rng.choice([0, 1, 8, 9, 10, 13, 27, 31]))
        body = S.emit_string(rng, 5)[1:-1]
        cut = rng.randint(0, len(body))
        if cut and body[cut - 1] == "\\":
            cut -= 1
        return _embed(rng, '"' + body[:cut] + ctrl + body[cut:] + '"')
    if cat == 5:  # unquoted keys, single quotes, bare words
        return _embed(rng, rng.choice(["{a: 1}", "{'a': 1}", "['a']", "[True]", "[None]", "[undefined]", "[nul]",
                                       "[tru]", "[fals]", "{1: 2}", '{"a" 1}', '{"a"; 1}', "{null: 1}", '{"a":}',
                                       "[truex]", "[nulll]", "{ : 1}", "'x'", "`x`", "[-]", "{\"a\"\n:\n}"]))
    if cat == 6:  # missing delimiters / mismatched brackets
        return _embed(rng, rng.choice(["[1 2]", '{"a":1 "b":2}', "[1}", '{"a":1]', "[[1]", "[1]]", '"abc" "def"',
                                       '{"a":1', "[", "{", "]", "}", '{"a":[}', "[{]", "[1\n2]", '{"a"\n\n"b"}',
                                       "[1,\n", '{"a":\n']))
    # extra data
    return S.emit_document(rng, maxdepth=2, width=3) + S.ws(rng, 0.7) + rng.choice(
        ["1", "x", "[]", "{}", '"s"', ",", "]", "}", "\x00", "/", "#c", "\u00e9", "\U0001f600"]) + S.ws(rng)


@pytest.mark.parametrize("cat", [0, 1, 2, 3, 4, 5, 6, 7])
def test_invalid_categories(jp, seed, cat):
    rng = S.rng_for(seed, "category", cat)
    texts = [_category(rng, cat) for _ in range(150)]
    invalid = sum(1 for t in texts if (S.reference_outcome(t) or ("ok",))[0] == "error")
    assert invalid >= 50  # sanity check of the generator itself
    S.assert_all(jp, texts)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
def test_random_mutations(jp, seed, case):
    rng = S.rng_for(seed, "mutations", case)
    texts = []
    for _ in range(150):
        text = S.emit_document(rng, maxdepth=rng.randint(1, 4), width=rng.randint(1, 4))
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            text = S.mutate(rng, text)
        texts.append(text)
    S.assert_all(jp, texts)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_every_prefix(jp, seed, case):
    rng = S.rng_for(seed, "prefix", case)
    text = S.emit_document(rng, maxdepth=3, width=4)
    while len(text) < 80:
        text = "[" + text + "," + S.emit_document(rng, maxdepth=3, width=4) + "]"
    texts = [text[:k] for k in range(len(text) + 1)]
    S.assert_all(jp, texts)


@pytest.mark.parametrize("case", [0, 1])
def test_multiline_positions(jp, seed, case):
    rng = S.rng_for(seed, "multiline", case)
    texts = []
    for _ in range(80):
        obj = json.loads(S.emit_value(rng, 0, 4, 0.0, 4))
        text = json.dumps([obj, {"k": obj}], indent=rng.choice([1, 2, "\t"]), ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.5:
            text = text.replace("\n", "\r\n")
        for _ in range(rng.randint(1, 2)):
            text = S.mutate(rng, text)
        texts.append(text)
    S.assert_all(jp, texts)
