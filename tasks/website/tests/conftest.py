# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `website` suite.

The `site` fixture never raises: when the agent's server (or the browser) cannot be started,
the error is remembered and every test that needs it fails in its own body, so the whole suite
scores 0 instead of erroring at collection or setup.
"""

import json
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

MILESTONES = {
    "pages": "HTML pages, navigation, static assets and 404s over plain HTTP",
    "api": "the JSON API: CRUD, validation, status codes",
    "browser": "front-end behaviour in headless Chromium",
}

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))
START_TIMEOUT = 20.0
HTTP_TIMEOUT = 8.0


def pytest_configure(config):
    for name, doc in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {doc}")


def pytest_collection_modifyitems(config, items):
    # Run the cheap HTTP tests first and the browser last, whatever the file order.
    order = {"pages": 0, "api": 1, "browser": 2}

    def key(item):
        for name in order:
            if item.get_closest_marker(name):
                return order[name]
        return 3

    items.sort(key=key)


# ---------------------------------------------------------------- HTTP client

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name):
        return self.headers.get(name)

    @property
    def content_type(self):
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"response is not valid JSON ({exc}): {self.body[:300]!r}")

    def __repr__(self):
        return f"<Response {self.status} {self.body[:200]!r}>"


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _raw_request(url, method="GET", body=None, headers=None, timeout=HTTP_TIMEOUT):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            return Response(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        try:
            data = err.read()
        except Exception:  # noqa: BLE001
            data = b""
        return Response(err.code, err.headers, data)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- words for random data

WORDS = [
    "amber", "harbor", "lantern", "meadow", "quiet", "river", "silver", "winter", "orchard",
    "falcon", "garden", "hollow", "island", "jasper", "kettle", "marble", "north", "pepper",
    "raven", "summit", "thistle", "velvet", "willow", "cobalt", "ember", "forest", "granite",
]
FIRST = ["Ada", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kaia", "Leon", "Mira", "Nils", "Olga", "Pavel", "Rosa", "Sven", "Tomas", "Vera"]
LAST = ["Abbott", "Brandt", "Castillo", "Duarte", "Eriksen", "Fischer", "Gallo", "Horvat",
        "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"]


# ---------------------------------------------------------------- the site under test

class Site:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.workdir = os.getcwd()
        self.proc = None
        self.base = None
        self.error = None
        self.logfile = None
        self._driver = None
        self._driver_error = None
        self._tmpdirs = []
        self._used_tokens = set()

    # -- server lifecycle --------------------------------------------------
    def start(self):
        script = os.path.join(self.workdir, "server.py")
        if not os.path.isfile(script):
            self.error = f"{script} does not exist"
            return
        port = _free_port()
        self.logfile = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "server.py", "--port", str(port)],
                cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=self.logfile,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        except OSError as exc:
            self.error = f"could not run server.py: {exc}"
            return
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.error = f"server.py exited with status {self.proc.returncode} at startup"
                return
            try:
                _raw_request(base + "/", timeout=2.0)
                self.base = base
                return
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.1)
            except Exception:  # noqa: BLE001  (e.g. a malformed HTTP answer: it is up)
                self.base = base
                return
        self.error = f"server.py did not answer on {base} within {START_TIMEOUT:.0f} s"

    def log_tail(self):
        if not self.logfile:
            return ""
        try:
            self.logfile.seek(0)
            data = self.logfile.read()[-3000:]
            return data.decode("utf-8", errors="replace")
        except Exception:  # noqa: BLE001
            return ""

    def stop(self):
        if self._driver is not None:
            try:
                self._driver.quit()
            except Exception:  # noqa: BLE001
                pass
            self._driver = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            # Whatever the server left behind in its session goes too.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.logfile:
            self.logfile.close()
        for d in self._tmpdirs:
            shutil.rmtree(d, ignore_errors=True)

    def require(self):
        if self.error:
            tail = self.log_tail()
            pytest.fail(self.error + (f"\n--- server output ---\n{tail}" if tail else ""))
        if self.proc is not None and self.proc.poll() is not None:
            pytest.fail(f"server.py has exited (status {self.proc.returncode})\n"
                        f"--- server output ---\n{self.log_tail()}")
        return self.base

    def url(self, path):
        return self.require() + path

    # -- HTTP ----------------------------------------------------------------
    def request(self, method, path, data=None, raw=None, headers=None):
        """`data` is sent as JSON; `raw` as the body bytes as they are."""
        hdrs = dict(headers or {})
        body = raw
        if data is not None:
            body = json.dumps(data).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        elif raw is not None:
            hdrs.setdefault("Content-Type", "application/json")
        try:
            return _raw_request(self.url(path), method=method, body=body, headers=hdrs)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"{method} {path} failed: {exc!r}")

    def get(self, path):
        return self.request("GET", path)

    def books(self, q=None):
        path = "/api/books"
        if q is not None:
            path += "?" + urllib.parse.urlencode({"q": q})
        r = self.get(path)
        assert r.status == 200, f"GET {path} -> {r.status} {r.body[:200]!r}"
        data = r.json()
        assert isinstance(data, list), f"GET {path} must return a JSON array, got {data!r}"
        return data

    # -- random data ---------------------------------------------------------
    def token(self, n=7):
        """A lowercase random word that occurs in no existing title or author."""
        while True:
            tok = "q" + "".join(self.rng.choice(string.ascii_lowercase) for _ in range(n))
            if tok in self._used_tokens:
                continue
            self._used_tokens.add(tok)
            return tok

    def title(self, token=None):
        words = [self.rng.choice(WORDS).capitalize(), self.rng.choice(WORDS)]
        words.insert(self.rng.randrange(3), token or self.token())
        return " ".join(words)

    def author(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {self.token(4).capitalize()}"

    def year(self):
        return self.rng.randint(1000, 2100)

    def new_fields(self, **over):
        fields = {"title": self.title(), "author": self.author(), "year": self.year()}
        fields.update(over)
        return fields

    def create(self, **over):
        fields = self.new_fields(**over)
        r = self.request("POST", "/api/books", fields)
        assert r.status == 201, f"POST /api/books {fields!r} -> {r.status} {r.body[:300]!r}"
        book = r.json()
        assert isinstance(book, dict) and isinstance(book.get("id"), int), book
        return book

    # -- browser -------------------------------------------------------------
    @property
    def driver(self):
        self.require()
        if self._driver is not None:
            return self._driver
        if self._driver_error:
            pytest.fail(self._driver_error)
        try:
            self._driver = _make_driver(self._tmpdirs)
        except Exception as exc:  # noqa: BLE001
            self._driver_error = f"could not start headless chromium: {exc!r}"
            pytest.fail(self._driver_error)
        return self._driver

    def open(self, path):
        d = self.driver
        d.get(self.url(path))
        return d


def _make_driver(tmpdirs):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    home = tempfile.mkdtemp(prefix="ab-chromium-")
    tmpdirs.append(home)
    profile = os.path.join(home, "profile")
    cache = os.path.join(home, "cache")
    os.makedirs(profile)
    os.makedirs(cache)

    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--user-data-dir={profile}",
        f"--disk-cache-dir={cache}",
        f"--crash-dumps-dir={home}",
        "--no-proxy-server",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.set_capability("unhandledPromptBehavior", "dismiss")

    env = dict(os.environ)
    env.update({
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
    })
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(var, None)
    service = Service("/usr/bin/chromedriver", env=env,
                      log_path=os.path.join(home, "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=opts)
    # The first navigation starts the renderer, which can be slow on a busy single core:
    # do it here, with a generous limit, so that no test pays for it.
    try:
        driver.set_page_load_timeout(60)
        driver.get("data:text/html,<title>warm-up</title><p>warm-up</p>")
        driver.set_page_load_timeout(20)
        driver.set_script_timeout(15)
    except BaseException:
        driver.quit()
        raise
    return driver


@pytest.fixture(scope="session")
def site():
    s = Site()
    try:
        s.start()
        yield s
    finally:
        s.stop()
