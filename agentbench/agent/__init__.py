"""Agents: the oracle, nop, and (with a model) the built-in loop."""

from agentbench.agent.base import Agent, AgentContext, AgentResult, AgentStop, LimitExceeded, Submitted
from agentbench.agent.builtin import NopAgent, OracleAgent

__all__ = ["Agent", "AgentContext", "AgentResult", "AgentStop", "LimitExceeded", "NopAgent", "OracleAgent", "Submitted"]
