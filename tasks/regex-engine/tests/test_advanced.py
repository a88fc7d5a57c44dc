# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `advanced`: lazy quantifiers, backreferences, findall and sub
(including empty matches and group references in templates), invalid
patterns, and longer subjects."""

import re

import pytest

import rx_support as S

pytestmark = pytest.mark.advanced

NO_BACKREF = S.ALL_FEATURES - {"backref"}


def test_lazy_quantifiers(check):
    cases = [
        ("a*?", ["", "aaa"]),
        ("a+?", ["aaa", ""]),
        ("a??b", ["ab", "b", "aab"]),
        ("a{2,4}?", ["aaaaa", "a"]),
        ("a{2,}?", ["aaaa"]),
        ("a{2}?", ["aaa"]),
        ("<.*?>", ["<a><b>", "<>", "<a"]),
        ("<.+?>", ["<a><b>", "<>>", "<>"]),
        ("(a+?)(a*)", ["aaa"]),
        ("(a*?)b", ["aab", "b"]),
        ("(.*?)(\\d+)", ["ab12cd34"]),
        ("x.*?y|x", ["xaaya", "xaa"]),
        ("(a|b)*?c", ["abac", "c", "abab"]),
        ("(?:ab)*?b", ["ababb", "b"]),
        ("(a{1,2}?){2}", ["aaaa", "aa"]),
        ("(a??)+b", ["aab", "b"]),
    ]
    check(cases)


def test_backreferences(check):
    cases = [
        ("(a+)\\1", ["aaaa", "aaa", "a", "baab"]),
        ("(\\w)\\1", ["abccd", "ab", "\u00e9\u00e9"]),
        ("(\\w)(\\w)\\2\\1", ["abba", "xyyxz", "abab"]),
        ("(a)|\\1", ["a", "b"]),
        ("(?:(a)|b)\\1", ["aa", "ba", "b"]),
        ("(a)?b\\1", ["aba", "b", "ab"]),
        ("(a*)b\\1", ["aabaa", "aaba", "b", "abaa"]),
        ("([ab]+)-\\1", ["ab-ab", "ab-a", "aab-ab"]),
        ("(?:(\\d)|x)+\\1", ["1x1", "12x2", "x1"]),
        ("((a)|b)+\\2", ["aba", "abb", "ba"]),
        ("(a|b)\\1*", ["aaab", "bbba"]),
        ("(.)(.)(.)(.)(.)(.)(.)(.)(.)\\9\\8", ["abcdefghiih", "abcdefghiij"]),
    ]
    check(cases)


def test_findall(rx):
    cases = [
        ("a", "banana"), ("an", "banana"), ("a*", "baaac"), ("x*", "abxd"), ("|a", "aba"), ("a|", "aba"),
        ("(a)", "banana"), ("(a)(n)?", "banana"), ("(a)|(b)", "abc"), ("(a*)", "aab"), ("(?:a|(b))", "ab"),
        ("b*?", "abb"), ("a??", "aa"), ("(a?)(b?)", "abba"), ("", "abc"),
        ("\\d+|[a-z]+", "ab12cd3"), ("(\\w)(\\w)?", "abc de"), ("$", "a\n"), ("^", "ab"),
    ]
    for pattern, s in cases:
        want = re.compile(pattern).findall(s)
        got = rx.compile(pattern).findall(s)
        assert list(got) == want, (pattern, s, got, want)


def test_sub(rx):
    cases = [
        ("a", "-", "banana", 0), ("x*", "-", "abxd", 0), ("a*", "<\\g<0>>", "baaac", 0), ("", "-", "abc", 0),
        ("(a)(n)", "\\2\\1", "banana", 0), ("(a)|(b)", "[\\1\\2]", "abc", 0), ("(\\w+) (\\w+)", "\\g<2> \\g<1>", "hello world x y", 0),
        ("a", "\\\\", "aba", 0), ("a|", "-", "abc", 0), ("a", "b", "aaaa", 2), ("x*", "-", "abxd", 3), ("b", "c", "abc", 5),
        ("(a)?b", "[\\1]", "bab", 0), ("(?:(a)|c)", "<\\1>", "ac", 0), ("(a|)*", "-", "aab", 0), ("|a", "-", "aba", 0),
    ]
    for pattern, repl, s, count in cases:
        want = re.compile(pattern).sub(repl, s, count=count)
        got = rx.compile(pattern).sub(repl, s, count=count) if count else rx.compile(pattern).sub(repl, s)
        assert got == want, (pattern, repl, s, count, got, want)


def test_sub_callable(rx):
    cases = [("a+", "baaanaa"), ("(a)|(b)", "abc"), ("x*", "abxd"), ("(\\d)(\\d)?", "1 23 456")]
    for pattern, s in cases:
        def describe(m):
            return "<%s|%s|%r>" % (m.group(0), ",".join("%d-%d" % tuple(m.span(i)) for i in range(len(m.groups()) + 1)), tuple(m.groups()))
        want = re.compile(pattern).sub(describe, s)
        got = rx.compile(pattern).sub(describe, s)
        assert got == want, (pattern, s)


INVALID = [
    "(a", "a)", "(?:a", "((a)", "a))", "*a", "a**", "a|*", "(*)", "+", "?", "^*", "$+", "a{3,2}", "[b-a]", "[ab",
    "[", "a\\", "\\2(a)", "(a)\\2", "(a\\1)", "\\1(a)", "a{2}{3}", "x*?*", "a+?+", "[\\d-z]", "a{1,2}*", "(|*)",
]


def test_invalid_patterns(rx):
    assert issubclass(rx.error, ValueError)
    for pattern in INVALID:
        with pytest.raises(re.error):
            re.compile(pattern)
        with pytest.raises(rx.error):
            rx.compile(pattern)


def test_valid_edge_patterns(check):
    cases = [
        ("()", ["", "a"]), ("(?:)", ["", "a"]), ("(?:)*", ["", "a"]), ("(?:a*)*", ["aa", ""]), ("(a*)*?b", ["aab"]),
        ("(?:^)*a", ["a", "ba"]), ("a{0}b", ["ab", "b"]), ("(a){0}", ["a"]), ("[]]", ["]"]), ("a|(?:)", ["", "b"]),
    ]
    check(cases)


def test_long_subjects(rx, seed):
    rng = S.rng_for(seed, "long")
    text = " ".join("".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 7))) for _ in range(30))[:200]
    cases = [
        ("(\\w+) (\\w+)", text), ("[aeiou]+", text), ("\\w*?a", text), ("a*b", "a" * 150 + "b"),
        ("(?:ab)*c", "ab" * 90 + "c"), ("(ab)+", "ab" * 90), ("(a|b)*c", "ab" * 80 + "c"), ("(?:a|b)*?c", "ab" * 80 + "c"),
        ("(x+x+)+y", "x" * 12), ("(\\w)\\1", text), (".*(\\w) ", text),
    ]
    for pattern, s in cases:
        problems = S.compare_pattern(rx, pattern, [s])
        assert not problems, problems[:3]


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_random_lazy(rx, seed, case):
    problems = S.run_random(rx, seed, "lazy", case, NO_BACKREF, 60, 10)
    assert not problems, "\n".join(p[:500] for p in problems)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_random_backrefs(rx, seed, case):
    problems = S.run_random(rx, seed, "backrefs", case, {"group", "alt", "quant", "class", "backref", "nocap"}, 60, 10)
    assert not problems, "\n".join(p[:500] for p in problems)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_random_full_grammar(rx, seed, case):
    problems = S.run_random(rx, seed, "full", case, S.ALL_FEATURES, 60, 10)
    assert not problems, "\n".join(p[:500] for p in problems)
