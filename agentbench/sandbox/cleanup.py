"""Removing containers of ours by label: the safety net under every run."""

from __future__ import annotations

from docker.errors import DockerException, NotFound
from requests.exceptions import RequestException

from agentbench.errors import SandboxError
from agentbench.sandbox.engine import LABEL, LABEL_RUN, docker_client

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
