# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `core_eval`: reader, printer, numbers, special forms, quasiquote and the REPL."""

import math

import pytest

from schemeref import (
    Ch,
    Dotted,
    Sym,
    display_lines,
    float_tree,
    int_tree,
    make_rng,
    render,
    s_modulo,
    s_quotient,
    s_remainder,
    write_lines,
    write_str,
)

pytestmark = pytest.mark.core_eval


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_integer_expression_trees(run_scheme, case):
    rng = make_rng("int-tree", case)
    exprs = [int_tree(rng, 3 + case % 3, big=case >= 3) for _ in range(10)]
    out = run_scheme(display_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [str(v) for _, v in exprs], "\n".join(t for t, _ in exprs)


def test_bignums(run_scheme):
    rng = make_rng("bignum")
    a = rng.randint(10**40, 10**50)
    b = rng.randint(10**20, 10**25)
    n = rng.randint(60, 90)
    exprs = [
        (f"(* {a} {b})", a * b),
        (f"(- {b} {a})", b - a),
        (f"(quotient {a} {b})", a // b),
        (f"(remainder (- {a}) {b})", s_remainder(-a, b)),
        (f"(modulo (- {a}) {b})", (-a) % b),
        (f"(expt 2 {n})", 2**n),
        (f"(expt -3 {n | 1})", (-3) ** (n | 1)),
        (f"(* {a} {a} {a})", a**3),
        (f"(+ {a} 1)", a + 1),
        (f"(= {a * b} (* {b} {a}))", True),
        (f"(< {a} {a + 1})", True),
    ]
    out = run_scheme(display_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [render(v) for _, v in exprs]


def test_quotient_remainder_modulo_signs(run_scheme):
    rng = make_rng("qrm")
    cases = []
    for sa in (1, -1):
        for sb in (1, -1):
            a = sa * rng.randint(10, 500)
            b = sb * rng.randint(2, 9)
            cases += [
                (f"(quotient {a} {b})", s_quotient(a, b)),
                (f"(remainder {a} {b})", s_remainder(a, b)),
                (f"(modulo {a} {b})", s_modulo(a, b)),
            ]
    out = run_scheme(display_lines([t for t, _ in cases])).expect_ok()
    assert out.splitlines() == [str(v) for _, v in cases], [t for t, _ in cases]


@pytest.mark.parametrize("case", [0, 1, 2])
def test_float_expression_trees(run_scheme, case):
    rng = make_rng("float-tree", case)
    exprs = [float_tree(rng, 3) for _ in range(10)]
    out = run_scheme(display_lines([t for t, _ in exprs])).expect_ok()
    lines = out.splitlines()
    assert len(lines) == len(exprs), out
    for (text, want), got in zip(exprs, lines):
        if isinstance(want, int):
            assert got == str(want), f"{text}: expected exact {want}, got {got}"
        else:
            assert "." in got or "e" in got, f"{text}: expected an inexact number, got {got!r}"
            assert math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-9), f"{text}: expected {want}, got {got}"


def test_division_and_float_printing(run_scheme):
    rng = make_rng("division")
    a = rng.randint(2, 40)
    b = rng.randint(2, 9)
    exprs = [
        (f"(/ {a * b} {b})", str(a)),
        ("(/ 7 2)", "3.5"),
        ("(/ 1 4)", "0.25"),
        (f"(/ {a * b * 2} {a} {b})", "2"),
        ("(+ 1 2.5)", "3.5"),
        ("(* 2 1.5)", "3.0"),
        ("(- 0.5 0.25)", "0.25"),
        ("2.0", "2.0"),
        ("-0.125", "-0.125"),
        ("(exact->inexact 3)", "3.0"),
        ("(sqrt 16)", "4"),
        (f"(sqrt {a * a})", str(a)),
        ("(sqrt 2)", repr(math.sqrt(2))),
        ("(* 1.0 100000000000000000000000)", repr(1e23)),
        ("(expt 2.0 3)", "8.0"),
        ("(abs -7)", "7"),
        ("(abs -2.5)", "2.5"),
    ]
    out = run_scheme(display_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [want for _, want in exprs], [t for t, _ in exprs]


@pytest.mark.parametrize("case", [0, 1])
def test_comparisons_and_boolean_operators(run_scheme, case):
    rng = make_rng("compare", case)
    exprs = []
    ops = {"=": lambda x, y: x == y, "<": lambda x, y: x < y, ">": lambda x, y: x > y,
           "<=": lambda x, y: x <= y, ">=": lambda x, y: x >= y}
    for _ in range(12):
        op = rng.choice(sorted(ops))
        vals = [rng.randint(-3, 3) for _ in range(rng.randint(2, 4))]
        want = all(ops[op](vals[i], vals[i + 1]) for i in range(len(vals) - 1))
        exprs.append((f"({op} {' '.join(map(str, vals))})", want))
    for _ in range(8):
        vals = [rng.choice(["#f", "1", "2", "'a", "\"s\"", "#t"]) for _ in range(rng.randint(1, 4))]
        pyvals = [{"#f": False, "#t": True, "1": 1, "2": 2, "'a": Sym("a"), "\"s\"": "s"}[v] for v in vals]
        and_v = True
        for v in pyvals:
            and_v = v
            if v is False:
                break
        or_v = False
        for v in pyvals:
            or_v = v
            if v is not False:
                break
        exprs.append((f"(and {' '.join(vals)})", and_v))
        exprs.append((f"(or {' '.join(vals)})", or_v))
        exprs.append((f"(not {vals[0]})", pyvals[0] is False))
    exprs += [("(and)", True), ("(or)", False), ("(not 0)", False), ("(not '())", False)]
    out = run_scheme(write_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [render(v) for _, v in exprs], [t for t, _ in exprs]


def test_number_predicates(run_scheme):
    rng = make_rng("numpred")
    n = rng.randint(1, 1000)
    exprs = [
        (f"(zero? {n})", False), ("(zero? 0)", True), (f"(positive? {n})", True), (f"(negative? {n})", False),
        (f"(negative? -{n})", True), (f"(even? {n})", n % 2 == 0), (f"(odd? {n})", n % 2 == 1),
        ("(number? 1.5)", True), ("(number? 'a)", False), (f"(integer? {n})", True), ("(integer? 1.5)", False),
        ("(max 3 9 -2)", 9), ("(min 3 9 -2)", -2), ("(number->string 42)", "42"),
        ("(string->number \"-17\")", -17), ("(string->number \"2.5\")", 2.5), ("(string->number \"abc\")", False),
    ]
    out = run_scheme(write_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [render(v) for _, v in exprs], [t for t, _ in exprs]


def test_write_and_display_of_data(run_scheme):
    rng = make_rng("printer")
    word = "".join(rng.choice("abcdefgh") for _ in range(5))
    k = rng.randint(100, 999)
    prog = f"""
(write "a\\"b\\\\c") (newline)
(display "a\\"b\\\\c") (newline)
(write "line1\\nline2") (newline)
(write #\\a) (write #\\space) (write #\\newline) (newline)
(display #\\a) (display #\\Z) (newline)
(write '()) (newline)
(write #t) (write #f) (newline)
(write '{word}) (newline)
(write '(1 (2 3) ((4)) "five" #\\6 {k} . tail)) (newline)
(write (cons 1 2)) (newline)
(write (cons 1 (cons 2 '()))) (newline)
(write '(a . (b . (c)))) (newline)
(write ''{word}) (newline)
(display '("x" #\\y {word})) (newline)
(write (list 1.5 -2 "q")) (newline)
"""
    expected = [
        '"a\\"b\\\\c"',
        'a"b\\c',
        '"line1\\nline2"',
        "#\\a#\\space#\\newline",
        "aZ",
        "()",
        "#t#f",
        word,
        f'(1 (2 3) ((4)) "five" #\\6 {k} . tail)',
        "(1 . 2)",
        "(1 2)",
        "(a b c)",
        f"(quote {word})",
        f"(x y {word})",
        '(1.5 -2 "q")',
    ]
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == expected


def test_define_set_and_shadowing(run_scheme):
    rng = make_rng("define")
    a, b = rng.randint(1, 100), rng.randint(1, 100)
    prog = f"""
(define x {a})
(define y (+ x {b}))
(display (list x y)) (newline)
(set! x (* x 2))
(display x) (newline)
(define (f x) (+ x y))
(display (f 1)) (newline)
(define x 'redefined)
(display x) (newline)
(let ((y 0)) (set! y 5) (display y)) (newline)
(display y) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [f"({a} {a + b})", str(2 * a), str(1 + a + b), "redefined", "5", str(a + b)]


def test_let_forms(run_scheme):
    rng = make_rng("let")
    a, b = rng.randint(1, 50), rng.randint(1, 50)
    n = rng.randint(10, 40)
    prog = f"""
(define x {a})
(display (let ((x {b}) (y x)) (list x y))) (newline)
(display (let* ((x {b}) (y x)) (list x y))) (newline)
(display (letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
                  (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
           (list (ev? {n}) (od? {n})))) (newline)
(display (let () (define z 3) (define (g) (* z 2)) (g))) (newline)
(display (let ((v 1)) (let ((v (+ v 1))) (let ((v (* v 10))) v)))) (newline)
(display (let* () 7)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    ev = n % 2 == 0
    assert out.splitlines() == [
        f"({b} {a})",
        f"({b} {b})",
        render([ev, not ev]),
        "6",
        "20",
        "7",
    ]


@pytest.mark.parametrize("case", [0, 1])
def test_if_cond_case(run_scheme, case):
    rng = make_rng("cond", case)
    vals = [rng.randint(-20, 20) for _ in range(8)]
    syms = ["apple", "banana", "cherry", "date"]
    prog = """
(define (classify n)
  (cond ((< n -10) 'very-negative)
        ((< n 0) 'negative)
        ((= n 0) 'zero)
        ((assv n '((1 . one) (2 . two) (3 . three))) => cdr)
        ((> n 10) 'big)
        (else 'small)))
(define (kind x)
  (case x
    ((apple cherry) 'red)
    ((banana) 'yellow)
    ((1 2 3) 'small-number)
    (else 'unknown)))
(define (sign n) (if (< n 0) -1 (if (> n 0) 1 0)))
"""
    expected = []
    for v in vals:
        prog += f"(display (list (classify {v}) (sign {v}) (kind {v}))) (newline)\n"
        if v < -10:
            c = "very-negative"
        elif v < 0:
            c = "negative"
        elif v == 0:
            c = "zero"
        elif v in (1, 2, 3):
            c = ["one", "two", "three"][v - 1]
        elif v > 10:
            c = "big"
        else:
            c = "small"
        k = "small-number" if v in (1, 2, 3) else "unknown"
        expected.append(f"({c} {(v > 0) - (v < 0)} {k})")
    for s in rng.sample(syms, 3):
        prog += f"(display (kind '{s})) (newline)\n"
        expected.append({"apple": "red", "cherry": "red", "banana": "yellow"}.get(s, "unknown"))
    prog += "(display (cond ((assv 2 '((1 . a) (2 . b))) => (lambda (p) (cdr p))) (else 'none))) (newline)\n"
    expected.append("b")
    prog += "(display (cond (#f 1) ((+ 40 2)))) (newline)\n"
    expected.append("42")
    prog += "(display (if '() 'yes 'no)) (newline)\n"
    expected.append("yes")
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == expected


def test_when_unless_begin(run_scheme):
    rng = make_rng("when")
    a = rng.randint(1, 100)
    prog = f"""
(define log '())
(define (note x) (set! log (cons x log)))
(when (> {a} 0) (note 'when1) (note 'when2))
(when (< {a} 0) (note 'never))
(unless (< {a} 0) (note 'unless1))
(unless (> {a} 0) (note 'never))
(display (begin (note 'b1) (note 'b2) (* {a} 2))) (newline)
(display (reverse log)) (newline)
(display (when #t 'value)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [str(2 * a), "(when1 when2 unless1 b1 b2)", "value"]


@pytest.mark.parametrize("case", [0, 1])
def test_quasiquote(run_scheme, case):
    rng = make_rng("qq", case)
    x = rng.randint(1, 99)
    lst = [rng.randint(1, 99) for _ in range(rng.randint(0, 4))]
    word = rng.choice(["foo", "bar", "baz"])
    prog = f"""
(define x {x})
(define lst '{render(lst)})
(write `(a ,x ,@lst b)) (newline)
(write `(,x . ,x)) (newline)
(write `(1 ,@lst)) (newline)
(write `((nested ,(+ x 1)) (list ,@(map (lambda (v) (* v 2)) lst)) {word})) (newline)
(write `,x) (newline)
(write `(quote ,x)) (newline)
(write (quasiquote (x (unquote x) (unquote-splicing lst)))) (newline)
(write `(,@lst ,@lst)) (newline)
"""
    expected = [
        render([Sym("a"), x] + lst + [Sym("b")]),
        render(Dotted([x], x)),
        render([1] + lst),
        render([[Sym("nested"), x + 1], [Sym("list")] + [2 * v for v in lst], Sym(word)]),
        str(x),
        f"(quote {x})",
        render([Sym("x"), x] + lst),
        render(lst + lst),
    ]
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == expected


def test_comments_and_layout(run_scheme):
    prog = """; a comment line
(define (f x) ; trailing comment
  (* x
     ; comment inside a form
     3))
   (display
(f 7))   (newline) ; two forms on a line
(display "a ; not a comment") (newline)
(display '(1 2
  3)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["21", "a ; not a comment", "(1 2 3)"]


def test_repl_prints_values(run_repl):
    rng = make_rng("repl")
    a = rng.randint(2, 500)
    word = "".join(rng.choice("xyz") for _ in range(4))
    text = f"""(define x {a})
(* x 2)
"{word}"
#\\q
'(1 (2 . 3) "s" {word})
(display "hi")
(newline)
(set! x (+ x 1))
x (+ x
   1)
(define (sq n) (* n n))
(sq x)
"""
    res = run_repl(text)
    out = res.expect_ok()
    assert out.splitlines() == [
        str(2 * a),
        write_str(word),
        "#\\q",
        f'(1 (2 . 3) "s" {word})',
        "hi",
        str(a + 1),
        str(a + 2),
        str((a + 1) ** 2),
    ]


def test_repl_continues_after_errors(run_repl):
    rng = make_rng("repl-errors")
    a = rng.randint(2, 500)
    text = f"""(define y {a})
(car '())
(+ y 1)
(undefined-procedure 1 2)
(* y 3)
"""
    res = run_repl(text)
    assert not res.timed_out
    assert res.returncode == 0, res
    assert res.stdout.splitlines() == [str(a + 1), str(3 * a)], res
    assert len(res.error_lines()) == 2, res
    assert "Traceback" not in res.stderr


def test_chars_and_strings_literals(run_scheme):
    prog = r"""
(write (string #\a #\b)) (newline)
(write (string-length "tab\there")) (newline)
(write (char->integer #\A)) (newline)
(write (list #\x #\space #\( #\))) (newline)
(write (string->list "ab c")) (newline)
(display (list "no quotes" #\c)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [
        '"ab"',
        "8",
        "65",
        render([Ch("x"), Ch(" "), Ch("("), Ch(")")]),
        render([Ch("a"), Ch("b"), Ch(" "), Ch("c")]),
        "(no quotes c)",
    ]
