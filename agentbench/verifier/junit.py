"""Per-test results from pytest's JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Literal

from pydantic import BaseModel

Status = Literal["passed", "failed", "error", "skipped"]
EXCERPT_CHARS = 4000


class TestResult(BaseModel):
    __test__ = False  # not a pytest class

    id: str  # classname::name, as pytest names the test
    milestone: str | None = None
    status: Status
    duration_sec: float = 0.0
    error_type: str | None = None  # e.g. AssertionError, ModuleNotFoundError
    message: str | None = None  # the first line of the failure
    excerpt: str | None = None  # the end of the traceback


def _error_type(message: str | None, text: str | None) -> str | None:
    """pytest's message starts with 'ExcType: ...' for most failures."""
    for candidate in (message or "", *(reversed((text or "").splitlines()))):
        head = candidate.strip()
        if head.startswith("E "):
            head = head[2:].strip()
        name = head.split(":", 1)[0].strip()
        if name and name.replace(".", "").replace("_", "").isalnum() and name[0].isalpha() and (
            name.endswith(("Error", "Exception", "Exit", "Interrupt", "Warning")) or name in ("Failed", "Skipped", "TimeoutExpired")
        ):
            return name.rsplit(".", 1)[-1]
    return None


def parse_junit(xml_text: str) -> list[TestResult]:
    """Parse a JUnit XML report (pytest, xunit1 family); raises ValueError when it is not one."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise ValueError(f"junit.xml is not valid XML: {exc}") from None
    results = []
    for case in root.iter("testcase"):
        classname, name = case.get("classname", ""), case.get("name", "")
        test_id = f"{classname.replace('.', '/')}.py::{name}" if classname else name
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        status: Status = "passed"
        message = text = None
        for tag, mapped in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
            node = case.find(tag)
            if node is not None:
                status, message, text = mapped, node.get("message"), node.text
                break
        first_line = (message or "").strip().splitlines()[0] if (message or "").strip() else None
        results.append(
            TestResult(
                id=test_id,
                milestone=props.get("milestone") or None,
                status=status,
                duration_sec=float(case.get("time") or 0.0),
                error_type=_error_type(message, text) if status in ("failed", "error") else None,
                message=first_line[:500] if first_line else None,
                excerpt=(text or "")[-EXCERPT_CHARS:] or None if status in ("failed", "error") else None,
            )
        )
    return results
