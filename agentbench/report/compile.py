"""A compilation: the attempts of one or more runs, gathered once and shown by the terminal, HTML and Markdown views.

Attempts whose source is infrastructure are kept apart: they count in no model's or task's score.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from agentbench.agent.trajectory import read_events
from agentbench.errors import AgentbenchError
from agentbench.outcome.taxonomy import Cause, Outcome, Source
from agentbench.report.labels import AttemptRef
from agentbench.report.signatures import Signature, SignatureCluster, attempt_signatures, cluster, error_lines, first_build_failure
from agentbench.result import Result
from agentbench.rundir import RunDir

LAST_STEPS = 5
LAST_ERROR_LINES = 4
STEP_PREVIEW_LINES = 12
STEP_EVENTS = ("model_response", "tool_result")


def kind_of(result: Result) -> str:
    """Outcome and cause together, e.g. 'partial/tests_failed'; a pass has no cause."""
    return f"{result.outcome}/{result.cause}" if result.cause else str(result.outcome)


def kind_order(kind: str) -> tuple[int, int]:
    """Sort key: the taxonomy's order of outcomes, then of causes."""
    outcome, _, cause = kind.partition("/")
    return list(Outcome).index(Outcome(outcome)), list(Cause).index(Cause(cause)) if cause else -1


@dataclass
class Step:
    """One model response or tool result from the end of a trajectory."""

    step: int | None
    kind: str  # "model" or "tool"
    title: str
    body: str


@dataclass
class AttemptReport:
    result: Result
    ref: AttemptRef
    trajectory: Path | None  # None when the agent records none (nop, oracle, command agents)
    diff: Path | None
    result_file: Path
    signatures: list[Signature]
    last_errors: list[str]
    steps: list[Step]

    @property
    def infrastructure(self) -> bool:
        return self.result.source == Source.INFRASTRUCTURE

    @property
    def failed(self) -> bool:
        return not self.result.resolved and not self.infrastructure

    @property
    def kind(self) -> str:
        return kind_of(self.result)

    @property
    def workspace_summary(self) -> str:
        ws = self.result.workspace
        if ws is None:
            return "unknown"
        if not ws.changed:
            return "unchanged"
        text = f"{ws.files_changed} file{'s' if ws.files_changed != 1 else ''} changed, +{ws.insertions} −{ws.deletions}"
        return text + (f"; not copied out: {', '.join(ws.refused_paths)}" if ws.refused_paths else "")

    @property
    def milestones_reached(self) -> list[str]:
        return [m.name for m in self.result.milestones if m.reached]

    @property
    def milestones_missed(self) -> list[str]:
        return [m.name for m in self.result.milestones if not m.reached]


@dataclass
class Tally:
    """Attempts of a model, a task or one (task, model) cell."""

    attempts: int = 0  # scored attempts only
    resolved: int = 0
    score_total: float = 0.0
    infrastructure: int = 0
    kinds: Counter = field(default_factory=Counter)  # scored attempts by kind_of
    causes: Counter = field(default_factory=Counter)  # every attempt with a cause, infrastructure included

    def add(self, report: AttemptReport) -> None:
        result = report.result
        if result.cause:
            self.causes[result.cause] += 1
        if report.infrastructure:
            self.infrastructure += 1
            return
        self.attempts += 1
        self.resolved += result.resolved
        self.score_total += result.score
        self.kinds[report.kind] += 1

    @property
    def mean_score(self) -> float | None:
        return self.score_total / self.attempts if self.attempts else None

    @property
    def mean_score_text(self) -> str:
        return "-" if self.mean_score is None else f"{self.mean_score:.2f}"

    def causes_of(self, outcome: str) -> list[tuple[str, int]]:
        """(cause, count) of the scored attempts with this outcome, in the taxonomy's order; a pass's cause is ''."""
        return [
            (kind.partition("/")[2], count)
            for kind, count in sorted(self.kinds.items(), key=lambda item: kind_order(item[0]))
            if kind.partition("/")[0] == outcome
        ]


@dataclass
class Compilation:
    runs: list[str]
    attempts: list[AttemptReport]
    signatures: list[SignatureCluster]
    tasks: list[str]
    models: list[str]
    total: Tally
    by_model: dict[str, Tally]
    by_task: dict[str, Tally]
    grid: dict[tuple[str, str], Tally]  # (task, model)

    @property
    def failed(self) -> list[AttemptReport]:
        return [a for a in self.attempts if a.failed]

    @property
    def infrastructure(self) -> list[AttemptReport]:
        return [a for a in self.attempts if a.infrastructure]

    @property
    def kinds(self) -> list[str]:
        """The outcome/cause pairs that occur among scored attempts, in the taxonomy's order."""
        return sorted(self.total.kinds, key=kind_order)

    @property
    def outcomes(self) -> list[str]:
        """The outcomes of scored attempts that occur, in the taxonomy's order."""
        return list(dict.fromkeys(kind.partition("/")[0] for kind in self.kinds))

    @property
    def causes(self) -> list[Cause]:
        """The causes that occur, in the taxonomy's order."""
        return [c for c in Cause if self.total.causes[c]]


