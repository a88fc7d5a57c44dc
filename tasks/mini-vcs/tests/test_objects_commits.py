# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `objects_commits`: git-compatible object storage and ids; init, hash-object,
cat-file, add, rm, ls-files, commit and rev-parse, checked against real git."""

import os
import subprocess
import zlib

import pytest

from conftest import GIT, git_blob_id

pytestmark = pytest.mark.objects_commits


def random_tree(twin, rng, textgen, n_files):
    """Write a random set of files (nested dirs, tricky sort order, exec bits) to both repos."""
    names = ["a", "a.txt", "a-b", "a0", "b/c.txt", "a/b", "a/b.c", "z_last.md", "dir/sub/deep.txt",
             "dir/sub.txt", "dir-x/file", "Makefile", "x/y/z/w.txt"]
    rng.shuffle(names)
    # "a" and "a/b" cannot both exist: keep the first that appears
    chosen = []
    for n in names:
        if any(n.startswith(c + "/") or c.startswith(n + "/") for c in chosen):
            continue
        chosen.append(n)
        if len(chosen) >= n_files:
            break
    for n in chosen:
        twin.write(n, TextGenText(textgen, rng), executable=rng.random() < 0.25)
    return chosen


def TextGenText(textgen, rng):
    return textgen.text(textgen.lines(rng.randint(1, 12)))


def test_init_and_repository_required(scratch, vcs):
    r = vcs("init")
    d = os.path.join(vcs.dir, ".vcs")
    assert r.out.strip() in (f"Initialized empty repository in {os.path.abspath(d)}",
                             f"Initialized empty repository in {os.path.realpath(d)}")
    assert os.path.isdir(d)
    vcs.fails("init")
    other = os.path.join(scratch.base, "elsewhere")
    os.makedirs(other)
    r = vcs.run("status", cwd=other)
    assert r.rc == 1
    r = vcs.run("log", cwd=other)
    assert r.rc == 1
    assert not os.path.exists(os.path.join(other, ".vcs"))


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4])
def test_hash_object_matches_git(scratch, vcs, rng, textgen, case):
    vcs("init")
    data = [
        b"",
        textgen.text(textgen.lines(rng.randint(1, 30))).encode(),
        bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000))) + b"\0\xff\0",
        rng.randbytes(rng.randint(300_000, 600_000)),
        ("Grüße, ünïcödé — " + textgen.line() + "\n").encode("utf-8"),
    ][case]
    vcs.write("f.bin", data)
    expected = git_blob_id(data, scratch.base)
    assert vcs("hash-object", "f.bin").out.strip() == expected
    obj = os.path.join(vcs.dir, ".vcs", "objects", expected[:2], expected[2:])
    assert not os.path.exists(obj), "hash-object without -w must not store the blob"
    assert vcs("hash-object", "-w", "f.bin").out.strip() == expected
    assert vcs.read_object(expected) == b"blob %d\0" % len(data) + data


def test_add_stores_blobs_readable_by_git(twin, rng, textgen):
    names = random_tree(twin, rng, textgen, 7)
    twin.add(".")
    for n in names:
        data = twin.v.read(n)
        oid = git_blob_id(data, twin.v.scratch.base)
        assert twin.v.read_object(oid) == b"blob %d\0" % len(data) + data, n
        # real git can read the object from the tool's object directory
        env = dict(twin.g.env(), GIT_OBJECT_DIRECTORY=os.path.join(twin.v.dir, ".vcs", "objects"))
        proc = subprocess.run([GIT, "cat-file", "-p", oid], cwd=twin.g.dir, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == data


@pytest.mark.parametrize("case", [0, 1, 2])
def test_ls_files_matches_git(twin, rng, textgen, case):
    names = random_tree(twin, rng, textgen, 9)
    if case == 0:
        twin.add(".")
    elif case == 1:
        for n in names:
            twin.add(n)
    else:
        tops = sorted({n.split("/")[0] for n in names})
        twin.add(*tops)
    assert twin.v("ls-files", "-s").out == twin.g("ls-files", "-s").out
    assert twin.v("ls-files").out == twin.g("ls-files").out


def random_edit(twin, rng, textgen, tracked):
    """Modify, create, delete or chmod a file in both repos; returns the touched path."""
    op = rng.choice(["modify", "modify", "create", "delete", "chmod"])
    if op == "create" or not tracked:
        path = rng.choice(["new", "lib", "docs", "lib/inner"]) + f"/f{rng.randint(0, 10**6)}.txt"
        twin.write(path, textgen.text(textgen.lines(rng.randint(1, 8))))
        tracked.add(path)
        return path
    path = rng.choice(sorted(tracked))
    if op == "modify":
        twin.write(path, textgen.text(textgen.lines(rng.randint(1, 8))),
                   executable=os.access(twin.v.path(path), os.X_OK))
    elif op == "delete":
        twin.delete(path)
        tracked.discard(path)
    else:
        ex = not os.access(twin.v.path(path), os.X_OK)
        os.chmod(twin.v.path(path), 0o755 if ex else 0o644)
        os.chmod(twin.g.path(path), 0o755 if ex else 0o644)
    return path


@pytest.mark.parametrize("case", [0, 1, 2])
def test_commit_ids_match_git(twin, rng, textgen, case):
    tracked = set(random_tree(twin, rng, textgen, 5))
    twin.add(".")
    msg = f"initial {textgen.line()}"
    out = twin.commit(msg)
    gid = twin.g.head()
    assert twin.v.head() == gid
    assert out.out.strip() == f"[main (root-commit) {gid[:7]}] {msg}"
    for step in range(3 + case):
        touched = {random_edit(twin, rng, textgen, tracked) for _ in range(rng.randint(1, 4))}
        twin.write(f"steps/step{step}.txt", textgen.text(textgen.lines(2)))  # never an empty commit
        touched.add(f"steps/step{step}.txt")
        indexed = set(twin.g("ls-files").out.split())
        touched = [p for p in sorted(touched) if twin.v.exists(p) or p in indexed]
        if step % 2 or not touched:
            twin.add(".")
        else:
            twin.add(*touched)
        msg = f"change {step}: {textgen.line()}"
        out = twin.commit(msg)
        gid = twin.g.head()
        assert twin.v.head() == gid, f"commit {step} differs from git's"
        assert out.out.strip() == f"[main {gid[:7]}] {msg}"
    # the commit object is readable by git straight from the tool's object store
    env = dict(twin.g.env(), GIT_OBJECT_DIRECTORY=os.path.join(twin.v.dir, ".vcs", "objects"))
    proc = subprocess.run([GIT, "ls-tree", "-r", gid], cwd=twin.g.dir, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == twin.g("ls-tree", "-r", "HEAD").out


def test_cat_file_matches_git(twin, rng, textgen):
    random_tree(twin, rng, textgen, 8)
    twin.add(".")
    twin.commit("first")
    twin.write("extra/more.txt", textgen.text(textgen.lines(3)))
    twin.add("extra")
    twin.commit("second\n\n")
    commit = twin.g.head()
    tree = twin.g("rev-parse", "HEAD^{tree}").out.strip()
    sub = twin.g("rev-parse", "HEAD:extra").out.strip()
    blob = twin.g("rev-parse", "HEAD:extra/more.txt").out.strip()
    for oid, kind in [(commit, "commit"), (tree, "tree"), (sub, "tree"), (blob, "blob")]:
        assert twin.v("cat-file", "-t", oid).out.strip() == kind
        assert twin.v("cat-file", "-s", oid).out.strip() == twin.g("cat-file", "-s", oid).out.strip()
        assert twin.v("cat-file", "-p", oid).raw == twin.g("cat-file", "-p", oid).raw, kind
    # revisions work too
    assert twin.v("cat-file", "-p", "HEAD").raw == twin.g("cat-file", "-p", "HEAD").raw
    assert twin.v("cat-file", "-t", "main").out.strip() == "commit"
    twin.v.fails("cat-file", "-p", "0" * 40)


def test_nothing_to_commit(vcs):
    vcs("init")
    r = vcs.fails("commit", "-m", "empty")
    assert r.out.strip() == "nothing to commit"
    vcs.write("a.txt", "hello\n")
    vcs("add", "a.txt")
    vcs("commit", "-m", "one")
    head = vcs.head()
    r = vcs.fails("commit", "-m", "again")
    assert r.out.strip() == "nothing to commit"
    # an unstaged change is not committed either
    vcs.write("a.txt", "changed\n")
    vcs.fails("commit", "-m", "again")
    assert vcs.head() == head


def test_add_pathspec_errors_change_nothing(vcs, textgen):
    vcs("init")
    vcs.write("good.txt", textgen.text(textgen.lines(2)))
    vcs.fails("add", "missing.txt")
    vcs.fails("add", "good.txt", "missing.txt")
    assert vcs("ls-files").out == ""
    vcs("add", "good.txt")
    assert vcs("ls-files").out == "good.txt\n"


def test_add_stages_deletions(twin, textgen):
    for p in ["keep.txt", "gone.txt", "d/one.txt", "d/two.txt", "d/e/three.txt"]:
        twin.write(p, textgen.text(textgen.lines(2)))
    twin.add(".")
    twin.commit("base")
    twin.delete("gone.txt")
    twin.delete("d/two.txt")
    twin.delete("d/e/three.txt")
    twin.write("d/new.txt", textgen.text(textgen.lines(2)))
    twin.add("gone.txt")
    twin.add("d")
    assert twin.v("ls-files", "-s").out == twin.g("ls-files", "-s").out
    twin.commit("deletions")
    assert twin.v.head() == twin.g.head()


def test_rm_and_rm_cached(twin, textgen):
    for p in ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "e.txt"]:
        twin.write(p, textgen.text(textgen.lines(3)))
    twin.add(".")
    twin.commit("base")
    twin.v("rm", "a.txt", "sub/deeper/d.txt")
    twin.g("rm", "-q", "a.txt", "sub/deeper/d.txt")
    assert not twin.v.exists("a.txt")
    assert not os.path.isdir(twin.v.path("sub/deeper")), "empty directories must be removed"
    twin.v("rm", "--cached", "b.txt")
    twin.g("rm", "-q", "--cached", "b.txt")
    assert twin.v.exists("b.txt"), "rm --cached keeps the file"
    twin.v.fails("rm", "not-tracked.txt")
    twin.v.write("untracked.txt", "x\n")
    twin.v.fails("rm", "untracked.txt", "e.txt")
    assert twin.v.exists("e.txt"), "a failing rm removes nothing"
    assert twin.v("ls-files", "-s").out == twin.g("ls-files", "-s").out
    twin.v.delete("untracked.txt")
    twin.commit("removed")
    assert twin.v.head() == twin.g.head()


def test_rev_parse(twin, rng, textgen):
    ids = []
    for i in range(5):
        twin.write(f"f{i}.txt", textgen.text(textgen.lines(2)))
        twin.add(".")
        twin.commit(f"c{i}")
        ids.append(twin.g.head())
    for rev in ["HEAD", "main", "HEAD~1", "HEAD~", "HEAD^", "HEAD^^", "HEAD~3", "main~2^", "HEAD~4"]:
        assert twin.v("rev-parse", rev).out.strip() == twin.g("rev-parse", rev).out.strip(), rev
    for oid in ids:
        prefix = oid[:rng.randint(7, 12)]
        assert twin.v("rev-parse", prefix).out.strip() == oid
        assert twin.v("rev-parse", oid).out.strip() == oid
        assert twin.v("rev-parse", prefix + "~0").out.strip() == oid
    twin.v.fails("rev-parse", "HEAD~5")
    twin.v.fails("rev-parse", "no-such-branch")
    twin.v.fails("rev-parse", "deadbeef" * 5)
