"""The schema of task.toml."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

TASK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgentLimits(_Strict):
    timeout_sec: float = Field(gt=0)
    max_steps: int | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, gt=0)
    max_cost_usd: float | None = Field(default=None, gt=0)


class VerifierConfig(_Strict):
    timeout_sec: float = Field(default=600, gt=0)


class EnvironmentConfig(_Strict):
    base: str = "python"
    cpus: float = Field(default=1.0, gt=0)
    memory_mb: int = Field(default=2048, ge=64)
    pids: int = Field(default=512, ge=16)
    storage_mb: int = Field(default=4096, ge=16)  # what the agent may write (workspace, /tmp, home), polled
    network: Literal["none", "bridge"] = "none"


class ScoringConfig(_Strict):
    milestones: dict[str, float] = Field(min_length=1)

    @field_validator("milestones")
    @classmethod
    def _weights_positive(cls, value: dict[str, float]) -> dict[str, float]:
        for name, weight in value.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise ValueError(f"milestone {name!r} is not a valid pytest marker name")
            if weight <= 0:
                raise ValueError(f"milestone {name!r} needs a positive weight")
        return value


class TaskConfig(_Strict):
    id: str
    title: str
    category: str
    difficulty: Literal["easy", "medium", "hard", "expert"]
    tags: list[str] = []
    author: str
    expert_time_min: float = Field(gt=0)
    agent: AgentLimits
    verifier: VerifierConfig = VerifierConfig()
    environment: EnvironmentConfig = EnvironmentConfig()
    scoring: ScoringConfig

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not TASK_ID_PATTERN.match(value):
            raise ValueError("use lowercase letters, digits and dashes")
        return value
