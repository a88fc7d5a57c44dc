"""The Agent seam: anything that works in a sandbox until it is done or out of budget."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from agentbench.outcome.taxonomy import Cause
from agentbench.sandbox.base import Sandbox
from agentbench.task.config import AgentLimits
from agentbench.task.loader import Task


@dataclass
class AgentContext:
    task: Task
    sandbox: Sandbox
    limits: AgentLimits  # task.toml's, with CLI overrides applied
    attempt_dir: Path  # the agent may write trajectory.jsonl and logs here
    seed: int
    log: Callable[[str], None] = lambda _: None  # a short status line for the progress display
    started: float = field(default_factory=time.monotonic)
    step: int = 0  # the agent's step count so far, for progress snapshots
    cancel: threading.Event = field(default_factory=threading.Event)  # set when the run is being stopped
    halted: tuple[Cause, str] | None = None  # set by a watchdog (e.g. disk) that ended the attempt

    def remaining_sec(self, paused_sec: float = 0.0) -> float:
        """Wall-clock budget left; paused_sec (e.g. model back-off) is not charged."""
        return self.limits.timeout_sec - (time.monotonic() - self.started - paused_sec)


@dataclass
class AgentResult:
    """How the agent ended. `ending` is None when it finished on its own."""

    ending: Cause | None = None
    submitted: bool = False
    message: str | None = None  # one line on why it ended, for the report
    steps: int = 0
    usage: dict[str, Any] | None = None  # token and cost accounting, for model-driven agents
    extra: dict[str, Any] = field(default_factory=dict)


class Agent(Protocol):
    name: str
    model: str | None

    def run(self, ctx: AgentContext) -> AgentResult: ...


class AgentStop(Exception):
    """Raised inside an agent to end the attempt; carries the cause."""

    def __init__(self, cause: Cause | None, message: str = ""):
        super().__init__(message)
        self.cause, self.message = cause, message


class Submitted(AgentStop):
    def __init__(self, message: str = "submitted"):
        super().__init__(None, message)


class LimitExceeded(AgentStop):
    pass
