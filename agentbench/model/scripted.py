"""`scripted/<name>`: the bundled scripted model server, started in-process. Not a real model."""

from __future__ import annotations

import threading
from pathlib import Path

from agentbench.mock_model import MockModelServer
from agentbench.model.base import Model
from agentbench.model.pricing import PriceTable
from agentbench.model.retry import RetryPolicy
from agentbench.paths import data_file

SCRIPTED_PREFIX = "scripted/"
_servers: dict[Path, MockModelServer] = {}
_lock = threading.Lock()


def script_path(name: str) -> Path:
    """A bundled script by name (agentbench/data/scripts/<name>.json) or a path to a script file."""
    candidate = Path(name)
    if candidate.suffix == ".json":
        return candidate.resolve()
    return data_file(f"scripts/{name}.json")


def _server_for(path: Path) -> MockModelServer:
    with _lock:
        server = _servers.get(path)
        if server is None:
            server = MockModelServer(path).start()
            _servers[path] = server
        return server


def scripted_model(name: str, *, model_args: dict | None = None, retry: RetryPolicy | None = None, prices: PriceTable | None = None) -> Model:
    from agentbench.model.openai_model import OpenAIModel

    path = script_path(name)
    if not path.is_file():
        raise ValueError(f"scripted model {name!r}: no script at {path}")
    server = _server_for(path)
    model = OpenAIModel(path.stem, base_url=server.openai_base_url, api_key="scripted-model-needs-no-key", model_args=model_args, retry=retry, prices=prices)
    model.spec = f"{SCRIPTED_PREFIX}{path.stem}"
    return model


def stop_scripted_servers() -> None:
    with _lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()
