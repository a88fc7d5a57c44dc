"""`agentbench nightly`: a matrix of models x tasks x attempts, one run per model, stored and reported.

Relative paths in the config file (tasks given as paths, runs_dir, store, report_dir, prices, tasks_dir,
and the script of a `scripted/<file>.json` spec) are relative to the config file's folder, so that
the same file works from any working directory (a CI job's, a cron job's).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agentbench.agent.factory import AgentOptions, agent_factory
from agentbench.configfile import first_error, read_toml
from agentbench.errors import AgentbenchError
from agentbench.model.scripted import SCRIPTED_PREFIX
from agentbench.result import Result
from agentbench.rundir import RunDir
from agentbench.runner import LimitOverrides, RunConfig, RunDisplay, execute
from agentbench.store.compare import DEFAULT_ALPHA
from agentbench.store.metrics import model_label
from agentbench.store.nightly_data import DEFAULT_TREND
from agentbench.store.store import STORE_FILE, Store
from agentbench.task import Task, resolve_task


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NightlyModel(_Strict):
    name: str | None = None  # how reports name it; default: the spec (or the agent)
    spec: str | None = None  # openai/<model>, anthropic/<model>, scripted/<script>
    agent: str | None = None  # default: builtin with a spec, else oracle
    model_args: dict[str, Any] = {}
    base_url: str | None = None
    command: str | None = None  # agent = "command": the CLI agent's command line, and what installs it
    setup: str | None = None
    pass_env: list[str] = []

    @property
    def options(self) -> AgentOptions:
        return AgentOptions(
            name=self.agent, model=self.spec, model_args=self.model_args, base_url=self.base_url, command=self.command,
            setup=self.setup, pass_env=self.pass_env,
        )

    @property
    def label(self) -> str:
        return self.name or model_label(self.options.agent_name, self.spec)


class NightlyConfig(_Strict):
    models: list[NightlyModel] = Field(min_length=1)
    tasks: list[str] = Field(min_length=1)  # task ids (in tasks_dir) or paths
    tasks_dir: Path | None = None
    attempts: int = Field(default=1, ge=1)
    concurrency: int = Field(default=1, ge=1)
    runs_dir: Path = Path("runs")
    store: Path | None = None  # default: <runs_dir>/agentbench.sqlite
    report_dir: Path = Path("reports")
    alpha: float = Field(default=DEFAULT_ALPHA, gt=0, lt=1)
    prices: Path | None = None
    limits: LimitOverrides = LimitOverrides()
    infra_retries: int = Field(default=1, ge=0)
    trend: int = Field(default=DEFAULT_TREND, ge=2)  # nightlies shown in the trend chart

    @model_validator(mode="after")
    def _unique_names(self) -> NightlyConfig:
        labels = [m.label for m in self.models]
        dupes = sorted({x for x in labels if labels.count(x) > 1})
        if dupes:
            raise ValueError(f"two models are named {dupes[0]!r}: give them distinct names")
        folders = [run_id("", label) for label in labels]
        if len(set(folders)) != len(folders):
            raise ValueError(f"model names {', '.join(map(repr, labels))} make the same run folder name: make them differ in letters or digits")
        return self

    @property
    def store_file(self) -> Path:
        return self.store or self.runs_dir / STORE_FILE


def load_config(path: Path) -> NightlyConfig:
    """Read and validate a nightly config; errors are one line naming the file and the field."""
    path = Path(path)
    raw = read_toml(path)
    try:
        config = NightlyConfig.model_validate(raw)
    except ValidationError as exc:
        where, message, _ = first_error(exc)
        raise AgentbenchError(f"{path}: {where}: {message}") from None
    return _anchored(config, path.resolve().parent)


def _anchored(config: NightlyConfig, base: Path) -> NightlyConfig:
    def rel(p: Path | None) -> Path | None:
        return None if p is None else Path(os.path.normpath(base / p))  # an absolute p stays as it is

    def task_ref(ref: str) -> str:
        return str(rel(Path(ref))) if "/" in ref or ref.startswith(".") else ref

    def spec(s: str | None) -> str | None:
        if s and s.startswith(SCRIPTED_PREFIX) and s.endswith(".json"):
            return SCRIPTED_PREFIX + str(rel(Path(s[len(SCRIPTED_PREFIX):])))
        return s

    return config.model_copy(update={
        "models": [m.model_copy(update={"spec": spec(m.spec), "name": m.label}) for m in config.models],
        "tasks": [task_ref(t) for t in config.tasks],
        "tasks_dir": rel(config.tasks_dir), "runs_dir": rel(config.runs_dir), "store": rel(config.store),
        "report_dir": rel(config.report_dir), "prices": rel(config.prices),
    })


def new_nightly_id(runs_dir: Path, labels: list[str]) -> str:
    """A UTC timestamp (sortable: the trend's order), bumped by a second if a run of it already exists."""
    now = datetime.now(timezone.utc)
    while True:
        nightly = now.strftime("%Y%m%d-%H%M%S")
        if not any((runs_dir / run_id(nightly, label)).exists() for label in labels):
            return nightly
        now += timedelta(seconds=1)


def run_id(nightly: str, label: str) -> str:
    return f"nightly-{nightly}-{re.sub(r'[^A-Za-z0-9._-]+', '-', label).strip('-')[:60]}"


def run_nightly(config: NightlyConfig, store: Store, display: RunDisplay, nightly: str | None = None) -> tuple[str, dict[str, str]]:
    """Run every model on every task and index each result as it comes; returns (nightly id, {model name: run id}).

    Every model's agent is made before anything runs, so that a bad spec or a missing key fails at once."""
    tasks: list[Task] = [resolve_task(ref, config.tasks_dir) for ref in config.tasks]
    if len({t.id for t in tasks}) != len(tasks):
        raise AgentbenchError("tasks: the same task is given twice")
    makers: list[tuple[NightlyModel, Callable]] = []
    for m in config.models:
        options = m.options
        options.prices_file = config.prices
        try:
            makers.append((m, agent_factory(options)))
        except AgentbenchError as exc:
            raise AgentbenchError(f"model {m.label!r}: {exc}") from None
    nightly = nightly or new_nightly_id(config.runs_dir, [m.label for m in config.models])
    runs: dict[str, str] = {}
    for m, make_agent in makers:
        rid = run_id(nightly, m.label)
        display.note(f"nightly {nightly}: {m.label} as run {rid}")
        run_config = RunConfig(
            run_id=rid, tasks=[t.id for t in tasks], agent=m.options.agent_name, model=m.spec, model_args=m.model_args,
            base_url=m.base_url, agent_command=m.command, agent_setup=m.setup, pass_env=m.pass_env, attempts=config.attempts,
            concurrency=config.concurrency, limits=config.limits, infra_retries=config.infra_retries, runs_dir=config.runs_dir,
        )
        run_dir = RunDir(config.runs_dir / rid)

        def index(result: Result, run_dir: RunDir = run_dir) -> None:
            store.add_result(result, run_dir)

        try:
            execute(run_config, tasks, make_agent, display, on_result=index)
        finally:
            if run_dir.run_file.is_file():  # also when interrupted: the attempts in flight were written as interrupted
                record = run_dir.read_run()
                record["nightly"] = {"id": nightly, "model": m.label}
                run_dir.write_run(record)
                store.add_run_dir(run_dir)
        runs[m.label] = rid
    return nightly, runs
