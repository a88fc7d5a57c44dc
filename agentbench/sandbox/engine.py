"""The Docker engine connection and the labels every object of ours carries."""

from __future__ import annotations

import os
import socket
import threading

import docker
from docker.errors import DockerException
from requests.exceptions import RequestException

from agentbench.errors import SandboxError

API_VERSION = "1.41"  # Docker 20.10: use nothing newer
LABEL = "agentbench"
LABEL_RUN = "agentbench.run"
LABEL_TRIAL = "agentbench.trial"
LABEL_ROLE = "agentbench.role"
LABEL_PID = "agentbench.pid"
LABEL_HOST = "agentbench.host"
LABEL_SESSION = "agentbench.session"  # from $AGENTBENCH_SESSION: lets a CI job or test suite find its own containers

_clients: dict[str | None, docker.DockerClient] = {}
_lock = threading.Lock()


def docker_client(base_url: str | None = None, timeout: int = 120) -> docker.DockerClient:
    """One shared client per engine (thread-safe: the SDK pools connections)."""
    with _lock:
        client = _clients.get(base_url)
        if client is None:
            try:
                if base_url:
                    client = docker.DockerClient(base_url=base_url, version=API_VERSION, timeout=timeout)
                else:
                    client = docker.from_env(version=API_VERSION, timeout=timeout)
                client.ping()
            except (DockerException, RequestException) as exc:
                where = base_url or os.environ.get("DOCKER_HOST", "the local Docker engine")
                raise SandboxError(f"cannot reach the Docker engine at {where}: {str(exc).splitlines()[0][:200]}") from None
            _clients[base_url] = client
        return client


def labels(run_id: str, trial_id: str, role: str) -> dict[str, str]:
    session = os.environ.get("AGENTBENCH_SESSION")
    return {
        **({LABEL_SESSION: session} if session else {}),
        LABEL: "1",
        LABEL_RUN: run_id,
        LABEL_TRIAL: trial_id,
        LABEL_ROLE: role,
        LABEL_PID: str(os.getpid()),
        LABEL_HOST: socket.gethostname(),
    }
