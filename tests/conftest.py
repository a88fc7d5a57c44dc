"""Shared fixtures. Docker tests use the real engine and the real base images (built on demand)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from agentbench.sandbox.engine import LABEL_SESSION, docker_client

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY_TASK = FIXTURES / "tasks" / "tiny"


@pytest.fixture(scope="session")
def docker_ready():
    """The engine answers and the python base image exists (built from Debian's packages if missing)."""
    from agentbench.sandbox.images import build_base_image

    docker_client()
    build_base_image("python", progress=lambda text: print(f"[image] {text}", file=sys.stderr))
    return True


SESSION = f"tests-{uuid.uuid4().hex[:12]}"
os.environ["AGENTBENCH_SESSION"] = SESSION  # every container this suite starts, in-process or by the CLI, carries it


@pytest.fixture(scope="session", autouse=True)
def no_containers_left_behind():
    """After the whole suite no container that it started may be left on the engine."""
    yield
    try:
        api = docker_client().api
    except Exception:
        return
    left = api.containers(all=True, filters={"label": [f"{LABEL_SESSION}={SESSION}"]})
    for container in left:
        api.remove_container(container["Id"], force=True)
    assert not left, f"containers left behind: {[c['Names'] for c in left]}"


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "agentbench", *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout,
    )

# The fixture tasks' hidden tests run inside sandboxes, never in this suite.
collect_ignore_glob = ["fixtures/*"]
