# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `branches_checkout`: branches, tags, checkout of branches and detached commits,
compared with real git doing the same."""

import os
import stat

import pytest

pytestmark = pytest.mark.branches_checkout


def snapshot(repo):
    """Files with their content and exec bit, plus the set of directories."""
    files = {}
    for p, data in repo.files().items():
        ex = bool(os.stat(repo.path(p)).st_mode & stat.S_IXUSR)
        files[p] = (data, ex)
    return files, repo.dirs()


def base_history(twin, textgen):
    for p in ["README.txt", "src/main.txt", "src/lib/util.txt"]:
        twin.write(p, textgen.text(textgen.lines(4)))
    twin.add(".")
    twin.commit("base")


def test_branch_create_list_delete(twin, textgen):
    base_history(twin, textgen)
    v = twin.v
    assert v("branch").out == "* main\n"
    assert v("branch", "feature").out == ""
    v("branch", "bugfix-1")
    v("branch", "zeta")
    v.fails("branch", "feature")
    assert v("branch").out == "  bugfix-1\n  feature\n* main\n  zeta\n"
    head = v.head()
    assert v("rev-parse", "feature").out.strip() == head
    assert v("branch", "-d", "zeta").out.strip() == f"Deleted branch zeta (was {head[:7]})."
    v.fails("branch", "-d", "zeta")
    v.fails("branch", "-d", "main")
    twin.write("more.txt", "more\n")
    twin.add(".")
    twin.commit("second")
    v("branch", "old", "HEAD~1")
    assert v("rev-parse", "old").out.strip() == head
    v.fails("branch", "bad", "no-such-rev")
    assert v("branch").out == "  bugfix-1\n  feature\n* main\n  old\n"


def build_branches(twin, rng, textgen, n_branches):
    """Several branches with different files, dirs and modes; returns the branch names."""
    base_history(twin, textgen)
    names = []
    for b in range(n_branches):
        name = f"topic{b}"
        start = rng.choice(["main"] + names)
        twin.v("checkout", "-b", name, start)
        twin.g("checkout", "-q", "-b", name, start)
        for _ in range(rng.randint(1, 2)):
            files = sorted(twin.v.files())
            op = rng.choice(["new", "new", "modify", "delete", "chmod"])
            if op == "new" or len(files) < 2:
                d = rng.choice(["", "src/", "deep/er/dir/", f"b{b}/"])
                twin.write(f"{d}n{rng.randint(0, 10**6)}.txt", textgen.text(textgen.lines(3)),
                           executable=rng.random() < 0.3)
            elif op == "modify":
                twin.write(rng.choice(files), textgen.text(textgen.lines(3)))
            elif op == "delete":
                twin.delete(rng.choice(files))
            else:
                p = rng.choice(files)
                for repo in (twin.v, twin.g):
                    os.chmod(repo.path(p), 0o755 if not os.access(repo.path(p), os.X_OK) else 0o644)
            twin.add(".")
            twin.commit(f"work on {name}")
        assert twin.v.head() == twin.g.head()
        names.append(name)
    return names


@pytest.mark.parametrize("case", [0, 1, 2])
def test_checkout_switches_trees(twin, rng, textgen, case):
    names = build_branches(twin, rng, textgen, 2 + case)
    for step in range(5):
        target = rng.choice(names + ["main"])
        r = twin.v("checkout", target)
        twin.g("checkout", "-q", target)
        assert r.out.strip() in (f"Switched to branch '{target}'", f"Already on '{target}'")
        assert snapshot(twin.v) == snapshot(twin.g), f"working tree after checkout {target}"
        if step % 2 == 0:
            assert twin.v("status").out == ""
            assert twin.v("ls-files", "-s").out == twin.g("ls-files", "-s").out
        else:
            assert twin.v.head() == twin.g.head()
            lines = twin.v("branch").out.splitlines()
            assert f"* {target}" in lines


def test_checkout_new_branch_and_commit(twin, textgen):
    base_history(twin, textgen)
    main_head = twin.v.head()
    r = twin.v("checkout", "-b", "feature")
    twin.g("checkout", "-q", "-b", "feature")
    assert r.out.strip() == "Switched to a new branch 'feature'"
    twin.write("feature.txt", textgen.text(textgen.lines(3)))
    twin.add(".")
    out = twin.commit("feature work")
    gid = twin.g.head()
    assert out.out.strip() == f"[feature {gid[:7]}] feature work"
    assert twin.v("rev-parse", "main").out.strip() == main_head
    assert twin.v("rev-parse", "feature").out.strip() == gid
    twin.v.fails("checkout", "-b", "feature")
    r = twin.v("checkout", "-b", "from-main", "main")
    assert r.out.strip() == "Switched to a new branch 'from-main'"
    assert not twin.v.exists("feature.txt")
    assert twin.v.head() == main_head


def test_detached_head(twin, textgen):
    base_history(twin, textgen)
    first = twin.v.head()
    twin.write("second.txt", "2\n")
    twin.add(".")
    twin.commit("second commit")
    r = twin.v("checkout", first)
    twin.g("checkout", "-q", first)
    assert r.out.strip() == f"HEAD is now at {first[:7]} base"
    assert not twin.v.exists("second.txt")
    assert twin.v("branch").out == f"* (HEAD detached at {first[:7]})\n  main\n"
    twin.write("detached.txt", "d\n")
    twin.add(".")
    out = twin.commit("on a detached head")
    gid = twin.g.head()
    assert twin.v.head() == gid
    assert out.out.strip() == f"[detached HEAD {gid[:7]}] on a detached head"
    assert twin.v("log", "--oneline").out == f"{gid[:7]} on a detached head\n{first[:7]} base\n"
    r = twin.v("checkout", "main")
    assert r.out.strip() == "Switched to branch 'main'"
    assert twin.v.exists("second.txt") and not twin.v.exists("detached.txt")
    # checking out by abbreviated id and HEAD~1 also detaches
    twin.v("checkout", gid[:10])
    assert twin.v.head() == gid
    twin.v("checkout", "main~1")
    assert twin.v.head() == first
    assert twin.v("branch").out.splitlines()[0] == f"* (HEAD detached at {first[:7]})"


def test_checkout_refuses_with_local_changes(twin, textgen):
    base_history(twin, textgen)
    twin.v("branch", "other")
    twin.write("src/main.txt", textgen.text(textgen.lines(4)))
    twin.add(".")
    twin.commit("diverge")
    v = twin.v
    before = snapshot(v)
    v.write("README.txt", "local edit\n")
    v.fails("checkout", "other")
    assert v.read("README.txt") == b"local edit\n"
    assert v("branch").out.splitlines()[-2:] == ["* main", "  other"]
    v("add", "README.txt")
    v.fails("checkout", "other")
    # switching to a new branch at the same commit keeps the changes
    r = v("checkout", "-b", "keep")
    assert r.out.strip() == "Switched to a new branch 'keep'"
    assert v.read("README.txt") == b"local edit\n"
    assert v("status").out == "M  README.txt\n"
    assert snapshot(v)[1] == before[1]


def test_checkout_and_untracked_files(twin, textgen):
    base_history(twin, textgen)
    twin.both("checkout", "-b", "side", git_args=["checkout", "-q", "-b", "side"])
    twin.write("side/only.txt", "side\n")
    twin.write("collide.txt", "tracked on side\n")
    twin.add(".")
    twin.commit("side files")
    twin.both("checkout", "main", git_args=["checkout", "-q", "main"])
    v = twin.v
    assert not v.exists("collide.txt")
    v.write("notes.txt", "my notes\n")
    v("checkout", "side")
    assert v.read("notes.txt") == b"my notes\n", "untracked files are left alone"
    v("checkout", "main")
    assert v.read("notes.txt") == b"my notes\n"
    v.write("collide.txt", "untracked here\n")
    v.fails("checkout", "side")
    assert v.read("collide.txt") == b"untracked here\n"
    assert not v.exists("side/only.txt")
    assert v("branch").out.splitlines()[0] == "* main"


def test_checkout_removes_files_and_empty_dirs(twin, textgen):
    base_history(twin, textgen)
    twin.both("checkout", "-b", "deep", git_args=["checkout", "-q", "-b", "deep"])
    twin.write("a/b/c/d.txt", "deep\n")
    twin.write("a/b/e.txt", "e\n")
    twin.add(".")
    twin.commit("deep dirs")
    twin.v("checkout", "main")
    assert not os.path.exists(twin.v.path("a")), "directories left empty must be removed"
    twin.v("checkout", "deep")
    assert twin.v.read("a/b/c/d.txt") == b"deep\n"


def test_checkout_restores_exec_bit(twin, textgen):
    twin.write("run.sh", "#!/bin/sh\necho hi\n", executable=True)
    twin.write("data.txt", "data\n")
    twin.add(".")
    twin.commit("base")
    twin.both("checkout", "-b", "noexec", git_args=["checkout", "-q", "-b", "noexec"])
    for repo in (twin.v, twin.g):
        os.chmod(repo.path("run.sh"), 0o644)
        os.chmod(repo.path("data.txt"), 0o755)
    twin.add(".")
    twin.commit("flip modes")
    assert twin.v.head() == twin.g.head()
    twin.v("checkout", "main")
    assert os.access(twin.v.path("run.sh"), os.X_OK)
    assert not os.access(twin.v.path("data.txt"), os.X_OK)
    twin.v("checkout", "noexec")
    assert not os.access(twin.v.path("run.sh"), os.X_OK)
    assert os.access(twin.v.path("data.txt"), os.X_OK)


def test_tags(twin, textgen):
    base_history(twin, textgen)
    v = twin.v
    first = v.head()
    v("tag", "v1.0")
    twin.write("x.txt", "x\n")
    twin.add(".")
    twin.commit("second")
    v("tag", "v2.0")
    v("tag", "alpha", "HEAD~1")
    v.fails("tag", "v1.0")
    assert v("tag").out == "alpha\nv1.0\nv2.0\n"
    assert v("rev-parse", "v1.0").out.strip() == first
    assert v("rev-parse", "alpha").out.strip() == first
    assert v("log", "--oneline", "v2.0").out == v("log", "--oneline").out
    r = v("checkout", "v1.0")
    assert r.out.strip() == f"HEAD is now at {first[:7]} base"
    assert not v.exists("x.txt")
    assert v("branch").out.splitlines()[0] == f"* (HEAD detached at {first[:7]})"


def test_checkout_misc(twin, textgen):
    base_history(twin, textgen)
    r = twin.v("checkout", "main")
    assert r.out.strip() == "Already on 'main'"
    twin.v.fails("checkout", "nope")
    twin.v.fails("checkout", "0123456789abcdef0123456789abcdef01234567")
    assert twin.v("branch").out == "* main\n"
