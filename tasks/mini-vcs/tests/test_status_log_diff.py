# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `status_log_diff`: status porcelain against `git status`, log against `git log`,
and unified diffs against difflib."""

import difflib
import os

import pytest

pytestmark = pytest.mark.status_log_diff


def expected_diff(entries):
    """entries: [(path, old lines or None, new lines or None)] -> the expected diff text."""
    out = []
    for path, old, new in sorted(entries, key=lambda e: e[0].encode()):
        if old == new:
            continue
        out.append(f"diff --vcs a/{path} b/{path}")
        a_name = f"a/{path}" if old is not None else "/dev/null"
        b_name = f"b/{path}" if new is not None else "/dev/null"
        lines = list(difflib.unified_diff(old or [], new or [], a_name, b_name, n=3, lineterm=""))
        if not lines:
            lines = [f"--- {a_name}", f"+++ {b_name}"]
        out.extend(lines)
    return "".join(line + "\n" for line in out)


def edit_lines(rng, textgen, lines):
    """Random block edits (replace / insert / delete) at random places, incl. both ends."""
    lines = list(lines)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["replace", "insert", "delete", "head", "tail"])
        if kind == "head":
            lines[0:rng.randint(0, 2)] = textgen.lines(rng.randint(1, 2))
        elif kind == "tail":
            cut = rng.randint(0, 2)
            lines[len(lines) - cut:] = textgen.lines(rng.randint(0, 2) if cut else rng.randint(1, 2))
        else:
            if not lines:
                lines = textgen.lines(3)
            i = rng.randrange(len(lines) + 1)
            j = min(len(lines), i + (0 if kind == "insert" else rng.randint(1, 4)))
            new = [] if kind == "delete" else textgen.lines(rng.randint(1, 4))
            lines[i:j] = new
    if not lines:
        lines = textgen.lines(1)
    return lines


class Project:
    """Text files with unique lines, mirrored in both repos."""

    def __init__(self, twin, rng, textgen):
        self.twin, self.rng, self.tg = twin, rng, textgen
        self.content = {}

    def put(self, path, lines):
        self.content[path] = list(lines)
        self.twin.write(path, self.tg.text(lines))

    def create_many(self, n):
        for i in range(n):
            d = self.rng.choice(["", "src/", "docs/", "src/util/"])
            self.put(f"{d}file{i}_{self.rng.randint(0, 999)}.txt", self.tg.lines(self.rng.randint(8, 40)))


# ---------------------------------------------------------------------------
# status
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_status_random_operations_match_git(twin, rng, textgen, case):
    tracked = set()
    counter = [0]

    def new_path():
        counter[0] += 1
        return rng.choice(["", "a/", "b/", "a/c/", "new/dir/"]) + f"f{counter[0]}.txt"

    for _ in range(4):
        p = new_path()
        twin.write(p, textgen.text(textgen.lines(3)))
        tracked.add(p)
    twin.add(".")
    twin.commit("base")
    checks = 0
    for step in range(14):
        op = rng.choice(["create", "modify", "modify", "delete", "add", "add", "rm", "rm-cached", "chmod",
                         "commit", "revert"])
        files = sorted(twin.v.files())
        indexed = set(twin.g("ls-files").out.split())
        if op == "create" or not files:
            twin.write(new_path(), textgen.text(textgen.lines(2)))
        elif op == "modify":
            p = rng.choice(files)
            twin.write(p, textgen.text(textgen.lines(rng.randint(1, 4))), executable=os.access(twin.v.path(p), os.X_OK))
        elif op == "delete":
            twin.delete(rng.choice(files))
        elif op == "add":
            candidates = files + sorted(indexed)
            p = rng.choice(candidates)
            twin.add(p)
        elif op in ("rm", "rm-cached") and indexed:
            p = rng.choice(sorted(indexed))
            extra = ["--cached"] if op == "rm-cached" else []
            twin.v("rm", *extra, p)
            twin.g("rm", "-q", "-f", *extra, "--", p)
        elif op == "chmod":
            p = rng.choice(files)
            mode = 0o644 if os.access(twin.v.path(p), os.X_OK) else 0o755
            os.chmod(twin.v.path(p), mode)
            os.chmod(twin.g.path(p), mode)
        elif op == "commit":
            sv, sg = twin.status()
            if any(line[0] not in " ?" for line in sg.splitlines()):
                twin.commit(f"step {step}")
                assert twin.v.head() == twin.g.head()
        elif op == "revert":
            # change a tracked file back to the committed content: no longer modified
            committed = twin.g("ls-tree", "-r", "--name-only", "HEAD").out.split()
            present = [p for p in committed if twin.v.exists(p)]
            if present:
                p = rng.choice(present)
                data = twin.g("cat-file", "-p", f"HEAD:{p}").raw
                twin.write(p, data, executable=os.access(twin.v.path(p), os.X_OK))
        if step % 2 == 1:
            sv, sg = twin.status()
            assert sv == sg, f"after step {step} ({op})"
            checks += 1
    sv, sg = twin.status()
    assert sv == sg
    assert checks >= 5


def test_status_clean_and_untracked(twin, textgen):
    twin.write("a.txt", textgen.text(textgen.lines(3)))
    twin.write("dir/b.txt", textgen.text(textgen.lines(3)))
    twin.add(".")
    twin.commit("base")
    assert twin.v("status").out == ""
    twin.write("new/deep/x.txt", "x\n")
    twin.write("new/y.txt", "y\n")
    twin.write("0first.txt", "z\n")
    sv, sg = twin.status()
    assert sv == sg
    assert sv == "?? 0first.txt\n?? new/deep/x.txt\n?? new/y.txt\n"


def test_status_staged_and_unstaged_codes(twin, textgen):
    for p in ["m.txt", "mm.txt", "d.txt", "dd.txt", "x.sh"]:
        twin.write(p, textgen.text(textgen.lines(3)))
    twin.add(".")
    twin.commit("base")
    twin.write("m.txt", textgen.text(textgen.lines(3)))
    twin.add("m.txt")                                       # M
    twin.write("mm.txt", textgen.text(textgen.lines(3)))
    twin.add("mm.txt")
    twin.write("mm.txt", textgen.text(textgen.lines(3)))    # MM
    twin.delete("d.txt")                                    # _D
    twin.v("rm", "dd.txt")
    twin.g("rm", "-q", "dd.txt")                            # D_
    os.chmod(twin.v.path("x.sh"), 0o755)
    os.chmod(twin.g.path("x.sh"), 0o755)                    # _M (mode)
    twin.write("added.txt", "new\n")
    twin.add("added.txt")
    twin.delete("added.txt")                                # AD
    twin.write("am.txt", "one\n")
    twin.add("am.txt")
    twin.write("am.txt", "two\n")                           # AM
    sv, sg = twin.status()
    assert sv == sg
    assert sv == ("AD added.txt\nAM am.txt\n D d.txt\nD  dd.txt\nM  m.txt\nMM mm.txt\n M x.sh\n")


# ---------------------------------------------------------------------------
# log
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", [0, 1])
def test_log_matches_git(twin, rng, textgen, case):
    proj = Project(twin, rng, textgen)
    subjects = []
    for i in range(rng.randint(4, 6)):
        proj.put(f"f{i % 3}.txt", textgen.lines(rng.randint(2, 6)))
        twin.add(".")
        # dates spread over months, so that one-digit days appear
        twin.tick(rng.randint(3600, 40 * 86400))
        msg = f"commit {i} {textgen.line()}"
        subjects.append(msg)
        twin.v("commit", "-m", msg)
        twin.g("commit", "-q", "-m", msg)
    if case == 1:
        twin.v.name, twin.v.email = "Ada Lovelace", "ada@engine.example"
        twin.g.name, twin.g.email = "Ada Lovelace", "ada@engine.example"
        proj.put("last.txt", textgen.lines(2))
        twin.add(".")
        twin.commit("by someone else")
    expected = twin.g("log", "--first-parent", "--no-decorate").out
    assert twin.v("log").out == expected
    ids = twin.g("log", "--format=%H %s").out.splitlines()
    assert twin.v("log", "--oneline").out == "".join(f"{line[:7]} {line[41:]}\n" for line in ids)
    assert twin.v("log", "-n", "2").out == twin.g("log", "-n", "2", "--no-decorate").out
    assert twin.v("log", "HEAD~2").out == twin.g("log", "--no-decorate", "HEAD~2").out
    assert twin.v("log", "--oneline", "-n", "1", "HEAD~1").out == ids[1][:7] + " " + ids[1][41:] + "\n"


def test_log_without_commits_fails(vcs):
    vcs("init")
    vcs.fails("log")


# ---------------------------------------------------------------------------
# diff
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_diff_worktree_against_index(twin, rng, textgen, case):
    proj = Project(twin, rng, textgen)
    proj.create_many(rng.randint(3, 6))
    twin.add(".")
    twin.commit("base")
    paths = sorted(proj.content)
    entries = []
    for p in paths:
        r = rng.random()
        if r < 0.55:
            new = edit_lines(rng, textgen, proj.content[p])
            twin.v.write(p, textgen.text(new))
            entries.append((p, proj.content[p], new))
        elif r < 0.7:
            twin.v.delete(p)
            entries.append((p, proj.content[p], None))
    if case % 2:
        # staged changes are compared against the index, not HEAD
        p = paths[0]
        staged = edit_lines(rng, textgen, proj.content[p])
        twin.v.write(p, textgen.text(staged))
        twin.v("add", p)
        final = edit_lines(rng, textgen, staged)
        twin.v.write(p, textgen.text(final))
        entries = [e for e in entries if e[0] != p] + [(p, staged, final)]
    twin.v.write("untracked-file.txt", "ignored by diff\n")
    assert twin.v("diff").out == expected_diff(entries)


def test_diff_cached(twin, rng, textgen):
    proj = Project(twin, rng, textgen)
    proj.create_many(4)
    twin.add(".")
    twin.commit("base")
    paths = sorted(proj.content)
    entries = []
    new = edit_lines(rng, textgen, proj.content[paths[0]])
    twin.v.write(paths[0], textgen.text(new))
    entries.append((paths[0], proj.content[paths[0]], new))
    twin.v("rm", paths[1])
    entries.append((paths[1], proj.content[paths[1]], None))
    added = textgen.lines(5)
    twin.v.write("zz/added.txt", textgen.text(added))
    entries.append(("zz/added.txt", None, added))
    twin.v("add", ".")
    # an unstaged change on top is not part of --cached
    twin.v.write(paths[2], textgen.text(edit_lines(rng, textgen, proj.content[paths[2]])))
    assert twin.v("diff", "--cached").out == expected_diff(entries)


def test_diff_cached_before_first_commit(vcs, textgen):
    vcs("init")
    a = textgen.lines(4)
    vcs.write("one.txt", textgen.text(a))
    vcs("add", "one.txt")
    assert vcs("diff", "--cached").out == expected_diff([("one.txt", None, a)])


def test_diff_between_commits(twin, rng, textgen):
    proj = Project(twin, rng, textgen)
    proj.create_many(5)
    twin.add(".")
    twin.commit("base")
    snapshots = [dict(proj.content)]
    for k in range(3):
        for p in rng.sample(sorted(proj.content), 2):
            proj.put(p, edit_lines(rng, textgen, proj.content[p]))
        if k == 1:
            victim = sorted(proj.content)[0]
            twin.v("rm", victim)
            del proj.content[victim]
        proj.put(f"added{k}.txt", textgen.lines(4))
        twin.v("add", ".")
        twin.tick()
        twin.v("commit", "-m", f"step {k}")
        snapshots.append(dict(proj.content))

    def entries(a, b):
        return [(p, a.get(p), b.get(p)) for p in set(a) | set(b)]

    assert twin.v("diff", "HEAD~1", "HEAD").out == expected_diff(entries(snapshots[2], snapshots[3]))
    assert twin.v("diff", "HEAD~3", "HEAD").out == expected_diff(entries(snapshots[0], snapshots[3]))
    assert twin.v("diff", "HEAD", "HEAD~2").out == expected_diff(entries(snapshots[3], snapshots[1]))
    assert twin.v("diff", "HEAD", "HEAD").out == ""


def test_diff_without_changes_is_empty(twin, textgen):
    twin.write("a.txt", textgen.text(textgen.lines(5)))
    twin.add(".")
    twin.commit("base")
    assert twin.v("diff").out == ""
    assert twin.v("diff", "--cached").out == ""
    os.chmod(twin.v.path("a.txt"), 0o755)
    assert twin.v("diff").out == "", "mode-only changes are not shown"


@pytest.mark.parametrize("gap", [5, 6, 7, 8])
def test_diff_hunk_grouping(vcs, rng, textgen, gap):
    vcs("init")
    old = textgen.lines(40)
    new = list(old)
    i = rng.randint(3, 10)
    new[i] = textgen.line()
    new[i + gap + 1] = textgen.line()
    new.insert(i + gap + 1 + gap + 1, textgen.line())
    vcs.write("g.txt", textgen.text(old))
    vcs("add", "g.txt")
    vcs("commit", "-m", "base")
    vcs.write("g.txt", textgen.text(new))
    assert vcs("diff").out == expected_diff([("g.txt", old, new)])


def test_show(twin, rng, textgen):
    proj = Project(twin, rng, textgen)
    proj.create_many(3)
    twin.add(".")
    twin.commit("root commit")
    first = dict(proj.content)
    p = sorted(proj.content)[0]
    proj.put(p, edit_lines(rng, textgen, proj.content[p]))
    proj.put("brand/new.txt", textgen.lines(3))
    twin.add(".")
    twin.commit("second commit")
    second = dict(proj.content)

    def entries(a, b):
        return [(q, a.get(q), b.get(q)) for q in set(a) | set(b)]

    head_log = twin.g("log", "-n", "1", "--no-decorate").out
    assert twin.v("show").out == head_log + "\n" + expected_diff(entries(first, second))
    root_log = twin.g("log", "-n", "1", "--no-decorate", "HEAD~1").out
    assert twin.v("show", "HEAD~1").out == root_log + "\n" + expected_diff(entries({}, first))
