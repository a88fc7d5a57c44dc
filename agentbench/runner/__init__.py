"""The runner: schedules trials and records the run."""

from agentbench.runner.config import LimitOverrides, RunConfig
from agentbench.runner.display import RunDisplay
from agentbench.runner.runner import effective_limits, execute, new_run_id

__all__ = ["LimitOverrides", "RunConfig", "RunDisplay", "effective_limits", "execute", "new_run_id"]
