# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `http-server` suite.

The server is started as `python3 /workspace/httpd.py --port PORT --root DOCROOT`.  The
document root is built here from AGENTBENCH_SEED; every response is judged with real clients
(http.client, urllib, requests) or with http.client's own response parser on raw sockets.
"""

import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "basics": "static files, content types, HEAD, index, listing, redirects, percent-decoding",
    "headers_errors": "error statuses, traversal, malformed requests, /echo bodies (chunked, 100-continue)",
    "ranges_conditional": "byte ranges (206/416), Last-Modified and If-Modified-Since (304)",
    "keepalive_concurrency": "persistent connections, pipelining, HTTP/1.0, many and slow clients",
}

TIME_LIMIT = 60

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "htm": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "json": "application/json",
    "xml": "application/xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "svg": "image/svg+xml",
    "ico": "image/x-icon",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "wasm": "application/wasm",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
}

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit():
    """Fail (instead of hanging the whole run) when one test takes too long."""
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


# ---------------------------------------------------------------------------
# the document root
# ---------------------------------------------------------------------------


def rand_text(rng, n_lines):
    return "".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))) + "\n"
                   for _ in range(n_lines))


class Docroot:
    """Everything the tests know about the files they serve."""

    def __init__(self, base):
        self.base = base
        self.root = os.path.join(base, "www")
        self.files = {}  # url path (decoded, starting with /) -> bytes
        self.secret = b""
        self.listing_names = []
        self.listing_dirs = set()

    def path(self, url_path):
        return os.path.join(self.root, *url_path.strip("/").split("/"))

    def add(self, url_path, data):
        fs = self.path(url_path)
        os.makedirs(os.path.dirname(fs), exist_ok=True)
        with open(fs, "wb") as f:
            f.write(data)
        self.files[url_path] = data
        return fs


def build_docroot(base):
    rng = random.Random(SEED)
    d = Docroot(base)
    os.makedirs(d.root)
    tag = "%08x" % rng.getrandbits(32)
    d.tag = tag
    d.add("/index.html", f"<!DOCTYPE html><html><body><h1>root {tag}</h1></body></html>\n".encode())
    d.add("/small.txt", rand_text(rng, rng.randint(5, 20)).encode())
    d.add("/empty.txt", b"")
    d.rand_names = []
    for i in range(6):
        size = rng.choice([1, rng.randint(2, 1000), rng.randint(1000, 70000), rng.randint(70000, 400000)])
        name = f"/bin/rand{i}.bin"
        d.add(name, rng.randbytes(size))
        d.rand_names.append(name)
    d.add("/big.bin", rng.randbytes(3 * 1024 * 1024 + rng.randint(0, 4096)))
    d.add("/huge.bin", rng.randbytes(20 * 1024 * 1024 + rng.randint(0, 4096)))
    # one file per extension, plus odd cases
    d.typed = {}
    for ext, ctype in CONTENT_TYPES.items():
        url = f"/types/file-{ext}.{ext}"
        d.add(url, rng.randbytes(rng.randint(10, 300)))
        d.typed[url] = ctype
    for url, ctype in [("/types/UPPER.PNG", "image/png"), ("/types/Mixed.Html", "text/html; charset=utf-8"),
                       ("/types/noext", "application/octet-stream"),
                       ("/types/archive.tar.gz", "application/octet-stream"),
                       ("/types/data.unknownext", "application/octet-stream"),
                       ("/types/styles.min.css", "text/css; charset=utf-8")]:
        d.add(url, rng.randbytes(rng.randint(10, 300)))
        d.typed[url] = ctype
    # nested directories with and without index.html
    d.add("/sub/index.html", f"<html><body>sub index {tag}</body></html>\n".encode())
    d.add("/sub/deeper/leaf.txt", rand_text(rng, 3).encode())
    d.add("/sub/deeper/index.html", f"<html><body>deeper {tag}</body></html>\n".encode())
    # names that need percent-encoding
    d.odd_names = {
        "/dir with space/file name.txt": rand_text(rng, 2).encode(),
        "/unicodé/grüße-ß.txt": rand_text(rng, 2).encode(),
        "/plus+sign.txt": rand_text(rng, 2).encode(),
        "/100%.txt": rand_text(rng, 2).encode(),
        "/semi;colon&amp=x.txt": rand_text(rng, 2).encode(),
    }
    for url, data in d.odd_names.items():
        d.add(url, data)
    # a directory without index.html, listed
    names = set()
    while len(names) < 6:
        names.add(rng.choice(WORDS) + "-" + str(rng.randint(0, 999)) + rng.choice([".txt", ".bin", "", ".html"]))
    names = sorted(names) + ["with space.txt", "ünï.txt", ".hidden", "quote'and#hash.txt"]
    for n in names:
        d.add("/listing/" + n, rng.randbytes(rng.randint(0, 50)))
    subdirs = ["child", "other dir"]
    for s in subdirs:
        d.add(f"/listing/{s}/inner.txt", b"inner\n")
    d.listing_names = names + subdirs
    d.listing_dirs = set(subdirs)
    # files with a known modification time in the past
    d.mtime = 1_000_000_000 + rng.randint(0, 600_000_000)
    d.add("/dated.txt", rand_text(rng, 10).encode())
    os.utime(d.path("/dated.txt"), (d.mtime, d.mtime))
    d.add("/ranges.bin", rng.randbytes(rng.randint(5000, 20000)))
    os.utime(d.path("/ranges.bin"), (d.mtime + 17, d.mtime + 17))
    # a secret outside the document root, and symlinks
    d.secret = f"TOP SECRET {tag}\n".encode()
    with open(os.path.join(base, "secret.txt"), "wb") as f:
        f.write(d.secret)
    os.symlink(os.path.join(base, "secret.txt"), os.path.join(d.root, "escape.txt"))
    os.symlink(os.path.join(base), os.path.join(d.root, "escape-dir"))
    os.symlink("small.txt", os.path.join(d.root, "link-inside.txt"))
    d.add("/locked.txt", b"you may not read this\n")
    os.chmod(d.path("/locked.txt"), 0)
    return d


@pytest.fixture(scope="session")
def docroot():
    base = tempfile.mkdtemp(prefix="httpd-test-")
    try:
        yield build_docroot(base)
    finally:
        try:
            os.chmod(os.path.join(base, "www", "locked.txt"), 0o644)
        except OSError:
            pass
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------
# the server process
# ---------------------------------------------------------------------------


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, root, log_dir):
        self.root = root
        self.log_dir = log_dir
        self.proc = None
        self.port = None
        self.log = None

    def start(self):
        script = os.path.join(os.getcwd(), "httpd.py")
        if not os.path.exists(script):
            raise AssertionError(f"{script} does not exist")
        last_error = None
        for _ in range(3):
            self.port = free_port()
            self.log = open(os.path.join(self.log_dir, f"server-{self.port}.log"), "wb")
            self.proc = subprocess.Popen(
                [sys.executable, script, "--port", str(self.port), "--root", self.root],
                stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                    return
                except OSError as e:
                    last_error = e
                    time.sleep(0.05)
            self.stop()
        raise AssertionError(f"server did not accept connections within 10 s ({last_error}); "
                             f"log: {self.tail_log()}")

    def tail_log(self):
        try:
            with open(self.log.name, "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except (OSError, AttributeError):
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.proc = None
        if self.log is not None:
            self.log.close()


@pytest.fixture(scope="session")
def _server_holder(docroot):
    holder = Server(docroot.root, docroot.base)
    try:
        yield holder
    finally:
        holder.stop()


@pytest.fixture
def server(_server_holder):
    """A running server (restarted if an earlier test crashed it)."""
    if not _server_holder.alive():
        _server_holder.stop()
        _server_holder.start()
    return _server_holder


@pytest.fixture
def base_url(server):
    return f"http://127.0.0.1:{server.port}"


# ---------------------------------------------------------------------------
# raw-socket helpers
# ---------------------------------------------------------------------------


def quote_path(path):
    return urllib.parse.quote(path, safe="/")


def connect(server, timeout=10):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_all(sock, timeout=10):
    """Everything until the peer closes (or the timeout passes)."""
    sock.settimeout(timeout)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            break
        if not data:
            return b"".join(chunks), True
        chunks.append(data)
    return b"".join(chunks), False


class _NoCloseFile:
    """A shared buffered reader that http.client.HTTPResponse cannot close."""

    def __init__(self, f):
        self._f = f

    def close(self):
        pass

    def __getattr__(self, name):
        return getattr(self._f, name)


class _FakeSock:
    def __init__(self, f):
        self._f = f

    def makefile(self, *args, **kwargs):
        return _NoCloseFile(self._f)


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage (case-insensitive)
        self.body = body

    def __repr__(self):
        return f"<Resp {self.status} {dict(self.headers)} {self.body[:60]!r}>"


class ResponseReader:
    """Reads consecutive responses from one connection with http.client's parser."""

    def __init__(self, sock):
        self.sock = sock
        self.file = sock.makefile("rb")

    def next(self, method="GET"):
        r = http.client.HTTPResponse(_FakeSock(self.file), method=method)
        r.begin()
        body = r.read()
        return Resp(r.status, r.msg, body)

    def at_eof(self, timeout=5):
        """True when the server has closed the connection (no more bytes)."""
        self.sock.settimeout(timeout)
        try:
            return self.file.read(1) == b""
        except (socket.timeout, TimeoutError):
            return False
        except ConnectionResetError:
            return True


def exchange(server, data, method="GET", shutdown=True, timeout=10):
    """Send raw bytes, parse one response, and report whether the server then closed."""
    s = connect(server, timeout)
    try:
        s.sendall(data)
        if shutdown:
            s.shutdown(socket.SHUT_WR)
        reader = ResponseReader(s)
        resp = reader.next(method)
        resp.closed = reader.at_eof(timeout=5)
        return resp
    finally:
        s.close()


def get_request(path, headers=(), version="HTTP/1.1", method="GET", body=b""):
    lines = [f"{method} {path} {version}", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@pytest.fixture
def rng(request):
    import zlib
    return random.Random(SEED * 1000003 + zlib.crc32(request.node.nodeid.encode()))
