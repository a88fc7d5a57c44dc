"""Making agents by name, from the run's options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agentbench.agent.base import Agent
from agentbench.agent.builtin import NopAgent, OracleAgent
from agentbench.errors import AgentbenchError

SIMPLE_AGENTS: dict[str, Callable[[], Agent]] = {"oracle": OracleAgent, "nop": NopAgent}


@dataclass
class AgentOptions:
    name: str


def agent_factory(options: AgentOptions) -> Callable[[], Agent]:
    if options.name in SIMPLE_AGENTS:
        return SIMPLE_AGENTS[options.name]
    raise AgentbenchError(f"--agent: unknown agent {options.name!r} (known: {', '.join(SIMPLE_AGENTS)})")
