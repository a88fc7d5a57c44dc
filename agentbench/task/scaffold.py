"""`agentbench task new ID`: a task folder with every file, and comments on what goes where."""

from __future__ import annotations

from pathlib import Path

from agentbench.errors import TaskError
from agentbench.task.config import TASK_ID_PATTERN
from agentbench.task.loader import CANARY

TASK_TOML = '''# The task's metadata, limits, environment and scoring. Format: tasks/README.md.
id = "{id}"                      # must equal the folder name
title = "One line on what the agent builds"
category = "language-tools"      # free text: language-tools, data-systems, systems, numerics-ml, web, ...
difficulty = "hard"              # easy | medium | hard | expert
tags = ["python"]
author = "your name"
expert_time_min = 240            # how long a strong engineer needs, in minutes

[agent]
timeout_sec = 3600               # wall-clock limit for the agent (required)
max_steps = 250                  # model calls (built-in agent)
# max_tokens = 4000000           # input + output tokens over the attempt
# max_cost_usd = 20.0

[verifier]
timeout_sec = 600                # the whole hidden test run

[environment]
base = "python"                  # a base image from sandboxes/ (python, web); or add environment/Dockerfile
cpus = 1.0
memory_mb = 2048
pids = 512
network = "none"                 # "none" or "bridge"

# Milestones are pytest markers, from basic to complete; every test carries exactly one.
# Score = the weighted share of tests passed per milestone.
[scoring.milestones]
basic = 1
intermediate = 2
complete = 3
'''

INSTRUCTION = '''# {id}

Everything the agent is told about the task. Fix every interface the tests use — module and
function names, command lines, ports, file paths, output formats — and nothing the tests don't need.

The agent works in `/workspace` as a non-root user, without network. Write, in `/workspace/solution.py`,
a function `solve(numbers)` that returns the sum of the squares of a list of integers.
'''

CONFTEST = '''# {canary}
"""Registers the milestone markers (they must match [scoring.milestones] in task.toml)."""


def pytest_configure(config):
    for name in ("basic", "intermediate", "complete"):
        config.addinivalue_line("markers", f"{{name}}: milestone")
'''

TEST_FILE = '''# {canary}
"""The hidden tests. They run in /workspace (first on sys.path) after the agent has finished.

- Import the agent's code inside tests or fixtures, so that a missing module fails each test.
- Judge against an independent reference (here: Python's own sum), never the agent's code.
- Randomise inputs with AGENTBENCH_SEED, so that hard-coded answers fail.
- Give parametrize values as literal lists (agentbench counts tests without running them).
"""

import os
import random

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))


def numbers(case: int, size: int) -> list[int]:
    rng = random.Random(SEED * 1000 + case)
    return [rng.randint(-1000, 1000) for _ in range(size)]


@pytest.mark.basic
def test_empty():
    from solution import solve

    assert solve([]) == 0


@pytest.mark.intermediate
@pytest.mark.parametrize("case", [0, 1, 2])
def test_small(case):
    from solution import solve

    data = numbers(case, 10)
    assert solve(data) == sum(x * x for x in data)


@pytest.mark.complete
def test_large():
    from solution import solve

    data = numbers(99, 100_000)
    assert solve(data) == sum(x * x for x in data)
'''

SOLVE_SH = '''#!/bin/sh
# The reference solution: run by the oracle agent with /workspace as the working directory.
# Files beside this script are at $(dirname "$0"). It must make every hidden test pass, every time.
set -eu
cp "$(dirname "$0")/solution.py" .
'''

SOLUTION_PY = '''def solve(numbers):
    return sum(x * x for x in numbers)
'''


def scaffold(tasks_dir: Path, task_id: str) -> Path:
    if not TASK_ID_PATTERN.match(task_id):
        raise TaskError(f"task id {task_id!r}: use lowercase letters, digits and dashes")
    folder = tasks_dir / task_id
    if folder.exists():
        raise TaskError(f"{folder}: already exists")
    files = {
        "task.toml": TASK_TOML.format(id=task_id),
        "instruction.md": INSTRUCTION.format(id=task_id),
        "tests/conftest.py": CONFTEST.format(canary=CANARY),
        "tests/test_basic.py": TEST_FILE.format(canary=CANARY),
        "solution/solve.sh": SOLVE_SH,
        "solution/solution.py": SOLUTION_PY,
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "solution" / "solve.sh").chmod(0o755)
    return folder
