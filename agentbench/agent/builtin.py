"""The agents that need no model: oracle (runs the reference solution) and nop (does nothing)."""

from __future__ import annotations

from agentbench.agent.base import AgentContext, AgentResult
from agentbench.outcome.taxonomy import Cause
from agentbench.sandbox.archive import tar_directory
from agentbench.sandbox.base import AGENT_UID

SOLUTION_DIR = "/solution"


class OracleAgent:
    """Copies solution/ into its own sandbox and runs solve.sh in /workspace."""

    name = "oracle"
    model = None

    def run(self, ctx: AgentContext) -> AgentResult:
        ctx.log("running solution/solve.sh")
        ctx.sandbox.put_archive("/", tar_directory(ctx.task.solution_dir, SOLUTION_DIR.lstrip("/"), uid=AGENT_UID, gid=AGENT_UID))
        run = ctx.sandbox.exec(f"bash {SOLUTION_DIR}/solve.sh", timeout=max(1.0, ctx.remaining_sec()))
        (ctx.attempt_dir / "agent.log").write_text(run.output, encoding="utf-8")
        if run.timed_out:
            return AgentResult(Cause.AGENT_TIMEOUT, message=f"solve.sh ran past {ctx.limits.timeout_sec:g} s")
        if run.exit_code != 0:
            last = (run.output.strip().splitlines() or ["(no output)"])[-1]
            return AgentResult(Cause.AGENT_CRASH, message=f"solve.sh exited {run.exit_code}: {last[:200]}")
        return AgentResult(submitted=True, steps=1)


class NopAgent:
    """Changes nothing: the floor every task's tests must hold at score 0."""

    name = "nop"
    model = None

    def run(self, ctx: AgentContext) -> AgentResult:
        return AgentResult(submitted=True)
