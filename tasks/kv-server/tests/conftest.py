# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared machinery for the hidden `kv-server` suite.

Each test starts the agent's server (`python3 /workspace/kvserver.py --port PORT --dir DATADIR`,
found in the working directory) on a free port in its own process group, waits (bounded) until
it answers PING, and always kills the whole group afterwards.  Clients are the real redis-py
library and raw sockets; expected results come from a Python dict model kept by the tests.
"""

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "strings": "strings: SET/GET (EX/PX/NX/XX), DEL/EXISTS, INCR family, APPEND, STRLEN, MGET/MSET, errors",
    "expiry_keys": "EXPIRE/PEXPIRE/TTL/PTTL/PERSIST, expiry, KEYS glob patterns, TYPE, DBSIZE, FLUSHALL",
    "lists_hashes": "lists (LPUSH/RPUSH/LPOP/RPOP/LRANGE/LLEN) and hashes (HSET/HGET/HDEL/HGETALL/HLEN)",
    "protocol": "RESP2 framing: exact replies, pipelining, fragments, inline commands, protocol errors",
    "persistence_concurrency": "snapshots on SAVE and SIGTERM, restart, concurrent clients",
}

TIME_LIMIT = 60
START_TIMEOUT = 10.0


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit():
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum, frame):
        raise _TimeLimit(f"test exceeded its time limit of {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def rng(request):
    return random.Random(SEED * 1_000_003 + zlib.crc32(request.node.nodeid.encode()))


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _ping_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.settimeout(1.0)
            s.sendall(b"*1\r\n$4\r\nPING\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(64)
                if not chunk:
                    break
                data += chunk
            return data.startswith(b"+PONG")
    except OSError:
        return False


class ServerProc:
    """One run of the agent's server over a data directory."""

    def __init__(self, datadir):
        self.dir = datadir
        self.proc = None
        self.port = None
        self.log_path = None
        self.clients = []

    def start(self):
        script = os.path.join(os.getcwd(), "kvserver.py")
        self.port = free_port()
        fd, self.log_path = tempfile.mkstemp(prefix="kvserver-log-")
        with os.fdopen(fd, "wb") as log:
            self.proc = subprocess.Popen(
                ["python3", script, "--port", str(self.port), "--dir", self.dir],
                cwd=os.getcwd(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited with status {self.proc.returncode} at start:\n{self.log()}")
            if _ping_ok(self.port):
                return self
            time.sleep(0.05)
        self.kill()
        raise AssertionError(f"server did not answer PING within {START_TIMEOUT} s:\n{self.log()}")

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-3000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _signal_group(self, sig):
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def terminate(self, timeout=10.0):
        """SIGTERM, wait for a clean exit; returns the exit status (None if it had to be killed)."""
        self.close_clients()
        self._signal_group(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def kill(self):
        self.close_clients()
        if self.proc is not None:
            self._signal_group(signal.SIGKILL)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass

    def client(self, **kw):
        import redis

        kw.setdefault("socket_timeout", 15)
        kw.setdefault("socket_connect_timeout", 5)
        c = redis.Redis(host="127.0.0.1", port=self.port, **kw)
        self.clients.append(c)
        return c

    def raw(self, timeout=10.0):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        s.settimeout(timeout)
        self.clients.append(s)
        return s

    def close_clients(self):
        for c in self.clients:
            try:
                c.close()
            except Exception:  # noqa: BLE001
                pass
        self.clients = []

    def cleanup(self):
        self.kill()
        # anything left in the group
        self._signal_group(signal.SIGKILL)
        if self.log_path:
            try:
                os.unlink(self.log_path)
            except OSError:
                pass


@pytest.fixture
def datadir():
    d = tempfile.mkdtemp(prefix="kvserver-data-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def launch(datadir):
    """launch() starts a server on datadir (again), returning a started ServerProc."""
    started = []

    def start(directory=None):
        sp = ServerProc(directory or datadir)
        started.append(sp)
        return sp.start()

    yield start
    for sp in started:
        sp.cleanup()


@pytest.fixture
def server(launch):
    return launch()


@pytest.fixture
def r(server):
    return server.client()


# ---------------------------------------------------------------------------
# RESP helpers for raw-socket tests
# ---------------------------------------------------------------------------

def resp_command(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        if isinstance(a, str):
            a = a.encode()
        elif isinstance(a, int):
            a = str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(parts)


class RespReader:
    """Reads RESP2 replies from a socket (an independent, minimal parser)."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by the server")
        self.buf += chunk

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return ("simple", rest)
        if kind == b"-":
            return ("error", rest)
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self._exact(n + 2)
            assert data[-2:] == b"\r\n", "bulk string not terminated by CRLF"
            return data[:-2]
        if kind == b"*":
            n = int(rest)
            if n < 0:
                return ("nullarray",)
            return [self.read() for _ in range(n)]
        raise AssertionError(f"not a RESP2 reply: {line!r}")

    def read_raw(self, n_bytes):
        return self._exact(n_bytes)


def recv_exactly(sock, n, timeout=10.0):
    sock.settimeout(timeout)
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_until_closed(sock, timeout=5.0):
    """Everything the server sends until it closes the connection (bounded by timeout)."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            return data, False
        except OSError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


# ---------------------------------------------------------------------------
# model helpers
# ---------------------------------------------------------------------------

INT_RE = re.compile(rb"-?(0|[1-9][0-9]*)\Z")


def as_int(v):
    """The integer a stored string represents, or None (canonical 64-bit decimal only)."""
    if v is None:
        return 0
    if not INT_RE.match(v) or v == b"-0":
        return None
    n = int(v)
    if not -(2 ** 63) <= n < 2 ** 63:
        return None
    return n


class Err:
    """An expected error reply; `needle` must occur in the message."""

    def __init__(self, needle):
        self.needle = needle

    def __repr__(self):
        return f"Err({self.needle!r})"


def check_call(fn, expected, what):
    import redis

    if isinstance(expected, Err):
        try:
            got = fn()
        except redis.ResponseError as exc:
            assert expected.needle.lower() in str(exc).lower(), f"{what}: error {exc!s} lacks {expected.needle!r}"
            return
        raise AssertionError(f"{what}: expected an error containing {expected.needle!r}, got {got!r}")
    got = fn()
    assert got == expected, f"{what}: got {got!r}, expected {expected!r}"


def random_value(rng):
    r = rng.random()
    if r < 0.35:
        return str(rng.randint(-1000, 1000)).encode()
    if r < 0.7:
        return "".join(rng.choice("abcdefgh xyz") for _ in range(rng.randint(1, 12))).encode()
    if r < 0.85:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 10))) + b"\r\n\x00"
    return rng.choice([b"", b"007", b"+5", b"1.5", b" 3", b"9223372036854775807", b"-9223372036854775808"])


def key_pool(rng, n=6):
    tag = "".join(rng.choice("abcdefghijklmnop") for _ in range(5))
    return [f"{tag}:{i}".encode() for i in range(n)]
