"""Running the hidden tests on a finished workspace, in a fresh container."""

from __future__ import annotations

import io
import posixpath
import shlex
import tarfile
from dataclasses import dataclass
from pathlib import Path

from agentbench.errors import SandboxError
from agentbench.sandbox.archive import tar_directory, tar_files
from agentbench.sandbox.base import AGENT_USER, WORKSPACE
from agentbench.sandbox.docker_sandbox import DockerSandbox
from agentbench.task.loader import Task
from agentbench.verifier.junit import TestResult, parse_junit
from agentbench.verifier.scoring import MilestoneScore, TestCounts, count, milestone_scores, score

PLUGIN_DIR = "/opt/agentbench/verifier"
PLUGIN_MODULE = "agentbench_verifier_plugin"
REPORT_DIR = "/tmp/agentbench-verifier"


TAMPERING_FILES = {"sitecustomize.py", "usercustomize.py", f"{PLUGIN_MODULE}.py"}


def tampering_files(workspace_tar: bytes) -> list[str]:
    """Files in the workspace whose only use is to change how the hidden tests run."""
    with tarfile.open(fileobj=io.BytesIO(workspace_tar)) as tar:
        return sorted(m.name for m in tar.getmembers() if posixpath.basename(m.name) in TAMPERING_FILES)


@dataclass
class Verdict:
    score: float
    resolved: bool
    tests: TestCounts
    milestones: list[MilestoneScore]
    results: list[TestResult]
    timed_out: bool
    exit_code: int | None
    output: str
    junit_xml: str | None
    duration_sec: float


def pytest_command(seed: int, milestones: list[str]) -> str:
    env = (
        f"AGENTBENCH_SEED={seed} AGENTBENCH_MILESTONES={shlex.quote(','.join(milestones))} "
        f"AGENTBENCH_WORKSPACE={WORKSPACE} PYTHONPATH={PLUGIN_DIR}"
    )
    # -P: the working directory is not put first on sys.path, so the agent cannot shadow pytest.
    return (
        f"mkdir -p {REPORT_DIR} && cd {WORKSPACE} && {env} python3 -P -m pytest /tests --rootdir=/tests "
        f"-p no:cacheprovider -p {PLUGIN_MODULE} -o junit_family=xunit1 "
        f"--junitxml={REPORT_DIR}/junit.xml -q -rfE --color=no"
    )


def verify(task: Task, workspace_tar: bytes, *, image: str, run_id: str, trial_id: str, seed: int, docker_host: str | None = None, role: str = "verifier") -> Verdict:
    """Copy the workspace into a fresh container of the task image, then the tests, then run them."""
    environment = task.config.environment.model_copy(update={"network": "none"})
    with DockerSandbox(image, run_id=run_id, trial_id=trial_id, role=role, environment=environment, docker_host=docker_host) as box:
        box.exec(f"find {WORKSPACE} -mindepth 1 -delete", timeout=120, user=AGENT_USER)
        box.put_archive("/", workspace_tar)
        plugin = (Path(__file__).parent / "pytest_plugin.py").read_bytes()
        box.put_archive("/", tar_files({f"{PLUGIN_DIR.lstrip('/')}/{PLUGIN_MODULE}.py": plugin}, uid=0, gid=0))
        box.put_archive("/", tar_directory(task.tests_dir, "tests", uid=0, gid=0))
        milestones = list(task.config.scoring.milestones)
        run = box.exec(pytest_command(seed, milestones), timeout=task.config.verifier.timeout_sec, user=AGENT_USER)
        if not box.is_running():
            raise SandboxError(f"the {role} container stopped while the tests ran")
        junit_xml = None
        results: list[TestResult] = []
        if not run.timed_out:
            try:
                junit_xml = box.read_file(f"{REPORT_DIR}/junit.xml").decode("utf-8", errors="replace")
                results = parse_junit(junit_xml)
            except (FileNotFoundError, ValueError):
                results = []
    per_milestone = milestone_scores(results, task.config.scoring.milestones)
    counts = count(results)
    value = 0.0 if run.timed_out else score(per_milestone)
    resolved = not run.timed_out and counts.total > 0 and counts.passed == counts.total
    return Verdict(value, resolved, counts, per_milestone, results, run.timed_out, run.exit_code, run.output, junit_xml, run.duration_sec)
