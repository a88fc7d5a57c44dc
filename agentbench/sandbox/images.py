"""Base images from sandboxes/ (built from Debian's packages, no registry needed) and task images."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docker.errors import APIError, BuildError, ImageNotFound

from agentbench.errors import ImageBuildError
from agentbench.paths import bundled_dir
from agentbench.sandbox.engine import LABEL, docker_client
from agentbench.task.loader import Task, tree_hash

Progress = Callable[[str], None]
DEFINITION_LABEL = "agentbench.definition"
SUITE = "bookworm"
_build_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _build_locks.setdefault(key, threading.Lock())


@dataclass(frozen=True)
class BaseImage:
    name: str
    folder: Path
    description: str
    parent: str | None

    @property
    def tag(self) -> str:
        return f"agentbench/{self.name}:latest"

    def packages(self) -> list[str]:
        text = (self.folder / "packages.txt").read_text(encoding="utf-8")
        return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]


def sandboxes_dir() -> Path:
    return bundled_dir("sandboxes")


def base_images(root: Path | None = None) -> dict[str, BaseImage]:
    root = root or sandboxes_dir()
    images = {}
    for folder in sorted(p for p in root.iterdir() if (p / "Dockerfile").is_file()):
        meta_file = folder / "image.toml"
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        images[folder.name] = BaseImage(folder.name, folder, meta.get("description", ""), meta.get("parent"))
    return images


def chain(name: str, images: dict[str, BaseImage]) -> list[BaseImage]:
    """The image and its parents, root first."""
    result: list[BaseImage] = []
    current: str | None = name
    while current is not None:
        if current not in images:
            raise ImageBuildError(f"base image {current!r}: no folder sandboxes/{current}/ with a Dockerfile")
        if any(img.name == current for img in result):
            raise ImageBuildError(f"base image {name!r}: parents form a cycle")
        result.insert(0, images[current])
        current = images[current].parent
    return result


def definition_hash(name: str, images: dict[str, BaseImage]) -> str:
    digest = hashlib.sha256(SUITE.encode())
    for image in chain(name, images):
        digest.update(image.name.encode() + tree_hash(image.folder).encode())
    return digest.hexdigest()[:16]


def _image_label(client, tag: str, label: str) -> str | None:
    try:
        return (client.images.get(tag).labels or {}).get(label)
    except ImageNotFound:
        return None


def base_image_ready(name: str, images: dict[str, BaseImage] | None = None, docker_host: str | None = None) -> bool:
    images = images or base_images()
    return _image_label(docker_client(docker_host), images[name].tag, DEFINITION_LABEL) == definition_hash(name, images)


def _ensure_mmdebstrap(progress: Progress) -> str:
    found = shutil.which("mmdebstrap")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        progress("installing mmdebstrap from Debian's packages")
        for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "mmdebstrap"]):
            done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            if done.returncode != 0:
                raise ImageBuildError(f"{' '.join(args)} failed: {done.stderr.strip().splitlines()[-1:]}")
        return shutil.which("mmdebstrap") or "mmdebstrap"
    raise ImageBuildError("mmdebstrap is needed to make base images without a registry: install it (apt-get install mmdebstrap)")


def _make_rootfs(packages: list[str], tag: str, progress: Progress, docker_host: str | None) -> None:
    mmdebstrap = _ensure_mmdebstrap(progress)
    with tempfile.TemporaryDirectory(prefix="agentbench-rootfs-") as tmp:
        tarball = Path(tmp) / "rootfs.tar"
        command = [mmdebstrap, "--variant=minbase", f"--include={','.join(packages)}", SUITE, str(tarball)]
        mirror = os.environ.get("AGENTBENCH_DEBIAN_MIRROR")
        if mirror:
            command.append(mirror)
        progress(f"making a {SUITE} root filesystem from Debian's packages ({len(packages)} packages, about a minute)")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            raise ImageBuildError(f"mmdebstrap failed: {last}")
        progress(f"importing the root filesystem as {tag}")
        repository, _, version = tag.partition(":")
        result = docker_client(docker_host).api.import_image_from_file(str(tarball), repository=repository, tag=version)
        if "error" in str(result).lower():
            raise ImageBuildError(f"docker import failed: {result}")


def _docker_build(context: Path, tag: str, buildargs: dict[str, str], labels: dict[str, str], docker_host: str | None, pull: bool = False) -> None:
    client = docker_client(docker_host)
    try:
        client.images.build(path=str(context), tag=tag, buildargs=buildargs, labels=labels, rm=True, forcerm=True, pull=pull)
    except BuildError as exc:
        lines = [str(item.get("stream", item.get("error", ""))).strip() for item in exc.build_log]
        detail = next((line for line in reversed(lines) if line), str(exc))
        raise ImageBuildError(f"building {tag} failed: {detail}") from None
    except APIError as exc:
        raise ImageBuildError(f"building {tag} failed: {exc.explanation or exc}") from None


def build_base_image(name: str, *, force: bool = False, from_registry: bool = False, progress: Progress = lambda _: None, docker_host: str | None = None) -> str:
    """Build agentbench/<name> (and its parents' stages) unless it is current; returns the tag."""
    images = base_images()
    if name not in images:
        raise ImageBuildError(f"base image {name!r}: not defined (known: {', '.join(images)})")
    with _lock_for(f"base:{name}:{docker_host}"):
        if not force and base_image_ready(name, images, docker_host):
            return images[name].tag
        stages = chain(name, images)
        digest = definition_hash(name, images)
        if from_registry:
            base = "debian:bookworm-slim"
        else:
            packages = [pkg for image in stages for pkg in image.packages()]
            base = f"agentbench/rootfs-{name}:{hashlib.sha256(' '.join(packages).encode()).hexdigest()[:12]}"
            if force or not _image_exists(base, docker_host):
                _make_rootfs(packages, base, progress, docker_host)
        for index, stage in enumerate(stages):
            final = index == len(stages) - 1
            tag = images[name].tag if final else f"agentbench/stage-{name}-{stage.name}:{digest}"
            progress(f"building {tag} from sandboxes/{stage.name}/Dockerfile")
            labels = {LABEL: "1", DEFINITION_LABEL: digest if final else f"stage-{digest}"}
            _docker_build(stage.folder, tag, {"BASE": base}, labels, docker_host, pull=from_registry and index == 0)
            base = tag
        return images[name].tag


def _image_exists(tag: str, docker_host: str | None = None) -> bool:
    try:
        docker_client(docker_host).images.get(tag)
        return True
    except ImageNotFound:
        return False


_FROM_BASE = re.compile(r"^\s*FROM\s+agentbench/([a-z0-9-]+)", re.IGNORECASE | re.MULTILINE)


def task_image(task: Task, progress: Progress = lambda _: None, docker_host: str | None = None) -> str:
    """The image a task runs in: its base image, or its environment/Dockerfile built on one."""
    env_dir = task.environment_dir
    if env_dir is None:
        return build_base_image(task.config.environment.base, progress=progress, docker_host=docker_host)
    dockerfile = (env_dir / "Dockerfile").read_text(encoding="utf-8")
    digest = hashlib.sha256(tree_hash(env_dir).encode())
    for base in sorted(set(_FROM_BASE.findall(dockerfile))):
        build_base_image(base, progress=progress, docker_host=docker_host)
        digest.update(docker_client(docker_host).images.get(f"agentbench/{base}:latest").id.encode())
    tag = f"agentbench-task/{task.id}:{digest.hexdigest()[:16]}"
    with _lock_for(f"{tag}:{docker_host}"):
        if not _image_exists(tag, docker_host):
            progress(f"building {tag} from {env_dir}/Dockerfile")
            _docker_build(env_dir, tag, {}, {LABEL: "1", "agentbench.task": task.id}, docker_host)
    return tag
