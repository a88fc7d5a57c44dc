# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `continuations_errors`: escaping call/cc and error reporting."""

import pytest

from schemeref import make_rng, render

pytestmark = pytest.mark.continuations_errors


@pytest.mark.parametrize("case", [0, 1, 2])
def test_callcc_early_exit_from_for_each(run_scheme, case):
    rng = make_rng("callcc-find", case)
    vals = [rng.randint(-100, 100) for _ in range(rng.randint(20, 60))]
    k = rng.randint(50, 110)
    prog = f"""
(define visited 0)
(define (find-first pred lst)
  (call/cc
    (lambda (return)
      (for-each (lambda (x) (set! visited (+ visited 1)) (if (pred x) (return x))) lst)
      'none)))
(display (find-first (lambda (x) (> x {k})) '{render(vals)})) (newline)
(display visited) (newline)
"""
    hit = next((i for i, v in enumerate(vals) if v > k), None)
    expected = [str(vals[hit]), str(hit + 1)] if hit is not None else ["none", str(len(vals))]
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == expected


def test_callcc_returns_normally_and_with_value(run_scheme):
    prog = """
(display (+ 1 (call/cc (lambda (k) 41)))) (newline)
(display (+ 1 (call/cc (lambda (k) (k 41) 0)))) (newline)
(display (+ 1 (call-with-current-continuation (lambda (k) (* 2 (k 10)))))) (newline)
(display (call/cc (lambda (k) (map (lambda (x) (if (< x 0) (k x) (* x 10))) '(1 2 3))))) (newline)
(display (call/cc (lambda (k) (map (lambda (x) (if (< x 0) (k x) (* x 10))) '(1 -2 3))))) (newline)
(display (procedure? (call/cc (lambda (k) k)))) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["42", "42", "11", "(10 20 30)", "-2", "#t"]


def test_callcc_escape_from_deep_recursion(run_scheme):
    rng = make_rng("callcc-deep")
    n = rng.randint(3000, 6000)
    zero_at = rng.randint(n // 2, n - 10)
    vals = [rng.randint(1, 3) for _ in range(n)]
    vals[zero_at] = 0
    prog = f"""
(define steps 0)
(define (product lst)
  (call/cc
    (lambda (break)
      (let loop ((l lst))
        (cond ((null? l) 1)
              ((= (car l) 0) (break 0))
              (else (set! steps (+ steps 1)) (* (car l) (loop (cdr l)))))))))
