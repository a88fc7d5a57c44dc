"""Scheduling trials: images first, then attempts on a bounded pool, results as they finish."""

from __future__ import annotations

import concurrent.futures
import subprocess
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from agentbench import __version__
from agentbench.agent.base import Agent
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


def execute(
    config: RunConfig, tasks: list[Task], make_agent: AgentFactory, display: RunDisplay,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run every attempt of every task; containers of this run are removed whatever happens.

    on_result is called in this thread with each result as it is written (e.g. to index it in the store)."""
    run_dir = RunDir(Path(config.runs_dir) / config.run_id)
    run_dir.write_run(run_record(config, tasks, make_agent()))
    ordered = sorted(tasks, key=lambda t: -t.config.agent.timeout_sec)  # longest first: the pool drains evenly
    specs = [
        TrialSpec(config.run_id, task, attempt, make_agent(), effective_limits(task, config), config.docker_host, config.network, config.progress)
        for task in ordered
        for attempt in range(1, config.attempts + 1)
    ]
    results: list[Result] = []
    try:
        for task in ordered:
            display.note(f"image for {task.id}: ready as {task_image(task, progress=display.note)}")
        display.start(len(specs))
        with concurrent.futures.ThreadPoolExecutor(max_workers=config.concurrency) as pool:
            futures = [pool.submit(_attempt, spec, run_dir, config.infra_retries, display) for spec in specs]
            for future in concurrent.futures.as_completed(futures):
                results.append(future.result())
                if on_result is not None:
                    on_result(results[-1])
    finally:
        display.stop()
        remove_run_containers(config.run_id, config.docker_host)
    return sorted(results, key=lambda r: (r.task, r.attempt))


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
