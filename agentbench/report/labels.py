"""How reports name what they compare: the model (or agent) under test, and one attempt."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agentbench.result import Result

BUILTIN_AGENT = "builtin"
SCRIPTED_PREFIX = "scripted/"


def model_label(result: Result) -> str:
    """The model under test; a scripted model's script path is cut to its file stem, an agent without a model is its name."""
    if not result.model:
        return result.agent
    model = result.model
    if model.startswith(SCRIPTED_PREFIX):
        script = model.removeprefix(SCRIPTED_PREFIX)
        if "/" in script or script.endswith(".json"):
            model = SCRIPTED_PREFIX + script.rsplit("/", 1)[-1].removesuffix(".json")
    return model if result.agent == BUILTIN_AGENT else f"{result.agent}:{model}"


@dataclass(frozen=True, order=True)
class AttemptRef:
    run_id: str
    task: str
    attempt: int
    model: str

    @classmethod
    def of(cls, result: Result) -> AttemptRef:
        return cls(result.run_id, result.task, result.attempt, model_label(result))

    @property
    def label(self) -> str:
        return f"{self.run_id}/{self.task}#{self.attempt}"

    @property
    def anchor(self) -> str:
        """An HTML id for the attempt's card."""
        return "attempt-" + re.sub(r"[^A-Za-z0-9_-]+", "-", f"{self.run_id}-{self.task}-{self.attempt}")
