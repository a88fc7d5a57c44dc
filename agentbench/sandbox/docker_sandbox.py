"""A Sandbox backed by one Docker container, locked down and labelled."""

from __future__ import annotations

import io
import posixpath
import shlex
import tarfile
import threading
import time
import uuid

from docker.errors import APIError, DockerException, NotFound
from requests.exceptions import RequestException

from agentbench.errors import SandboxError, WorkspaceTooLarge
from agentbench.sandbox.archive import tar_files
from agentbench.sandbox.base import AGENT_UID, AGENT_USER, MAX_OUTPUT_BYTES, MAX_SNAPSHOT_BYTES, WORKSPACE, ExecResult
from agentbench.sandbox.engine import docker_client, labels
from agentbench.task.config import EnvironmentConfig

EXEC_MARKER = "AGENTBENCH_EXEC"
# Kills every process whose environment carries the marker of one exec: whatever that command started,
# in any process group or session, unless it scrubbed its environment.
_KILL_SCRIPT = (
    'for p in /proc/[0-9]*; do grep -qa "{marker}=$1" "$p/environ" 2>/dev/null && kill -9 "${{p#/proc/}}" 2>/dev/null; done; true'
)
_DOCKER_ERRORS = (DockerException, RequestException)


class _OutputBuffer:
    """Keeps the head and the tail of a stream when it exceeds the cap."""

    def __init__(self, cap: int = MAX_OUTPUT_BYTES):
        self.head, self.tail = bytearray(), bytearray()
        self.cap, self.dropped = cap, 0

    def add(self, chunk: bytes) -> None:
        half = self.cap // 2
        if len(self.head) < half:
            take = half - len(self.head)
            self.head += chunk[:take]
            chunk = chunk[take:]
        if chunk:
            self.tail += chunk
            if len(self.tail) > half:
                excess = len(self.tail) - half
                self.dropped += excess
                del self.tail[:excess]

    def text(self) -> str:
        middle = f"\n[... {self.dropped} bytes of output dropped ...]\n".encode() if self.dropped else b""
        return (bytes(self.head) + middle + bytes(self.tail)).decode("utf-8", errors="replace")


