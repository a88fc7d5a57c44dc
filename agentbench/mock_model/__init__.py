"""A scripted model server for tests and demos: scripted tool calls and injected faults,
spoken over real HTTP in the OpenAI Chat Completions and Anthropic Messages formats."""

from agentbench.mock_model.script import ScriptError, load_script
from agentbench.mock_model.server import CONVERSATION_HEADER, MockModelServer, serve_forever

__all__ = ["CONVERSATION_HEADER", "MockModelServer", "ScriptError", "load_script", "serve_forever"]
