"""The agent's changes: a diff between two tar snapshots of /workspace, made with git on the host."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import git

from agentbench.sandbox.archive import safe_extract

_IGNORED = "__pycache__/\n*.pyc\n.pytest_cache/\n"


@dataclass
class WorkspaceDiff:
    text: str
    files_changed: int
    insertions: int
    deletions: int
    refused_paths: list[str]

    @property
    def changed(self) -> bool:
        return self.files_changed > 0


def diff_snapshots(before: bytes, after: bytes) -> WorkspaceDiff:
    """Both are tars of /workspace as Docker's get_archive returns them (entries under `workspace/`)."""
    with tempfile.TemporaryDirectory(prefix="agentbench-diff-") as tmp:
        tree, git_dir = Path(tmp) / "tree", Path(tmp) / "snapshot.git"
        tree.mkdir()
        repo = git.Git(tree)
        env = {"GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(tree)}
        with repo.custom_environment(**env):
            repo.init("--quiet")
            (git_dir / "info").mkdir(exist_ok=True)
            (git_dir / "info" / "exclude").write_text(_IGNORED)
            safe_extract(before, tree, strip="workspace")
            repo.add("--all")
            repo.execute(["git", "-c", "user.name=agentbench", "-c", "user.email=agentbench@invalid", "commit", "--quiet", "--allow-empty", "--no-verify", "-m", "before"])
            for child in tree.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
            refused = safe_extract(after, tree, strip="workspace")
            repo.add("--all")
            text = repo.diff("--cached", "--binary", "--no-color", "--no-ext-diff")
            numstat = repo.diff("--cached", "--numstat")
    files = insertions = deletions = 0
    for line in numstat.splitlines():
        added, removed, _ = line.split("\t", 2)
        files += 1
        insertions += int(added) if added.isdigit() else 0
        deletions += int(removed) if removed.isdigit() else 0
    return WorkspaceDiff(text + ("\n" if text else ""), files, insertions, deletions, refused)
