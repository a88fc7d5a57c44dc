"""The built-in agent's tools, run against a Sandbox."""

from __future__ import annotations

import posixpath
import shlex
import time
from dataclasses import dataclass

from agentbench.sandbox.base import WORKSPACE, Sandbox

OUTPUT_LIMIT_CHARS = 16_000

TOOL_SPECS = [
    {
        "name": "bash",
        "description": "Run a shell command in /workspace (bash). Returns the exit code and the output (stdout and stderr). "
        "Long output is cut in the middle. Commands are killed after their timeout; start servers in the background.",
        "parameters": {
            "type": "object",
            "properties": {
                "command": {"type": "string", "description": "The command line to run."},
                "timeout": {"type": "integer", "description": "Seconds before the command is killed (default 120, at most 1800)."},
            },
            "required": ["command"],
        },
    },
    {
        "name": "read_file",
        "description": "Read a text file (path relative to /workspace or absolute). Long files are cut; use offset/limit (lines) to page.",
        "parameters": {
            "type": "object",
            "properties": {
                "path": {"type": "string"},
                "offset": {"type": "integer", "description": "First line to show, from 1."},
                "limit": {"type": "integer", "description": "Number of lines to show."},
            },
            "required": ["path"],
        },
    },
    {
        "name": "write_file",
        "description": "Create or overwrite a file with the given content (folders are created as needed).",
        "parameters": {
            "type": "object",
            "properties": {"path": {"type": "string"}, "content": {"type": "string"}},
            "required": ["path", "content"],
        },
    },
    {
        "name": "edit_file",
        "description": "Replace one exact occurrence of old_text with new_text in a file. old_text must occur exactly once.",
        "parameters": {
            "type": "object",
            "properties": {"path": {"type": "string"}, "old_text": {"type": "string"}, "new_text": {"type": "string"}},
            "required": ["path", "old_text", "new_text"],
        },
    },
    {
        "name": "submit",
        "description": "End the attempt: call this when the task is complete. Your workspace is then judged by hidden tests.",
        "parameters": {"type": "object", "properties": {"summary": {"type": "string"}}, "required": []},
    },
]


class ToolError(Exception):
    """A tool call that could not be carried out; the message goes back to the model."""


@dataclass
class ToolOutcome:
    output: str  # exactly what the model sees
    exit_code: int | None = None
    timed_out: bool = False
    duration_sec: float = 0.0
    submitted: bool = False


def truncate(text: str, limit: int = OUTPUT_LIMIT_CHARS) -> str:
    """Keep the head and the tail, and say what was cut."""
    if len(text) <= limit:
        return text
    half = limit // 2
    cut = len(text) - 2 * half
    return f"{text[:half]}\n[... {cut} characters cut from the middle of the output ...]\n{text[-half:]}"


def _resolve(path: str) -> str:
    if not path or not isinstance(path, str):
        raise ToolError("path must be a non-empty string")
    return posixpath.normpath(posixpath.join(WORKSPACE, path))


def _required(args: dict, name: str) -> str:
    value = args.get(name)
    if not isinstance(value, str):
        raise ToolError(f"argument {name!r} is required and must be a string")
    return value


class Tools:
    def __init__(self, sandbox: Sandbox, default_timeout: float = 120, max_timeout: float = 1800):
        self.sandbox = sandbox
        self.default_timeout, self.max_timeout = default_timeout, max_timeout

    def call(self, name: str, args: dict, time_left: float) -> ToolOutcome:
        started = time.monotonic()
        handler = getattr(self, f"_tool_{name}", None) if name in {t["name"] for t in TOOL_SPECS} else None
        if handler is None:
            raise ToolError(f"unknown tool {name!r}; the tools are {', '.join(t['name'] for t in TOOL_SPECS)}")
        outcome = handler(args, time_left)
        outcome.duration_sec = round(time.monotonic() - started, 3)
        return outcome

    def _tool_bash(self, args: dict, time_left: float) -> ToolOutcome:
        command = _required(args, "command")
        requested = args.get("timeout", self.default_timeout)
        timeout = min(float(requested) if isinstance(requested, (int, float)) and requested > 0 else self.default_timeout, self.max_timeout)
        limit = max(1.0, min(timeout, time_left))
        run = self.sandbox.exec(f"exec bash -c {shlex.quote(command)}", timeout=limit)
        if run.timed_out:
            note = f"[command timed out after {limit:.0f} s and was killed, with everything it started]"
            return ToolOutcome(truncate(f"{run.output}\n{note}".strip()), None, True)
        return ToolOutcome(truncate(f"exit code: {run.exit_code}\n{run.output}"), run.exit_code)

    def _tool_read_file(self, args: dict, time_left: float) -> ToolOutcome:
        path = _resolve(_required(args, "path"))
        try:
            content = self.sandbox.read_file(path).decode("utf-8", errors="replace")
        except FileNotFoundError:
            raise ToolError(f"{path}: no such file") from None
        offset, limit = args.get("offset"), args.get("limit")
        if isinstance(offset, int) or isinstance(limit, int):
            lines = content.splitlines(keepends=True)
            start = max(1, offset if isinstance(offset, int) else 1)
            count = limit if isinstance(limit, int) and limit > 0 else len(lines)
            content = "".join(lines[start - 1 : start - 1 + count])
        return ToolOutcome(truncate(content))

    def _tool_write_file(self, args: dict, time_left: float) -> ToolOutcome:
        path, content = _resolve(_required(args, "path")), _required(args, "content")
        try:
            self.sandbox.write_file(path, content.encode("utf-8"))
        except PermissionError as exc:
            raise ToolError(f"{path}: {exc}") from None
        return ToolOutcome(f"wrote {len(content.encode('utf-8'))} bytes to {path}")

    def _tool_edit_file(self, args: dict, time_left: float) -> ToolOutcome:
        path = _resolve(_required(args, "path"))
        old, new = _required(args, "old_text"), _required(args, "new_text")
        try:
            content = self.sandbox.read_file(path).decode("utf-8")
        except FileNotFoundError:
            raise ToolError(f"{path}: no such file") from None
        except UnicodeDecodeError:
            raise ToolError(f"{path}: not a UTF-8 text file") from None
        found = content.count(old) if old else 0
        if found != 1:
            raise ToolError(f"old_text occurs {found} times in {path}; it must occur exactly once (include more context)")
        self.sandbox.write_file(path, content.replace(old, new, 1).encode("utf-8"))
        return ToolOutcome(f"edited {path}")

    def _tool_submit(self, args: dict, time_left: float) -> ToolOutcome:
        return ToolOutcome("submitted", submitted=True)
