"""Progress over time: the workspace scored by the hidden tests while the agent works.

Off by default. Every N minutes or M steps the agent's /workspace is copied out and verified in a
separate container; the agent never sees any of it. The curve goes into result.json.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pydantic import BaseModel

from agentbench.agent.base import AgentContext
from agentbench.errors import SandboxError, WorkspaceTooLarge
from agentbench.result import ProgressPoint
from agentbench.verifier.verifier import Verdict

REGRESSED = "regressed"
STALLED = "stalled"
STALL_SHARE = 1 / 3  # a curve flat over the last third of the agent's time is stalled


class ProgressPolicy(BaseModel):
    every_min: float | None = None
    every_steps: int | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.every_min or self.every_steps)


class ProgressMonitor:
    """A background thread that snapshots and scores the workspace on schedule."""

    def __init__(self, policy: ProgressPolicy, ctx: AgentContext, verify_snapshot: Callable[[bytes], Verdict]):
        self.policy, self.ctx, self._verify = policy, ctx, verify_snapshot
        self.points: list[ProgressPoint] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="agentbench-progress")

    def __enter__(self) -> "ProgressMonitor":
        if self.policy.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _due(self, last_time: float, last_step: int) -> bool:
        if self.policy.every_min and time.monotonic() - last_time >= self.policy.every_min * 60:
            return True
        return bool(self.policy.every_steps and self.ctx.step - last_step >= self.policy.every_steps)

    def _loop(self) -> None:
        last_time, last_step = time.monotonic(), 0
        while not self._stop.wait(0.5):
            if not self._due(last_time, last_step):
                continue
            last_time, last_step = time.monotonic(), self.ctx.step
            try:
                snapshot = self.ctx.sandbox.get_archive("/workspace")
                verdict = self._verify(snapshot)
            except (SandboxError, WorkspaceTooLarge, FileNotFoundError) as exc:
                self.errors.append(str(exc)[:200])
                continue
            self.points.append(ProgressPoint(
                t_sec=round(time.monotonic() - self.ctx.started, 1), step=last_step, score=verdict.score,
                milestones_reached=[m.name for m in verdict.milestones if m.reached],
            ))


def curve_flags(points: list[ProgressPoint], final: ProgressPoint) -> list[str]:
    """`regressed`: the final score is below an earlier snapshot's. `stalled`: flat over the last third."""
    flags = []
    if any(p.score > final.score for p in points):
        flags.append(REGRESSED)
    curve = [*points, final]
    if len(curve) >= 3 and final.score < 1.0 and final.t_sec > 0:
        window = [p for p in curve if p.t_sec >= final.t_sec * (1 - STALL_SHARE)]
        earlier = [p for p in curve if p.t_sec < final.t_sec * (1 - STALL_SHARE)]
        if earlier and len(window) >= 2 and len({p.score for p in window} | {earlier[-1].score}) == 1:
            flags.append(STALLED)
    return flags
