# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures for the hidden `mini-vcs` suite.

The tool is run as `python3 /workspace/vcs.py ...` in scratch directories, with a PATH whose only
`git` is a trap, and with an audit hook (via sitecustomize) that records any attempt to start a
process.  Real git, run by the tests themselves in a twin directory, is the oracle for object ids,
status, log and merge results; difflib is the oracle for diff hunks.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import zlib

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "objects_commits": "git-compatible blobs, trees and commits; init, add, rm, commit, cat-file, rev-parse",
    "status_log_diff": "status porcelain, log and show, unified diffs",
    "branches_checkout": "branches, tags, checkout of branches and detached commits",
    "merge": "fast-forward and three-way merges, conflicts, resolution and abort",
}

TIME_LIMIT = 120
GIT = shutil.which("git") or "/usr/bin/git"
BASE_DATE = 1_600_000_000

WORDS = ("apple river stone cloud maple ember frost grove harbor island jungle kettle lantern meadow "
         "nectar orbit pepper quartz raven silver tundra umber violet willow yonder zephyr").split()


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


SITECUSTOMIZE = r'''
import os, sys
_log = os.environ.get("VCS_TEST_SPAWN_LOG")
_EVENTS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
           "os.forkpty", "pty.spawn", "os.startfile")
def _hook(event, args):
    if _log and event in _EVENTS:
        try:
            with open(_log, "a") as f:
                f.write("%s %r\n" % (event, args))
        except Exception:
            pass
sys.addaudithook(_hook)
'''

FAKE_GIT = """#!/bin/sh
echo "git $*" >> "{marker}"
echo "git is not available to mini-vcs" >&2
exit 127
"""


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")
        self.raw = proc.stdout

    @property
    def lines(self):
        return self.out.splitlines()

    def __repr__(self):
        return f"<rc={self.rc} out={self.out[:500]!r} err={self.err[:500]!r}>"


class Scratch:
    """A temporary area with the trap PATH and the spawn log."""

    def __init__(self):
        self.base = tempfile.mkdtemp(prefix="vcs-test-")
        self.bin = os.path.join(self.base, "bin")
        self.site = os.path.join(self.base, "site")
        os.makedirs(self.bin)
        os.makedirs(self.site)
        self.marker = os.path.join(self.base, "git-was-called")
        self.spawn_log = os.path.join(self.base, "spawn.log")
        fake = os.path.join(self.bin, "git")
        with open(fake, "w") as f:
            f.write(FAKE_GIT.format(marker=self.marker))
        os.chmod(fake, 0o755)
        with open(os.path.join(self.site, "sitecustomize.py"), "w") as f:
            f.write(SITECUSTOMIZE)
        self.home = os.path.join(self.base, "home")
        os.makedirs(self.home)

    def check_no_processes(self):
        problems = []
        if os.path.exists(self.marker):
            with open(self.marker) as f:
                problems.append("git was called: " + f.read()[:300])
        if os.path.exists(self.spawn_log):
            with open(self.spawn_log) as f:
                problems.append("the tool started processes: " + f.read()[:300])
        assert not problems, "; ".join(problems)

    def cleanup(self):
        shutil.rmtree(self.base, ignore_errors=True)


class Vcs:
    """One working directory driven with the tool under test."""

    def __init__(self, scratch, name="vcs"):
        self.scratch = scratch
        self.dir = os.path.join(scratch.base, name)
        os.makedirs(self.dir)
        self.script = os.path.join(os.getcwd(), "vcs.py")
        self.date = BASE_DATE
        self.name = "Test Author"
        self.email = "author@example.org"

    def env(self):
        return {
            "PATH": self.scratch.bin,
            "HOME": self.scratch.home,
            "LANG": "C.UTF-8",
            "PYTHONPATH": self.scratch.site,
            "VCS_TEST_SPAWN_LOG": self.scratch.spawn_log,
            "GIT_DIR": os.path.join(self.scratch.base, "no-such-git-dir"),
            "VCS_AUTHOR_NAME": self.name,
            "VCS_AUTHOR_EMAIL": self.email,
            "VCS_AUTHOR_DATE": str(self.date),
        }

    def run(self, *args, ok=None, cwd=None):
        if not os.path.exists(self.script):
            raise AssertionError(f"{self.script} does not exist")
        proc = subprocess.run([sys.executable, self.script, *args], cwd=cwd or self.dir, env=self.env(),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=30)
        r = Result(proc)
        if ok is True:
            assert r.rc == 0, f"vcs {' '.join(args)} failed: {r}"
        elif ok is False:
            assert r.rc == 1, f"vcs {' '.join(args)} should fail with status 1: {r}"
        return r

    def __call__(self, *args):
        return self.run(*args, ok=True)

    def fails(self, *args):
        return self.run(*args, ok=False)

    # files
    def path(self, rel):
        return os.path.join(self.dir, *rel.split("/"))

    def write(self, rel, data, executable=False):
        full = self.path(rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(data, str):
            data = data.encode()
        with open(full, "wb") as f:
            f.write(data)
        os.chmod(full, 0o755 if executable else 0o644)

    def read(self, rel):
        with open(self.path(rel), "rb") as f:
            return f.read()

    def exists(self, rel):
        return os.path.exists(self.path(rel))

    def delete(self, rel):
        os.remove(self.path(rel))

    def files(self, skip=(".vcs", ".git")):
        """{relative path: bytes} of every file in the working tree."""
        out = {}
        for dirpath, dirnames, filenames in os.walk(self.dir):
            rel = os.path.relpath(dirpath, self.dir)
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in skip]
            for fn in filenames:
                p = fn if rel == "." else rel.replace(os.sep, "/") + "/" + fn
                with open(os.path.join(dirpath, fn), "rb") as f:
                    out[p] = f.read()
        return out

    def dirs(self, skip=(".vcs", ".git")):
        out = set()
        for dirpath, dirnames, _ in os.walk(self.dir):
            rel = os.path.relpath(dirpath, self.dir)
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in skip]
                continue
            out.add(rel.replace(os.sep, "/"))
        return out

    def head(self):
        return self("rev-parse", "HEAD").out.strip()

    def read_object(self, oid):
        path = os.path.join(self.dir, ".vcs", "objects", oid[:2], oid[2:])
        with open(path, "rb") as f:
            return zlib.decompress(f.read())


