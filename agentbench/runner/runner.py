"""Scheduling trials: images first, then attempts on a bounded pool, results as they finish."""

from __future__ import annotations

import concurrent.futures
import subprocess
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from agentbench import __version__
from agentbench.agent.base import Agent
from agentbench.errors import AgentbenchError
from agentbench.outcome import Cause, infrastructure_error
from agentbench.outcome.taxonomy import Source
from agentbench.result import Result
from agentbench.rundir import RunDir
from agentbench.runner.config import RunConfig
from agentbench.runner.display import RunDisplay
from agentbench.sandbox.cleanup import remove_run_containers
from agentbench.sandbox.images import task_image
from agentbench.task.config import AgentLimits
from agentbench.task.loader import Task
from agentbench.trial import TrialSpec, run_trial

AgentFactory = Callable[[], Agent]
STOP_GRACE_SEC = 15  # how long in-flight attempts get to notice a stop before they are recorded as interrupted


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


def effective_limits(task: Task, config: RunConfig) -> AgentLimits:
    overrides = {k: v for k, v in config.limits.model_dump().items() if v is not None}
    return task.config.agent.model_copy(update=overrides)


def _git_commit(folder: Path) -> str | None:
    done = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def run_record(config: RunConfig, tasks: list[Task], agent: Agent) -> dict:
    return {
        "run_id": config.run_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "agentbench_version": __version__,
        "agent": agent.name,
        "model": agent.model,
        "config": config.model_dump(mode="json"),
        "tasks": {t.id: {"path": str(t.path), "hash": t.content_hash, "git_commit": _git_commit(t.path)} for t in tasks},
    }


class RunInterrupted(Exception):
    """SIGINT or SIGTERM arrived; attempts in flight were recorded as interrupted."""


def execute(
    config: RunConfig, tasks: list[Task], make_agent: AgentFactory, display: RunDisplay,
    on_result: Callable[[Result], None] | None = None, only: set[tuple[str, int]] | None = None,
) -> list[Result]:
    """Run every attempt of every task (or only the given (task, attempt) pairs, when resuming).

    Containers of this run are removed whatever happens. On KeyboardInterrupt (the CLI turns SIGTERM
    into one) the attempts in flight are recorded as interrupted, and RunInterrupted is raised.
    """
    run_dir = RunDir(Path(config.runs_dir) / config.run_id)
    if only is None:
        run_dir.write_run(run_record(config, tasks, make_agent()))
    ordered = sorted(tasks, key=lambda t: -t.config.agent.timeout_sec)  # longest first: the pool drains evenly
    cancel = threading.Event()
    engines = config.engines
    pairs = [(task, attempt) for task in ordered for attempt in range(1, config.attempts + 1) if only is None or (task.id, attempt) in only]
    specs = [  # attempts are dealt out over the engines in turn
        TrialSpec(config.run_id, task, attempt, make_agent(), effective_limits(task, config), engines[i % len(engines)],
                  config.network, config.progress, cancel)
        for i, (task, attempt) in enumerate(pairs)
    ]
    results: list[Result] = []
    futures: dict[concurrent.futures.Future, TrialSpec] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=config.concurrency, thread_name_prefix="trial")
    try:
        for task, host in {(s.task.id, s.docker_host): (s.task, s.docker_host) for s in specs}.values():
            where = f" on {host}" if host else ""
            display.note(f"image for {task.id}{where}: ready as {task_image(task, progress=display.note, docker_host=host)}")
        display.start(len(specs))
        futures = {pool.submit(_attempt, spec, run_dir, config.infra_retries, display): spec for spec in specs}
        for future in concurrent.futures.as_completed(futures):
            results.append(future.result())
            if on_result is not None:
                on_result(results[-1])
    except KeyboardInterrupt:
        cancel.set()
        display.stop()
        display.note("stopping: removing this run's containers and recording the attempts in flight as interrupted")
        pool.shutdown(wait=False, cancel_futures=True)
        _remove_containers(config)
        concurrent.futures.wait([f for f in futures if f.running()], timeout=STOP_GRACE_SEC)
        for future, spec in futures.items():
            if not future.done():  # still in flight; those never started were cancelled and have no result
                run_dir.write_result(interrupted_result(spec))
        raise RunInterrupted() from None
    finally:
        display.stop()
        pool.shutdown(wait=False, cancel_futures=True)
        _remove_containers(config)
    return sorted(results, key=lambda r: (r.task, r.attempt))


def _remove_containers(config: RunConfig) -> None:
    for host in config.engines:
        remove_run_containers(config.run_id, host)


def interrupted_result(spec: TrialSpec) -> Result:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return Result(
        run_id=spec.run_id, task=spec.task.id, attempt=spec.attempt, agent=spec.agent.name, model=spec.agent.model,
        seed=spec.seed, **infrastructure_error(Cause.INTERRUPTED).__dict__, detail="the run was stopped (SIGINT or SIGTERM)",
        duration_sec=0.0, started_at=now, finished_at=now, task_hash=spec.task.content_hash, agentbench_version=__version__,
    )


def pending_attempts(run_dir: RunDir, task_ids: list[str], attempts: int) -> set[tuple[str, int]]:
    """Attempts with no result, or with one that says the run was interrupted."""
    pending = set()
    for task_id in task_ids:
        for attempt in range(1, attempts + 1):
            path = run_dir.result_file(task_id, attempt)
            try:
                done = path.exists() and run_dir.read_result(path).cause != Cause.INTERRUPTED
            except AgentbenchError:
                done = False  # a torn or unreadable result is redone
            if not done:
                pending.add((task_id, attempt))
    return pending


def _attempt(spec: TrialSpec, run_dir: RunDir, infra_retries: int, display: RunDisplay) -> Result:
    label = f"{spec.task.id}#{spec.attempt}"
    handle = display.trial_started(label)
    result = run_trial(spec, run_dir, status=lambda text: display.trial_status(handle, text))
    tries = 0
    while result.source == Source.INFRASTRUCTURE and tries < infra_retries:
        tries += 1
        display.note(f"{label}: infrastructure error ({result.detail}); retry {tries} of {infra_retries}")
        spec.extra["infra_retries"] = tries
        result = run_trial(spec, run_dir, status=lambda text: display.trial_status(handle, text))
    display.trial_finished(handle, result)
    return result
