# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `tail_calls_macros`: proper tail calls, deep recursion and syntax-rules macros."""

import pytest

from schemeref import make_rng, render

pytestmark = pytest.mark.tail_calls_macros

MILLION_TIMEOUT = 60.0  # the reference interpreter needs about 3 s
LOOP_TIMEOUT = 40.0


def test_million_iteration_tail_loop(run_scheme):
    rng = make_rng("million")
    n = 1_000_000 + rng.randint(0, 999)
    k = rng.randint(2, 9)
    prog = f"""
(define (loop i acc)
  (if (= i 0)
      acc
      (loop (- i 1) (+ acc (remainder i {k})))))
(display (loop {n} 0))
(newline)
"""
    res = run_scheme(prog, timeout=MILLION_TIMEOUT)
    out = res.expect_ok()
    assert out.splitlines() == [str(sum(i % k for i in range(1, n + 1)))]


def test_named_let_loop(run_scheme):
    rng = make_rng("named-let")
    n = rng.randint(200_000, 300_000)
    m = rng.randint(1000, 5000)
    prog = f"""
(display
  (let loop ((i 0) (acc 0))
    (if (< i {n})
        (loop (+ i 1) (modulo (+ (* acc 31) i) {m}))
        acc)))
(newline)
"""
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) % m
    out = run_scheme(prog, timeout=LOOP_TIMEOUT).expect_ok()
    assert out.splitlines() == [str(acc)]


def test_mutual_tail_recursion(run_scheme):
    rng = make_rng("mutual")
    n = rng.randint(200_000, 250_000)
    prog = f"""
(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(display (list (my-even? {n}) (my-odd? {n})))
(newline)
"""
    out = run_scheme(prog, timeout=LOOP_TIMEOUT).expect_ok()
    assert out.splitlines() == [render([n % 2 == 0, n % 2 == 1])]


TAIL_FORMS = {
    "cond": "(cond ((= i 0) acc) (else (loop (- i 1) (+ acc 1))))",
    "cond_multi": "(cond ((= i 0) acc) ((odd? i) (loop (- i 1) (+ acc 1))) (else (loop (- i 1) (+ acc 1))))",
    "and": "(if (= i 0) acc (and #t (loop (- i 1) (+ acc 1))))",
    "or": "(if (= i 0) acc (or #f (loop (- i 1) (+ acc 1))))",
    "when": "(if (= i 0) acc (when #t (loop (- i 1) (+ acc 1))))",
    "unless": "(if (= i 0) acc (unless #f (loop (- i 1) (+ acc 1))))",
    "case": "(case (if (= i 0) 'done 'more) ((done) acc) (else (loop (- i 1) (+ acc 1))))",
    "begin": "(if (= i 0) acc (begin (set! counter (+ counter 1)) (loop (- i 1) (+ acc 1))))",
    "let": "(if (= i 0) acc (let ((j (- i 1))) (loop j (+ acc 1))))",
    "let_star": "(if (= i 0) acc (let* ((j (- i 1)) (a (+ acc 1))) (loop j a)))",
    "letrec": "(if (= i 0) acc (letrec ((next (lambda () (- i 1)))) (loop (next) (+ acc 1))))",
    "apply": "(if (= i 0) acc (apply loop (list (- i 1) (+ acc 1))))",
}


@pytest.mark.parametrize("form", ["cond", "cond_multi", "and", "or", "when", "unless", "case", "begin",
                                  "let", "let_star", "letrec", "apply"])
def test_tail_position_in_every_form(run_scheme, form):
    rng = make_rng("tail-form", form)
    n = rng.randint(100_000, 120_000)
    prog = f"""
(define counter 0)
(define (loop i acc)
  {TAIL_FORMS[form]})
(display (loop {n} 0))
(newline)
"""
    out = run_scheme(prog, timeout=LOOP_TIMEOUT).expect_ok()
    assert out.splitlines() == [str(n)]


