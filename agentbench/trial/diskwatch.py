"""A watchdog on what the agent writes: past the task's storage limit, the agent is stopped.

Docker on common storage drivers cannot cap a container's writable layer, so the places the agent
can write are measured every few seconds and the attempt is ended (cause resource_limit) before
the host's disk fills.
"""

from __future__ import annotations

import threading

from agentbench.agent.base import AgentContext
from agentbench.errors import SandboxError
from agentbench.outcome.taxonomy import Cause

POLL_SEC = 5.0
WRITABLE = "/workspace /tmp /var/tmp /home /dev/shm"
_MEASURE = f"du -sxm {WRITABLE} 2>/dev/null | awk '{{s += $1}} END {{print s + 0}}'"
_KILL_ALL = "kill -9 -1"  # as the agent user: every process of the agent, not the container's init


class DiskWatch:
    def __init__(self, ctx: AgentContext, limit_mb: int, poll_sec: float = POLL_SEC):
        self.ctx, self.limit_mb, self.poll_sec = ctx, limit_mb, poll_sec
        self.used_mb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="agentbench-diskwatch")

    def __enter__(self) -> "DiskWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(self.poll_sec):
            try:
                run = self.ctx.sandbox.exec(_MEASURE, timeout=60)
                self.used_mb = int(run.output.strip() or 0) if run.ok else self.used_mb
            except (SandboxError, ValueError):
                continue
            if self.used_mb > self.limit_mb:
                self.ctx.halted = (Cause.RESOURCE_LIMIT, f"the agent wrote {self.used_mb} MB, over the task's storage limit of {self.limit_mb} MB")
                for _ in range(3):
                    self.ctx.sandbox.exec(_KILL_ALL, timeout=30)
                return
