"""Failure signatures: message normalisation, the line a failure is known by, and clustering across attempts."""

from __future__ import annotations

import pytest

from agentbench.outcome.taxonomy import Cause, Outcome, Source
from agentbench.report.labels import AttemptRef, model_label
from agentbench.report.signatures import (
    Signature, attempt_signatures, cluster, error_lines, first_build_failure, headline, normalise, signature_of,
)
from agentbench.result import Result
from agentbench.verifier.junit import TestResult


def failure(error_type: str | None, message: str | None, excerpt: str | None = None, milestone: str | None = "m", status: str = "failed", test_id: str = "t.py::test_x") -> TestResult:
    return TestResult(id=test_id, milestone=milestone, status=status, error_type=error_type, message=message, excerpt=excerpt)


def result(cause: Cause | None, tests: list[TestResult], *, task: str = "tiny", attempt: int = 1, model: str | None = "openai/gpt-x", agent: str = "builtin", run_id: str = "r1") -> Result:
    outcome = Outcome.PASSED if cause is None else Outcome.ERROR if cause == Cause.SANDBOX_ERROR else Outcome.FAILED
    source = None if cause is None else Source.INFRASTRUCTURE if cause == Cause.SANDBOX_ERROR else Source.MODEL
    return Result(
        run_id=run_id, task=task, attempt=attempt, agent=agent, model=model, seed=1, outcome=outcome, cause=cause, source=source,
        failed_tests=tests, duration_sec=1.0, started_at="s", finished_at="f", task_hash="h", agentbench_version="0",
    )


SYNTAX_EXCERPT = """@pytest.mark.basic
    def test_add():
>       import calc
E         File "/workspace/calc.py", line 1
E           def add(a, b)
E                        ^
E       SyntaxError: expected ':'

/tests/test_calc.py:12: SyntaxError"""

COLLECTION_EXCERPT = """ImportError while importing test module '/tests/test_calc.py'.
Hint: make sure your test modules/packages have valid Python names.
Traceback:
/usr/lib/python3.11/importlib/__init__.py:126: in import_module
    return _bootstrap._gcd_import(name[level:], package)
/tests/test_calc.py:3: in <module>
    import calc
E   ModuleNotFoundError: No module named 'numpy'"""


@pytest.mark.parametrize(("raw", "folded"), [
    ("assert 3 == 5", "assert <n> == <n>"),
    ("assert 9 == (2 * 7)", "assert <n> == (<n> * <n>)"),
    ("assert -3.5e-4 == 0.25", "assert <n> == <n>"),
    ("assert [1, 2, 3] == [1, 2]", "assert [<n>, ...] == [<n>, ...]"),
    ("<function mul at 0x7fc77d289080> is not callable", "<function mul at <hex>> is not callable"),
    ("No module named 'autograd'", "No module named <name>"),
    ("No module named 'pkg.sub'", "No module named <name>"),
    ("[Errno 2] No such file or directory: '/tmp/tmpab12cd/out.txt'", "[Errno <n>] No such file or directory: '<path>'"),
    ("cannot read /workspace/src/calc.py", "cannot read <path>"),
    ("cannot read src/calc.py either", "cannot read <path> either"),
    ("wrote to tmpab12cd_x and tmpq9z8y7x6", "wrote to <tmp> and <tmp>"),
    ("assert 'Hi Ada' == 'Hello, Ada!'", "assert <str> == <str>"),
    ("module 'calc' has no attribute 'mul'", "module 'calc' has no attribute 'mul'"),
    ("expected ':'", "expected ':'"),
    (f"key {'x' * 60!r} missing", "key <str> missing"),
    ("id 123e4567-e89b-12d3-a456-426614174000 unknown", "id <uuid> unknown"),
    ("test_mul2 and utf8 and v1.2.3 keep their digits", "test_mul2 and utf8 and v1.2.3 keep their digits"),
    ("a / b and x-3", "a / b and x-<n>"),
    ("can't parse 'x y'", "can't parse 'x y'"),
    ("many\n   spaces\tfold", "many spaces fold"),
])
def test_normalise(raw, folded):
    assert normalise(raw) == folded


def test_normalise_caps_length():
    text = normalise("word " * 100)
    assert len(text) == 160 and text.endswith("…")


def test_error_lines_keep_relative_indentation():
    assert error_lines(SYNTAX_EXCERPT) == ['  File "/workspace/calc.py", line 1', "    def add(a, b)", "                 ^", "SyntaxError: expected ':'"]
    assert error_lines(None) == [] and error_lines("no marker here") == []
    assert error_lines("E   a\nE\nE   b\nEnd of line") == ["a", "", "b"]


def test_headline_prefers_the_error_line_of_the_exception_type():
    syntax = failure("SyntaxError", 'File "/workspace/calc.py", line 1', SYNTAX_EXCERPT)
    assert headline(syntax) == "expected ':'"
    wrapped = failure("ModuleNotFoundError", "failed on setup with \"ModuleNotFoundError: No module named 'autograd'\"", None, status="error")
    assert headline(wrapped) == "No module named 'autograd'"
    dotted = failure("JSONDecodeError", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)")
    assert headline(dotted) == "Expecting value: line 1 column 1 (char 0)"
    plain_assert = failure(None, "assert 9 == 14", "E       assert 9 == 14")
    assert headline(plain_assert) == "assert 9 == 14"
    only_excerpt = failure(None, None, "stuff\nE   something broke\nE   more")
    assert headline(only_excerpt) == "something broke"
    assert headline(failure(None, None, None)) == ""