DEEP = {
    "sum": ("(define (f n) (if (= n 0) 0 (+ n (f (- n 1)))))", "(f {n})", lambda n: n * (n + 1) // 2),
    "build": ("(define (f n) (if (= n 0) '() (cons n (f (- n 1)))))", "(length (f {n}))", lambda n: n),
    "my_map": ("(define (my-map g l) (if (null? l) '() (cons (g (car l)) (my-map g (cdr l)))))\n"
               "(define (range a b) (if (>= a b) '() (cons a (range (+ a 1) b))))",
               "(apply + (my-map (lambda (x) (* 2 x)) (range 0 {n})))", lambda n: n * (n - 1)),
    "cond_let": ("(define (f n) (cond ((= n 0) 1) (else (let ((r (f (- n 1)))) (+ r 1)))))", "(f {n})",
                 lambda n: n + 1),
    "append": ("(define (my-append a b) (if (null? a) b (cons (car a) (my-append (cdr a) b))))\n"
               "(define (iota-acc n acc) (if (= n 0) acc (iota-acc (- n 1) (cons n acc))))",
               "(length (my-append (iota-acc {n} '()) (iota-acc {n} '())))", lambda n: 2 * n),
}


@pytest.mark.parametrize("kind", ["sum", "build", "my_map", "cond_let", "append"])
def test_deep_non_tail_recursion(run_scheme, kind):
    defs, call, expect = DEEP[kind]
    n = 10_000
    prog = f"{defs}\n(display {call.format(n=n)})\n(newline)\n"
    out = run_scheme(prog, timeout=LOOP_TIMEOUT).expect_ok()
    assert out.splitlines() == [str(expect(n))]


def test_deep_recursion_builtins_on_long_lists(run_scheme):
    n = 10_000
    prog = f"""
(define (iota-acc n acc) (if (= n 0) acc (iota-acc (- n 1) (cons n acc))))
(define big (iota-acc {n} '()))
(display (length (map (lambda (x) (* x x)) big))) (newline)
(display (fold-left + 0 big)) (newline)
(display (fold-right + 0 big)) (newline)
(display (length (append big big))) (newline)
(display (car (reverse big))) (newline)
(display (equal? big (iota-acc {n} '()))) (newline)
(display (length (filter even? big))) (newline)
(display (apply + big)) (newline)
"""
    s = n * (n + 1) // 2
    out = run_scheme(prog, timeout=LOOP_TIMEOUT).expect_ok()
    assert out.splitlines() == [str(n), str(s), str(s), str(2 * n), str(n), "#t", str(n // 2), str(s)]


def test_macro_swap(run_scheme):
    rng = make_rng("swap")
    a, b = rng.randint(1, 99), rng.randint(100, 199)
    prog = f"""
(define-syntax swap!
  (syntax-rules ()
    ((_ x y) (let ((tmp x)) (set! x y) (set! y tmp)))))
(define p {a})
(define q {b})
(swap! p q)
(display (list p q)) (newline)
(define (f)
  (let ((u 1) (v 2))
    (swap! u v)
    (list u v)))
(display (f)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [f"({b} {a})", "(2 1)"]


def test_macro_recursive_and_short_circuit(run_scheme):
    prog = """
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((my-or-tmp e)) (if my-or-tmp my-or-tmp (my-or r ...))))))
(define-syntax my-and
  (syntax-rules ()
    ((_) #t)
    ((_ e) e)
    ((_ e r ...) (if e (my-and r ...) #f))))
(define hits 0)
(define (hit v) (set! hits (+ hits 1)) v)
(display (list (my-or) (my-or #f #f 7 (hit 8)) (my-and) (my-and 1 2 3) (my-and 1 #f (hit 9)))) (newline)
(display hits) (newline)
(display (my-or #f (my-and 1 'x))) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["(#f 7 #t 3 #f)", "0", "x"]


def test_macro_while_loop(run_scheme):
    rng = make_rng("while")
    n = rng.randint(500, 3000)
    prog = f"""
(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let lp () (when cond body ... (lp))))))
(define i 0)
(define total 0)
(while (< i {n})
  (set! total (+ total i))
  (set! i (+ i 1)))
(display (list i total)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [f"({n} {n * (n - 1) // 2})"]


def test_macro_ellipsis_bindings(run_scheme):
    rng = make_rng("ellipsis")
    vals = [rng.randint(1, 50) for _ in range(4)]
    prog = f"""
(define-syntax my-let
  (syntax-rules ()
    ((_ ((name val) ...) body1 body2 ...)
     ((lambda (name ...) body1 body2 ...) val ...))))
(define-syntax my-list-of-pairs
  (syntax-rules ()
    ((_ (a b) ...) (list (cons a b) ...))))
(display (my-let ((a {vals[0]}) (b {vals[1]}) (c {vals[2]})) (+ a b c))) (newline)
(display (my-let () 'empty)) (newline)
(write (my-list-of-pairs (1 2) ("x" 'y) ({vals[3]} (+ 1 1)))) (newline)
(write (my-list-of-pairs)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [str(sum(vals[:3])), "empty", f'((1 . 2) ("x" . y) ({vals[3]} . 2))', "()"]


def test_macro_nested_ellipsis(run_scheme):
    prog = """
(define-syntax my-cond
  (syntax-rules (else)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(define-syntax table
  (syntax-rules ()
    ((_ (key val ...) ...) (list (cons 'key (list val ...)) ...))))
(define-syntax let2*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((n v) rest ...) body ...) (let ((n v)) (let2* (rest ...) body ...)))))
(define (classify x)
  (my-cond ((< x 0) 'neg) ((= x 0) 'zero) (else 'pos)))
(display (map classify '(-5 0 5))) (newline)
(write (table (a 1 (+ 1 1)) (b) (c "three"))) (newline)
(display (let2* ((a 1) (b (+ a 1)) (c (* b 10))) (list a b c))) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["(neg zero pos)", '((a 1 2) (b) (c "three"))', "(1 2 20)"]


def test_macro_literals(run_scheme):
    rng = make_rng("literals")
    lo, hi = rng.randint(0, 5), rng.randint(6, 15)
    prog = f"""
(define-syntax for
  (syntax-rules (in from to)
    ((_ x in lst body ...) (for-each (lambda (x) body ...) lst))
    ((_ x from a to b body ...) (let loop ((x a)) (when (<= x b) body ... (loop (+ x 1)))))))
(define out '())
(for v in '(a b c) (set! out (cons v out)))
(display out) (newline)
(define total 0)
(for k from {lo} to {hi} (set! total (+ total k)))
(display total) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["(c b a)", str(sum(range(lo, hi + 1)))]


def test_macro_expanding_to_definitions(run_scheme):
    rng = make_rng("macro-define")
    a = rng.randint(1, 100)
    prog = f"""
(define-syntax define-constant
  (syntax-rules ()
    ((_ name value) (define (name) value))))
(define-syntax define-pair
  (syntax-rules ()
    ((_ a b va vb) (begin (define a va) (define b vb)))))
(define-constant answer {a})
(define-pair left right 'l 'r)
(display (list (answer) left right)) (newline)
(define (local-test)
  (define-constant inner (* 2 {a}))
  (define-pair x y 1 2)
  (list (inner) x y))
(display (local-test)) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == [f"({a} l r)", f"({2 * a} 1 2)"]
