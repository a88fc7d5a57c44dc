# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `merge`: fast-forward and three-way merges, compared with `git merge` doing the
same: merged files, conflict markers, status, commit ids, resolution and abort."""

import os

import pytest

pytestmark = pytest.mark.merge


def snapshot(repo):
    return repo.files(), repo.dirs()


def git_merge(twin, rev):
    return twin.g.run("merge", "--no-edit", rev)


def checkout(twin, *args):
    rv = twin.v.run("checkout", *args)
    assert rv.rc == 0, rv
    twin.g("checkout", "-q", *args)


def plan_regions(rng, n_lines, sides, conflict):
    """Non-overlapping edit regions on one file.

    Returns [(side, i, j, n_new)] where side is "ours"/"theirs"; regions of different clusters
    are at least one unchanged line apart.  With conflict=True one cluster holds an overlapping
    or touching pair (one region per side)."""
    regions = []
    pos = rng.randint(0, 3)
    want_conflict = conflict
    while pos < n_lines:
        side = rng.choice(sides)
        if want_conflict and (rng.random() < 0.4 or pos > n_lines - 20):
            kind = rng.choice(["overlap", "touch", "same-insert", "nested"])
            if kind == "overlap":
                a = pos
                b = a + rng.randint(2, 4)
                c = a + rng.randint(1, b - a - 1)
                d = b + rng.randint(0, 3)
                pair = [("ours", a, b), ("theirs", c, d)]
            elif kind == "touch":
                a = pos
                b = a + rng.randint(1, 3)
                d = b + rng.randint(1, 3)
                pair = [("ours", a, b), ("theirs", b, d)]
            elif kind == "same-insert":
                pair = [("ours", pos, pos), ("theirs", pos, pos)]
            else:
                a = pos
                d = a + rng.randint(3, 5)
                b = a + 1
                pair = [("ours", a, d), ("theirs", b, b + 1)]
            if rng.random() < 0.5:
                pair = [("theirs" if s == "ours" else "ours", i, j) for s, i, j in pair]
            end = max(j for _, _, j in pair)
            if end > n_lines:
                break
            for s, i, j in pair:
                regions.append((s, i, j, rng.randint(1, 3)))
            want_conflict = False
            pos = end + rng.randint(2, 6)
            continue
        i = pos
        j = i + rng.choice([0, 1, 1, 2, 3])
        if j > n_lines:
            break
        n_new = rng.randint(1, 3) if j == i else rng.randint(0, 3)
        regions.append((side, i, j, n_new))
        pos = j + rng.randint(2, 8)
    return regions


def apply_regions(base, regions, side, textgen):
    out = []
    pos = 0
    for s, i, j, n_new in sorted(regions, key=lambda r: (r[1], r[2])):
        if s != side:
            continue
        out.extend(base[pos:i])
        out.extend(textgen.lines(n_new))
        pos = j
    out.extend(base[pos:])
    return out


class Scenario:
    """A base commit, then divergent work on `main` (ours) and `feature` (theirs)."""

    def __init__(self, twin, rng, textgen):
        self.twin, self.rng, self.tg = twin, rng, textgen
        self.base = {}

    def make_base(self, n_files):
        for k in range(n_files):
            path = self.rng.choice(["", "src/", "docs/", "src/deep/"]) + f"file{k}.txt"
            self.base[path] = self.tg.lines(self.rng.randint(20, 45))
            self.twin.write(path, self.tg.text(self.base[path]))
        self.twin.add(".")
        self.twin.commit("base")
        self.twin.v("branch", "feature")
        self.twin.g("branch", "feature")

    def diverge(self, conflict_files=0, file_ops=True):
        """Edit on both branches; returns the paths planned to conflict."""
        rng, tg, twin = self.rng, self.tg, self.twin
        paths = sorted(self.base)
        conflicted = set(rng.sample(paths, conflict_files)) if conflict_files else set()
        edits = {"ours": {}, "theirs": {}}
        for p in paths:
            if p not in conflicted and rng.random() < 0.25:
                continue
            regions = plan_regions(rng, len(self.base[p]), ["ours", "theirs"], p in conflicted)
            for side in ("ours", "theirs"):
                if any(r[0] == side for r in regions):
                    edits[side][p] = apply_regions(self.base[p], regions, side, tg)
        untouched = [p for p in paths if p not in edits["ours"] and p not in edits["theirs"]]
        extra = {"ours": [], "theirs": []}
        if file_ops:
            for side in ("ours", "theirs"):
                extra[side].append(("add", f"{side}-new/{rng.randint(0, 999)}.txt", tg.lines(5)))
            if untouched:
                victim = rng.choice(untouched)
                extra[rng.choice(["ours", "theirs"])].append(("delete", victim, None))
        for side in ("ours", "theirs"):
            if not edits[side] and not extra[side]:
                extra[side].append(("add", f"{side}-only/{rng.randint(0, 999)}.txt", tg.lines(4)))
        for side, branch in (("theirs", "feature"), ("ours", "main")):
            checkout(twin, branch)
            items = sorted(edits[side].items())
            half = max(1, len(items) // 2)
            for n, chunk in enumerate([items[:half], items[half:]] if rng.random() < 0.5 else [items]):
                for p, lines in chunk:
                    twin.write(p, tg.text(lines))
                if n == 0:
                    for op, p, lines in extra[side]:
                        if op == "add":
                            twin.write(p, tg.text(lines))
                        else:
                            twin.delete(p)
                twin.add(".")
                sv, _ = twin.status()
                if sv:
                    twin.commit(f"{side} work {n}")
        return conflicted


def compare_after_merge(twin):
    assert snapshot(twin.v) == snapshot(twin.g), "working tree differs from git's merge result"
    sv, sg = twin.status()
    assert sv == sg


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_clean_merge_matches_git(twin, rng, textgen, case):
    sc = Scenario(twin, rng, textgen)
    sc.make_base(rng.randint(2, 5))
    sc.diverge(conflict_files=0, file_ops=case % 2 == 0)
    twin.tick()
    rv = twin.v.run("merge", "feature")
    rg = git_merge(twin, "feature")
    assert rg.rc == 0, rg
    assert rv.rc == 0, rv
    assert rv.out.strip() == "Merge made by the 'three-way' strategy."
    compare_after_merge(twin)
    assert twin.v("status").out == ""
    assert twin.v.head() == twin.g.head(), "the merge commit must equal git's"
    assert twin.v("log").out == twin.g("log", "--first-parent", "--no-decorate").out


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_conflicted_merge_matches_git(twin, rng, textgen, case):
    sc = Scenario(twin, rng, textgen)
    sc.make_base(rng.randint(2, 4))
    n_conf = 1 if case < 3 else min(2, len(sc.base))
    sc.diverge(conflict_files=n_conf, file_ops=case % 2 == 1)
    twin.tick()
    head_before = twin.v.head()
    rv = twin.v.run("merge", "feature")
    rg = git_merge(twin, "feature")
    assert rg.rc != 0, "git found no conflict (test scenario error)"
    assert rv.rc == 1, rv
    git_conflicts = sorted(line for line in rg.out.splitlines() if line.startswith("CONFLICT"))
    ours = rv.out.splitlines()
    assert sorted(line for line in ours if line.startswith("CONFLICT")) == git_conflicts
    assert ours[-1] == "Automatic merge failed; fix conflicts and then commit the result."
    compare_after_merge(twin)
    assert twin.v.head() == head_before
    # committing now is refused
    twin.v.fails("commit", "-m", "too early")
    # resolve: new content for every conflicted file, then commit the merge
    conflicted = [line.rsplit(" ", 1)[-1] for line in git_conflicts]
    for p in conflicted:
        twin.write(p, textgen.text(textgen.lines(rng.randint(3, 8))))
        twin.add(p)
    sv, sg = twin.status()
    assert sv == sg
    twin.tick()
    twin.v("commit", "-m", "resolve the merge")
    twin.g("commit", "-q", "-m", "resolve the merge")
    assert twin.v.head() == twin.g.head(), "the resolved merge commit must equal git's"
    assert twin.v("log").out == twin.g("log", "--first-parent", "--no-decorate").out
    assert twin.v("status").out == ""


def test_fast_forward(twin, textgen):
    twin.write("a.txt", textgen.text(textgen.lines(5)))
    twin.add(".")
    twin.commit("base")
    old = twin.v.head()
    checkout(twin, "-b", "feature")
    twin.write("a.txt", textgen.text(textgen.lines(5)))
    twin.write("b/new.txt", "new\n")
    twin.add(".")
    twin.commit("f1")
    twin.delete("b/new.txt")
    twin.add(".")
    twin.commit("f2")
    new = twin.v.head()
    checkout(twin, "main")
    r = twin.v("merge", "feature")
    git_merge(twin, "feature")
    assert r.out.splitlines() == [f"Updating {old[:7]}..{new[:7]}", "Fast-forward"]
    assert twin.v.head() == new == twin.g.head()
    assert twin.v("rev-parse", "main").out.strip() == new
    compare_after_merge(twin)


def test_already_up_to_date(twin, textgen):
    twin.write("a.txt", "a\n")
    twin.add(".")
    twin.commit("base")
    twin.v("branch", "old")
    twin.write("a.txt", "b\n")
    twin.add(".")
    twin.commit("second")
    head = twin.v.head()
    for rev in ("old", "HEAD", "HEAD~1"):
        r = twin.v("merge", rev)
        assert r.out.strip() == "Already up to date."
        assert twin.v.head() == head


def setup_file_conflict(twin, textgen, ours_op, theirs_op):
    twin.write("keep.txt", textgen.text(textgen.lines(4)))
    twin.write("x.txt", textgen.text(textgen.lines(6)))
    twin.add(".")
    twin.commit("base")
    twin.v("branch", "feature")
    twin.g("branch", "feature")
    for branch, op in (("feature", theirs_op), ("main", ours_op)):
        checkout(twin, branch)
        if op == "delete":
            twin.delete("x.txt")
        elif op == "modify":
            twin.write("x.txt", textgen.text(textgen.lines(6)))
        elif op == "add":
            twin.write("y.txt", textgen.text(textgen.lines(4)))
        twin.write(f"{branch}.txt", "side file\n")
        twin.add(".")
        twin.commit(f"{branch} {op}")


@pytest.mark.parametrize("case", ["deleted-by-us", "deleted-by-them"])
def test_modify_delete_conflict(twin, textgen, case):
    ours_op, theirs_op = ("delete", "modify") if case == "deleted-by-us" else ("modify", "delete")
    setup_file_conflict(twin, textgen, ours_op, theirs_op)
    twin.tick()
    rv = twin.v.run("merge", "feature")
    rg = git_merge(twin, "feature")
    assert rg.rc != 0 and rv.rc == 1, rv
    assert any(line.startswith("CONFLICT (modify/delete): x.txt deleted in") for line in rv.out.splitlines())
    compare_after_merge(twin)
    # resolve by keeping the file
    twin.add("x.txt")
    twin.tick()
    twin.v("commit", "-m", "keep x")
    twin.g("commit", "-q", "-m", "keep x")
    assert twin.v.head() == twin.g.head()


def test_add_add_conflict(twin, textgen):
    setup_file_conflict(twin, textgen, "add", "add")
    ours = twin.v.read("y.txt")
    checkout(twin, "feature")
    theirs = twin.v.read("y.txt")
    checkout(twin, "main")
    twin.tick()
    rv = twin.v.run("merge", "feature")
    rg = git_merge(twin, "feature")
    assert rg.rc != 0 and rv.rc == 1
    assert "CONFLICT (add/add): Merge conflict in y.txt" in rv.out.splitlines()
    sv, sg = twin.status()
    assert sv == sg
    assert "AA y.txt" in sv.splitlines()
    assert twin.v.read("y.txt") == b"<<<<<<< HEAD\n" + ours + b"=======\n" + theirs + b">>>>>>> feature\n"
    twin.v("rm", "y.txt")
    twin.g("rm", "-q", "y.txt")
    twin.tick()
    twin.v("commit", "-m", "drop y")
    twin.g("commit", "-q", "-m", "drop y")
    assert twin.v.head() == twin.g.head()


def test_merge_abort(twin, rng, textgen):
    sc = Scenario(twin, rng, textgen)
    sc.make_base(3)
    sc.diverge(conflict_files=1, file_ops=True)
    before = snapshot(twin.v)
    head = twin.v.head()
    rv = twin.v.run("merge", "feature")
    assert rv.rc == 1
    assert snapshot(twin.v) != before
    twin.v.fails("merge", "feature")  # a merge is in progress
    twin.v.fails("checkout", "feature")
    assert twin.v("merge", "--abort").out == ""
    assert snapshot(twin.v) == before
    assert twin.v.head() == head
    assert twin.v("status").out == ""
    twin.v.fails("merge", "--abort")
    # the same merge can be done again
    assert twin.v.run("merge", "feature").rc == 1


def test_merge_refusals(twin, textgen):
    twin.write("a.txt", textgen.text(textgen.lines(5)))
    twin.add(".")
    twin.commit("base")
    checkout(twin, "-b", "feature")
    twin.write("b.txt", "from feature\n")
    twin.add(".")
    twin.commit("feature adds b")
    checkout(twin, "main")
    twin.write("a.txt", textgen.text(textgen.lines(5)))
    twin.add(".")
    twin.commit("main changes a")
    v = twin.v
    head = v.head()
    v.write("a.txt", "dirty\n")
    v.fails("merge", "feature")
    assert v.read("a.txt") == b"dirty\n" and v.head() == head
    assert not v.exists("b.txt")
    v("add", "a.txt")
    v.fails("merge", "feature")
    v.write("a.txt", twin.g.read("a.txt"))
    v("add", "a.txt")
    v.write("b.txt", "untracked in the way\n")
    v.fails("merge", "feature")
    assert v.read("b.txt") == b"untracked in the way\n" and v.head() == head
    v.delete("b.txt")
    v.fails("merge", "no-such-branch")
    assert v("merge", "feature").rc == 0


def test_repeated_merges_match_git(twin, rng, textgen):
    sc = Scenario(twin, rng, textgen)
    sc.make_base(3)
    for round_ in range(2):
        # fresh divergent edits on both branches, then merge feature into main
        sc.base = {p: twin.g.read(p).decode().splitlines() for p in sc.base if os.path.exists(twin.g.path(p))}
        # after the first round, feature must catch up with main's base for the planner
        sc.diverge(conflict_files=0, file_ops=False)
        twin.tick()
        rv = twin.v.run("merge", "feature")
        rg = git_merge(twin, "feature")
        assert rg.rc == 0 and rv.rc == 0, (rv, rg)
        compare_after_merge(twin)
        assert twin.v.head() == twin.g.head(), f"round {round_}"
        # bring feature up to date with main (fast-forward) for the next round
        checkout(twin, "feature")
        r = twin.v("merge", "main")
        git_merge(twin, "main")
        assert r.out.splitlines()[-1] == "Fast-forward"
        checkout(twin, "main")
    assert twin.v("log").out == twin.g("log", "--first-parent", "--no-decorate").out


def test_merge_messages_into_other_branch_and_detached(twin, rng, textgen):
    sc = Scenario(twin, rng, textgen)
    sc.make_base(3)
    sc.diverge(conflict_files=0, file_ops=True)
    # merge feature into a branch that is not main
    checkout(twin, "-b", "topic")
    twin.tick()
    assert twin.v.run("merge", "feature").rc == 0
    assert git_merge(twin, "feature").rc == 0
    assert twin.v.head() == twin.g.head(), "message must be \"Merge branch 'feature' into topic\""
    info = twin.v("cat-file", "-p", "HEAD").out
    assert info.endswith("\n\nMerge branch 'feature' into topic\n")
    # merge by commit id on a detached HEAD
    checkout(twin, "main")
    twin.v("checkout", "main~0")
    twin.g("checkout", "-q", "--detach", "main")
    fid = twin.v("rev-parse", "feature").out.strip()[:9]
    twin.tick()
    assert twin.v.run("merge", fid).rc == 0
    assert git_merge(twin, fid).rc == 0
    assert twin.v.head() == twin.g.head(), f"message must be \"Merge commit '{fid}' into HEAD\""
    compare_after_merge(twin)


def test_conflict_markers_exact(twin, textgen):
    base = [f"line {i}" for i in range(1, 13)]
    twin.write("f.txt", "".join(x + "\n" for x in base))
    twin.add(".")
    twin.commit("base")
    checkout(twin, "-b", "other")
    theirs = list(base)
    theirs[2:4] = ["THEIRS three", "THEIRS four", "THEIRS extra"]
    theirs[9] = "THEIRS ten"
    twin.write("f.txt", "".join(x + "\n" for x in theirs))
    twin.add(".")
    twin.commit("theirs")
    checkout(twin, "main")
    ours = list(base)
    ours[3:5] = ["OURS four"]
    ours.insert(0, "OURS zero")
    twin.write("f.txt", "".join(x + "\n" for x in ours))
    twin.add(".")
    twin.commit("ours")
    rv = twin.v.run("merge", "other")
    git_merge(twin, "other")
    assert rv.rc == 1
    expected = ("OURS zero\nline 1\nline 2\n<<<<<<< HEAD\nline 3\nOURS four\n=======\n"
                "THEIRS three\nTHEIRS four\nTHEIRS extra\nline 5\n>>>>>>> other\n"
                "line 6\nline 7\nline 8\nTHEIRS ten\nline 10\nline 11\nline 12\n")
    assert twin.g.read("f.txt").decode() == expected
    assert twin.v.read("f.txt").decode() == expected
    assert twin.v("status").out == "UU f.txt\n"
