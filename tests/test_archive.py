"""Extraction on the host refuses links, devices and paths that would leave the target folder."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from agentbench.sandbox.archive import safe_extract, tar_directory, tar_files


def _tar(*members: tuple[tarfile.TarInfo, bytes | None]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def _file(name: str, data: bytes = b"x") -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


def _link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tuple[tarfile.TarInfo, None]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info, None


def test_regular_files_are_extracted_under_strip(tmp_path: Path):
    data = _tar(_file("workspace/a.py", b"print(1)\n"), _file("workspace/pkg/b.py", b"x = 2\n"), _file("other/c.py"))
    refused = safe_extract(data, tmp_path, strip="workspace")
    assert refused == []
    assert (tmp_path / "a.py").read_bytes() == b"print(1)\n"
    assert (tmp_path / "pkg" / "b.py").read_bytes() == b"x = 2\n"
    assert not (tmp_path / "other").exists() and not (tmp_path / "c.py").exists()


def test_links_and_escapes_are_refused(tmp_path: Path):
    outside = tmp_path / "outside"
    target = tmp_path / "target"
    data = _tar(
        _link("evil-symlink", "/etc/passwd"),
        _link("evil-hardlink", "/etc/passwd", tarfile.LNKTYPE),
        _file("../outside/escaped.txt"),
        _file("/abs/path.txt"),
        _file("ok.txt", b"fine"),
    )
    refused = safe_extract(data, target)
    assert set(refused) == {"evil-symlink", "evil-hardlink", "../outside/escaped.txt", "/abs/path.txt"}
    assert (target / "ok.txt").read_bytes() == b"fine"
    assert not (target / "evil-symlink").exists() and not (target / "evil-hardlink").exists()
    assert not outside.exists()


def test_a_file_written_through_a_planted_symlink_stays_inside(tmp_path: Path):
    target = tmp_path / "target"
    target.mkdir()
    (target / "sub").symlink_to(tmp_path)
    refused = safe_extract(_tar(_file("sub/pwned.txt")), target)
    assert refused == ["sub/pwned.txt"]
    assert not (tmp_path / "pwned.txt").exists()


def test_tar_helpers_set_owner_and_skip_caches(tmp_path: Path):
    (tmp_path / "src" / "__pycache__").mkdir(parents=True)
    (tmp_path / "src" / "m.py").write_text("x")
    (tmp_path / "src" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    with tarfile.open(fileobj=io.BytesIO(tar_directory(tmp_path / "src", "tests", uid=0, gid=0))) as tar:
        names = tar.getnames()
        assert all(m.uid == 0 for m in tar.getmembers())
    assert "tests/m.py" in names and not any("__pycache__" in n for n in names)
    with tarfile.open(fileobj=io.BytesIO(tar_files({"a/b.txt": b"hi"}, uid=1000))) as tar:
        member = tar.getmember("a/b.txt")
        assert member.uid == 1000 and tar.extractfile(member).read() == b"hi"
