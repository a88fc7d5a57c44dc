"""The bundled tasks: every one is well-formed; the two skeleton tasks are solved by their oracle and
not by nop, through the real harness. (`agentbench task check` runs the oracle on all of them.)"""

from __future__ import annotations

import json

import pytest

from agentbench.paths import bundled_dir
from agentbench.task import find_tasks
from agentbench.task.check import static_checks
from tests.conftest import run_cli

TASKS, ERRORS = find_tasks(bundled_dir("tasks"))


def test_every_bundled_task_loads():
    assert ERRORS == []
    assert len(TASKS) >= 12


@pytest.mark.parametrize("task", TASKS, ids=[t.id for t in TASKS])
def test_bundled_task_is_well_formed(task):
    failed = [f"{c.name}: {c.detail}" for c in static_checks(task, min_tests=25, min_milestones=3) if not c.ok]
    assert failed == []


def test_tasks_list_json_names_tests_and_milestones():
    done = run_cli("tasks", "list", "--json", "--tasks-dir", str(bundled_dir("tasks")))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) >= 12
    assert all(row["tests"] >= 25 and row["milestones"] >= 3 for row in rows), rows
    assert {"id", "category", "difficulty", "expert_time_min", "tests", "milestones"} <= set(rows[0])


@pytest.mark.docker
@pytest.mark.parametrize("agent, score", [("oracle", 1.0), ("nop", 0.0)])
def test_skeleton_tasks(docker_ready, tmp_path, agent, score):
    done = run_cli("run", "--task", "autograd", "--task", "website", "--agent", agent, "--runs-dir", str(tmp_path), "--json", "--concurrency", "2")
    assert done.returncode == 0, done.stderr
    rows = {row["task"]: row for row in json.loads(done.stdout)["results"]}
    assert set(rows) == {"autograd", "website"}
    for row in rows.values():
        assert row["score"] == score and row["resolved"] == (score == 1.0), row
        assert row["tests"]["total"] >= 80
