"""A nightly as JUnit XML for CI dashboards: one testcase per model, task and attempt.

A failed attempt is a <failure> whose type is its cause; an attempt lost to infrastructure is an
<error> (not the model's failure), so dashboards can tell the two apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime

from agentbench.outcome.taxonomy import CAUSE_INFO, Cause
from agentbench.store.metrics import Attempt
from agentbench.store.nightly_data import NightlyData


def _describe(cause: str | None) -> str:
    try:
        return CAUSE_INFO[Cause(cause)][1]
    except ValueError:
        return "no cause recorded"


def _iso(nightly: str) -> str:
    """20261129-063819 -> 2026-11-29T06:38:19 (JUnit wants ISO 8601)."""
    try:
        return datetime.strptime(nightly, "%Y%m%d-%H%M%S").isoformat()
    except ValueError:
        return nightly


def render_junit(data: NightlyData) -> str:
    root = ET.Element("testsuites", name=f"agentbench nightly {data.nightly}")
    by_model: dict[str, list[Attempt]] = defaultdict(list)
    for a in data.attempts:
        by_model[a.model].append(a)
    totals = defaultdict(int)
    for model in sorted(by_model):
        attempts = sorted(by_model[model], key=lambda a: (a.task, a.attempt))
        failures = sum(a.counted and not a.resolved for a in attempts)
        errors = sum(not a.counted for a in attempts)
        suite = ET.SubElement(
            root, "testsuite", name=model, tests=str(len(attempts)), failures=str(failures), errors=str(errors), skipped="0",
            time=f"{sum(a.duration_sec for a in attempts):.3f}", timestamp=_iso(data.nightly),
        )
        for a in attempts:
            case = ET.SubElement(suite, "testcase", classname=f"{model}.{a.task}", name=f"{a.task}#{a.attempt}", time=f"{a.duration_sec:.3f}")
            summary = f"{a.outcome}, score {a.score:.2f}, run {a.run_id}"
            if not a.counted:
                node = ET.SubElement(case, "error", type=a.cause or "infrastructure", message=f"{a.cause}: {_describe(a.cause)}")
                node.text = summary
            elif not a.resolved:
                node = ET.SubElement(case, "failure", type=a.cause or a.outcome, message=f"{a.cause or a.outcome}: {_describe(a.cause)}")
                node.text = summary
        totals["tests"] += len(attempts)
        totals["failures"] += failures
        totals["errors"] += errors
    for name, value in totals.items():
        root.set(name, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
