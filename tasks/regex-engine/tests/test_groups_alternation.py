# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `groups_alternation`: capturing and non-capturing groups,
alternation priorities, captures of repeated groups, empty iterations."""

import re

import pytest

import rx_support as S

pytestmark = pytest.mark.groups_alternation

GROUP_FEATURES = frozenset(["group", "nocap", "alt", "quant", "class", "dot", "escape", "anchor"])


def test_group_spans(rx):
    cases = [("(a)(b)", "xab"), ("((a)b)(c)?", "abd"), ("(a)|(b)", "b"), ("(?:(a)|b)c", "bc"),
             ("(a(b(c)))", "abc"), ("()", "x"), ("(a*)(b*)", "bb")]
    for pattern, s in cases:
        ref = re.compile(pattern).search(s)
        m = rx.compile(pattern).search(s)
        n = re.compile(pattern).groups
        assert rx.compile(pattern).groups == n, pattern
        assert m is not None, pattern
        for i in range(n + 1):
            assert m.group(i) == ref.group(i), (pattern, s, i)
            assert tuple(m.span(i)) == ref.span(i), (pattern, s, i)
            assert m.start(i) == ref.start(i) and m.end(i) == ref.end(i), (pattern, s, i)
        assert tuple(m.groups()) == ref.groups(), (pattern, s)
        with pytest.raises(IndexError):
            m.group(n + 1)


def test_alternation_priority(check):
    cases = [
        ("a|ab", ["ab", "b", "xab"]),
        ("ab|a", ["ab", "a"]),
        ("|a", ["a", ""]),
        ("a|", ["a", "", "b"]),
        ("a|b|c", ["c", "d", "xb"]),
        ("(a|ab)(c|bcd)", ["abcd", "abc", "acd"]),
        ("(a|ab)(c|bcd)(d*)", ["abcd", "abcdd"]),
        ("x(a|b|)y", ["xy", "xay", "xby", "xcy"]),
        ("(?:a|b)+c|b", ["abac", "bab", "abab"]),
        ("^a|b$", ["ab", "ba", "b\n", "ca"]),
    ]
    check(cases)


def test_repeated_group_captures(check):
    cases = [
        ("(a|b)*", ["abba", "", "c"]),
        ("(a|b)+c", ["ababc", "c", "bc"]),
        ("(?:(a)|b)*", ["ab", "ba", "bbb", "abab"]),
        ("(?:(a)|(b))+", ["ab", "ba", "aab"]),
        ("((a)|b)+", ["ab", "ba"]),
        ("(ab|a)(bc|c)?", ["abc", "ac", "ab"]),
        ("(a){2}", ["aa", "aaa"]),
        ("(a|b){2,3}", ["ab", "abab", "ba"]),
        ("(?:(x)y|xz)*", ["xyxz", "xzxy", "xyxy"]),
        ("((a)|(b)|c)*", ["abc", "cba", "acb"]),
    ]
    check(cases)


def test_empty_iterations(check):
    cases = [
        ("(a*)*", ["", "a", "aa", "b", "aab"]),
        ("(a*)+", ["", "a", "aa", "b"]),
        ("(a|)*", ["", "a", "aa", "ab"]),
        ("(|a)*", ["", "a", "aa"]),
        ("(|a)+", ["", "a", "aa"]),
        ("(a?)*b", ["b", "ab", "aab", "c"]),
        ("(a*){2,}", ["", "aa", "a"]),
        ("(a*?)*", ["", "aa"]),
        ("(?:a*)*b", ["aab", "b", "ac"]),
        ("(a?){3}", ["", "a", "aaaa"]),
        ("(()|a)+", ["", "a", "aa"]),
        ("(a|b*)*c", ["abbc", "c", "aac"]),
        ("(^|a)+", ["", "a", "aa"]),
        ("($|a)*", ["", "a", "aa"]),
        ("(?:$|a)+b", ["ab", "b"]),
    ]
    check(cases)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_groups(rx, seed, case):
    problems = S.run_random(rx, seed, "groups", case, GROUP_FEATURES, 60, 10)
    assert not problems, "\n".join(p[:500] for p in problems)
