"""Installed agents: a CLI coding agent (aider, claude-code, codex, ...) run inside the sandbox."""

from __future__ import annotations

import os
import shlex

from agentbench.agent.base import AgentContext, AgentResult
from agentbench.agent.trajectory import Redactor
from agentbench.outcome.taxonomy import Cause
from agentbench.sandbox.archive import tar_files
from agentbench.sandbox.base import AGENT_UID

INSTRUCTION_PATH = "/tmp/agentbench/instruction.md"
AGENT_LOG = "agent.log"


class CommandAgent:
    """Runs `command` in /workspace as the agent user, with only the named environment variables.

    The instruction is in $AGENTBENCH_INSTRUCTION (text) and at $AGENTBENCH_INSTRUCTION_FILE.
    """

    name = "command"

    def __init__(self, command: str, setup: str | None = None, pass_env: list[str] | None = None, model: str | None = None):
        self.command, self.setup = command, setup
        self.pass_env = pass_env or []
        self.model = model

    def _environment(self, ctx: AgentContext) -> tuple[dict[str, str], Redactor]:
        values = {name: os.environ[name] for name in self.pass_env if name in os.environ}
        env = {**values, "AGENTBENCH_INSTRUCTION_FILE": INSTRUCTION_PATH, "AGENTBENCH_INSTRUCTION": ctx.task.instruction}
        return env, Redactor(list(values.values()))

    def run(self, ctx: AgentContext) -> AgentResult:
        env, redactor = self._environment(ctx)
        ctx.sandbox.put_archive("/", tar_files({INSTRUCTION_PATH.lstrip("/"): ctx.task.instruction.encode()}, uid=AGENT_UID, gid=AGENT_UID))
        log = []
        for label, command in (("setup", self.setup), ("agent", self.command)):
            if not command:
                continue
            ctx.log(f"{label}: {shlex.split(command)[0] if command.strip() else ''}")
            run = ctx.sandbox.exec(command, timeout=max(1.0, ctx.remaining_sec()), env=env)
            log.append(f"$ {command}\n{run.output}\n[exit code {run.exit_code}{', timed out' if run.timed_out else ''}]\n")
            (ctx.attempt_dir / AGENT_LOG).write_text(redactor.text("".join(log)), encoding="utf-8")
            if run.timed_out:
                return AgentResult(Cause.AGENT_TIMEOUT, message=f"{label} command ran past the {ctx.limits.timeout_sec:g} s limit")
            if run.exit_code != 0:
                last = (redactor.text(run.output).strip().splitlines() or ["(no output)"])[-1]
                return AgentResult(Cause.AGENT_CRASH, message=f"{label} command exited {run.exit_code}: {last[:200]}")
        return AgentResult(submitted=True)
