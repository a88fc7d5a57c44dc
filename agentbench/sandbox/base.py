"""The Sandbox seam: what agents and the verifier may do with an environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

WORKSPACE = "/workspace"
AGENT_USER = "agent"
AGENT_UID = 1000
MAX_OUTPUT_BYTES = 10 << 20  # per exec; past this the middle is dropped
# A workspace snapshot is held in memory: past this the attempt ends (cause resource_limit).
MAX_SNAPSHOT_BYTES = int(os.environ.get("AGENTBENCH_MAX_SNAPSHOT_MB", "1024")) << 20


@dataclass
class ExecResult:
    exit_code: int | None  # None when the command was killed on timeout
    output: str  # stdout and stderr, interleaved
    timed_out: bool
    duration_sec: float
    dropped_bytes: int = 0  # output dropped from the middle past MAX_OUTPUT_BYTES

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


class Sandbox(Protocol):
    """A running environment with a /workspace. Every backend must pass tests/test_sandbox_conformance.py."""

    id: str

    def exec(self, command: str, *, timeout: float, user: str = AGENT_USER, cwd: str = WORKSPACE, env: dict[str, str] | None = None) -> ExecResult:
        """Run a shell command; on timeout everything it started is killed."""
        ...

    def read_file(self, path: str, max_bytes: int = MAX_OUTPUT_BYTES) -> bytes: ...

    def write_file(self, path: str, content: bytes, user: str = AGENT_USER) -> None: ...

    def put_archive(self, dest: str, data: bytes) -> None: ...

    def get_archive(self, path: str, max_bytes: int = MAX_SNAPSHOT_BYTES) -> bytes:
        """A tar of path; raises WorkspaceTooLarge past max_bytes."""
        ...

    def is_running(self) -> bool: ...

    def close(self) -> None: ...
