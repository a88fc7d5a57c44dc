"""trajectory.jsonl: one event per line, appended and flushed as the attempt runs."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

REDACTED = "[redacted]"


class Redactor:
    """Replaces secret values (API keys, passed-through environment values) wherever they appear."""

    def __init__(self, secrets: list[str] | None = None):
        self.secrets = sorted({s for s in (secrets or []) if s and len(s) >= 4}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self.secrets:
            value = value.replace(secret, REDACTED)
        return value

    def any(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.any(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.any(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.any(dataclasses.asdict(value))
        return value


class Trajectory:
    def __init__(self, path: Path, redactor: Redactor | None = None):
        self.path = path
        self.redactor = redactor or Redactor()
        self.started = time.monotonic()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "a", encoding="utf-8")

    def event(self, event_type: str, /, **fields: Any) -> None:
        record = {"type": event_type, "t": round(time.monotonic() - self.started, 3), **self.redactor.any(fields)}
        self._file.write(self.redactor.text(json.dumps(record, ensure_ascii=False, default=str)) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def read_events(path: Path) -> list[dict]:
    """Events of a trajectory; a torn last line (a crash mid-write) is skipped."""
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return events
