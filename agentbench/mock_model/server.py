"""A scripted model server on loopback: real HTTP, OpenAI and Anthropic wire formats.

It never reads API keys (beyond serving a scripted `auth` fault) and never prints or
stores request headers other than X-Agentbench-Conversation."""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from agentbench.mock_model.protocols import (ANTHROPIC_PATH, OPENAI_PATH, Request, anthropic_response,
                                             fault_response, openai_response, plain_error)
from agentbench.mock_model.script import Player, load_script, validate_script

CONVERSATION_HEADER = "X-Agentbench-Conversation"
_CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: a dropped one affects nothing else

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the default would log request lines to stderr."""

    def do_GET(self) -> None:
        self.send_json(404, plain_error(OPENAI_PATH, 404, f"no such endpoint: GET {self.path}"))

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if path not in (OPENAI_PATH, ANTHROPIC_PATH):
            self.send_json(404, plain_error(OPENAI_PATH, 404, f"no such endpoint: POST {path}"))
            return
        self.server.mock.count(path)
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict):
                raise ValueError("body is not a JSON object")
        except ValueError as e:
            self.send_json(400, plain_error(path, 400, f"request body is not valid JSON: {e}"))
            return
        self.server.mock.handle(self, Request(path, body), self.headers.get(CONVERSATION_HEADER))

    def send_json(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except _CLIENT_GONE:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    mock: MockModelServer

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], _CLIENT_GONE):
            super().handle_error(request, client_address)


class MockModelServer:
    """Scripted model server. Use as a context manager, or call start()/stop().

    `.url` is the Anthropic base URL, `.openai_base_url` the OpenAI one (with /v1).
    `.requests` counts requests per endpoint path; `.log` lists what was served;
    `.last_request` keeps the latest request body per endpoint path."""

    def __init__(self, script: dict | str | Path, host: str = "127.0.0.1", port: int = 0,
                 verbose: bool = False) -> None:
        if isinstance(script, dict):
            parsed = validate_script(script, "<script>")
        else:
            parsed = validate_script(load_script(script), str(script))
        self.label = parsed.label
        self.player = Player(parsed)
        self.verbose = verbose
        self.requests: dict[str, int] = {OPENAI_PATH: 0, ANTHROPIC_PATH: 0}
        self.log: list[dict] = []
        self.last_request: dict[str, dict] = {}  # body of the latest request per endpoint path
        self._lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.mock = self
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    def start(self) -> MockModelServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                            name="mock-model", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> MockModelServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def count(self, path: str) -> None:
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1

    def _record(self, conversation: str, turn: int, served: str, path: str) -> None:
        entry = {"conversation": conversation, "turn": turn, "served": served,
                 "protocol": "openai" if path == OPENAI_PATH else "anthropic"}
        with self._lock:
            self.log.append(entry)
        if self.verbose:
            print(f"[mock] {entry['protocol']} conversation={conversation} turn={turn} served={served}", flush=True)

    def handle(self, handler: _Handler, request: Request, conversation_header: str | None) -> None:
        with self._lock:
            self.last_request[request.path] = request.body
        conversation = request.conversation_key(conversation_header)
        index = request.turn_index
        script = self.player.pick_script(request.first_user)
        if script is None:
            self._record(conversation, index, "no_script", request.path)
            handler.send_json(400, plain_error(request.path, 400, "mock model: no script matches the first user "
                                           "message and the script file has no default (a script without match)"))
            return
        turn, fault = self.player.next(script, conversation, index)
        if fault is not None and fault.type == "drop":
            self._record(conversation, index, "fault:drop", request.path)
            handler.close_connection = True
            return
        if fault is not None and fault.type != "slow":
            self._record(conversation, index, f"fault:{fault.type}", request.path)
            handler.send_json(*fault_response(request, fault))
            return
        if fault is not None:
            time.sleep(fault.delay_sec)
        if turn is not None and turn.delay_sec:
            time.sleep(turn.delay_sec)
        served = "exhausted" if turn is None else ("response after slow" if fault else "response")
        self._record(conversation, index, served, request.path)
        build = openai_response if request.path == OPENAI_PATH else anthropic_response
        handler.send_json(200, build(request, turn, index))


def serve_forever(script_path: str | Path, host: str = "127.0.0.1", port: int = 0) -> None:
    """Run the server in the foreground until interrupted (for the CLI)."""
    server = MockModelServer(Path(script_path), host=host, port=port, verbose=True)
    print(f"scripted mock model - not a real model ({server.label})", flush=True)
    print(f"listening on {server.url}  (OpenAI base URL {server.openai_base_url}, "
          f"Anthropic base URL {server.url})", flush=True)
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._httpd.server_close()
