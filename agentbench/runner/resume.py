"""Resuming a run: the config comes from run.json, and only attempts without a result are run."""

from __future__ import annotations

from pathlib import Path

from agentbench.agent.factory import AgentOptions
from agentbench.errors import AgentbenchError, TaskError
from agentbench.rundir import RunDir, resolve_run
from agentbench.runner.config import RunConfig
from agentbench.runner.runner import pending_attempts
from agentbench.task.loader import Task, load_task


def agent_options(config: RunConfig) -> AgentOptions:
    return AgentOptions(
        name=config.agent, model=config.model, model_args=config.model_args, base_url=config.base_url,
        command=config.agent_command, setup=config.agent_setup, pass_env=config.pass_env, prices_file=config.prices_file,
    )


def load_for_resume(ref: str, runs_dir: Path) -> tuple[RunDir, RunConfig, list[Task], set[tuple[str, int]]]:
    run_dir = resolve_run(ref, runs_dir)
    record = run_dir.read_run()
    try:
        config = RunConfig.model_validate({**record["config"], "runs_dir": str(run_dir.root.parent)})
    except (KeyError, ValueError) as exc:
        raise AgentbenchError(f"{run_dir.run_file}: config: {str(exc).splitlines()[0]}") from None
    tasks = []
    for task_id, recorded in record.get("tasks", {}).items():
        try:
            task = load_task(Path(recorded["path"]))
        except TaskError as exc:
            raise AgentbenchError(f"--resume: task {task_id}: {exc}") from None
        if task.content_hash != recorded.get("hash"):
            raise AgentbenchError(f"--resume: task {task_id} changed since the run started ({task.path}); a changed config is refused")
        tasks.append(task)
    return run_dir, config, tasks, pending_attempts(run_dir, [t.id for t in tasks], config.attempts)
