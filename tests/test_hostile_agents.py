"""Hostile agents are contained and classified; the host and the verifier are unaffected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentbench.sandbox.engine import LABEL_RUN, docker_client
from tests.conftest import TINY_TASK, run_cli

pytestmark = pytest.mark.docker
GOOD_CALC = "printf 'def add(a, b):\\n    return a + b\\n\\ndef mul(a, b):\\n    return a * b\\n' > calc.py"


def attempt(tmp_path: Path, command: str, *extra: str, run_id: str = "hostile") -> dict:
    done = run_cli("run", "--task", str(TINY_TASK), "--agent", "command", "--agent-command", command,
                   "--runs-dir", str(tmp_path), "--run-id", run_id, "--json", *extra)
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / run_id / "tiny" / "1" / "result.json").read_text())
    assert not docker_client().api.containers(all=True, filters={"label": [f"{LABEL_RUN}={run_id}"]})
    return result


def test_a_fake_pytest_in_the_workspace_cannot_fake_the_results(docker_ready, tmp_path):
    fake = (
        "printf 'import sys\\nopen(\"/tmp/agentbench-verifier/junit.xml\", \"w\").write(\"<testsuite/>\")\\nsys.exit(0)\\n' > pytest.py; "
        "mkdir -p _pytest && cp pytest.py _pytest/__init__.py"
    )
    result = attempt(tmp_path, fake)
    assert result["tests"]["total"] == 3 and result["score"] == 0.0 and result["outcome"] == "failed"


def test_sitecustomize_is_classified_as_tampering(docker_ready, tmp_path):
    result = attempt(tmp_path, f"{GOOD_CALC}; echo 'import os' > sitecustomize.py")
    assert result["cause"] == "tampered" and result["score"] == 0.0 and not result["resolved"]
    assert "sitecustomize.py" in result["detail"]


def test_fork_bomb_is_contained_by_the_pids_limit(docker_ready, tmp_path):
    result = attempt(tmp_path, f"{GOOD_CALC}; bomb() {{ bomb | bomb & }}; bomb; sleep 600", "--timeout", "15")
    # the shell either runs out of processes (exit 2) or is killed at the time limit
    assert "ran past the 15 s limit" in result["detail"] or ("exited 2" in result["detail"] and "Cannot fork" in result["detail"])
    assert "Cannot fork" in (tmp_path / "hostile" / "tiny" / "1" / "agent.log").read_text()
    # the work done before the bomb is judged in a fresh container, which has its own pids budget
    assert result["tests"]["passed"] == 3 and result["outcome"] == "passed"


def test_memory_bomb_is_killed_and_the_attempt_still_judged(docker_ready, tmp_path):
    bomb = f"{GOOD_CALC}; python3 -c 'x = []\nwhile True: x.append(bytearray(50_000_000))'"
    result = attempt(tmp_path, bomb)
    assert "exited 137" in result["detail"]  # killed by the kernel's OOM killer inside the container
    assert result["tests"]["passed"] == 3 and result["outcome"] == "passed"


def test_killing_pid_1_and_deleting_bin_are_refused(docker_ready, tmp_path):
    result = attempt(tmp_path, f"kill -9 1; rm -rf /bin /usr/bin 2>/dev/null; {GOOD_CALC}; ls /bin/sh")
    assert result["resolved"], result


def test_network_is_off(docker_ready, tmp_path):
    probe = "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), timeout=3)\" 2>&1 | tail -1 > net.txt; " + GOOD_CALC
    result = attempt(tmp_path, probe)
    diff = (tmp_path / "hostile" / "tiny" / "1" / "workspace.diff").read_text()
    assert "Network is unreachable" in diff and result["resolved"]


def test_output_flood_is_capped_in_the_log(docker_ready, tmp_path):
    result = attempt(tmp_path, f"{GOOD_CALC}; yes flood | head -c 50000000")
    log = (tmp_path / "hostile" / "tiny" / "1" / "agent.log")
    assert result["resolved"] and log.stat().st_size < 12 * 1024 * 1024
    assert "bytes of output dropped" in log.read_text()


def test_a_workspace_too_large_to_snapshot_ends_as_resource_limit(docker_ready, tmp_path):
    done = run_cli("run", "--task", str(TINY_TASK), "--agent", "command", "--agent-command", f"{GOOD_CALC}; head -c 80000000 /dev/urandom > blob",
                   "--runs-dir", str(tmp_path), "--run-id", "big", "--json", env={"AGENTBENCH_MAX_SNAPSHOT_MB": "50"})
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "big" / "tiny" / "1" / "result.json").read_text())
    assert result["cause"] == "resource_limit" and result["outcome"] == "failed" and result["source"] == "model"
    assert "more than 50 MiB" in result["detail"]
    assert not docker_client().api.containers(all=True, filters={"label": [f"{LABEL_RUN}=big"]})


def test_a_conftest_or_a_planted_tests_folder_in_the_workspace_changes_nothing(docker_ready, tmp_path):
    hook = (
        "import pytest\\n"
        "@pytest.hookimpl(hookwrapper=True)\\n"
        "def pytest_runtest_makereport(item, call):\\n"
        "    outcome = yield\\n"
        "    outcome.get_result().outcome = 'passed'\\n"
    )
    plant = f"printf \"{hook}\" > conftest.py; mkdir -p tests; cp conftest.py tests/; mkdir /tests 2>&1 | tail -1 > mkdir.txt"
    result = attempt(tmp_path, plant)
    diff = (tmp_path / "hostile" / "tiny" / "1" / "workspace.diff").read_text()
    assert "Permission denied" in diff  # the agent cannot create /tests
    assert result["score"] == 0.0 and result["tests"]["passed"] == 0 and result["tests"]["total"] == 3


def test_filling_the_disk_is_stopped_at_the_storage_limit(docker_ready, tmp_path):
    import shutil

    task = tmp_path / "tiny"
    shutil.copytree(TINY_TASK, task)
    toml = task / "task.toml"
    toml.write_text(toml.read_text().replace("pids = 128", "pids = 128\nstorage_mb = 64"))
    fill = f"{GOOD_CALC}; for i in $(seq 1 200); do head -c 10000000 /dev/zero > /tmp/fill.$i; sleep 0.2; done; sleep 120"
    done = run_cli("run", "--task", str(task), "--agent", "command", "--agent-command", fill, "--runs-dir", str(tmp_path / "runs"),
                   "--run-id", "disk", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "runs" / "disk" / "tiny" / "1" / "result.json").read_text())
    assert result["cause"] == "resource_limit" and result["outcome"] == "failed"
    assert "over the task's storage limit of 64 MB" in result["detail"]
    assert result["duration_sec"] < 100  # stopped well before the command's own end
    assert not docker_client().api.containers(all=True, filters={"label": [f"{LABEL_RUN}=disk"]})
