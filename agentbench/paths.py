"""Where the files that ship with agentbench live (tasks, sandboxes, data)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """tasks/ or sandboxes/: inside the installed package, or beside it in a source checkout."""
    installed = PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


def data_file(name: str) -> Path:
    return PACKAGE_DIR / "data" / name