class Git(Vcs):
    """The same operations in a real git repository (the oracle)."""

    def __init__(self, scratch, name="git"):
        super().__init__(scratch, name)

    def env(self):
        stamp = f"{self.date} +0000"
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.scratch.home,
            "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
        }

    def run(self, *args, ok=None, cwd=None):
        cfg = ["-c", "core.autocrlf=false", "-c", "merge.conflictStyle=merge", "-c", "core.fileMode=true",
               "-c", "commit.gpgSign=false", "-c", "advice.detachedHead=false", "-c", "core.quotePath=false",
               "-c", "init.defaultBranch=main", "-c", "merge.stat=false", "-c", "color.ui=false"]
        proc = subprocess.run([GIT, *cfg, *args], cwd=cwd or self.dir, env=self.env(),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=30)
        r = Result(proc)
        if ok is True:
            assert r.rc == 0, f"git {' '.join(args)} failed: {r}"
        return r


class Twin:
    """Applies the same file edits and commands to the tool's repo and to a git repo."""

    def __init__(self, scratch):
        self.v = Vcs(scratch, "vcs")
        self.g = Git(scratch, "git")
        self.v("init")
        self.g("init", "-q", "-b", "main")
        self.date = BASE_DATE

    def tick(self, seconds=60):
        self.date += seconds
        self.v.date = self.g.date = self.date

    def write(self, rel, data, executable=False):
        self.v.write(rel, data, executable)
        self.g.write(rel, data, executable)

    def delete(self, rel):
        self.v.delete(rel)
        self.g.delete(rel)

    def both(self, *args, git_args=None):
        rv = self.v(*args)
        rg = self.g(*(git_args or args))
        return rv, rg

    def add(self, *paths):
        self.v("add", *paths)
        self.g("add", "-A", "--", *paths)

    def commit(self, message):
        self.tick()
        rv = self.v("commit", "-m", message)
        self.g("commit", "-q", "-m", message)
        return rv

    def status(self):
        sv = self.v("status").out
        sg = self.g("status", "--porcelain", "--untracked-files=all", "--no-renames").out
        return sv, sg


@pytest.fixture
def scratch():
    s = Scratch()
    try:
        yield s
        s.check_no_processes()
    finally:
        s.cleanup()


@pytest.fixture
def vcs(scratch):
    return Vcs(scratch)


@pytest.fixture
def twin(scratch):
    return Twin(scratch)


@pytest.fixture
def rng(request):
    import zlib as _z
    return random.Random(SEED * 1000003 + _z.crc32(request.node.nodeid.encode()))


class TextGen:
    """Random text whose lines are all distinct (so every LCS is unique)."""

    def __init__(self, rng):
        self.rng = rng
        self.counter = rng.randint(0, 10**6)

    def line(self):
        self.counter += 1
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 5)))
        return f"{words} {self.counter:x}{self.rng.getrandbits(24):06x}"

    def lines(self, n):
        return [self.line() for _ in range(n)]

    @staticmethod
    def text(lines):
        return "".join(line + "\n" for line in lines)


@pytest.fixture
def textgen(rng):
    return TextGen(rng)


def git_blob_id(data, scratch_dir=None):
    """The blob id according to real git."""
    proc = subprocess.run([GIT, "hash-object", "--stdin"], input=data, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                                                       "GIT_CONFIG_NOSYSTEM": "1", "HOME": scratch_dir or "/tmp"},
                          cwd=scratch_dir or "/tmp", timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode().strip()
