# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `basic`: literals, '.', anchors, escaped metacharacters, the
three matching entry points and the match object."""

import re

import pytest

import rx_support as S

pytestmark = pytest.mark.basic

LITERAL_FEATURES = frozenset(["dot", "anchor"])


def test_source_rules(rx):
    assert S.forbidden_usage(rx) == []
    assert callable(rx.compile)
    assert issubclass(rx.error, ValueError)


def test_literals(check, seed):
    rng = S.rng_for(seed, "literals")
    word = "".join(rng.choice("abc") for _ in range(3))
    cases = [
        ("a", ["a", "b", "ba", "", "aa"]),
        ("abc", ["abc", "xabc", "ab", "abcabc", "aabcc"]),
        (word, [word, "x" + word, word[:-1], word * 2, "c" + word + "a"]),
        ("", ["", "a", "abc"]),
        ("aa", ["aaaaa", "a", "aba"]),
        ("ab", ["aab", "abab", "ba"]),
    ]
    check(cases)


def test_dot(check):
    cases = [
        (".", ["a", "", "\n", "ab", "\na"]),
        ("a.c", ["abc", "a\nc", "ac", "a.c", "xxa-cx"]),
        ("...", ["ab", "abcd", "a\nbcd\n", "\u00e9\u00e8\u00ea"]),
        ("\\.", [".", "a", "a.b"]),
    ]
    check(cases)


def test_anchors(check):
    cases = [
        ("^a", ["a", "ba", "ab", "\na"]),
        ("a$", ["a", "ab", "ba", "a\n", "a\n\n", "aa\n"]),
        ("^$", ["", "\n", "a", "\n\n"]),
        ("^abc$", ["abc", "abc\n", "abcd", "xabc"]),
        ("$", ["", "ab", "ab\n", "a\nb"]),
        ("^", ["", "ab"]),
        ("a^", ["a", "aa"]),
        ("$a", ["a", "\na"]),
        ("b$\n", ["b\n", "ab\n"]),
        ("^$a", ["", "a"]),
    ]
    check(cases)


def test_escaped_metacharacters(check):
    cases = [
        ("\\*\\+\\?", ["*+?", "a*+?b", "*+"]),
        ("\\(\\)\\[\\]", ["()[]", "x()[]x"]),
        ("\\{\\}\\|\\^\\$", ["{}|^$", "a{}|^$"]),
        ("\\\\", ["\\", "a\\b", "ab"]),
        ("a\\-b\\/c", ["a-b/c"]),
        ("\\n\\t", ["\n\t", "a\n\tb", "\t\n"]),
    ]
    check(cases)


def test_match_object(rx):
    m = rx.compile("b.d").search("abcde")
    assert m is not None
    assert m.group() == "bcd" and m.group(0) == "bcd"
    assert tuple(m.span()) == (1, 4) and tuple(m.span(0)) == (1, 4)
    assert m.start() == 1 and m.end() == 4 and m.start(0) == 1 and m.end(0) == 4
    assert tuple(m.groups()) == ()
    with pytest.raises(IndexError):
        m.group(1)
    p = rx.compile("x")
    assert p.groups == 0
    assert p.pattern == "x"
    assert p.match("ax") is None
    assert p.fullmatch("xx") is None
    assert p.search("abc") is None
    m = p.search("aax")
    assert tuple(m.span()) == (2, 3)


def test_empty_pattern(rx):
    ref = re.compile("")
    p = rx.compile("")
    for s in ["", "ab"]:
        assert tuple(p.match(s).span()) == ref.match(s).span()
        assert tuple(p.search(s).span()) == ref.search(s).span()
    assert p.fullmatch("") is not None and p.fullmatch("a") is None
    assert p.findall("abc") == ref.findall("abc")
    assert p.sub("-", "abc") == ref.sub("-", "abc")


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_random_literal_patterns(rx, seed, case):
    problems = S.run_random(rx, seed, "literal", case, LITERAL_FEATURES, 60, 10,
                            ops=("match", "fullmatch", "search", "findall"))
    assert not problems, "\n".join(p[:500] for p in problems)
