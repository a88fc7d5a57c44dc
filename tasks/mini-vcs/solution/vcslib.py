#!/usr/bin/env python3
"""mini-vcs: a small git-like version control tool (reference solution).

Objects are stored exactly like git's loose objects (zlib-compressed "<type> <size>\\0<body>"
under .vcs/objects/xx/yyyy...), so blob, tree and commit ids equal git's.
"""

import hashlib
import json
import os
import stat
import sys
import time
import zlib

VCS_DIR = ".vcs"
DEFAULT_BRANCH = "main"
EMPTY_TREE = None  # computed lazily


class VcsError(Exception):
    pass


def die(msg):
    raise VcsError(msg)


# ---------------------------------------------------------------------------
# repository layout
# ---------------------------------------------------------------------------


class Repo:
    def __init__(self, root):
        self.root = root
        self.dir = os.path.join(root, VCS_DIR)

    def p(self, *parts):
        return os.path.join(self.dir, *parts)

    # -- objects ------------------------------------------------------------
    def object_path(self, oid):
        return self.p("objects", oid[:2], oid[2:])

    def write_object(self, kind, body):
        data = kind.encode() + b" " + str(len(body)).encode() + b"\0" + body
        oid = hashlib.sha1(data).hexdigest()
        path = self.object_path(oid)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = path + ".tmp%d" % os.getpid()
            with open(tmp, "wb") as f:
                f.write(zlib.compress(data))
            os.replace(tmp, path)
        return oid

    def has_object(self, oid):
        return os.path.exists(self.object_path(oid))

    def read_object(self, oid):
        try:
            with open(self.object_path(oid), "rb") as f:
                data = zlib.decompress(f.read())
        except FileNotFoundError:
            die("fatal: object %s not found" % oid)
        nul = data.index(b"\0")
        kind, size = data[:nul].decode().split(" ")
        body = data[nul + 1:]
        if int(size) != len(body):
            die("fatal: corrupt object %s" % oid)
        return kind, body

    def all_object_ids(self):
        out = []
        base = self.p("objects")
        for d in os.listdir(base):
            if len(d) != 2:
                continue
            for name in os.listdir(os.path.join(base, d)):
                if len(name) == 38:
                    out.append(d + name)
        return out

    # -- trees and commits --------------------------------------------------
    def read_tree(self, oid):
        kind, body = self.read_object(oid)
        if kind != "tree":
            die("fatal: %s is not a tree" % oid)
        entries = []
        i = 0
        while i < len(body):
            sp = body.index(b" ", i)
            nul = body.index(b"\0", sp)
            mode = body[i:sp].decode()
            name = body[sp + 1:nul].decode("utf-8", "surrogateescape")
            sha = body[nul + 1:nul + 21].hex()
            entries.append((mode, name, sha))
            i = nul + 21
        return entries

    def flatten_tree(self, oid, prefix=""):
        """{path: (mode, blob id)} for every blob under the tree."""
        out = {}
        if oid is None:
            return out
        for mode, name, sha in self.read_tree(oid):
            path = prefix + name
            if mode in ("40000", "040000"):
                out.update(self.flatten_tree(sha, path + "/"))
            else:
                out[path] = (normalize_mode(mode), sha)
        return out

    def write_tree_from_map(self, files):
        """Write the tree objects for {path: (mode, id)}; return the root tree id."""
        root = {}
        for path, (mode, sha) in files.items():
            parts = path.split("/")
            node = root
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = (mode, sha)
        return self._write_tree_node(root)

    def _write_tree_node(self, node):
        items = []
        for name, value in node.items():
            if isinstance(value, dict):
                sha = self._write_tree_node(value)
                items.append((name + "/", "40000", name, sha))
            else:
                mode, sha = value
                items.append((name, mode, name, sha))
        items.sort(key=lambda t: t[0].encode("utf-8", "surrogateescape"))
        body = b"".join(mode.encode() + b" " + name.encode("utf-8", "surrogateescape") + b"\0" + bytes.fromhex(sha)
                        for _, mode, name, sha in items)
        return self.write_object("tree", body)

    def read_commit(self, oid):
        kind, body = self.read_object(oid)
        if kind != "commit":
            die("fatal: %s is not a commit" % oid)
        text = body.decode("utf-8", "replace")
        head, _, message = text.partition("\n\n")
        info = {"tree": None, "parents": [], "author": "", "committer": "", "message": message}
        for line in head.split("\n"):
            key, _, value = line.partition(" ")
            if key == "tree":
                info["tree"] = value
            elif key == "parent":
                info["parents"].append(value)
            elif key in ("author", "committer"):
                info[key] = value
        return info

    def write_commit(self, tree, parents, message):
        name = os.environ.get("VCS_AUTHOR_NAME", "VCS User")
        email = os.environ.get("VCS_AUTHOR_EMAIL", "vcs@example.com")
        date = os.environ.get("VCS_AUTHOR_DATE")
        ts = int(date) if date and date.strip().lstrip("-").isdigit() else int(time.time())
        ident = "%s <%s> %d +0000" % (name, email, ts)
        lines = ["tree " + tree] + ["parent " + p for p in parents]
        lines += ["author " + ident, "committer " + ident]
        body = "\n".join(lines) + "\n\n" + message
        return self.write_object("commit", body.encode("utf-8"))

    # -- refs ---------------------------------------------------------------
    def read_head(self):
        """("ref", branch) or ("detached", commit id)."""
        with open(self.p("HEAD")) as f:
            text = f.read().strip()
        if text.startswith("ref: refs/heads/"):
            return "ref", text[len("ref: refs/heads/"):]
        return "detached", text

    def set_head_branch(self, name):
        write_text(self.p("HEAD"), "ref: refs/heads/%s\n" % name)

    def set_head_detached(self, oid):
        write_text(self.p("HEAD"), oid + "\n")

    def branch_path(self, name):
        return self.p("refs", "heads", *name.split("/"))

    def tag_path(self, name):
        return self.p("refs", "tags", *name.split("/"))

    def read_ref_file(self, path):
        try:
            with open(path) as f:
                value = f.read().strip()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        return value or None

    def branch_commit(self, name):
        return self.read_ref_file(self.branch_path(name))

    def tag_commit(self, name):
        return self.read_ref_file(self.tag_path(name))

    def write_branch(self, name, oid):
        path = self.branch_path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_text(path, oid + "\n")

    def list_refs(self, kind):
        base = self.p("refs", kind)
        out = []
        for dirpath, _, files in os.walk(base):
            for fn in files:
                full = os.path.join(dirpath, fn)
                out.append(os.path.relpath(full, base).replace(os.sep, "/"))
        return sorted(out, key=lambda s: s.encode())

    def head_commit(self):
        kind, value = self.read_head()
        if kind == "ref":
            return self.branch_commit(value)
        return value

    def update_head(self, oid):
        """Move the current branch (or the detached HEAD) to oid."""
        kind, value = self.read_head()
        if kind == "ref":
            self.write_branch(value, oid)
        else:
            self.set_head_detached(oid)

    # -- index --------------------------------------------------------------
    def read_index(self):
        try:
            with open(self.p("index")) as f:
                data = json.load(f)
        except FileNotFoundError:
            data = {}
        entries = {k: tuple(v) for k, v in data.get("entries", {}).items()}
        conflicts = data.get("conflicts", {})
        return Index(entries, conflicts)

    def write_index(self, index):
        data = {"entries": {k: list(v) for k, v in sorted(index.entries.items())},
                "conflicts": index.conflicts}
        write_text(self.p("index"), json.dumps(data, indent=0, sort_keys=True))

    # -- merge state --------------------------------------------------------
    def merge_head(self):
        return self.read_ref_file(self.p("MERGE_HEAD"))

    def clear_merge_state(self):
        for name in ("MERGE_HEAD",):
            try:
                os.remove(self.p(name))
            except FileNotFoundError:
                pass


