# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `classes_quantifiers`: character classes, class escapes and
greedy quantifiers (with backtracking)."""

import pytest

import rx_support as S

pytestmark = pytest.mark.classes_quantifiers

UNICODE_SUBJECTS = ["a1 _", "\u00e9\u0663\u00b2", "\t\n\r\x0b\x0c\u00a0\u2003", "Z9-.", "\u4e2d\u0416\u00df", "\u2163\u00bd", ""]


def test_class_basics(check):
    cases = [
        ("[abc]", ["a", "b", "d", "xcx", ""]),
        ("[^abc]", ["a", "d", "abcd", "\n", ""]),
        ("[a-c]", ["b", "d", "`", "zzc"]),
        ("[a-cx-z0-2]", ["y", "1", "3", "w", "q0"]),
        ("[^a-c]", ["b", "d", "abc"]),
        ("[-a]", ["-", "a", "b"]),
        ("[a-]", ["-", "a", "b"]),
        ("[]a]", ["]", "a", "b"]),
        ("[^]a]", ["]", "a", "b"]),
        ("[\\]\\\\]", ["]", "\\", "a"]),
        ("[\\^a]", ["^", "a", "b"]),
        ("[a^]", ["^", "a", "b"]),
        ("[.*+?(){}|$]", [".", "*", "|", "a", "$"]),
        ("[\\n\\t]", ["\n", "\t", " "]),
        ("[\\-a-b]", ["-", "a", "c"]),
        ("x[ab][cd]y", ["xacy", "xbdy", "xaay", "zxbcyz"]),
    ]
    check(cases)


def test_class_escapes_unicode(check):
    cases = [(esc, UNICODE_SUBJECTS) for esc in ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S"]]
    cases += [
        ("[\\d]", UNICODE_SUBJECTS),
        ("[^\\d\\s]", UNICODE_SUBJECTS),
        ("[\\w-]", UNICODE_SUBJECTS),
        ("[\\W\\d]", UNICODE_SUBJECTS),
        ("[^\\S]", UNICODE_SUBJECTS),
        ("[\\s\\S]", UNICODE_SUBJECTS),
        ("\\w\\d\\s", ["a1 ", "_\u0663\u00a0", "\u00e91\t", "a\u00b2 "]),
    ]
    check(cases)


def test_greedy_quantifiers(check):
    cases = [
        ("a*", ["", "a", "aaa", "baaa", "aab"]),
        ("a+", ["", "a", "aaa", "baaa"]),
        ("a?", ["", "a", "aa", "b"]),
        ("a{2}", ["a", "aa", "aaa", "baab"]),
        ("a{2,}", ["a", "aa", "aaaaa"]),
        ("a{1,3}", ["", "a", "aaaa", "aaaaaaa"]),
        ("a{0}", ["", "a"]),
        ("a{0,1}b", ["b", "ab", "aab"]),
        ("ba{0,}c", ["bc", "baaac", "bac"]),
        ("x{3,3}", ["xx", "xxx", "xxxx"]),
        ("[ab]{2,3}", ["a", "ab", "abab", "babba"]),
        ("\\d+", ["abc123def45", "", "\u0663\u0664x"]),
        (".*", ["", "abc", "ab\ncd"]),
        ("\\s*x", ["  x", "x", " \t\nx", "y"]),
    ]
    check(cases)


def test_greedy_backtracking(check):
    cases = [
        ("a*ab", ["aaab", "ab", "b", "aaaa"]),
        (".*b", ["abcbd", "b", "aaa", "ab\nb"]),
        ("a{2,4}a", ["aa", "aaa", "aaaaa", "aaaaaaa"]),
        ("[ab]*b[ab]", ["abab", "bb", "aaa", "abbba"]),
        ("x*y*x", ["xxyyx", "x", "y", "xyxy"]),
        ("\\w+\\d", ["abc1", "a12", "1", "ab"]),
        ("a+a+a+b", ["aaab", "aaaa", "aab"]),
        (".+.", ["a", "ab", "abc"]),
        ("^.*$", ["", "abc", "abc\n", "a\nb"]),
        ("a?a?a?aaa", ["aaa", "aaaa", "aa", "aaaaaaa"]),
    ]
    check(cases)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_random_classes(rx, seed, case):
    problems = S.run_random(rx, seed, "classes", case, {"class", "escape", "dot"}, 60, 10,
                            ops=("match", "fullmatch", "search", "findall"))
    assert not problems, "\n".join(p[:500] for p in problems)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_quantifiers(rx, seed, case):
    problems = S.run_random(rx, seed, "quantifiers", case, {"class", "escape", "dot", "quant", "anchor"}, 60, 10)
    assert not problems, "\n".join(p[:500] for p in problems)
