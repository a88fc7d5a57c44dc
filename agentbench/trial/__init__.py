"""A trial: one attempt of one agent at one task, end to end."""

from agentbench.trial.trial import TrialSpec, run_trial
from agentbench.trial.workspace import WorkspaceDiff, diff_snapshots

__all__ = ["TrialSpec", "WorkspaceDiff", "diff_snapshots", "run_trial"]
