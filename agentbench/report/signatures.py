"""Failure signatures: what a failed test says once the parts that change between attempts are folded away.

A signature is (milestone, exception type, normalised message). The same mistake made by different models,
on different attempts or in different parametrised tests, then counts as one signature hit many times.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from agentbench.outcome.taxonomy import BUILD_ERROR_TYPES, Cause, Source
from agentbench.report.labels import AttemptRef
from agentbench.result import Result
from agentbench.verifier.junit import TestResult

MAX_MESSAGE_CHARS = 160
IDENTIFIER_MAX_CHARS = 40
SHORT_STRING_CHARS = 3

_ERROR_LINE = re.compile(r"^E(?P<text> .*)?$")
_WRAPPED = re.compile(r'^failed on (?:setup|teardown|call) with "(?P<inner>.*)"$', re.S)
_NORMALISE = [
    (re.compile(r"\bNo module named ['\"]?[\w.]+['\"]?"), "No module named <name>"),
    (re.compile(r"\b0x[0-9a-fA-F]+\b"), "<hex>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<uuid>"),
    (re.compile(r"(?<![\w.)\]}<>])/(?:[\w.@+-]+/)*[\w.@+-]*[A-Za-z_][\w.@+-]*"), "<path>"),
    (re.compile(r"(?<![\w/.<])(?:[\w.-]+/)+[\w-]+\.[A-Za-z]\w*"), "<path>"),
    (re.compile(r"\b(?:tmp|pytest-)[\w-]*\d[\w-]*|\btmp[a-z0-9_]{6,}\b"), "<tmp>"),
]
_QUOTED = re.compile(r"(?<!\w)(?P<q>['\"])(?P<body>[^'\"\n]*)(?P=q)(?!\w)")
_KEPT_QUOTED = re.compile(r"[A-Za-z_][\w.]*|<[a-z]+>")  # names, and what an earlier rule already folded
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?!\w|\.\d)")
_REPEATED = re.compile(r"(<[a-z]+>)(?:, \1)+")


@dataclass(frozen=True)
class Signature:
    milestone: str | None
    error_type: str | None
    message: str

    @property
    def text(self) -> str:
        if not self.error_type:
            return self.message
        return f"{self.error_type}: {self.message}" if self.message else self.error_type


@dataclass
class SignatureCluster:
    signature: Signature
    attempts: list[AttemptRef] = field(default_factory=list)
    tests: int = 0  # failed tests with this signature, over all its attempts
    example: str = ""  # one raw message, before normalisation

    @property
    def tasks(self) -> list[str]:
        return sorted({a.task for a in self.attempts})

    @property
    def models(self) -> list[str]:
        return sorted({a.model for a in self.attempts})


def _fold_quoted(match: re.Match) -> str:
    body = match.group("body")
    keep = len(body) <= SHORT_STRING_CHARS or (len(body) <= IDENTIFIER_MAX_CHARS and _KEPT_QUOTED.fullmatch(body))
    return match.group(0) if keep else "<str>"


def normalise(message: str) -> str:
    """Fold numbers, addresses, paths, temporary names and long or non-identifier quoted strings into placeholders."""
    text = " ".join(message.split())
    for pattern, placeholder in _NORMALISE:
        text = pattern.sub(placeholder, text)
    text = _QUOTED.sub(_fold_quoted, text)
    text = _NUMBER.sub("<n>", text)
    text = _REPEATED.sub(r"\1, ...", text)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def error_lines(excerpt: str | None) -> list[str]:
    """pytest's 'E   ' lines of a traceback, without the marker, keeping their relative indentation."""
    lines = [match.group("text") or "" for match in map(_ERROR_LINE.match, (excerpt or "").splitlines()) if match]
    return textwrap.dedent("\n".join(lines)).splitlines() if lines else []


def _strip_type(line: str, error_type: str) -> str | None:
    """The message after 'ErrorType:' (the type possibly dotted, e.g. json.decoder.JSONDecodeError), else None."""
    match = re.match(rf"^(?:[A-Za-z_]\w*\.)*{re.escape(error_type)}(?::\s*(.*))?$", line.strip())
    return (match.group(1) or "").strip() if match else None


def headline(test: TestResult) -> str:
    """The line that says what went wrong, without its exception type."""
    message = (test.message or "").strip()
    wrapped = _WRAPPED.match(message)
    if wrapped:
        message = wrapped.group("inner").strip()
    lines = error_lines(test.excerpt)
    if test.error_type:
        for line in lines:
            rest = _strip_type(line, test.error_type)
            if rest is not None:
                return rest
        rest = _strip_type(message, test.error_type)
        if rest is not None:
            return rest
    return message or next((line.strip() for line in lines if line.strip()), "")


def signature_of(test: TestResult, milestone: bool = True) -> Signature:
    return Signature(test.milestone if milestone else None, test.error_type, normalise(headline(test)))


def first_build_failure(result: Result) -> TestResult | None:
    """The first import, syntax or collection error of an attempt (else its first failure)."""
    failures = [t for t in result.failed_tests if t.status in ("failed", "error")]
    return next((t for t in failures if t.error_type in BUILD_ERROR_TYPES), failures[0] if failures else None)


def attempt_signatures(result: Result) -> list[tuple[Signature, TestResult]]:
    """Each failed test's signature, with the test (first the one the signature was made from).

    A build error's tests all share one signature, that of the first import or syntax error, without a
    milestone: the code never ran, so no milestone was really tried.

    None for attempts whose failures say nothing that the cause does not: the tests of an untouched
    workspace (no_changes) and infrastructure failures.
    """
    if result.source == Source.INFRASTRUCTURE or result.cause == Cause.NO_CHANGES:
        return []
    failures = [t for t in result.failed_tests if t.status in ("failed", "error")]
    if result.cause == Cause.BUILD_ERROR:
        first = first_build_failure(result)
        if first is None:
            return []
        signature = signature_of(first, milestone=False)
        others = failures[: failures.index(first)] + failures[failures.index(first) + 1:]
        return [(signature, test) for test in [first, *others]]
    return [(signature_of(t), t) for t in failures]


def cluster(results: Iterable[Result]) -> list[SignatureCluster]:
    """Signatures over many attempts, most attempts hit first (then most tests, then by text)."""
    clusters: dict[Signature, SignatureCluster] = {}
    for result in results:
        ref = AttemptRef.of(result)
        for signature, test in attempt_signatures(result):
            entry = clusters.setdefault(signature, SignatureCluster(signature, example=headline(test)))
            entry.tests += 1
            if ref not in entry.attempts:
                entry.attempts.append(ref)
    return sorted(clusters.values(), key=lambda c: (-len(c.attempts), -c.tests, c.signature.text, c.signature.milestone or ""))
