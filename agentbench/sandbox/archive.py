"""Moving files in and out of containers as tar archives, and extracting them safely on the host."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path, PurePosixPath

from agentbench.errors import SandboxError


def _owned(info: tarfile.TarInfo, uid: int, gid: int) -> tarfile.TarInfo:
    info.uid, info.gid, info.uname, info.gname = uid, gid, "", ""
    return info


def tar_directory(source: Path, arcname: str, uid: int = 1000, gid: int = 1000) -> bytes:
    """A tar of source's contents placed under arcname, owned by uid:gid (caches left out)."""

    def keep(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        parts = PurePosixPath(info.name).parts
        if "__pycache__" in parts or ".pytest_cache" in parts or info.name.endswith(".pyc"):
            return None
        return _owned(info, uid, gid)

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(str(source), arcname=arcname, filter=keep)
    return buffer.getvalue()


def tar_files(files: dict[str, bytes], uid: int = 1000, gid: int = 1000, mode: int = 0o644) -> bytes:
    """A tar holding the given relative paths with the given contents."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content in files.items():
            info = _owned(tarfile.TarInfo(name), uid, gid)
            info.size, info.mode = len(content), mode
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def safe_extract(data: bytes | io.IOBase, target: Path, strip: str | None = None, max_bytes: int = 2 << 30) -> list[str]:
    """Extract regular files and folders into target; returns the names refused (links, escapes, devices).

    `strip` drops a leading folder (get_archive of /workspace yields paths under `workspace/`).
    """
    target = Path(target).resolve()
    target.mkdir(parents=True, exist_ok=True)
    fileobj = io.BytesIO(data) if isinstance(data, bytes) else data
    refused: list[str] = []
    total = 0
    try:
        with tarfile.open(fileobj=fileobj, mode="r|*") as tar:
            for member in tar:
                rel = _safe_relative(member, strip)
                if rel is None:
                    if strip is None or PurePosixPath(member.name).parts[:1] == (strip,):
                        refused.append(member.name)
                    continue
                destination = (target / rel).resolve()
                if destination != target and target not in destination.parents:
                    refused.append(member.name)
                    continue
                if member.isdir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                total += member.size
                if total > max_bytes:
                    raise SandboxError(f"archive larger than {max_bytes} bytes; extraction stopped at {member.name}")
                destination.parent.mkdir(parents=True, exist_ok=True)
                if destination.is_symlink():
                    destination.unlink()
                source = tar.extractfile(member)
                with open(destination, "wb") as out:
                    while chunk := source.read(1 << 20):
                        out.write(chunk)
                os.chmod(destination, 0o755 if member.mode & 0o111 else 0o644)
    except tarfile.TarError as exc:
        raise SandboxError(f"bad archive: {exc}") from None
    return refused


def _safe_relative(member: tarfile.TarInfo, strip: str | None) -> PurePosixPath | None:
    path = PurePosixPath(member.name)
    if strip is not None:
        if path.parts[:1] != (strip,):
            return None
        path = PurePosixPath(*path.parts[1:]) if len(path.parts) > 1 else PurePosixPath(".")
    if path.is_absolute() or ".." in path.parts:
        return None
    if not (member.isfile() or member.isdir()):
        return None
    return path
