"""The mock model's script format, its validation, and which scripted thing to serve next."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agentbench.configfile import first_error
from agentbench.errors import AgentbenchError


class ScriptError(AgentbenchError, ValueError):
    """A script file that is not valid."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Fault(_Strict):
    type: Literal["rate_limit", "server_error", "context_length", "auth", "slow", "drop"]
    retry_after: float | None = Field(default=None, ge=0)  # rate_limit: Retry-After seconds
    status: int = Field(default=500, ge=500, le=599)  # server_error
    delay_sec: float = Field(default=5.0, ge=0)  # slow: sleep, then answer normally


class ScriptedToolCall(_Strict):
    name: str = Field(min_length=1)
    arguments: dict | None = None
    raw_arguments: str | None = None  # sent verbatim (OpenAI only; Anthropic gets {} unless it is a JSON object)
    id: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> ScriptedToolCall:
        if self.arguments is not None and self.raw_arguments is not None:
            raise ValueError("give arguments or raw_arguments, not both")
        return self

    def raw(self) -> str:
        if self.raw_arguments is not None:
            return self.raw_arguments
        return json.dumps(self.arguments or {})

    def input_object(self) -> dict:
        if self.raw_arguments is None:
            return dict(self.arguments or {})
        try:
            value = json.loads(self.raw_arguments)
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}


class ScriptedUsage(_Strict):
    input_tokens: int | None = Field(default=None, ge=0)  # cached included
    output_tokens: int | None = Field(default=None, ge=0)  # reasoning included
    reasoning_tokens: int = Field(default=0, ge=0)
    cached_tokens: int = Field(default=0, ge=0)


class Turn(_Strict):
    text: str = ""
    tool_calls: list[ScriptedToolCall] = []
    thinking: str | None = None  # Anthropic only: a thinking block before the text
    usage: ScriptedUsage | None = None
    faults: list[Fault] = []
    delay_sec: float = Field(default=0.0, ge=0)  # sleep before the turn's answer (every time)

    @property
    def has_answer(self) -> bool:
        """A turn with only faults keeps answering with its last fault."""
        return not self.faults or bool({"text", "tool_calls", "thinking"} & self.model_fields_set)


class Script(_Strict):
    match: str | None = None  # substring of the first user message; None: a default
    turns: list[Turn] = Field(min_length=1)


class ScriptFile(_Strict):
    label: str = "scripted mock model - not a real model"
    scripts: list[Script] = Field(min_length=1)


def validate_script(data: object, where: str) -> ScriptFile:
    try:
        return ScriptFile.model_validate(data)
    except ValidationError as e:
        field, message, more = first_error(e)
        raise ScriptError(f"{where}: {field}: {message}{more}") from None


def load_script(path: str | Path) -> dict:
    """Read and validate a script file; errors are one line naming the file and the field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ScriptError(f"{path}: cannot read script: {e.strerror or e}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScriptError(f"{path}: not valid JSON: {e.msg} (line {e.lineno} column {e.colno})") from None
    return validate_script(data, str(path)).model_dump(exclude_unset=True)


class Player:
    """Chooses what to serve: stateless per conversation except for fault counters,
    which are keyed by (conversation key, turn index)."""

    def __init__(self, script: ScriptFile) -> None:
        self.script = script
        self._served: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def pick_script(self, first_user: str) -> Script | None:
        for s in self.script.scripts:
            if s.match is not None and s.match in first_user:
                return s
        return next((s for s in self.script.scripts if s.match is None), None)

    def next(self, script: Script, conversation: str, turn_index: int) -> tuple[Turn | None, Fault | None]:
        """(turn, fault to serve now or None). turn is None past the last turn."""
        if turn_index >= len(script.turns):
            return None, None
        turn = script.turns[turn_index]
        with self._lock:
            n = self._served.get((conversation, turn_index), 0)
            self._served[(conversation, turn_index)] = n + 1
        if n < len(turn.faults):
            return turn, turn.faults[n]
        if not turn.has_answer:
            return turn, turn.faults[-1]
        return turn, None
