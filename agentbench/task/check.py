"""`agentbench task check`: is a task fit to judge models? Schema, canary, limits, hidden files,
an oracle that resolves it on every rerun (else its flaky tests named), and nop scoring 0."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from agentbench.agent.builtin import NopAgent, OracleAgent
from agentbench.rundir import JUNIT_FILE, RunDir
from agentbench.runner.config import RunConfig
from agentbench.runner.display import RunDisplay
from agentbench.runner.runner import execute
from agentbench.sandbox.docker_sandbox import DockerSandbox
from agentbench.sandbox.images import task_image
from agentbench.task.inventory import count_tests
from agentbench.task.loader import CANARY, Task, iter_files
from agentbench.verifier.junit import parse_junit
from agentbench.verifier.scoring import UNMARKED

REQUIRED_LIMITS = (("agent", "timeout_sec"), ("agent", "max_steps"), ("verifier", "timeout_sec"))


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class TaskReport:
    task: str
    path: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict:
        return {"task": self.task, "path": self.path, "ok": self.ok, "checks": [asdict(c) for c in self.checks]}


def static_checks(task: Task, min_tests: int, min_milestones: int, ran: int | None = None) -> list[Check]:
    """`ran`: how many tests a real run collected (static counting can miss generated parameters)."""
    checks = [Check("schema", True, "task.toml, instruction.md, tests/, solution/solve.sh")]
    missing = [str(p.relative_to(task.path)) for p in iter_files(task.tests_dir) if CANARY not in p.read_text(encoding="utf-8", errors="replace")]
    checks.append(Check("canary", not missing, f"missing in {', '.join(missing)}" if missing else "in every file under tests/"))
    raw = tomllib.loads((task.path / "task.toml").read_text(encoding="utf-8"))
    unset = [f"{a}.{b}" for a, b in REQUIRED_LIMITS if b not in raw.get(a, {})]
    checks.append(Check("limits", not unset, f"not set in task.toml: {', '.join(unset)}" if unset else "agent and verifier limits set"))
    counts = count_tests(task.tests_dir, list(task.config.scoring.milestones))
    total, empty = max(sum(counts.values()), ran or 0), [m for m, n in counts.items() if n == 0 and m != UNMARKED]
    problems = []
    if counts.get(UNMARKED):
        problems.append(f"{counts[UNMARKED]} test(s) without a milestone marker")
    if empty:
        problems.append(f"milestone(s) without tests: {', '.join(empty)}")
    if total < min_tests:
        problems.append(f"{total} tests, fewer than {min_tests}")
    if len(task.config.scoring.milestones) < min_milestones:
        problems.append(f"{len(task.config.scoring.milestones)} milestones, fewer than {min_milestones}")
    summary = ", ".join(f"{m} {n}" for m, n in counts.items())
    counted = f"{total} tests ran" if ran else f"{total} tests"
    checks.append(Check("tests", not problems, "; ".join(problems) or f"{counted}; by their functions: {summary}"))
    return checks


def hidden_files_check(task: Task) -> Check:
    """The agent's image must hold neither the tests nor the solution.

    A task's own Dockerfile could copy anything anywhere, so its image is searched whole; a base
    image (ours) only where files of a task could land.
    """
    image = task_image(task)
    where = "/" if task.environment_dir else "/workspace /home /root /opt /srv /tmp /etc/skel"
    probe = (
        f"ls -d /tests /solution 2>/dev/null; "
        f"grep -rIl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev -F '{CANARY}' {where} 2>/dev/null | head -5; true"
    )
    with DockerSandbox(image, run_id="task-check", trial_id=f"task-check.{task.id}", role="check", environment=task.config.environment) as box:
        found = box.exec(probe, timeout=300, user="root").output.split()
    return Check("hidden", not found, f"visible to the agent: {', '.join(found)}" if found else f"no tests or solution in {image}")


def _statuses(run_dir: RunDir, task_id: str, attempts: int) -> dict[str, list[str]]:
    statuses: dict[str, list[str]] = defaultdict(list)
    for attempt in range(1, attempts + 1):
        junit = run_dir.verifier_dir(task_id, attempt) / JUNIT_FILE
        if junit.is_file():
            for result in parse_junit(junit.read_text(encoding="utf-8")):
                statuses[result.id].append(result.status)
    return statuses


def unstable_tests(statuses: dict[str, list[str]], reruns: int) -> tuple[list[str], list[str]]:
    """(flaky, always failing): flaky tests passed in some reruns only (or did not run in all)."""
    flaky = sorted(t for t, s in statuses.items() if "passed" in s and (set(s) != {"passed"} or len(s) < reruns))
    failing = sorted(t for t, s in statuses.items() if "passed" not in s)
    return flaky, failing


def run_checks(tasks: list[Task], reruns: int, runs_dir: Path, concurrency: int, display: RunDisplay) -> tuple[dict[str, list[Check]], dict[str, int]]:
    """Oracle on `reruns` attempts and nop on one, through the real runner; also how many tests ran."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    checks: dict[str, list[Check]] = {t.id: [] for t in tasks}
    ran: dict[str, int] = {}
    oracle = RunConfig(run_id=f"check-oracle-{stamp}", tasks=[t.id for t in tasks], agent="oracle", attempts=reruns, concurrency=concurrency, runs_dir=runs_dir)
    oracle_results = execute(oracle, tasks, OracleAgent, display)
    oracle_dir = RunDir(runs_dir / oracle.run_id)
    for task in tasks:
        mine = [r for r in oracle_results if r.task == task.id]
        resolved = sum(r.resolved for r in mine)
        statuses = _statuses(oracle_dir, task.id, reruns)
        ran[task.id] = len(statuses)
        flaky, failing = unstable_tests(statuses, reruns)
        detail = f"resolved {resolved}/{reruns} reruns"
        if flaky:
            detail += f"; flaky: {', '.join(flaky[:10])}"
        if failing:
            detail += f"; always failing: {', '.join(failing[:10])}"
        errors = [f"{r.cause}: {r.detail}" for r in mine if r.outcome == "error" or r.detail]
        if errors and resolved < reruns:
            detail += f"; {errors[0]}"
        checks[task.id].append(Check("oracle", resolved == reruns == len(mine), detail))
    nop = RunConfig(run_id=f"check-nop-{stamp}", tasks=[t.id for t in tasks], agent="nop", attempts=1, concurrency=concurrency, runs_dir=runs_dir)
    for result in execute(nop, tasks, NopAgent, display):
        checks[result.task].append(Check("nop", result.score == 0.0 and result.outcome != "error", f"nop scores {result.score:g} ({result.outcome})"))
    return checks, ran