def test_signature_of_folds_parametrised_failures_together():
    first = failure("AssertionError", "AssertionError: assert 9 == (2 * 7)", "E       AssertionError: assert 9 == (2 * 7)", milestone="more")
    second = failure("AssertionError", "AssertionError: assert 10 == (3 * 7)", "E       AssertionError: assert 10 == (3 * 7)", milestone="more")
    assert signature_of(first) == signature_of(second) == Signature("more", "AssertionError", "assert <n> == (<n> * <n>)")
    assert signature_of(first).text == "AssertionError: assert <n> == (<n> * <n>)"
    other_milestone = failure("AssertionError", "AssertionError: assert 9 == (2 * 7)", milestone="basic")
    assert signature_of(other_milestone) != signature_of(first)
    assert Signature(None, None, "boom").text == "boom" and Signature(None, "Failed", "").text == "Failed"


def test_build_error_has_one_signature_without_milestone():
    tests = [
        failure("AssertionError", "AssertionError: unrelated", milestone="basic", test_id="a"),
        failure("SyntaxError", 'File "/workspace/calc.py", line 1', SYNTAX_EXCERPT, milestone="basic", test_id="b"),
        failure("SyntaxError", 'File "/workspace/calc.py", line 1', SYNTAX_EXCERPT, milestone="more", test_id="c"),
    ]
    build = result(Cause.BUILD_ERROR, tests)
    assert first_build_failure(build).id == "b"
    signatures = attempt_signatures(build)
    build_signature = Signature(None, "SyntaxError", "expected ':'")
    assert [(s, t.id) for s, t in signatures] == [(build_signature, "b"), (build_signature, "a"), (build_signature, "c")]


def test_collection_error_signature_names_the_first_import_error():
    collection = failure("ModuleNotFoundError", "collection failure", COLLECTION_EXCERPT, milestone=None, status="error", test_id="tests/test_calc.py")
    [(signature, _)] = attempt_signatures(result(Cause.BUILD_ERROR, [collection]))
    assert signature.text == "ModuleNotFoundError: No module named <name>" and signature.milestone is None


def test_no_signatures_for_untouched_workspaces_infrastructure_or_passes():
    missing = failure("ModuleNotFoundError", "ModuleNotFoundError: No module named 'calc'")
    assert attempt_signatures(result(Cause.NO_CHANGES, [missing])) == []
    assert attempt_signatures(result(Cause.SANDBOX_ERROR, [])) == []
    assert attempt_signatures(result(None, [])) == []
    assert attempt_signatures(result(Cause.BUILD_ERROR, [])) == []
    skipped = failure(None, "skipped", status="skipped")
    assert attempt_signatures(result(Cause.TESTS_FAILED, [skipped, missing])) == [(signature_of(missing), missing)]


def test_cluster_ranks_by_attempts_then_tests_and_lists_where():
    wrong_mul = lambda n: failure("AssertionError", f"AssertionError: assert {n} == {n + 1}", milestone="more", test_id=f"test_mul[{n}]")  # noqa: E731
    syntax = failure("SyntaxError", "x", SYNTAX_EXCERPT, milestone="basic")
    timeout = failure("AttributeError", "AttributeError: module 'calc' has no attribute 'mul'", milestone="more")
    results = [
        result(Cause.TESTS_FAILED, [wrong_mul(1), wrong_mul(2), wrong_mul(3)], model="openai/a", attempt=1),
        result(Cause.BUILD_ERROR, [syntax, syntax], model="openai/a", attempt=2),
        result(Cause.BUILD_ERROR, [syntax], model="anthropic/b", task="other", attempt=1),
        result(Cause.BUILD_ERROR, [syntax], model="anthropic/b", task="other", attempt=1, run_id="r2"),
        result(Cause.AGENT_TIMEOUT, [timeout], model="anthropic/b", attempt=3),
        result(Cause.NO_CHANGES, [failure("ModuleNotFoundError", "No module named 'calc'")], model="anthropic/b", attempt=4),
    ]
    clusters = cluster(results)
    assert [c.signature.text for c in clusters] == [
        "SyntaxError: expected ':'", "AssertionError: assert <n> == <n>", "AttributeError: module 'calc' has no attribute 'mul'",
    ]
    build = clusters[0]
    assert len(build.attempts) == 3 and build.tests == 4 and build.tasks == ["other", "tiny"] and build.models == ["anthropic/b", "openai/a"]
    assert [a.label for a in build.attempts] == ["r1/tiny#2", "r1/other#1", "r2/other#1"]
    assert build.signature.milestone is None and build.example == "expected ':'"
    wrong = clusters[1]
    assert len(wrong.attempts) == 1 and wrong.tests == 3 and wrong.example == "assert 1 == 2" and wrong.signature.milestone == "more"
    assert cluster([]) == []


def test_model_labels_and_attempt_refs():
    assert model_label(result(None, [], model=None, agent="nop")) == "nop"
    assert model_label(result(None, [], model="openai/gpt-x")) == "openai/gpt-x"
    assert model_label(result(None, [], model="scripted//abs/dir/report_partial.json")) == "scripted/report_partial"
    assert model_label(result(None, [], model="scripted/demo")) == "scripted/demo"
    assert model_label(result(None, [], model="anthropic/claude", agent="command")) == "command:anthropic/claude"
    ref = AttemptRef.of(result(None, [], run_id="2024 01/x", task="tiny", attempt=3))
    assert ref.label == "2024 01/x/tiny#3" and ref.anchor == "attempt-2024-01-x-tiny-3"
