"""agentbench: a stress tester for terminal coding agents."""

__version__ = "0.1.0"
