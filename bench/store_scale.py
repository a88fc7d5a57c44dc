"""How the results store scales: 10,000 synthetic attempts, then the nightly report and compare, timed.

    python bench/store_scale.py [--models 5] [--tasks 20] [--attempts 100] [--nightlies 10] [--keep DIR]

The attempts of each model and task are spread over the nightlies (100 attempts over 10 nightlies:
10 per nightly), so the report's trend has points. Not a test: it prints a table of timings.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from agentbench.outcome.taxonomy import Cause, Outcome, source_of
from agentbench.report.nightly_page import render_html, render_markdown
from agentbench.result import Result, TestCounts, Usage
from agentbench.store import open_store
from agentbench.store.compare import compare
from agentbench.store.nightly_data import nightly_data
from agentbench.verifier.junit import TestResult

TESTS_PER_TASK = 12
FAIL_CAUSES = [Cause.TESTS_FAILED] * 6 + [Cause.BUILD_ERROR, Cause.STEP_LIMIT, Cause.AGENT_TIMEOUT, Cause.NO_CHANGES]


def synthetic(rng: random.Random, run_id: str, model: str, skill: float, task: str, hardness: float, attempt: int, start: datetime) -> Result:
    base = dict(
        run_id=run_id, task=task, attempt=attempt, agent="builtin", model=model, seed=rng.randrange(2**31),
        duration_sec=round(rng.uniform(30, 900), 3), started_at=start.isoformat(), finished_at=(start + timedelta(minutes=5)).isoformat(),
        task_hash="0" * 64, agentbench_version="bench",
    )
    usage = Usage(
        input_tokens=rng.randrange(10_000, 400_000), output_tokens=rng.randrange(1_000, 40_000), reasoning_tokens=rng.randrange(0, 10_000),
        cached_tokens=rng.randrange(0, 100_000), cost_usd=round(rng.uniform(0.01, 2.0), 4), model_calls=rng.randrange(5, 80),
    )
    if rng.random() < 0.01:
        return Result(**base, outcome=Outcome.ERROR, cause=Cause.SANDBOX_ERROR, source=source_of(Cause.SANDBOX_ERROR), usage=usage)
    passed_share = min(1.0, max(0.0, rng.gauss(skill - hardness, 0.3)))
    passed = round(passed_share * TESTS_PER_TASK)
    failed = [
        TestResult(id=f"tests/test_{task}.py::test_{i}", status="failed", error_type="AssertionError", message="assert 1 == 2")
        for i in range(TESTS_PER_TASK - passed)
    ]
    counts = TestCounts(total=TESTS_PER_TASK, passed=passed, failed=TESTS_PER_TASK - passed)
    if passed == TESTS_PER_TASK:
        return Result(**base, outcome=Outcome.PASSED, score=1.0, resolved=True, tests=counts, usage=usage)
    cause = rng.choice(FAIL_CAUSES)
    outcome = Outcome.PARTIAL if passed else Outcome.FAILED
    return Result(**base, outcome=outcome, cause=cause, source=source_of(cause), score=passed / TESTS_PER_TASK, tests=counts, failed_tests=failed, usage=usage)


def build(path: Path, models: int, tasks: int, attempts: int, nightlies: int) -> tuple[list[str], list[str]]:
    rng = random.Random(6)
    names = [f"bench/model-{i}" for i in range(models)]
    skills = {m: 0.5 + 0.1 * i for i, m in enumerate(names)}
    task_names = [f"task-{i:02d}" for i in range(tasks)]
    hardness = {t: rng.uniform(-0.3, 0.4) for t in task_names}
    per_nightly = attempts // nightlies
    start = datetime(2026, 1, 1, 2, 0, tzinfo=timezone.utc)
    ids = []
    with open_store(path) as store:
        for n in range(nightlies):
            when = start + timedelta(days=n)
            nightly = when.strftime("%Y%m%d-%H%M%S")
            ids.append(nightly)
            for model in names:
                run_id = f"nightly-{nightly}-{model.replace('/', '-')}"
                with store.batch():
                    store.add_run({
                        "run_id": run_id, "created_at": when.isoformat(), "agent": "builtin", "model": model,
                        "config": {}, "nightly": {"id": nightly, "model": model},
                    })
                    for task in task_names:
                        for attempt in range(1, per_nightly + 1):
                            store.add_result(synthetic(rng, run_id, model, skills[model], task, hardness[task], attempt, when))
    return names, ids


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        clock = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - clock)
    return best, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=100, help="per model and task, over all nightlies")
    parser.add_argument("--nightlies", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep the store in this folder")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return measure(args, args.keep)
    with tempfile.TemporaryDirectory(prefix="agentbench-bench-") as folder:
        return measure(args, Path(folder))


def measure(args: argparse.Namespace, folder: Path) -> int:
    path = folder / "agentbench.sqlite"
    path.unlink(missing_ok=True)
    rows = []
    clock = time.perf_counter()
    names, nightlies = build(path, args.models, args.tasks, args.attempts, args.nightlies)
    rows.append(("build the store (add_result, one transaction per run)", time.perf_counter() - clock))
    with open_store(path) as store:
        total = store.query("SELECT COUNT(*) FROM attempts")[0][0]
        tests = store.query("SELECT COUNT(*) FROM test_results")[0][0]
        last = nightlies[-1]
        seconds, data = timed(lambda: nightly_data(store, last, 0.05))
        rows.append((f"report data: nightly {last} (metrics, comparisons, trend)", seconds))
        seconds, _ = timed(lambda: (render_html(data), render_markdown(data)))
        rows.append(("report rendering: HTML with 3 charts + Markdown", seconds))
        seconds, _ = timed(lambda: render_html(nightly_data(store, last, 0.05)))
        rows.append(("report total (data + HTML)", seconds))

        def by_models():
            a, b = store.attempts(models=[names[0]]), store.attempts(models=[names[-1]])
            return compare(a, b, pairing="order")

        seconds, result = timed(by_models)
        rows.append((f"compare --model {names[0]} --model {names[-1]} ({result.pairs} pairs)", seconds))

        def by_runs():
            runs = [f"nightly-{nightlies[-2]}-{names[0].replace('/', '-')}", f"nightly-{nightlies[-1]}-{names[0].replace('/', '-')}"]
            return compare(store.attempts(run_ids=[runs[0]]), store.attempts(run_ids=[runs[1]]))

        seconds, _ = timed(by_runs)
        rows.append(("compare RUN_A RUN_B (two nightly runs of one model)", seconds))
        seconds, runs = timed(store.runs)
        rows.append((f"runs list ({len(runs)} runs)", seconds))
    size = path.stat().st_size / 1e6
    width = max(len(r[0]) for r in rows)
    print(f"store: {total} attempts, {tests} test results, {size:.1f} MB at {path}")
    print(f"{'operation'.ljust(width)}  seconds")
    print(f"{'-' * width}  -------")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
