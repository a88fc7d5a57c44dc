"""What the harness costs on top of Docker, measured in one run on this machine.

    python bench/harness_overhead.py [--attempts 6] [--concurrency 1 4 8] [--steps 40]

1. The raw Docker floor: create, start, one exec, one copy in, one copy out, remove — done directly
   with the Docker SDK, no agentbench code.
2. One attempt through the harness: the oracle agent on a trivial task (image cached): agent sandbox,
   snapshot, diff, verifier container, classification, result files.
3. Throughput of whole runs at several concurrencies (attempts per minute).
4. The agent loop's per-step overhead against the scripted model server: a bash step through the
   built-in agent, against one raw exec round trip.

Not a test: it prints a table. Ratios are against the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agentbench.agent.builtin import OracleAgent  # noqa: E402
from agentbench.agent.model_agent import ModelAgent  # noqa: E402
from agentbench.mock_model import MockModelServer  # noqa: E402
from agentbench.model.openai_model import OpenAIModel  # noqa: E402
from agentbench.runner import RunConfig, RunDisplay, execute  # noqa: E402
from agentbench.sandbox.archive import tar_files  # noqa: E402
from agentbench.sandbox.engine import docker_client, labels  # noqa: E402
from agentbench.sandbox.images import build_base_image  # noqa: E402
from agentbench.task import load_task  # noqa: E402

TINY = ROOT / "tests" / "fixtures" / "tasks" / "tiny"


def raw_floor(image: str, rounds: int) -> list[float]:
    client = docker_client()
    times = []
    for i in range(rounds):
        started = time.perf_counter()
        container = client.containers.create(image, ["sleep", "infinity"], labels=labels("bench-raw", f"raw.{i}", "bench"), network_mode="none")
        container.start()
        container.exec_run(["true"], user="agent")
        container.put_archive("/workspace", tar_files({"f.txt": b"x"}))
        b"".join(container.get_archive("/workspace")[0])
        container.remove(force=True)
        times.append(time.perf_counter() - started)
    return times


def exec_round_trips(image: str, rounds: int) -> list[float]:
    client = docker_client()
    container = client.containers.create(image, ["sleep", "infinity"], labels=labels("bench-raw", "exec", "bench"), network_mode="none")
    container.start()
    try:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            container.exec_run(["true"], user="agent")
            times.append(time.perf_counter() - started)
        return times
    finally:
        container.remove(force=True)


def run_attempts(task, attempts: int, concurrency: int, runs_dir: Path, make_agent, run_id: str) -> float:
    config = RunConfig(run_id=run_id, tasks=[task.id], agent="bench", attempts=attempts, concurrency=concurrency, runs_dir=runs_dir)
    started = time.perf_counter()
    results = execute(config, [task], make_agent, RunDisplay(quiet=True))
    elapsed = time.perf_counter() - started
    bad = [r for r in results if r.outcome == "error"]
    if bad:
        raise SystemExit(f"{run_id}: {bad[0].detail}")
    return elapsed


def loop_steps(task, steps: int, runs_dir: Path) -> tuple[float, int]:
    turns = [{"tool_calls": [{"name": "bash", "arguments": {"command": "true"}}]} for _ in range(steps)]
    turns.append({"tool_calls": [{"name": "submit", "arguments": {}}]})
    with MockModelServer({"scripts": [{"turns": turns}]}) as server:
        def make_model():
            return OpenAIModel("bench", base_url=server.openai_base_url, api_key="bench-no-key")

        config = RunConfig(run_id="loop", tasks=[task.id], agent="builtin", attempts=1, runs_dir=runs_dir)
        results = execute(config, [task], lambda: ModelAgent("openai/bench", make_model), RunDisplay(quiet=True))
    return results[0].agent_duration_sec, results[0].steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=6)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()

    image = build_base_image("python")
    task = load_task(TINY)
    rows: list[tuple[str, str, str]] = []
    floor = raw_floor(image, args.attempts)
    floor_median = statistics.median(floor)
    rows.append(("raw Docker floor (create, start, exec, copy in/out, remove)", f"{floor_median:.2f} s", "1.0x"))
    with tempfile.TemporaryDirectory(prefix="agentbench-bench-") as tmp:
        runs = Path(tmp)
        per_attempt = run_attempts(task, args.attempts, 1, runs, OracleAgent, "serial") / args.attempts
        rows.append(("harness: one oracle attempt on a trivial task (serial)", f"{per_attempt:.2f} s", f"{per_attempt / floor_median:.1f}x"))
        for concurrency in args.concurrency:
            attempts = max(args.attempts, concurrency * 2)
            elapsed = run_attempts(task, attempts, concurrency, runs, OracleAgent, f"c{concurrency}")
            rows.append((f"throughput at concurrency {concurrency} ({attempts} attempts)", f"{60 * attempts / elapsed:.1f} attempts/min", ""))
        exec_median = statistics.median(exec_round_trips(image, 20))
        rows.append(("raw exec round trip", f"{exec_median * 1000:.0f} ms", "1.0x"))
        agent_sec, steps = loop_steps(task, args.steps, runs)
        per_step = agent_sec / steps
        rows.append((f"agent loop: one bash step via the scripted model ({steps} steps)", f"{per_step * 1000:.0f} ms", f"{per_step / exec_median:.1f}x"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>20}  {'ratio':>6}")
    for name, value, ratio in rows:
        print(f"{name.ljust(width)}  {value:>20}  {ratio:>6}")


if __name__ == "__main__":
    main()
