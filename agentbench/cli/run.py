"""agentbench run ..."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from agentbench.agent.factory import AgentOptions, agent_factory
from agentbench.errors import AgentbenchError
from agentbench.model import parse_model_args
from agentbench.result import Result
from agentbench.rundir import RunDir
from agentbench.runner import LimitOverrides, RunConfig, RunDisplay, execute, new_run_id
from agentbench.runner.resume import agent_options, load_for_resume
from agentbench.runner.runner import RunInterrupted
from agentbench.sandbox.cleanup import reap_orphaned_containers
from agentbench.store.store import open_store, store_path
from agentbench.task import default_tasks_dir, find_tasks, resolve_task
from agentbench.trial.progress import ProgressPolicy


DEMO_MODEL = "scripted/demo"
DEMO_TASKS = ["autograd", "website"]


def run(
    task: list[str] = typer.Option(None, "--task", "-t", help="Task id (in --tasks-dir) or path to a task folder; repeatable. Default: every task."),
    agent: str = typer.Option(None, "--agent", "-a", help="oracle, nop, builtin (the default with --model) or command."),
    model: str = typer.Option(None, "--model", "-m", help="openai/<model>, anthropic/<model>, or scripted/<script> (the scripted server, not a real model)."),
    model_arg: list[str] = typer.Option(None, "--model-arg", help="Provider parameter KEY=VALUE (JSON values parsed); repeatable. Recorded in run.json."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint (vLLM, Ollama, ...); default OPENAI_BASE_URL."),
    tasks_dir: Path = typer.Option(None, "--tasks-dir", help="Where task ids are looked up (default ./tasks, else the bundled tasks)."),
    attempts: int = typer.Option(1, "--attempts", "-k", min=1, help="Attempts per task."),
    concurrency: int = typer.Option(1, "--concurrency", "-n", min=1, help="Attempts running at once."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run directories are written."),
    run_id: str = typer.Option(None, "--run-id", help="Name of the run directory (default: a timestamp)."),
    timeout: float = typer.Option(None, "--timeout", help="Agent wall-clock limit in seconds (overrides task.toml)."),
    max_steps: int = typer.Option(None, "--max-steps", min=1, help="Model calls per attempt (overrides task.toml)."),
    max_tokens: int = typer.Option(None, "--max-tokens", min=1, help="Input + output tokens per attempt (overrides task.toml)."),
    max_cost: float = typer.Option(None, "--max-cost", help="USD per attempt (overrides task.toml)."),
    agent_command: str = typer.Option(None, "--agent-command", help="With --agent command: the CLI agent's command line, run in /workspace."),
    agent_setup: str = typer.Option(None, "--agent-setup", help="With --agent command: a command run first (e.g. installing the agent)."),
    pass_env: list[str] = typer.Option(None, "--pass-env", help="Environment variable passed to a command agent, by name; repeatable. Values are never recorded."),
    network: str = typer.Option(None, "--agent-network", help="Override the agent container's network (none or bridge); the verifier never has one."),
    progress_every_min: float = typer.Option(None, "--progress-every-min", help="Score a snapshot of the workspace every N minutes while the agent works (hidden from it)."),
    progress_every_steps: int = typer.Option(None, "--progress-every-steps", min=1, help="Score a snapshot every M agent steps."),
    prices: Path = typer.Option(None, "--prices", help="A TOML price table overriding the shipped one."),
    infra_retries: int = typer.Option(1, "--infra-retries", min=0, help="Retries of an attempt that failed for infrastructure reasons."),
    docker_host: list[str] = typer.Option(None, "--docker-host", help="Docker engine URL (unix://, tcp://, ssh://); repeatable: attempts are spread over the engines. Default: DOCKER_HOST or the local socket."),
    store: Path = typer.Option(None, "--store", help="Results store (SQLite) to index the run in; default AGENTBENCH_STORE, else <runs-dir>/agentbench.sqlite."),
    resume: str = typer.Option(None, "--resume", help="Finish a run (a run id in --runs-dir, or its directory): the attempts that have no result."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
) -> int:
    """Run agents on tasks and score every attempt with the hidden tests."""
    display = RunDisplay()
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    reaped = reap_orphaned_containers()
    if reaped:
        display.note(f"removed {reaped} container(s) left by runs whose process is gone")
    if resume:
        given = {name: value for name, value in locals().items() if name in RUN_SHAPING and value not in (None, [], RUN_DEFAULTS.get(name))}
        if given:
            raise AgentbenchError(f"--resume takes the config recorded in run.json; drop --{next(iter(given)).replace('_', '-')}")
        return _resume(resume, runs_dir, display, as_json, store)
    if not agent and not model:
        model = DEMO_MODEL
        task = task or DEMO_TASKS
        display.note(f"no --agent or --model: running the scripted demo model ({DEMO_MODEL}, scripted, not a real model) on {', '.join(task)}")
    if network not in (None, "none", "bridge"):
        raise AgentbenchError(f"--agent-network: {network!r} is not none or bridge")
    try:
        model_args = parse_model_args(model_arg or [])
    except ValueError as exc:
        raise AgentbenchError(f"--model-arg: {exc}") from None
    options = AgentOptions(
        name=agent, model=model, model_args=model_args, base_url=base_url, command=agent_command, setup=agent_setup,
        pass_env=pass_env or [], prices_file=prices,
    )
    make_agent = agent_factory(options)
    base = tasks_dir or default_tasks_dir()
    if task:
        tasks = [resolve_task(ref, base) for ref in task]
    else:
        tasks, errors = find_tasks(base)
        if errors:
            raise AgentbenchError(errors[0])
    if len({t.id for t in tasks}) != len(tasks):
        raise AgentbenchError("--task: the same task is given twice")
    run_id = run_id or new_run_id()
    if (runs_dir / run_id).exists():
        raise AgentbenchError(f"--run-id: {runs_dir / run_id} already exists")
    config = RunConfig(
        run_id=run_id, tasks=[t.id for t in tasks], agent=options.agent_name, model=model, model_args=model_args,
        base_url=base_url, agent_command=agent_command, agent_setup=agent_setup, pass_env=pass_env or [],
        attempts=attempts, concurrency=concurrency, network=network,
        limits=LimitOverrides(timeout_sec=timeout, max_steps=max_steps, max_tokens=max_tokens, max_cost_usd=max_cost),
        progress=ProgressPolicy(every_min=progress_every_min, every_steps=progress_every_steps), prices_file=prices,
        infra_retries=infra_retries, docker_hosts=docker_host or [], runs_dir=runs_dir,
    )
    return _execute_and_report(config, tasks, make_agent, display, as_json, store)


RUN_SHAPING = {
    "task", "agent", "model", "model_arg", "base_url", "tasks_dir", "attempts", "concurrency", "run_id", "timeout", "max_steps",
    "max_tokens", "max_cost", "agent_command", "agent_setup", "pass_env", "network", "progress_every_min",
    "progress_every_steps", "prices", "docker_host",
}
RUN_DEFAULTS = {"attempts": 1, "concurrency": 1}


def _raise_keyboard_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt()


def _resume(ref: str, runs_dir: Path, display: RunDisplay, as_json: bool, store: Path | None) -> int:
    run_dir, config, tasks, pending = load_for_resume(ref, runs_dir)
    make_agent = agent_factory(agent_options(config))
    display.note(f"resuming {config.run_id}: {len(pending)} attempt(s) without a result")
    return _execute_and_report(config, tasks, make_agent, display, as_json, store, only=pending)


def _execute_and_report(config: RunConfig, tasks, make_agent, display: RunDisplay, as_json: bool, store: Path | None, only=None) -> int:
    run_dir = Path(config.runs_dir) / config.run_id
    index = open_store(store_path(store, Path(config.runs_dir)))
    indexed_run: list[bool] = []

    def record(result: Result) -> None:
        if not indexed_run:  # run.json exists once the runner has started; index it once
            index.add_run(RunDir(run_dir).read_run(), RunDir(run_dir))
            indexed_run.append(True)
        index.add_result(result, RunDir(run_dir))

    try:
        execute(config, tasks, make_agent, display, on_result=record, only=only)
    except RunInterrupted:
        index.add_run_dir(RunDir(run_dir))
        Console(stderr=True).print(f"interrupted: results so far are in {run_dir}; finish with agentbench run --resume {config.run_id} --runs-dir {config.runs_dir}")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)  # attempts still waiting on a model call must not hold the process open
    results = RunDir(run_dir).results()
    summary = summarize(config.run_id, run_dir, results)
    if as_json:
        print(json.dumps(summary, indent=2))
    else:
        print_summary(summary)
    return 0


def summarize(run_id: str, run_dir: Path, results: list[Result]) -> dict:
    judged = [r for r in results if r.outcome != "error"]
    return {
        "run_id": run_id,
        "run_dir": str(run_dir),
        "attempts": len(results),
        "resolved": sum(r.resolved for r in results),
        "errors": len(results) - len(judged),
        "mean_score": round(sum(r.score for r in judged) / len(judged), 4) if judged else None,
        "results": [
            {
                "task": r.task, "attempt": r.attempt, "agent": r.agent, "model": r.model, "outcome": r.outcome,
                "cause": r.cause, "score": r.score, "resolved": r.resolved, "tests": r.tests.model_dump(),
                "duration_sec": r.duration_sec, "result_file": str(run_dir / r.task / str(r.attempt) / "result.json"),
            }
            for r in results
        ],
    }


def print_summary(summary: dict) -> None:
    table = Table("task", "attempt", "outcome", "cause", "score", "tests passed", "time", title=f"run {summary['run_id']}")
    for row in summary["results"]:
        tests = row["tests"]
        table.add_row(
            row["task"], str(row["attempt"]), row["outcome"], row["cause"] or "", f"{row['score']:.2f}",
            f"{tests['passed']}/{tests['total']}", f"{row['duration_sec']:.0f} s",
        )
    console = Console()
    console.print(table)
    mean = summary["mean_score"]
    console.print(
        f"resolved {summary['resolved']}/{summary['attempts']}, mean score {mean if mean is not None else '-'}, "
        f"infrastructure errors {summary['errors']} — results in {summary['run_dir']}"
    )
    if summary["resolved"] < summary["attempts"]:
        console.print(f"how it failed: agentbench failures {summary['run_dir']}   (or: agentbench report {summary['run_dir']} --html report.html)")