(display (product '{render(vals)})) (newline)
(display steps) (newline)
(display (product '(1 2 3 4))) (newline)
"""
    out = run_scheme(prog, timeout=40).expect_ok()
    assert out.splitlines() == ["0", str(zero_at), "24"]


def test_callcc_nested_escapes(run_scheme):
    prog = """
(define trace '())
(define (note x) (set! trace (cons x trace)))
(define result
  (call/cc
    (lambda (outer)
      (note 'start)
      (let ((inner-value
              (call/cc
                (lambda (inner)
                  (note 'inner)
                  (inner 5)
                  (note 'not-reached)))))
        (note inner-value)
        (outer (* inner-value 100))
        (note 'not-reached-either)))))
(display result) (newline)
(display (reverse trace)) (newline)
(define (f k) (k 'from-f))
(display (call/cc (lambda (k) (call/cc (lambda (k2) (f k))) 'ignored))) (newline)
"""
    out = run_scheme(prog).expect_ok()
    assert out.splitlines() == ["500", "(start inner 5)", "from-f"]


def test_callcc_as_return_in_loops(run_scheme):
    rng = make_rng("callcc-return")
    limit = rng.randint(10, 40)
    prog = f"""
(define (first-square-above n)
  (call/cc
    (lambda (return)
      (let loop ((i 0))
        (if (> (* i i) n) (return i))
        (loop (+ i 1))))))
(define (sum-firsts k acc)
  (if (= k 0) acc (sum-firsts (- k 1) (+ acc (first-square-above k)))))
(display (sum-firsts {limit * 100} 0)) (newline)
"""
    expected = 0
    for k in range(1, limit * 100 + 1):
        i = 0
        while i * i <= k:
            i += 1
        expected += i
    out = run_scheme(prog, timeout=40).expect_ok()
    assert out.splitlines() == [str(expected)]


ERROR_PROGRAMS = {
    "unbound_variable": "(display (+ 1 undefined-variable-xyz))",
    "car_of_empty": "(display (car '()))",
    "cdr_of_number": "(display (cdr 5))",
    "call_non_procedure": "(display (5 3))",
    "call_string": '(display ("not a procedure"))',
    "too_many_args": "(define (f x) x) (display (f 1 2))",
    "too_few_args": "(define (f x y) x) (display (f 1))",
    "divide_by_zero": "(display (/ 10 0))",
    "quotient_by_zero": "(display (quotient 10 0))",
    "add_string": '(display (+ 1 "2"))',
    "compare_symbol": "(display (< 'a 1))",
    "set_unbound": "(set! never-defined-var 5)",
    "string_ref_range": '(display (string-ref "abc" 10))',
    "user_error": '(error "custom failure" 42)',
    "error_in_deep_recursion": "(define (f n) (if (= n 0) (car '()) (+ 1 (f (- n 1))))) (display (f 3000))",
    "error_in_map": "(display (map (lambda (x) (/ 1 x)) '(1 2 0 4)))",
    "unbalanced_close": "(display 1))",
    "unterminated_list": "(display (list 1 2)",
    "unterminated_string": '(display "abc)',
}


@pytest.mark.parametrize("name", ["unbound_variable", "car_of_empty", "cdr_of_number", "call_non_procedure",
                                  "call_string", "too_many_args", "too_few_args", "divide_by_zero",
                                  "quotient_by_zero", "add_string", "compare_symbol", "set_unbound",
                                  "string_ref_range", "user_error", "error_in_deep_recursion", "error_in_map",
                                  "unbalanced_close", "unterminated_list", "unterminated_string"])
def test_runtime_and_syntax_errors(run_scheme, name):
    res = run_scheme(ERROR_PROGRAMS[name] + "\n(display \"after\")\n")
    assert not res.timed_out, res
    assert res.returncode == 1, f"exit status {res.returncode}, expected 1: {res!r}"
    assert res.error_lines(), f"no line starting with 'error:' on stderr: {res!r}"
    assert "Traceback" not in res.stderr, f"a Python traceback leaked: {res!r}"
    assert "after" not in res.stdout, "execution continued after the error"


def test_output_before_error_is_kept(run_scheme):
    rng = make_rng("before-error")
    n = rng.randint(2000, 5000)
    prog = f"""
(let loop ((i 0))
  (when (< i {n})
    (display i) (newline)
    (loop (+ i 1))))
(display "last line") (newline)
(display "partial")
(car '())
(display "never")
"""
    res = run_scheme(prog)
    assert res.returncode == 1, res
    assert res.stdout == "".join(f"{i}\n" for i in range(n)) + "last line\npartial", "stdout before the error was lost"
    assert res.error_lines(), res


def test_error_procedure_message_format(run_scheme):
    rng = make_rng("error-format")
    k = rng.randint(1, 10**9)
    prog = f"""
(display "start") (newline)
(define (check x) (if (> x 0) (error "Value out of range:" x 'sym "str" '(1 "two")) x))
(check {k})
"""
    res = run_scheme(prog)
    assert res.returncode == 1, res
    assert res.stdout == "start\n"
    assert res.error_lines() == [f'error: Value out of range: {k} sym "str" (1 "two")'], res


def test_success_has_clean_exit(run_scheme):
    res = run_scheme("(define x 1)\n(set! x 2)\n")
    assert not res.timed_out
    assert res.returncode == 0, res
    assert res.stdout == ""
    assert res.stderr.strip() == "", res
