"""Making agents by name from the run's options; bad options fail here, before anything is recorded."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agentbench.agent.base import Agent
from agentbench.agent.builtin import NopAgent, OracleAgent
from agentbench.agent.command_agent import CommandAgent
from agentbench.agent.model_agent import ModelAgent
from agentbench.errors import AgentbenchError
from agentbench.model import ModelError, PriceTableError, load_prices, make_model
from agentbench.model.base import Model
from agentbench.model.scripted import SCRIPTED_PREFIX, scripted_model

AGENTS = ("oracle", "nop", "builtin", "command")
KEY_VARIABLES = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY")


@dataclass
class AgentOptions:
    name: str | None = None
    model: str | None = None
    model_args: dict = field(default_factory=dict)
    base_url: str | None = None
    command: str | None = None
    setup: str | None = None
    pass_env: list[str] = field(default_factory=list)
    prices_file: Path | None = None
    command_timeout: float = 120

    @property
    def agent_name(self) -> str:
        """With --model and no --agent, the built-in agent."""
        return self.name or ("builtin" if self.model else "oracle")


def _model_maker(options: AgentOptions) -> Callable[[], Model]:
    try:
        prices = load_prices(options.prices_file)
    except PriceTableError as exc:
        raise AgentbenchError(f"--prices: {exc}") from None
    spec = options.model

    def make() -> Model:
        if spec.startswith(SCRIPTED_PREFIX):
            return scripted_model(spec[len(SCRIPTED_PREFIX):], model_args=options.model_args, prices=prices)
        return make_model(spec, base_url=options.base_url, model_args=options.model_args, prices=prices)

    try:
        make()  # fail now on a bad spec, a missing key or bad model args
    except (ValueError, ModelError) as exc:
        raise AgentbenchError(f"--model {spec}: {exc}") from None
    return make


def agent_factory(options: AgentOptions) -> Callable[[], Agent]:
    name = options.agent_name
    if name == "oracle":
        return OracleAgent
    if name == "nop":
        return NopAgent
    if name == "builtin":
        if not options.model:
            raise AgentbenchError("--agent builtin needs --model (e.g. openai/gpt-4.1, anthropic/claude-sonnet-4-5, scripted/demo)")
        make = _model_maker(options)
        secrets = [os.environ[k] for k in KEY_VARIABLES if os.environ.get(k)]
        return lambda: ModelAgent(options.model, make, secrets=secrets, command_timeout=options.command_timeout)
    if name == "command":
        if not options.command:
            raise AgentbenchError("--agent command needs --agent-command 'CLI ...'")
        missing = [n for n in options.pass_env if n not in os.environ]
        if missing:
            raise AgentbenchError(f"--pass-env: {', '.join(missing)} not set in the environment")
        return lambda: CommandAgent(options.command, options.setup, options.pass_env, model=options.model)
    raise AgentbenchError(f"--agent: unknown agent {name!r} (known: {', '.join(AGENTS)})")
