# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `procedures_lists`: closures, arguments, the list/string/char library, recursion."""

import functools

import pytest

from schemeref import Ch, Sym, make_rng, render, write_lines

pytestmark = pytest.mark.procedures_lists


def test_closures_and_counters(run_scheme):
    rng = make_rng("counter")
    a, b = rng.randint(1, 20), rng.randint(1, 20)
    prog = f"""
(define (make-counter start step)
  (let ((n start))
    (lambda () (set! n (+ n step)) n)))
(define c1 (make-counter {a} 1))
(define c2 (make-counter 0 {b}))
(c1) (c1) (c2)
(display (list (c1) (c2) (c1))) (newline)
(define (make-account balance)
  (define (withdraw amount) (set! balance (- balance amount)) balance)
  (define (deposit amount) (set! balance (+ balance amount)) balance)
  (lambda (op amount) (if (eq? op 'withdraw) (withdraw amount) (deposit amount))))
(define acc (make-account 100))
(acc 'withdraw {a})
(display (acc 'deposit {b})) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [f"({a + 3} {2 * b} {a + 4})", str(100 - a + b)]


def test_lexical_not_dynamic_scope(run_scheme):
    prog = """
(define x 'global)
(define (get-x) x)
(define (shadow x) (get-x))
(display (shadow 'local)) (newline)
(define (adder n) (lambda (m) (+ n m)))
(define add5 (adder 5))
(define n 1000)
(display (add5 1)) (newline)
(define procs (map (lambda (i) (lambda () (* i i))) '(1 2 3 4)))
(display (map (lambda (p) (p)) procs)) (newline)
(define (outer)
  (define y 1)
  (define (inner) (set! y (+ y 1)) y)
  (inner) (inner))
(display (outer)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["global", "6", "(1 4 9 16)", "3"]


def test_rest_arguments(run_scheme):
    rng = make_rng("rest")
    vals = [rng.randint(-9, 9) for _ in range(rng.randint(3, 7))]
    args = " ".join(map(str, vals))
    prog = f"""
(define (f a b . rest) (list a b rest))
(define g (lambda args args))
(define h (lambda (first . others) (length others)))
(define (sum . xs) (if (null? xs) 0 (+ (car xs) (apply sum (cdr xs)))))
(write (f {args})) (newline)
(write (f 1 2)) (newline)
(write (g)) (newline)
(write (g {args})) (newline)
(write (h {args})) (newline)
(write (sum {args})) (newline)
(write ((lambda (x . y) y) 1)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [
        render([vals[0], vals[1], vals[2:]]),
        "(1 2 ())",
        "()",
        render(vals),
        str(len(vals) - 1),
        str(sum(vals)),
        "()",
    ]


def test_higher_order_and_apply(run_scheme):
    rng = make_rng("hof")
    vals = [rng.randint(1, 30) for _ in range(6)]
    lst = render(vals)
    prog = f"""
(define (compose . fs)
  (if (null? fs) (lambda (x) x)
      (lambda (x) ((car fs) ((apply compose (cdr fs)) x)))))
(define (curry f . pre) (lambda post (apply f (append pre post))))
(define inc (lambda (x) (+ x 1)))
(define dbl (lambda (x) (* x 2)))
(write ((compose inc dbl) {vals[0]})) (newline)
(write ((compose dbl inc) {vals[0]})) (newline)
(write ((curry + {vals[1]} {vals[2]}) {vals[3]})) (newline)
(write (apply + 1 2 '{lst})) (newline)
(write (apply max '{lst})) (newline)
(write (apply list 'a 'b '(c d))) (newline)
(write (map (lambda (f) (f 10)) (list inc dbl (curry * 3)))) (newline)
(write (procedure? car)) (write (procedure? inc)) (write (procedure? 'car)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [
        str(vals[0] * 2 + 1),
        str((vals[0] + 1) * 2),
        str(vals[1] + vals[2] + vals[3]),
        str(3 + sum(vals)),
        str(max(vals)),
        "(a b c d)",
        "(11 20 30)",
        "#t#t#f",
    ]


def _list_program(rng):
    """A random pipeline of list operations, rendered to Scheme and evaluated with Python lists."""
    cur = [rng.randint(-50, 50) for _ in range(rng.randint(4, 12))]
    expr = "'" + render(cur)
    for _ in range(rng.randint(3, 6)):
        op = rng.choice(["map-mul", "map-add", "map-sq", "filter-gt", "filter-even", "filter-odd", "reverse",
                         "append", "cons", "cdr", "list-tail", "map2"])
        if op == "map-mul":
            k = rng.randint(-3, 3)
            expr = f"(map (lambda (x) (* x {k})) {expr})"
            cur = [x * k for x in cur]
        elif op == "map-add":
            k = rng.randint(-9, 9)
            expr = f"(map (lambda (x) (+ x {k})) {expr})"
            cur = [x + k for x in cur]
        elif op == "map-sq":
            expr = f"(map (lambda (x) (* x x)) {expr})"
            cur = [x * x for x in cur]
        elif op == "filter-gt":
            k = rng.randint(-20, 20)
            expr = f"(filter (lambda (x) (> x {k})) {expr})"
            cur = [x for x in cur if x > k]
        elif op == "filter-even":
            expr = f"(filter even? {expr})"
            cur = [x for x in cur if x % 2 == 0]
        elif op == "filter-odd":
            expr = f"(filter odd? {expr})"
            cur = [x for x in cur if x % 2 == 1]
        elif op == "reverse":
            expr = f"(reverse {expr})"
            cur = cur[::-1]
        elif op == "append":
            extra = [rng.randint(-50, 50) for _ in range(rng.randint(0, 4))]
            if rng.random() < 0.5:
                expr = f"(append {expr} '{render(extra)})"
                cur = cur + extra
            else:
                expr = f"(append '{render(extra)} {expr} '())"
                cur = extra + cur
        elif op == "cons":
            k = rng.randint(-50, 50)
            expr = f"(cons {k} {expr})"
            cur = [k] + cur
        elif op == "cdr" and cur:
            expr = f"(cdr {expr})"
            cur = cur[1:]
        elif op == "list-tail":
            k = rng.randint(0, len(cur))
            expr = f"(list-tail {expr} {k})"
            cur = cur[k:]
        elif op == "map2":
            other = [rng.randint(-9, 9) for _ in cur]
            expr = f"(map + {expr} '{render(other)})"
            cur = [x + y for x, y in zip(cur, other)]
    return expr, cur


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_list_programs(run_scheme, case):
    rng = make_rng("list-prog", case)
    lines = []
    expected = []
    for i in range(6):
        expr, cur = _list_program(rng)
        lines.append(f"(define l{i} {expr})")
        lines.append(f"(write l{i}) (newline)")
        expected.append(render(cur))
        lines.append(f"(write (list (length l{i}) (fold-left + 0 l{i}) (fold-left (lambda (acc x) (cons x acc)) '() l{i}))) (newline)")
        expected.append(render([len(cur), sum(cur), cur[::-1]]))
        lines.append(f"(write (fold-right (lambda (x acc) (- x acc)) 0 l{i})) (newline)")
        expected.append(str(functools.reduce(lambda acc, x: x - acc, reversed(cur), 0)))
        if cur:
            k = rng.randrange(len(cur))
            probe = cur[k] if rng.random() < 0.6 else 1000
            lines.append(f"(write (list (list-ref l{i} {k}) (member {probe} l{i}))) (newline)")
            expected.append(render([cur[k], cur[cur.index(probe):] if probe in cur else False]))
            keys = [f"k{j}" for j in range(len(cur))]
            alist = [[Sym(kk), v] for kk, v in zip(keys, cur)]
            probe_key = rng.choice(keys + ["missing"])
            lines.append(f"(write (assoc '{probe_key} (map list '{render([Sym(kk) for kk in keys])} l{i}))) (newline)")
            expected.append(render(next((p for p in alist if p[0] == probe_key), False)))
    out = run_scheme("\n".join(lines) + "\n").expect_ok()
    assert out.splitlines() == expected, "\n".join(lines)


def test_list_primitives(run_scheme):
    prog = """
(write (list (car '(1 2 3)) (cdr '(1 2 3)) (cadr '(1 2 3)) (cddr '(1 2 3)) (caddr '(1 2 3)) (caar '((9) 8))))
(newline)
(write (list (cons 1 '()) (list) (append) (append '(1)) (append '() '()) (append '(1 2) '(3) '() '(4 5))))
(newline)
(write (append '(1) 2)) (newline)
(write (list (null? '()) (null? '(1)) (pair? '()) (pair? '(1 . 2)) (list? '(1 2)) (list? '(1 . 2)) (list? '())))
(newline)
(write (list (length '()) (length '(a (b c) d)) (reverse '()) (reverse '(1 (2 3) 4))))
(newline)
(write (list (list-ref '(a b c d) 2) (list-tail '(a b c d) 2) (list-tail '(a b) 2)))
(newline)
(define p (list 1 2 3))
(set-car! p 'one)
(set-cdr! (cddr p) '(4))
(write p) (newline)
(write (list (memq 'c '(a b c d)) (memq 'z '(a b)) (member '(1) '((0) (1) (2))) (memv 2 '(1 2 3))))
(newline)
(write (list (assq 'b '((a 1) (b 2))) (assv 2 '((1 . one) (2 . two))) (assoc "b" '(("a" . 1) ("b" . 2))) (assq 'z '((a 1)))))
(newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [
        "(1 (2 3) 2 (3) 3 9)",
        "((1) () () (1) () (1 2 3 4 5))",
        "(1 . 2)",
        "(#t #f #f #t #t #f #t)",
        "(0 3 () (4 (2 3) 1))",
        "(c (c d) ())",
        "(one 2 3 4)",
        "((c d) #f ((1) (2)) (2 3))",
        '((b 2) (2 . two) ("b" . 2) #f)',
    ]


def test_map_for_each_fold(run_scheme):
    rng = make_rng("mapfold")
    xs = [rng.randint(1, 9) for _ in range(5)]
    ys = [rng.randint(1, 9) for _ in range(5)]
    prog = f"""
(write (map * '{render(xs)} '{render(ys)})) (newline)
(define acc '())
(for-each (lambda (x y) (set! acc (cons (- x y) acc))) '{render(xs)} '{render(ys)})
(write acc) (newline)
(write (fold-left cons '() '(1 2 3))) (newline)
(write (fold-right cons '() '(1 2 3))) (newline)
(write (fold-left - 0 '{render(xs)})) (newline)
(write (fold-right - 0 '{render(xs)})) (newline)
(write (fold-left (lambda (a x) (+ (* a 10) x)) 0 '{render(xs)})) (newline)
(write (filter (lambda (x) (> x 4)) '{render(xs)})) (newline)
(write (map (lambda (x) x) '())) (newline)
"""
    out = run_scheme(prog).expect_ok()
    fold_right_minus = 0
    for x in reversed(xs):
        fold_right_minus = x - fold_right_minus
    assert out.splitlines() == [
        render([x * y for x, y in zip(xs, ys)]),
        render([x - y for x, y in zip(xs, ys)][::-1]),
        "(((() . 1) . 2) . 3)",
        "(1 2 3)",
        str(-sum(xs)),
        str(fold_right_minus),
        str(int("".join(map(str, xs)))),
        render([x for x in xs if x > 4]),
        "()",
    ]


@pytest.mark.parametrize("case", [0, 1])
def test_string_operations(run_scheme, case):
    rng = make_rng("strings", case)
    letters = "abcdefghijklmnopqrstuvwxyz"
    s1 = "".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))
    s2 = "".join(rng.choice(letters.upper() + letters) for _ in range(rng.randint(3, 9)))
    i = rng.randint(0, len(s1) - 1)
    j = rng.randint(i, len(s1))
    n = rng.randint(-10**6, 10**6)
    exprs = [
        (f'(string-append "{s1}" "-" "{s2}")', f"{s1}-{s2}"),
        (f'(string-append)', ""),
        (f'(string-length "{s1}{s2}")', len(s1 + s2)),
        (f'(substring "{s1}" {i} {j})', s1[i:j]),
        (f'(string-upcase "{s2}")', s2.upper()),
        (f'(string-downcase "{s2}")', s2.lower()),
        (f'(string->list "{s1}")', [Ch(c) for c in s1]),
        (f'(list->string (reverse (string->list "{s1}")))', s1[::-1]),
        (f'(string-ref "{s1}" {i})', Ch(s1[i])),
        (f'(string->symbol "{s1}")', Sym(s1)),
        (f"(symbol->string '{s1})", s1),
        (f'(string=? "{s1}" "{s1}")', True),
        (f'(string=? "{s1}" "{s2}")', s1 == s2),
        (f'(string<? "{s1}" "{s2}")', s1 < s2),
        (f'(string>? "{s1}" "{s2}")', s1 > s2),
        (f"(number->string {n})", str(n)),
        (f'(string->number "{n}")', n),
        (f'(string? "{s1}")', True),
        (f"(string? '{s1})", False),
        (f"(symbol? '{s1})", True),
        (f'(symbol? "{s1}")', False),
        (f'(equal? "{s1}" (string-append "{s1[:i]}" "{s1[i:]}"))', True),
    ]
    out = run_scheme(write_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [render(v) for _, v in exprs], [t for t, _ in exprs]


def test_char_operations(run_scheme):
    rng = make_rng("chars")
    c = rng.choice("bcdfghjklmnpqrstvwxyz")
    d = rng.choice("0123456789")
    exprs = [
        (f"(char->integer #\\{c})", ord(c)),
        (f"(integer->char {ord(c)})", Ch(c)),
        (f"(char-upcase #\\{c})", Ch(c.upper())),
        (f"(char-downcase #\\{c.upper()})", Ch(c)),
        (f"(char=? #\\{c} #\\{c})", True),
        (f"(char<? #\\a #\\{c})", "a" < c),
        (f"(char-alphabetic? #\\{c})", True),
        (f"(char-numeric? #\\{d})", True),
        (f"(char-numeric? #\\{c})", False),
        ("(char-whitespace? #\\space)", True),
        (f"(char? #\\{c})", True),
        (f'(char? "{c}")', False),
    ]
    out = run_scheme(write_lines([t for t, _ in exprs])).expect_ok()
    assert out.splitlines() == [render(v) for _, v in exprs], [t for t, _ in exprs]


def test_equivalence_predicates(run_scheme):
    prog = """
(define l '(1 2))
(write (list (eq? 'a 'a) (eq? l l) (eq? '() '()) (eqv? 2 2) (eqv? 2 2.0) (eqv? #\\a #\\a)
             (equal? '(1 (2 #\\c "s")) (list 1 (list 2 #\\c "s"))) (equal? '(1 2) '(1 2 3))
             (equal? "abc" "abc") (eq? (list 1) (list 1)) (equal? 1.5 1.5) (eqv? 'x 'y)))
(newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["(#t #t #t #t #f #t #t #f #t #f #t #f)"]


def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def _ack(m, n):
    # iterative Ackermann with an explicit stack
    stack = [m]
    while stack:
        m = stack.pop()
        if m == 0:
            n += 1
        elif n == 0:
            stack.append(m - 1)
            n = 1
        else:
            stack.append(m - 1)
            stack.append(m)
            n -= 1
    return n


@pytest.mark.parametrize("which", ["fib", "fact", "ack"])
def test_classic_recursive_functions(run_scheme, which):
    rng = make_rng("classic", which)
    if which == "fib":
        ns = sorted(rng.sample(range(10, 19), 3))
        prog = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
        prog += "".join(f"(display (fib {n})) (newline)\n" for n in ns)
        expected = [str(_fib(n)) for n in ns]
    elif which == "fact":
        ns = [rng.randint(20, 60), rng.randint(100, 200), 0]
        prog = "(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))\n"
        prog += "".join(f"(display (fact {n})) (newline)\n" for n in ns)
        expected = [str(functools.reduce(lambda a, b: a * b, range(1, n + 1), 1)) for n in ns]
    else:
        cases = [(2, rng.randint(2, 8)), (3, rng.randint(2, 4)), (1, rng.randint(5, 50))]
        prog = """(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))
"""
        prog += "".join(f"(display (ack {m} {n})) (newline)\n" for m, n in cases)
        expected = [str(_ack(m, n)) for m, n in cases]
    out = run_scheme(prog, timeout=60).expect_ok()
    assert out.splitlines() == expected


@pytest.mark.parametrize("case", [0, 1])
def test_user_defined_merge_sort(run_scheme, case):
    rng = make_rng("msort", case)
    vals = [rng.randint(-1000, 1000) for _ in range(rng.randint(50, 300))]
    prog = f"""
(define (split lst)
  (if (or (null? lst) (null? (cdr lst)))
      (cons lst '())
      (let ((rest (split (cddr lst))))
        (cons (cons (car lst) (car rest)) (cons (cadr lst) (cdr rest))))))
(define (merge a b less?)
  (cond ((null? a) b)
        ((null? b) a)
        ((less? (car b) (car a)) (cons (car b) (merge a (cdr b) less?)))
        (else (cons (car a) (merge (cdr a) b less?)))))
(define (msort lst less?)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let ((halves (split lst)))
        (merge (msort (car halves) less?) (msort (cdr halves) less?) less?))))
(define data '{render(vals)})
(write (msort data <)) (newline)
(write (msort data >)) (newline)
(write (length data)) (newline)
"""
    out = run_scheme(prog, timeout=60).expect_ok()
    assert out.splitlines() == [render(sorted(vals)), render(sorted(vals, reverse=True)), str(len(vals))]
