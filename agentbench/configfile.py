"""Reading the project's TOML files and reporting validation errors as one line naming the field."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from agentbench.errors import AgentbenchError


def read_toml(path: Path, error: type[AgentbenchError] = AgentbenchError, what: str = "file") -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None


def field_path(loc: tuple) -> str:
    """('scripts', 0, 'turns') -> 'scripts[0].turns'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def first_error(exc: ValidationError) -> tuple[str, str, str]:
    """(field path, message, ' (and N more)' or '') of a validation error's first problem."""
    errors = exc.errors()
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return field_path(first["loc"]), first["msg"].removeprefix("Value error, "), more
