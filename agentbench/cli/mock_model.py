"""agentbench mock-model serve"""

from __future__ import annotations

from pathlib import Path

import typer

from agentbench.errors import AgentbenchError
from agentbench.mock_model import ScriptError, load_script, serve_forever
from agentbench.model.scripted import script_path

mock_model_app = typer.Typer(help="The scripted model server (for tests and demos; not a real model).", no_args_is_help=True)


@mock_model_app.command("serve")
def serve(
    script: str = typer.Option("demo", "--script", help="A script file (JSON), or the name of a bundled script."),
    port: int = typer.Option(0, "--port", help="Port on 127.0.0.1 (0: any free port)."),
) -> None:
    """Serve a script over the OpenAI and Anthropic protocols on loopback until interrupted."""
    path = script_path(script) if not Path(script).is_file() else Path(script)
    try:
        load_script(path)
    except ScriptError as exc:
        raise AgentbenchError(str(exc)) from None
    except FileNotFoundError:
        raise AgentbenchError(f"--script: {path} not found") from None
    serve_forever(path, port=port)
