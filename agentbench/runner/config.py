"""What a run was asked to do; recorded in run.json so that it can be compared and resumed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from agentbench.trial.progress import ProgressPolicy


class LimitOverrides(BaseModel):
    timeout_sec: float | None = Field(default=None, gt=0)
    max_steps: int | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, gt=0)
    max_cost_usd: float | None = Field(default=None, gt=0)


class RunConfig(BaseModel):
    run_id: str
    tasks: list[str]  # task ids or paths, as given
    agent: str
    model: str | None = None
    model_args: dict[str, Any] = {}
    base_url: str | None = None
    agent_command: str | None = None
    agent_setup: str | None = None
    network: Literal["none", "bridge"] | None = None  # overrides the agent container's network
    pass_env: list[str] = []  # names only: values are never written down
    attempts: int = Field(default=1, ge=1)
    concurrency: int = Field(default=1, ge=1)
    limits: LimitOverrides = LimitOverrides()
    prices_file: Path | None = None
    progress: ProgressPolicy = ProgressPolicy()
    infra_retries: int = Field(default=1, ge=0)
    docker_hosts: list[str] = []  # engines to spread attempts over; empty: DOCKER_HOST or the local socket
    runs_dir: Path = Path("runs")

    @property
    def engines(self) -> list[str | None]:
        return list(self.docker_hosts) or [None]
