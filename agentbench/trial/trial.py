"""One attempt at one task: sandbox up, agent, snapshot, verifier, classification, result.json."""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from agentbench import __version__
from agentbench.agent.base import Agent, AgentContext, AgentResult
from agentbench.errors import ResourceLimit, SandboxError
from agentbench.outcome import Cause, Classification, Outcome, classify, infrastructure_error
from agentbench.outcome.taxonomy import source_of
from agentbench.result import MilestoneResult, ProgressPoint, Result, Usage, WorkspaceChange
from agentbench.rundir import JUNIT_FILE, VERIFIER_OUTPUT_FILE, RunDir, write_atomic
from agentbench.sandbox.docker_sandbox import DockerSandbox
from agentbench.sandbox.images import task_image
from agentbench.task.config import AgentLimits
from agentbench.task.loader import Task
from agentbench.trial.diskwatch import DiskWatch
from agentbench.trial.progress import ProgressMonitor, ProgressPolicy, curve_flags
from agentbench.trial.workspace import diff_snapshots
from agentbench.verifier import Verdict, verify
from agentbench.verifier.verifier import tampering_files

Status = Callable[[str], None]


@dataclass
class TrialSpec:
    run_id: str
    task: Task
    attempt: int
    agent: Agent
    limits: AgentLimits
    docker_host: str | None = None
    network: str | None = None  # overrides the task's network for the agent's container only
    progress: ProgressPolicy = field(default_factory=ProgressPolicy)
    cancel: threading.Event = field(default_factory=threading.Event)  # set when the run is being stopped
    extra: dict = field(default_factory=dict)

    @property
    def trial_id(self) -> str:
        return f"{self.run_id}.{self.task.id}.{self.attempt}"

    @property
    def seed(self) -> int:
        """Changes per attempt, stays the same when a run is resumed."""
        return int(hashlib.sha256(self.trial_id.encode()).hexdigest()[:8], 16) % 2_000_000_000


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class _Work:
    """What the agent's part of a trial produced, kept for whichever result gets written."""

    image: str | None = None
    agent: AgentResult | None = None
    agent_sec: float = 0.0
    progress: list[ProgressPoint] = field(default_factory=list)


def run_trial(spec: TrialSpec, run_dir: RunDir, status: Status = lambda _: None) -> Result:
    """Never raises for agent or infrastructure faults: they end up classified in the result."""
    attempt_dir = run_dir.attempt_dir(spec.task.id, spec.attempt)
    shutil.rmtree(attempt_dir, ignore_errors=True)  # what an interrupted or failed earlier try left
    attempt_dir.mkdir(parents=True)
    started_at, clock = _now(), time.monotonic()
    base = dict(
        run_id=spec.run_id, task=spec.task.id, attempt=spec.attempt, agent=spec.agent.name, model=spec.agent.model,
        seed=spec.seed, started_at=started_at, task_hash=spec.task.content_hash, agentbench_version=__version__,
    )
    work = _Work()
    try:
        before, after = _run_agent(spec, attempt_dir, work, status)
        diff = diff_snapshots(before, after)
        write_atomic(run_dir.diff_file(spec.task.id, spec.attempt), diff.text)
        status("verifying")
        if spec.cancel.is_set():
            raise SandboxError("the run was stopped before verification")
        verdict = verify(spec.task, after, image=work.image, run_id=spec.run_id, trial_id=spec.trial_id, seed=spec.seed, docker_host=spec.docker_host)
        if spec.cancel.is_set():  # the verifier's container may have been removed under it
            raise SandboxError("the run was stopped during verification")
    except (ResourceLimit, SandboxError) as exc:
        if isinstance(exc, ResourceLimit):
            ending = Classification(Outcome.FAILED, Cause.RESOURCE_LIMIT, source_of(Cause.RESOURCE_LIMIT))
        else:
            ending = infrastructure_error(Cause.INTERRUPTED if spec.cancel.is_set() else Cause.SANDBOX_ERROR)
        result = Result(**base, **ending.__dict__, detail=str(exc)[:500], **_agent_fields(spec, work, clock))
    else:
        verifier_dir = run_dir.verifier_dir(spec.task.id, spec.attempt)
        write_atomic(verifier_dir / VERIFIER_OUTPUT_FILE, verdict.output)
        if verdict.junit_xml is not None:
            write_atomic(verifier_dir / JUNIT_FILE, verdict.junit_xml)
        result = _judged(spec, base, work, diff, tampering_files(after), verdict, clock)
    run_dir.write_result(result)
    return result


