"""What every Sandbox backend must do. Runs against the real Docker engine."""

from __future__ import annotations

import io
import tarfile
import time
import uuid

import pytest

from agentbench.sandbox import AGENT_UID, DockerSandbox
from agentbench.sandbox.base import MAX_OUTPUT_BYTES
from agentbench.sandbox.engine import LABEL, LABEL_RUN, LABEL_TRIAL, docker_client
from agentbench.task.config import EnvironmentConfig

pytestmark = pytest.mark.docker
ENV = EnvironmentConfig(base="python", cpus=0.5, memory_mb=256, pids=64, network="none")


@pytest.fixture(scope="module")
def box(docker_ready):
    run_id = f"conformance-{uuid.uuid4().hex[:8]}"
    with DockerSandbox("agentbench/python:latest", run_id=run_id, trial_id=f"{run_id}.t.1", role="agent", environment=ENV) as sandbox:
        yield sandbox


def test_agent_is_non_root_in_workspace(box):
    run = box.exec("id -u; pwd; echo $HOME", timeout=30)
    assert run.ok
    assert run.output.split() == [str(AGENT_UID), "/workspace", "/home/agent"]


def test_exit_codes_and_interleaved_output(box):
    run = box.exec("echo out; echo err >&2; exit 3", timeout=30)
    assert run.exit_code == 3 and not run.timed_out
    assert "out" in run.output and "err" in run.output


def test_locked_down(box):
    status = box.exec("grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status", timeout=30, user="root").output
    fields = dict(line.split(":\t") for line in status.strip().splitlines())
    assert int(fields["CapEff"], 16) == 0 and int(fields["CapBnd"], 16) == 0
    assert fields["NoNewPrivs"].strip() == "1"
    interfaces = box.exec("tail -n +3 /proc/net/dev | cut -d: -f1", timeout=30).output.split()
    assert interfaces == ["lo"]


def test_limits_and_labels_are_applied(box):
    info = docker_client().api.inspect_container(box.id)
    host = info["HostConfig"]
    assert host["Memory"] == 256 * 1024 * 1024
    assert host["NanoCpus"] == int(0.5e9)
    assert host["PidsLimit"] == 64
    assert host["NetworkMode"] == "none"
    labels = info["Config"]["Labels"]
    assert labels[LABEL] == "1" and labels[LABEL_RUN].startswith("conformance-") and labels[LABEL_TRIAL].endswith(".t.1")


def test_timeout_kills_everything_the_command_started(box):
    started = time.monotonic()
    run = box.exec("sleep 300 & setsid sleep 301 & (sleep 302 &) ; sleep 303", timeout=2)
    assert run.timed_out and run.exit_code is None
    assert time.monotonic() - started < 20
    left = box.exec("ps -eo args | grep -E '^sleep 30[0-3]' || true", timeout=30).output
    assert left.strip() == ""


def test_background_process_survives_a_command_that_ends(box):
    box.exec("nohup sleep 120 >/dev/null 2>&1 &", timeout=30)
    assert "sleep 120" in box.exec("ps -eo args", timeout=30).output
    box.exec("pkill -f 'sleep 120' || true", timeout=30)


def test_output_flood_is_capped_keeping_head_and_tail(box):
    run = box.exec("echo START; head -c 30000000 /dev/zero | tr '\\0' 'x'; echo; echo END", timeout=120)
    assert run.ok and run.dropped_bytes > 0
    assert run.output.startswith("START") and run.output.rstrip().endswith("END")
    assert len(run.output) <= MAX_OUTPUT_BYTES + 200


def test_files_in_and_out(box):
    box.write_file("/workspace/deep/er/file.txt", "héllo\n".encode())
    assert box.read_file("/workspace/deep/er/file.txt") == "héllo\n".encode()
    owner = box.exec("stat -c %u /workspace/deep/er/file.txt", timeout=30).output.strip()
    assert owner == str(AGENT_UID)
    with pytest.raises(FileNotFoundError):
        box.read_file("/workspace/missing.txt")
    data = box.get_archive("/workspace/deep")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        assert "deep/er/file.txt" in tar.getnames()


def test_write_file_outside_permissions_fails(box):
    with pytest.raises(PermissionError):
        box.write_file("/etc/agentbench-test/x.txt", b"x")


def test_close_removes_the_container(docker_ready):
    box = DockerSandbox("agentbench/python:latest", run_id="conformance-close", trial_id="c.1", role="agent", environment=ENV)
    box.start()
    container_id = box.id
    box.exec("sleep 1", timeout=10)
    box.close()
    assert not docker_client().api.containers(all=True, filters={"id": container_id})
    box.close()  # closing twice is harmless


def test_exec_in_a_dead_container_is_a_sandbox_error(docker_ready):
    from agentbench.errors import SandboxError

    with DockerSandbox("agentbench/python:latest", run_id="conformance-dead", trial_id="d.1", role="agent", environment=ENV) as box:
        docker_client().api.kill(box.id)
        with pytest.raises(SandboxError):
            box.exec("true", timeout=10)
