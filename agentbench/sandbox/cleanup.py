"""Removing containers of ours by label: the safety net under every run."""

from __future__ import annotations

import os
import socket

from docker.errors import DockerException, NotFound
from requests.exceptions import RequestException

from agentbench.errors import SandboxError
from agentbench.sandbox.engine import LABEL, LABEL_HOST, LABEL_PID, LABEL_RUN, docker_client

_ERRORS = (DockerException, RequestException, SandboxError)


def remove_containers(label: str, docker_host: str | None = None) -> int:
    """Force-remove every container carrying the label (`key` or `key=value`); returns how many."""
    try:
        api = docker_client(docker_host).api
        found = api.containers(all=True, filters={"label": [label]})
    except _ERRORS:
        return 0
    removed = 0
    for container in found:
        try:
            api.remove_container(container["Id"], force=True, v=True)
            removed += 1
        except NotFound:
            pass
        except _ERRORS:
            continue
    return removed


def remove_run_containers(run_id: str, docker_host: str | None = None) -> int:
    return remove_containers(f"{LABEL_RUN}={run_id}", docker_host)


def remove_all_containers(docker_host: str | None = None) -> int:
    return remove_containers(LABEL, docker_host)


def _process_gone(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError):
        return False
    return False


def reap_orphaned_containers(docker_host: str | None = None) -> int:
    """Remove containers that runs on this host left behind when their process died (kill -9, a crash)."""
    try:
        api = docker_client(docker_host).api
        found = api.containers(all=True, filters={"label": [LABEL, f"{LABEL_HOST}={socket.gethostname()}"]})
    except _ERRORS:
        return 0
    removed = 0
    for container in found:
        pid = (container.get("Labels") or {}).get(LABEL_PID, "")
        if pid and _process_gone(pid):
            try:
                api.remove_container(container["Id"], force=True, v=True)
                removed += 1
            except _ERRORS:
                continue
    return removed


def prune_images(docker_host: str | None = None) -> int:
    """Remove dangling images of ours (superseded base, stage and task images)."""
    try:
        api = docker_client(docker_host).api
        dangling = api.images(filters={"dangling": True, "label": LABEL})
    except _ERRORS:
        return 0
    removed = 0
    for image in dangling:
        try:
            api.remove_image(image["Id"], force=False)
            removed += 1
        except _ERRORS:
            continue
    return removed