def _run_agent(spec: TrialSpec, attempt_dir, work: _Work, status: Status) -> tuple[bytes, bytes]:
    """The agent's sandbox, from start to removal: the workspace before and after the agent."""
    task = spec.task
    status("preparing image")
    work.image = task_image(task, progress=status, docker_host=spec.docker_host)
    status("starting sandbox")
    environment = task.config.environment
    if spec.network:
        environment = environment.model_copy(update={"network": spec.network})
    with DockerSandbox(work.image, run_id=spec.run_id, trial_id=spec.trial_id, role="agent", environment=environment, docker_host=spec.docker_host) as box:
        before = box.get_archive("/workspace")
        status("agent working")
        clock = time.monotonic()
        ctx = AgentContext(task=task, sandbox=box, limits=spec.limits, attempt_dir=attempt_dir, seed=spec.seed, log=status, cancel=spec.cancel)

        def score_snapshot(snapshot: bytes):
            return verify(task, snapshot, image=work.image, run_id=spec.run_id, trial_id=spec.trial_id, seed=spec.seed, docker_host=spec.docker_host, role="progress")

        with ProgressMonitor(spec.progress, ctx, score_snapshot) as monitor, DiskWatch(ctx, environment.storage_mb):
            try:
                work.agent = spec.agent.run(ctx)
            except SandboxError:
                raise
            except Exception as exc:  # an agent bug is the agent's failure, not ours
                work.agent = AgentResult(Cause.AGENT_CRASH, message=f"{type(exc).__name__}: {exc}"[:300])
        work.agent_sec, work.progress = time.monotonic() - clock, monitor.points
        if spec.cancel.is_set():
            raise SandboxError("the run was stopped while the agent worked")
        if ctx.halted:
            raise ResourceLimit(ctx.halted[1])
        status("snapshotting workspace")
        return before, box.get_archive("/workspace")


def _agent_fields(spec: TrialSpec, work: _Work, clock: float) -> dict:
    """What every result records of the agent, however the attempt ended (usage survives a kill)."""
    agent = work.agent or AgentResult()
    return dict(
        steps=agent.steps, usage=Usage(**agent.usage) if agent.usage is not None else None,
        duration_sec=round(time.monotonic() - clock, 3), agent_duration_sec=round(work.agent_sec, 3),
        finished_at=_now(), image=work.image,
        extra={**spec.extra, **agent.extra, **({"docker_host": spec.docker_host} if spec.docker_host else {})},
    )


def _judged(spec: TrialSpec, base: dict, work: _Work, diff, tampered: list[str], verdict: Verdict, clock: float) -> Result:
    agent = work.agent
    classification = classify(
        score=verdict.score, resolved=verdict.resolved, results=verdict.results, test_timed_out=verdict.timed_out,
        agent_ending=agent.ending, submitted=agent.submitted, workspace_changed=diff.changed, tampered=bool(tampered),
    )
    progress, flags = [], []
    if spec.progress.enabled:
        final = ProgressPoint(t_sec=round(work.agent_sec, 1), step=agent.steps, score=verdict.score, milestones_reached=[m.name for m in verdict.milestones if m.reached])
        progress, flags = [*work.progress, final], curve_flags(work.progress, final)
    detail = agent.message if agent.ending else None
    if verdict.timed_out:
        detail = f"hidden tests ran past {spec.task.config.verifier.timeout_sec:g} s"
    if tampered:
        detail = f"files that would change how the tests run: {', '.join(tampered)}"
    return Result(
        **base, **_agent_fields(spec, work, clock),
        outcome=classification.outcome, cause=classification.cause, source=classification.source, detail=detail,
        score=0.0 if tampered else verdict.score, resolved=verdict.resolved and classification.cause is None, tests=verdict.tests,
        milestones=[MilestoneResult(name=m.name, weight=m.weight, total=m.total, passed=m.passed, reached=m.reached) for m in verdict.milestones],
        failed_tests=[r for r in verdict.results if r.status in ("failed", "error")],
        progress=progress, flags=flags,
        workspace=WorkspaceChange(changed=diff.changed, files_changed=diff.files_changed, insertions=diff.insertions, deletions=diff.deletions, refused_paths=diff.refused_paths),
        verifier_duration_sec=round(verdict.duration_sec, 3),
    )