class DockerSandbox:
    """One container per role of a trial (the agent's, the verifier's)."""

    def __init__(self, image: str, *, run_id: str, trial_id: str, role: str, environment: EnvironmentConfig, docker_host: str | None = None):
        self.image, self.role = image, role
        self._labels = labels(run_id, trial_id, role)
        self._environment = environment
        self._client = docker_client(docker_host)
        self._api = self._client.api
        self._container = None
        self.id = ""

    def __enter__(self) -> "DockerSandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        env = self._environment
        try:
            self._container = self._client.containers.create(
                self.image,
                command=["sleep", "infinity"],
                labels=self._labels,
                init=True,
                cap_drop=["ALL"],
                security_opt=["no-new-privileges"],
                mem_limit=f"{env.memory_mb}m",
                memswap_limit=f"{env.memory_mb}m",
                nano_cpus=int(env.cpus * 1e9),
                pids_limit=env.pids,
                network_mode=env.network,
                working_dir=WORKSPACE,
                environment={"HOME": f"/home/{AGENT_USER}"},
            )
            self.id = self._container.id
            self._container.start()
        except _DOCKER_ERRORS as exc:
            self.close()
            raise SandboxError(f"cannot start a {self.role} container from {self.image}: {exc}") from None

    def exec(self, command: str, *, timeout: float, user: str = AGENT_USER, cwd: str = WORKSPACE, env: dict[str, str] | None = None) -> ExecResult:
        marker = uuid.uuid4().hex
        started = time.monotonic()
        try:
            exec_id = self._api.exec_create(
                self.id, ["/bin/sh", "-c", command], user=user, workdir=cwd,
                environment={**(env or {}), EXEC_MARKER: marker},
            )["Id"]
            stream = self._api.exec_start(exec_id, stream=True)
        except _DOCKER_ERRORS as exc:
            raise SandboxError(f"exec in {self.role} container failed: {exc}") from None
        buffer = _OutputBuffer()
        failure: list[BaseException] = []

        def pump() -> None:
            try:
                for chunk in stream:
                    buffer.add(chunk)
            except _DOCKER_ERRORS as exc:
                failure.append(exc)

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        reader.join(timeout)
        timed_out = reader.is_alive()
        if timed_out:
            self._kill_marked(marker, user)
            reader.join(10)
        duration = time.monotonic() - started
        exit_code = None
        if not timed_out:
            try:
                exit_code = self._api.exec_inspect(exec_id).get("ExitCode")
            except _DOCKER_ERRORS as exc:
                raise SandboxError(f"exec in {self.role} container failed: {exc}") from None
            if failure and not self.is_running():
                raise SandboxError(f"the {self.role} container stopped during a command: {failure[0]}")
        return ExecResult(exit_code, buffer.text(), timed_out, duration, buffer.dropped)

    def _kill_marked(self, marker: str, user: str) -> None:
        script = _KILL_SCRIPT.format(marker=EXEC_MARKER)
        for _ in range(2):
            try:
                exec_id = self._api.exec_create(self.id, ["/bin/sh", "-c", script, "kill", marker], user=user)["Id"]
                self._api.exec_start(exec_id)
            except _DOCKER_ERRORS:
                return

    def read_file(self, path: str, max_bytes: int = MAX_OUTPUT_BYTES) -> bytes:
        data = self.get_archive(path)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            member = next((m for m in tar.getmembers() if m.isfile()), None)
            if member is None:
                raise FileNotFoundError(path)
            return tar.extractfile(member).read(max_bytes)

    def write_file(self, path: str, content: bytes, user: str = AGENT_USER) -> None:
        folder, name = posixpath.split(posixpath.join(WORKSPACE, path))
        made = self.exec(f"mkdir -p {shlex.quote(folder)}", timeout=30, user=user)
        if not made.ok:
            raise PermissionError(made.output.strip() or f"cannot create {folder}")
        uid = AGENT_UID if user == AGENT_USER else 0
        self.put_archive(folder, tar_files({name: content}, uid=uid, gid=uid))

    def put_archive(self, dest: str, data: bytes) -> None:
        try:
            if not self._api.put_archive(self.id, dest, data):
                raise SandboxError(f"copying into {dest} of the {self.role} container failed")
        except NotFound:
            raise FileNotFoundError(dest) from None
        except _DOCKER_ERRORS as exc:
            raise SandboxError(f"copying into {dest} of the {self.role} container failed: {exc}") from None

    def get_archive(self, path: str, max_bytes: int = MAX_SNAPSHOT_BYTES) -> bytes:
        # The request is made by hand so that it can be closed when the archive is too large: an
        # abandoned stream keeps the daemon writing, and it then refuses to remove the container.
        try:
            response = self._api._get(self._api._url("/containers/{0}/archive", self.id), params={"path": path}, stream=True)
            self._api._raise_for_status(response)
            data = bytearray()
            with response:
                for chunk in response.iter_content(1 << 20):
                    data += chunk
                    if len(data) > max_bytes:
                        raise WorkspaceTooLarge(f"{path} holds more than {max_bytes >> 20} MiB")
            return bytes(data)
        except NotFound:
            raise FileNotFoundError(path) from None
        except _DOCKER_ERRORS as exc:
            raise SandboxError(f"copying {path} out of the {self.role} container failed: {exc}") from None

    def is_running(self) -> bool:
        try:
            return self._api.inspect_container(self.id)["State"]["Running"]
        except _DOCKER_ERRORS:
            return False

    def close(self) -> None:
        """Remove the container, whatever state it is in; retried, since a leak outlives us."""
        if not self.id:
            return
        for attempt in range(3):
            try:
                self._api.remove_container(self.id, force=True, v=True)
                break
            except NotFound:
                break
            except (APIError, *_DOCKER_ERRORS):
                time.sleep(0.5 * (attempt + 1))
        self.id = ""
