"""result.json: what one attempt did and how it was judged."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agentbench.outcome.taxonomy import Cause, Outcome, Source
from agentbench.verifier.junit import TestResult
from agentbench.verifier.scoring import TestCounts

RESULT_SCHEMA = 1


class MilestoneResult(BaseModel):
    name: str
    weight: float
    total: int
    passed: int
    reached: bool


class WorkspaceChange(BaseModel):
    changed: bool
    files_changed: int = 0
    insertions: int = 0
    deletions: int = 0
    refused_paths: list[str] = []  # links or escaping paths not copied out to the host


class ProgressPoint(BaseModel):
    """One score of the workspace taken while the agent worked."""

    t_sec: float
    step: int
    score: float
    milestones_reached: list[str]


class Usage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0
    cached_tokens: int = 0
    cost_usd: float | None = 0.0
    model_calls: int = 0


class Result(BaseModel):
    model_config = ConfigDict(extra="allow")

    schema_version: int = RESULT_SCHEMA
    run_id: str
    task: str
    attempt: int
    agent: str
    model: str | None = None
    seed: int
    outcome: Outcome
    cause: Cause | None = None
    source: Source | None = None
    detail: str | None = None  # one line on the cause
    score: float = 0.0
    resolved: bool = False
    tests: TestCounts = Field(default_factory=TestCounts)
    milestones: list[MilestoneResult] = []
    failed_tests: list[TestResult] = []
    steps: int = 0
    usage: Usage | None = None
    workspace: WorkspaceChange | None = None
    flags: list[str] = []  # e.g. regressed, stalled (from the progress curve)
    progress: list[ProgressPoint] = []  # scores of workspace snapshots while the agent worked (opt-in)
    duration_sec: float
    agent_duration_sec: float | None = None
    verifier_duration_sec: float | None = None
    started_at: str
    finished_at: str
    task_hash: str
    image: str | None = None
    agentbench_version: str
    extra: dict[str, Any] = {}