def relative_href(target: Path, base: Path) -> str:
    """A URL path from the folder base to target, percent-encoded (run ids may hold spaces or '#')."""
    return quote(Path(os.path.relpath(target.resolve(), base.resolve())).as_posix())


def describe_call(call: dict) -> str:
    args = call.get("arguments")
    name = call.get("name")
    if not isinstance(args, dict):
        return f"{name} (malformed arguments) {call.get('raw_arguments', '')}"[:300]
    if name == "bash" and "command" in args:
        return f"bash: {args['command']}"
    if name == "write_file":
        return f"write_file {args.get('path')} ({len(args.get('content') or '')} chars)"
    if name == "edit_file":
        return f"edit_file {args.get('path')}"
    return f"{name} {json.dumps(args, ensure_ascii=False)}"[:300]


def _tail(text: str, lines: int = STEP_PREVIEW_LINES) -> str:
    parts = (text or "").rstrip().splitlines()
    if len(parts) <= lines:
        return "\n".join(parts)
    return f"… ({len(parts) - lines} earlier lines)\n" + "\n".join(parts[-lines:])


def _head(text: str, lines: int = STEP_PREVIEW_LINES) -> str:
    parts = (text or "").rstrip().splitlines()
    if len(parts) <= lines:
        return "\n".join(parts)
    return "\n".join(parts[:lines]) + f"\n… ({len(parts) - lines} more lines)"


def last_steps(events: list[dict], count: int = LAST_STEPS) -> list[Step]:
    steps = []
    for event in [e for e in events if e.get("type") in STEP_EVENTS][-count:]:
        if event["type"] == "model_response":
            calls = "\n".join(f"→ {describe_call(call)}" for call in event.get("tool_calls") or [])
            body = "\n".join(part for part in (_head(event.get("text") or ""), calls) if part)
            steps.append(Step(event.get("step"), "model", "model", body))
        else:
            code = event.get("exit_code")
            status = "timed out" if event.get("timed_out") else "error" if event.get("error") else f"exit {code}" if code is not None else "ok"
            steps.append(Step(event.get("step"), "tool", f"{event.get('name')}: {status}", _tail(event.get("output") or "")))
    return steps


def last_error_lines(result: Result, count: int = LAST_ERROR_LINES) -> list[str]:
    """How the attempt ended: the agent's ending (detail), then the end of the first relevant test failure."""
    lines = [result.detail] if result.detail else []
    first = first_build_failure(result) if result.cause == Cause.BUILD_ERROR else next(iter(result.failed_tests), None)
    if first is not None:
        excerpt_lines = [line for line in (first.excerpt or "").splitlines() if line.strip()]
        lines += (error_lines(first.excerpt) or excerpt_lines or [first.message or first.id])[-count:]
    return lines


def attempt_report(run_dir: RunDir, result: Result) -> AttemptReport:
    trajectory = run_dir.trajectory_file(result.task, result.attempt)
    diff = run_dir.diff_file(result.task, result.attempt)
    events = read_events(trajectory) if trajectory.is_file() else []
    seen: list[Signature] = []
    for signature, _ in attempt_signatures(result):
        if signature not in seen:
            seen.append(signature)
    return AttemptReport(
        result=result, ref=AttemptRef.of(result),
        trajectory=trajectory if trajectory.is_file() else None, diff=diff if diff.is_file() else None,
        result_file=run_dir.result_file(result.task, result.attempt),
        signatures=seen, last_errors=last_error_lines(result), steps=last_steps(events),
    )


def compile_runs(run_dirs: list[RunDir]) -> Compilation:
    """Read every result of the runs (each run once, in the order given)."""
    unique = list({run_dir.root.resolve(): run_dir for run_dir in run_dirs}.values())
    attempts = [attempt_report(run_dir, result) for run_dir in unique for result in run_dir.results()]
    if not attempts:
        raise AgentbenchError(f"no results yet in {', '.join(str(r.root) for r in unique)}")
    tasks = sorted({a.ref.task for a in attempts})
    models = sorted({a.ref.model for a in attempts})
    total, by_model, by_task = Tally(), {m: Tally() for m in models}, {t: Tally() for t in tasks}
    grid = {(t, m): Tally() for t in tasks for m in models}
    for attempt in attempts:
        for tally in (total, by_model[attempt.ref.model], by_task[attempt.ref.task], grid[(attempt.ref.task, attempt.ref.model)]):
            tally.add(attempt)
    return Compilation(
        runs=[r.run_id for r in unique], attempts=attempts, signatures=cluster(a.result for a in attempts),
        tasks=tasks, models=models, total=total, by_model=by_model, by_task=by_task, grid=grid,
    )