class Index:
    def __init__(self, entries, conflicts):
        self.entries = entries  # path -> (mode, id)
        self.conflicts = conflicts  # path -> {"base": id|None, "ours": id|None, "theirs": id|None}


def write_text(path, text):
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def normalize_mode(mode):
    return "100755" if mode == "100755" else "100644"


def find_repo():
    root = os.getcwd()
    if not os.path.isdir(os.path.join(root, VCS_DIR)):
        die("fatal: not a vcs repository (no .vcs directory here)")
    return Repo(root)


def blob_id(data):
    return hashlib.sha1(b"blob " + str(len(data)).encode() + b"\0" + data).hexdigest()


def file_mode(path):
    st = os.stat(path)
    return "100755" if st.st_mode & stat.S_IXUSR else "100644"


# ---------------------------------------------------------------------------
# working tree
# ---------------------------------------------------------------------------


def walk_worktree(repo, start=""):
    """Relative paths (with /) of every regular file under start, skipping .vcs."""
    out = []
    base = os.path.join(repo.root, start) if start else repo.root
    if os.path.isfile(base):
        return [start]
    for dirpath, dirnames, filenames in os.walk(base):
        rel_dir = os.path.relpath(dirpath, repo.root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        if rel_dir == "":
            dirnames[:] = [d for d in dirnames if d != VCS_DIR]
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for fn in filenames:
            full = os.path.join(dirpath, fn)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            out.append(rel_dir + fn)
    return out


def worktree_state(repo, path):
    """(mode, blob id) of the working-tree file, or None when absent."""
    full = os.path.join(repo.root, path)
    if not os.path.isfile(full) or os.path.islink(full):
        return None
    with open(full, "rb") as f:
        data = f.read()
    return file_mode(full), blob_id(data)


def read_blob(repo, oid):
    kind, body = repo.read_object(oid)
    if kind != "blob":
        die("fatal: %s is not a blob" % oid)
    return body


def write_work_file(repo, path, mode, oid):
    full = os.path.join(repo.root, path)
    parent = os.path.dirname(full)
    if os.path.isfile(parent):
        os.remove(parent)
    os.makedirs(parent, exist_ok=True)
    if os.path.isdir(full) and not os.path.islink(full):
        import shutil
        shutil.rmtree(full)
    data = read_blob(repo, oid)
    with open(full, "wb") as f:
        f.write(data)
    os.chmod(full, 0o755 if mode == "100755" else 0o644)


def write_work_bytes(repo, path, data, mode="100644"):
    full = os.path.join(repo.root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
    os.chmod(full, 0o755 if mode == "100755" else 0o644)


def remove_work_file(repo, path):
    full = os.path.join(repo.root, path)
    try:
        os.remove(full)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        return
    # prune empty parent directories
    d = os.path.dirname(full)
    while os.path.abspath(d) != os.path.abspath(repo.root):
        try:
            os.rmdir(d)
        except OSError:
            break
        d = os.path.dirname(d)


# ---------------------------------------------------------------------------
# revisions
# ---------------------------------------------------------------------------


def resolve(repo, rev, want_commit=True):
    base, suffix = split_rev(rev)
    oid = resolve_base(repo, base)
    if oid is None:
        die("fatal: unknown revision '%s'" % rev)
    for step in suffix:
        info = repo.read_commit(oid)
        for _ in range(step):
            if not info["parents"]:
                die("fatal: unknown revision '%s'" % rev)
            oid = info["parents"][0]
            info = repo.read_commit(oid)
    if want_commit:
        kind, _ = repo.read_object(oid)
        if kind != "commit":
            die("fatal: '%s' is not a commit" % rev)
    return oid


def split_rev(rev):
    steps = []
    i = len(rev)
    # parse suffixes from the left: find first ~ or ^
    cut = len(rev)
    for j, ch in enumerate(rev):
        if ch in "~^":
            cut = j
            break
    base, rest = rev[:cut], rev[cut:]
    k = 0
    while k < len(rest):
        ch = rest[k]
        k += 1
        num = ""
        while k < len(rest) and rest[k].isdigit():
            num += rest[k]
            k += 1
        if ch == "~":
            steps.append(int(num) if num else 1)
        elif ch == "^":
            if num not in ("", "1"):
                die("fatal: unsupported revision '%s'" % rev)
            steps.append(1)
        else:
            die("fatal: bad revision '%s'" % rev)
    del i
    return base, steps


def resolve_base(repo, base):
    if base == "HEAD":
        oid = repo.head_commit()
        if oid is None:
            die("fatal: HEAD does not point to a commit yet")
        return oid
    if base and valid_ref_name(base):
        oid = repo.branch_commit(base)
        if oid:
            return oid
        oid = repo.tag_commit(base)
        if oid:
            return oid
    b = base.lower()
    if 4 <= len(b) <= 40 and all(c in "0123456789abcdef" for c in b):
        if len(b) == 40:
            return b if repo.has_object(b) else None
        matches = [o for o in repo.all_object_ids() if o.startswith(b)]
        if len(matches) > 1:
            die("fatal: ambiguous revision '%s'" % base)
        if matches:
            return matches[0]
    return None


def valid_ref_name(name):
    if not name or name.startswith("-") or name.startswith(".") or name.endswith("/") or name.endswith("."):
        return False
    if ".." in name or "//" in name or name.endswith(".lock") or name == "HEAD":
        return False
    for ch in name:
        if not (ch.isalnum() and ch.isascii()) and ch not in "._-/":
            return False
    return True


def short(oid):
    return oid[:7]


def subject(message):
    return message.split("\n", 1)[0]


# ---------------------------------------------------------------------------
# diff (Myers)
# ---------------------------------------------------------------------------


def myers_matches(a, b):
    """Pairs (i, j) of matched lines of a longest common subsequence."""
    # trim common prefix / suffix
    pre = 0
    while pre < len(a) and pre < len(b) and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < len(a) - pre and suf < len(b) - pre and a[len(a) - 1 - suf] == b[len(b) - 1 - suf]:
        suf += 1
    a2 = a[pre:len(a) - suf]
    b2 = b[pre:len(b) - suf]
    mid = _myers(a2, b2)
    out = [(i, i) for i in range(pre)]
    out += [(i + pre, j + pre) for i, j in mid]
    out += [(len(a) - suf + k, len(b) - suf + k) for k in range(suf)]
    return out


def _myers(a, b):
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    maxd = n + m
    offset = maxd
    v = [0] * (2 * maxd + 2)
    trace = []
    found = False
    for d in range(maxd + 1):
        trace.append(v[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                found = True
                break
        if found:
            break
    # backtrack
    matches = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        vd = trace[d]
        k = x - y
        if d == 0:
            while x > 0 and y > 0:
                x -= 1
                y -= 1
                matches.append((x, y))
            break
        if k == -d or (k != d and vd[offset + k - 1] < vd[offset + k + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = vd[offset + prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            matches.append((x, y))
        x, y = prev_x, prev_y
    matches.reverse()
    return matches


def opcodes(a, b):
    """difflib-style opcodes built from an LCS."""
    codes = []
    i = j = 0
    for mi, mj in myers_matches(a, b) + [(len(a), len(b))]:
        if mi > i or mj > j:
            if mi > i and mj > j:
                tag = "replace"
            elif mi > i:
                tag = "delete"
            else:
                tag = "insert"
            codes.append([tag, i, mi, j, mj])
        if mi < len(a) and mj < len(b):
            if codes and codes[-1][0] == "equal":
                codes[-1][2] = mi + 1
                codes[-1][4] = mj + 1
            else:
                codes.append(["equal", mi, mi + 1, mj, mj + 1])
        i, j = mi + 1, mj + 1
    return [tuple(c) for c in codes]


def grouped(codes, n=3):
    codes = list(codes)
    if not codes:
        codes = [("equal", 0, 1, 0, 1)]
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    nn = n + n
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > nn:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def fmt_range(start, stop):
    beginning = start + 1
    length = stop - start
    if length == 1:
        return "%d" % beginning
    if not length:
        beginning -= 1
    return "%d,%d" % (beginning, length)


def split_lines(data):
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def unified_hunks(a, b):
    out = []
    for group in grouped(opcodes(a, b)):
        first, last = group[0], group[-1]
        out.append("@@ -%s +%s @@" % (fmt_range(first[1], last[2]), fmt_range(first[3], last[4])))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend("+" + line for line in b[j1:j2])
    return out


def diff_maps(repo, old, new, new_data=None):
    """Unified diff text between two {path: (mode, id)} maps (new ids may be worktree files)."""
    out = []
    for path in sorted(set(old) | set(new), key=lambda s: s.encode("utf-8", "surrogateescape")):
        o = old.get(path)
        n = new.get(path)
        if o is not None and n is not None and o[1] == n[1]:
            continue
        a = split_lines(read_blob(repo, o[1])) if o else []
        if n is None:
            b = []
        elif new_data is not None and path in new_data:
            b = split_lines(new_data[path])
        else:
            b = split_lines(read_blob(repo, n[1]))
        out.append("diff --vcs a/%s b/%s" % (path, path))
        out.append("--- " + ("a/" + path if o else "/dev/null"))
        out.append("+++ " + ("b/" + path if n else "/dev/null"))
        out.extend(unified_hunks(a, b))
    return out


# ---------------------------------------------------------------------------
# three-way line merge
# ---------------------------------------------------------------------------


def changes(base, other):
    """[(i, j, lines)]: base[i:j] is replaced by lines in other."""
    out = []
    bi = oi = 0
    for mb, mo in myers_matches(base, other) + [(len(base), len(other))]:
        if mb > bi or mo > oi:
            out.append((bi, mb, other[oi:mo]))
        bi, oi = mb + 1, mo + 1
    return out


def apply_changes(base, lo, hi, chs):
    """other's version of base[lo:hi] given other's changes inside that range."""
    out = []
    pos = lo
    for i, j, lines in chs:
        out.extend(base[pos:i])
        out.extend(lines)
        pos = j
    out.extend(base[pos:hi])
    return out


def merge3(base, ours, theirs, their_label):
    """(merged lines, had_conflict)."""
    co = changes(base, ours)
    ct = changes(base, theirs)
    events = sorted([(c[0], c[1], 0, c) for c in co] + [(c[0], c[1], 1, c) for c in ct],
                    key=lambda e: (e[0], e[1]))
    out = []
    pos = 0
    conflict = False
    idx = 0
    while idx < len(events):
        lo, hi = events[idx][0], events[idx][1]
        group = [events[idx]]
        idx += 1
        while idx < len(events) and events[idx][0] <= hi:
            group.append(events[idx])
            hi = max(hi, events[idx][1])
            idx += 1
        out.extend(base[pos:lo])
        o_ch = [e[3] for e in group if e[2] == 0]
        t_ch = [e[3] for e in group if e[2] == 1]
        o_text = apply_changes(base, lo, hi, o_ch)
        t_text = apply_changes(base, lo, hi, t_ch)
        if not t_ch:
            out.extend(o_text)
        elif not o_ch:
            out.extend(t_text)
        elif o_text == t_text:
            out.extend(o_text)
        else:
            conflict = True
            out.append("<<<<<<< HEAD")
            out.extend(o_text)
            out.append("=======")
            out.extend(t_text)
            out.append(">>>>>>> " + their_label)
        pos = hi
    out.extend(base[pos:])
    return out, conflict


def join_lines(lines):
    if not lines:
        return b""
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")


# ---------------------------------------------------------------------------
# status helpers
# ---------------------------------------------------------------------------


def head_map(repo):
    oid = repo.head_commit()
    if oid is None:
        return {}
    return repo.flatten_tree(repo.read_commit(oid)["tree"])


def has_local_changes(repo, index=None):
    index = index or repo.read_index()
    if index.conflicts:
        return True
    if index.entries != head_map(repo):
        return True
    for path, entry in index.entries.items():
        if worktree_state(repo, path) != tuple(entry):
            return True
    return False


def path_sort_key(p):
    return p.encode("utf-8", "surrogateescape")


# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------


def cmd_init(args):
    root = os.getcwd()
    d = os.path.join(root, VCS_DIR)
    if os.path.exists(d):
        die("fatal: repository already exists in %s" % d)
    os.makedirs(os.path.join(d, "objects"))
    os.makedirs(os.path.join(d, "refs", "heads"))
    os.makedirs(os.path.join(d, "refs", "tags"))
    write_text(os.path.join(d, "HEAD"), "ref: refs/heads/%s\n" % DEFAULT_BRANCH)
    print("Initialized empty repository in %s" % os.path.abspath(d))


def cmd_hash_object(args):
    write = False
    files = []
    for a in args:
        if a == "-w":
            write = True
        else:
            files.append(a)
    if len(files) != 1:
        die("usage: vcs hash-object [-w] <file>")
    try:
        with open(files[0], "rb") as f:
            data = f.read()
    except OSError as e:
        die("fatal: cannot read %s: %s" % (files[0], e.strerror))
    if write:
        repo = find_repo()
        oid = repo.write_object("blob", data)
    else:
        oid = blob_id(data)
    print(oid)


def cmd_cat_file(args):
    if len(args) != 2 or args[0] not in ("-t", "-s", "-p"):
        die("usage: vcs cat-file (-t|-s|-p) <object>")
    repo = find_repo()
    oid = resolve(repo, args[1], want_commit=False)
    kind, body = repo.read_object(oid)
    if args[0] == "-t":
        print(kind)
    elif args[0] == "-s":
        print(len(body))
    elif kind == "tree":
        for mode, name, sha in repo.read_tree(oid):
            t = "tree" if mode in ("40000", "040000") else "blob"
            print("%06d %s %s\t%s" % (int(mode), t, sha, name))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()


def normalize_pathspec(repo, spec):
    full = os.path.abspath(os.path.join(repo.root, spec))
    rel = os.path.relpath(full, repo.root)
    if rel.startswith(".."):
        die("fatal: %s is outside the repository" % spec)
    rel = "" if rel == "." else rel.replace(os.sep, "/")
    if rel == VCS_DIR or rel.startswith(VCS_DIR + "/"):
        die("fatal: cannot add %s" % spec)
    return rel


def under(path, prefix):
    return prefix == "" or path == prefix or path.startswith(prefix + "/")


def cmd_add(args):
    if not args:
        die("usage: vcs add <path>...")
    repo = find_repo()
    index = repo.read_index()
    plan = []
    for spec in args:
        rel = normalize_pathspec(repo, spec)
        full = os.path.join(repo.root, rel) if rel else repo.root
        work = walk_worktree(repo, rel) if os.path.exists(full) else []
        tracked = [p for p in list(index.entries) + list(index.conflicts) if under(p, rel)]
        if not work and not tracked:
            die("fatal: pathspec '%s' did not match any files" % spec)
        plan.append((rel, work, tracked))
    for rel, work, tracked in plan:
        work_set = set(work)
        for path in work:
            full = os.path.join(repo.root, path)
            with open(full, "rb") as f:
                data = f.read()
            oid = repo.write_object("blob", data)
            index.entries[path] = (file_mode(full), oid)
            index.conflicts.pop(path, None)
            # a file replaces any tracked entries below a same-named directory
            for other in [p for p in index.entries if p.startswith(path + "/")]:
                del index.entries[other]
        for path in tracked:
            if path not in work_set:
                index.entries.pop(path, None)
                index.conflicts.pop(path, None)
    repo.write_index(index)


def cmd_rm(args):
    cached = False
    paths = []
    for a in args:
        if a == "--cached":
            cached = True
        else:
            paths.append(a)
    if not paths:
        die("usage: vcs rm [--cached] <file>...")
    repo = find_repo()
    index = repo.read_index()
    rels = []
    for spec in paths:
        rel = normalize_pathspec(repo, spec)
        if rel not in index.entries and rel not in index.conflicts:
            die("fatal: pathspec '%s' did not match any tracked file" % spec)
        rels.append(rel)
    for rel in rels:
        index.entries.pop(rel, None)
        index.conflicts.pop(rel, None)
        if not cached:
            remove_work_file(repo, rel)
    repo.write_index(index)


def cmd_commit(args):
    message = None
    i = 0
    while i < len(args):
        if args[i] == "-m" and i + 1 < len(args):
            message = args[i + 1]
            i += 2
        else:
            die("usage: vcs commit -m <message>")
    if message is None:
        die("usage: vcs commit -m <message>")
    message = message.rstrip()
    if not message:
        die("fatal: empty commit message")
    repo = find_repo()
    index = repo.read_index()
    if index.conflicts:
        die("error: cannot commit with unresolved conflicts: " + ", ".join(sorted(index.conflicts)))
    head = repo.head_commit()
    merge_head = repo.merge_head()
    tree = repo.write_tree_from_map(index.entries)
    if head is not None and merge_head is None and tree == repo.read_commit(head)["tree"]:
        print("nothing to commit")
        return 1
    if head is None and not index.entries:
        print("nothing to commit")
        return 1
    parents = ([head] if head else []) + ([merge_head] if merge_head else [])
    oid = repo.write_commit(tree, parents, message + "\n")
    repo.update_head(oid)
    repo.clear_merge_state()
    kind, value = repo.read_head()
    where = value if kind == "ref" else "detached HEAD"
    if head is None:
        where += " (root-commit)"
    print("[%s %s] %s" % (where, short(oid), subject(message)))
    return 0


def cmd_status(args):
    repo = find_repo()
    index = repo.read_index()
    head = head_map(repo)
    lines = []
    tracked_paths = set(head) | set(index.entries) | set(index.conflicts)
    for path in sorted(tracked_paths, key=path_sort_key):
        if path in index.conflicts:
            c = index.conflicts[path]
            if c.get("ours") and c.get("theirs"):
                code = "UU" if c.get("base") else "AA"
            elif c.get("theirs"):
                code = "DU"
            else:
                code = "UD"
            lines.append("%s %s" % (code, path))
            continue
        h = head.get(path)
        i = index.entries.get(path)
        if h is None and i is not None:
            x = "A"
        elif h is not None and i is None:
            x = "D"
        elif h is not None and tuple(h) != tuple(i):
            x = "M"
        else:
            x = " "
        y = " "
        if i is not None:
            w = worktree_state(repo, path)
            if w is None:
                y = "D"
            elif w != tuple(i):
                y = "M"
        if x != " " or y != " ":
            lines.append("%s%s %s" % (x, y, path))
    untracked = [p for p in walk_worktree(repo) if p not in index.entries and p not in index.conflicts]
    for path in sorted(untracked, key=path_sort_key):
        lines.append("?? %s" % path)
    for line in lines:
        print(line)


def format_date(ts):
    t = time.gmtime(ts)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "%s %s %d %02d:%02d:%02d %d +0000" % (days[t.tm_wday], months[t.tm_mon - 1], t.tm_mday,
                                                 t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def parse_ident(value):
    # "Name <email> ts tz"
    lt = value.rfind("<")
    gt = value.rfind(">")
    name = value[:lt].rstrip()
    email = value[lt + 1:gt]
    rest = value[gt + 1:].split()
    ts = int(rest[0]) if rest else 0
    return name, email, ts


def log_entry(repo, oid):
    info = repo.read_commit(oid)
    lines = ["commit " + oid]
    if len(info["parents"]) > 1:
        lines.append("Merge: " + " ".join(short(p) for p in info["parents"]))
    name, email, ts = parse_ident(info["author"])
    lines.append("Author: %s <%s>" % (name, email))
    lines.append("Date:   " + format_date(ts))
    lines.append("")
    msg = info["message"].rstrip("\n")
    for line in msg.split("\n"):
        lines.append(("    " + line) if line else "")
    return lines


def cmd_log(args):
    oneline = False
    limit = None
    rev = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--oneline":
            oneline = True
        elif a == "-n" and i + 1 < len(args):
            try:
                limit = int(args[i + 1])
            except ValueError:
                die("fatal: bad number '%s'" % args[i + 1])
            i += 1
        elif rev is None and not a.startswith("-"):
            rev = a
        else:
            die("usage: vcs log [--oneline] [-n N] [<rev>]")
        i += 1
    repo = find_repo()
    if rev is None:
        oid = repo.head_commit()
        if oid is None:
            die("fatal: your current branch does not have any commits yet")
    else:
        oid = resolve(repo, rev)
    out = []
    count = 0
    while oid is not None and (limit is None or count < limit):
        info = repo.read_commit(oid)
        if oneline:
            out.append("%s %s" % (short(oid), subject(info["message"])))
        else:
            if count:
                out.append("")
            out.extend(log_entry(repo, oid))
        count += 1
        oid = info["parents"][0] if info["parents"] else None
    for line in out:
        print(line)


def cmd_diff(args):
    repo = find_repo()
    if args == ["--cached"]:
        index = repo.read_index()
        out = diff_maps(repo, head_map(repo), index.entries)
    elif not args:
        index = repo.read_index()
        new = {}
        data = {}
        for path in index.entries:
            full = os.path.join(repo.root, path)
            if os.path.isfile(full):
                with open(full, "rb") as f:
                    content = f.read()
                new[path] = (file_mode(full), blob_id(content))
                data[path] = content
        out = diff_maps(repo, index.entries, new, data)
    elif len(args) == 2 and not any(a.startswith("-") for a in args):
        a = repo.flatten_tree(repo.read_commit(resolve(repo, args[0]))["tree"])
        b = repo.flatten_tree(repo.read_commit(resolve(repo, args[1]))["tree"])
        out = diff_maps(repo, a, b)
    else:
        die("usage: vcs diff [--cached | <rev1> <rev2>]")
    write_lines(out)


def write_lines(lines):
    if not lines:
        return
    text = "\n".join(lines) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()


def cmd_show(args):
    if len(args) > 1:
        die("usage: vcs show [<rev>]")
    repo = find_repo()
    oid = resolve(repo, args[0] if args else "HEAD")
    info = repo.read_commit(oid)
    lines = log_entry(repo, oid)
    parent_tree = repo.read_commit(info["parents"][0])["tree"] if info["parents"] else None
    d = diff_maps(repo, repo.flatten_tree(parent_tree), repo.flatten_tree(info["tree"]))
    if d:
        lines.append("")
        lines.extend(d)
    write_lines(lines)


def cmd_rev_parse(args):
    if len(args) != 1:
        die("usage: vcs rev-parse <rev>")
    repo = find_repo()
    print(resolve(repo, args[0], want_commit=False))


def cmd_ls_files(args):
    repo = find_repo()
    index = repo.read_index()
    stage = args == ["-s"]
    if args and not stage:
        die("usage: vcs ls-files [-s]")
    for path in sorted(index.entries, key=path_sort_key):
        mode, oid = index.entries[path]
        if stage:
            print("%s %s 0\t%s" % (mode, oid, path))
        else:
            print(path)


def cmd_branch(args):
    repo = find_repo()
    if not args:
        kind, value = repo.read_head()
        if kind == "detached":
            print("* (HEAD detached at %s)" % short(value))
        for name in repo.list_refs("heads"):
            mark = "*" if kind == "ref" and name == value else " "
            print("%s %s" % (mark, name))
        return 0
    if args[0] == "-d":
        if len(args) != 2:
            die("usage: vcs branch -d <name>")
        name = args[1]
        oid = repo.branch_commit(name) if valid_ref_name(name) else None
        if oid is None:
            die("error: branch '%s' not found" % name)
        kind, value = repo.read_head()
        if kind == "ref" and value == name:
            die("error: cannot delete the branch '%s' which you are currently on" % name)
        os.remove(repo.branch_path(name))
        print("Deleted branch %s (was %s)." % (name, short(oid)))
        return 0
    if len(args) > 2 or args[0].startswith("-"):
        die("usage: vcs branch [<name> [<rev>]] | -d <name>")
    name = args[0]
    if not valid_ref_name(name):
        die("fatal: '%s' is not a valid branch name" % name)
    if repo.branch_commit(name) is not None:
        die("fatal: a branch named '%s' already exists" % name)
    if os.path.exists(repo.branch_path(name)):
        die("fatal: cannot create branch '%s'" % name)
    oid = resolve(repo, args[1] if len(args) > 1 else "HEAD")
    repo.write_branch(name, oid)
    return 0


def cmd_tag(args):
    repo = find_repo()
    if not args:
        for name in repo.list_refs("tags"):
            print(name)
        return 0
    if len(args) > 2 or args[0].startswith("-"):
        die("usage: vcs tag [<name> [<rev>]]")
    name = args[0]
    if not valid_ref_name(name):
        die("fatal: '%s' is not a valid tag name" % name)
    if repo.tag_commit(name) is not None:
        die("fatal: tag '%s' already exists" % name)
    oid = resolve(repo, args[1] if len(args) > 1 else "HEAD")
    path = repo.tag_path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_text(path, oid + "\n")
    return 0


def untracked_obstructions(repo, index, target):
    """Paths of the target tree that untracked files/directories in the worktree would block."""
    bad = []
    for path in target:
        if path in index.entries:
            continue
        full = os.path.join(repo.root, path)
        if os.path.lexists(full):
            if os.path.isdir(full) and not os.path.islink(full):
                # a directory of untracked files in the way
                if any(p for p in walk_worktree(repo, path)):
                    bad.append(path)
            else:
                bad.append(path)
            continue
        # a parent that is an untracked file
        parts = path.split("/")
        for k in range(1, len(parts)):
            parent = "/".join(parts[:k])
            fp = os.path.join(repo.root, parent)
            if os.path.isfile(fp) and parent not in index.entries:
                bad.append(path)
                break
    return bad


def switch_tree(repo, index, current, target):
    """Make the index and working tree match target (current is what they match now)."""
    for path in sorted(current, key=path_sort_key, reverse=True):
        if path not in target:
            remove_work_file(repo, path)
    for path, (mode, oid) in sorted(target.items()):
        if current.get(path) != (mode, oid) or worktree_state(repo, path) != (mode, oid):
            write_work_file(repo, path, mode, oid)
    index.entries = dict(target)
    index.conflicts = {}
    repo.write_index(index)


def cmd_checkout(args):
    repo = find_repo()
    new_branch = None
    if args and args[0] == "-b":
        if len(args) not in (2, 3):
            die("usage: vcs checkout -b <name> [<rev>]")
        new_branch = args[1]
        if not valid_ref_name(new_branch):
            die("fatal: '%s' is not a valid branch name" % new_branch)
        if repo.branch_commit(new_branch) is not None:
            die("fatal: a branch named '%s' already exists" % new_branch)
        target_rev = args[2] if len(args) == 3 else "HEAD"
    elif len(args) == 1:
        target_rev = args[0]
    else:
        die("usage: vcs checkout <branch>|<rev> | -b <name> [<rev>]")
    index = repo.read_index()
    if repo.merge_head() or index.conflicts:
        die("error: you are in the middle of a merge")
    head = repo.head_commit()
    branch_target = None
    if new_branch is None and valid_ref_name(target_rev) and repo.branch_commit(target_rev):
        branch_target = target_rev
        target = repo.branch_commit(target_rev)
    elif new_branch is not None and target_rev == "HEAD" and head is None:
        # new branch on an unborn HEAD
        repo.set_head_branch(new_branch)
        print("Switched to a new branch '%s'" % new_branch)
        return 0
    else:
        target = resolve(repo, target_rev)
    kind, value = repo.read_head()
    if branch_target is not None and kind == "ref" and value == branch_target:
        print("Already on '%s'" % branch_target)
        return 0
    if target != head:
        if has_local_changes(repo, index):
            die("error: you have local changes; commit them or discard them before switching")
        tmap = repo.flatten_tree(repo.read_commit(target)["tree"])
        bad = untracked_obstructions(repo, index, tmap)
        if bad:
            die("error: untracked working tree files would be overwritten by checkout: " + ", ".join(bad))
        switch_tree(repo, index, head_map(repo), tmap)
    if new_branch is not None:
        repo.write_branch(new_branch, target)
        repo.set_head_branch(new_branch)
        print("Switched to a new branch '%s'" % new_branch)
    elif branch_target is not None:
        repo.set_head_branch(branch_target)
        print("Switched to branch '%s'" % branch_target)
    else:
        repo.set_head_detached(target)
        print("HEAD is now at %s %s" % (short(target), subject(repo.read_commit(target)["message"])))
    return 0


def ancestors(repo, oid):
    seen = set()
    stack = [oid]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        stack.extend(repo.read_commit(c)["parents"])
    return seen


def merge_base(repo, a, b):
    anc_a = ancestors(repo, a)
    anc_b = ancestors(repo, b)
    common = anc_a & anc_b
    if not common:
        return None
    best = set(common)
    for c in common:
        if c in best:
            best -= (ancestors(repo, c) - {c})
    # deterministic choice when several remain
    return sorted(best)[0]


def cmd_merge(args):
    repo = find_repo()
    if args == ["--abort"]:
        if not repo.merge_head():
            die("fatal: there is no merge to abort")
        index = repo.read_index()
        head = head_map(repo)
        current = dict(index.entries)
        for path in index.conflicts:
            current[path] = ("100644", "0" * 40)
        # reset index and worktree to HEAD
        for path in list(current):
            if path not in head:
                remove_work_file(repo, path)
        for path, (mode, oid) in head.items():
            if worktree_state(repo, path) != (mode, oid):
                write_work_file(repo, path, mode, oid)
        index.entries = dict(head)
        index.conflicts = {}
        repo.write_index(index)
        repo.clear_merge_state()
        return 0
    if len(args) != 1 or args[0].startswith("-"):
        die("usage: vcs merge <rev> | --abort")
    rev = args[0]
    index = repo.read_index()
    if repo.merge_head() or index.conflicts:
        die("error: a merge is already in progress; commit or abort it first")
    head = repo.head_commit()
    if head is None:
        die("fatal: cannot merge into an empty branch")
    theirs = resolve(repo, rev)
    if has_local_changes(repo, index):
        die("error: you have local changes; commit them or discard them before merging")
    anc_theirs = ancestors(repo, theirs)
    if theirs == head or theirs in ancestors(repo, head):
        print("Already up to date.")
        return 0
    hmap = head_map(repo)
    tmap_full = repo.flatten_tree(repo.read_commit(theirs)["tree"])
    if head in anc_theirs:
        bad = untracked_obstructions(repo, index, tmap_full)
        if bad:
            die("error: untracked working tree files would be overwritten by merge: " + ", ".join(bad))
        switch_tree(repo, index, hmap, tmap_full)
        repo.update_head(theirs)
        print("Updating %s..%s" % (short(head), short(theirs)))
        print("Fast-forward")
        return 0
    base = merge_base(repo, head, theirs)
    bmap = repo.flatten_tree(repo.read_commit(base)["tree"]) if base else {}
    omap, tmap = hmap, tmap_full
    result = {}
    conflicts = {}
    conflict_msgs = []
    work_writes = {}  # path -> bytes for conflicted files
    for path in sorted(set(bmap) | set(omap) | set(tmap), key=path_sort_key):
        b, o, t = bmap.get(path), omap.get(path), tmap.get(path)
        if o == t:
            if o is not None:
                result[path] = o
            continue
        if o == b:
            if t is not None:
                result[path] = t
            continue
        if t == b:
            if o is not None:
                result[path] = o
            continue
        # both sides changed differently
        if o is not None and t is not None:
            if b is not None and o[1] == t[1]:
                result[path] = o if o != b else t
                continue
            base_lines = split_lines(read_blob(repo, b[1])) if b else []
            merged, conflict = merge3(base_lines, split_lines(read_blob(repo, o[1])),
                                      split_lines(read_blob(repo, t[1])), rev)
            mode = o[0] if (b is None or o[0] != b[0]) else t[0]
            data = join_lines(merged)
            if conflict or b is None:
                if b is None:
                    # add/add: one conflict over the whole file
                    o_lines = split_lines(read_blob(repo, o[1]))
                    t_lines = split_lines(read_blob(repo, t[1]))
                    data = join_lines(["<<<<<<< HEAD"] + o_lines + ["======="] + t_lines + [">>>>>>> " + rev])
                    conflict_msgs.append("CONFLICT (add/add): Merge conflict in %s" % path)
                else:
                    conflict_msgs.append("CONFLICT (content): Merge conflict in %s" % path)
                conflicts[path] = {"base": b[1] if b else None, "ours": o[1], "theirs": t[1]}
                work_writes[path] = (data, mode)
            else:
                oid = repo.write_object("blob", data)
                result[path] = (mode, oid)
            continue
        # modify/delete
        if o is None:
            conflict_msgs.append("CONFLICT (modify/delete): %s deleted in HEAD and modified in %s" % (path, rev))
            conflicts[path] = {"base": b[1], "ours": None, "theirs": t[1]}
            work_writes[path] = (read_blob(repo, t[1]), t[0])
        else:
            conflict_msgs.append("CONFLICT (modify/delete): %s deleted in %s and modified in HEAD" % (path, rev))
            conflicts[path] = {"base": b[1], "ours": o[1], "theirs": None}
    # untracked files that would be overwritten
    wanted = dict(result)
    for path in work_writes:
        wanted[path] = ("100644", "0" * 40)
    bad = untracked_obstructions(repo, index, wanted)
    if bad:
        die("error: untracked working tree files would be overwritten by merge: " + ", ".join(bad))
    # update the working tree
    for path in sorted(hmap, key=path_sort_key, reverse=True):
        if path not in result and path not in conflicts:
            remove_work_file(repo, path)
    for path, (mode, oid) in result.items():
        if hmap.get(path) != (mode, oid):
            write_work_file(repo, path, mode, oid)
    for path, (data, mode) in work_writes.items():
        write_work_bytes(repo, path, data, mode)
    index.entries = result
    index.conflicts = conflicts
    kind, value = repo.read_head()
    if valid_ref_name(rev) and repo.branch_commit(rev):
        msg = "Merge branch '%s'" % rev
    else:
        msg = "Merge commit '%s'" % rev
    if kind == "detached":
        msg += " into HEAD"
    elif value != DEFAULT_BRANCH:
        msg += " into %s" % value
    if conflicts:
        repo.write_index(index)
        write_text(repo.p("MERGE_HEAD"), theirs + "\n")
        for line in conflict_msgs:
            print(line)
        print("Automatic merge failed; fix conflicts and then commit the result.")
        return 1
    repo.write_index(index)
    tree = repo.write_tree_from_map(result)
    oid = repo.write_commit(tree, [head, theirs], msg + "\n")
    repo.update_head(oid)
    print("Merge made by the 'three-way' strategy.")
    return 0


COMMANDS = {
    "init": cmd_init,
    "hash-object": cmd_hash_object,
    "cat-file": cmd_cat_file,
    "add": cmd_add,
    "rm": cmd_rm,
    "commit": cmd_commit,
    "status": cmd_status,
    "log": cmd_log,
    "diff": cmd_diff,
    "show": cmd_show,
    "rev-parse": cmd_rev_parse,
    "ls-files": cmd_ls_files,
    "branch": cmd_branch,
    "tag": cmd_tag,
    "checkout": cmd_checkout,
    "merge": cmd_merge,
}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        sys.stderr.write("usage: vcs <command> [<args>]\ncommands: %s\n" % ", ".join(sorted(COMMANDS)))
        return 1
    try:
        rc = COMMANDS[argv[0]](argv[1:])
    except VcsError as e:
        sys.stdout.flush()
        sys.stderr.write(str(e) + "\n")
        return 1
    sys.stdout.flush()
    return rc or 0

