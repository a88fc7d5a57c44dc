# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `ranges_conditional`: single byte ranges (206 / 416 / ignored), Last-Modified
and If-Modified-Since (304)."""

import email.utils
import http.client
import os

import pytest
import requests

from conftest import ResponseReader, connect, get_request

pytestmark = pytest.mark.ranges_conditional


def fetch(server, path, headers=None, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        return r, r.read()
    finally:
        conn.close()


def random_range(rng, size, form):
    if form == "closed":
        a = rng.randrange(size)
        b = rng.randrange(a, size)
        return f"bytes={a}-{b}", a, b
    if form == "open":
        a = rng.randrange(size)
        return f"bytes={a}-", a, size - 1
    if form == "suffix":
        n = rng.randint(1, size)
        return f"bytes=-{n}", size - n, size - 1
    if form == "clamped":
        a = rng.randrange(size)
        b = size + rng.randint(0, 10000)
        return f"bytes={a}-{b}", a, size - 1
    if form == "suffix-too-long":
        return f"bytes=-{size + rng.randint(1, 1000)}", 0, size - 1
    if form == "single-byte":
        a = rng.randrange(size)
        return f"bytes={a}-{a}", a, a
    raise AssertionError(form)


@pytest.mark.parametrize("form", ["closed", "open", "suffix", "clamped", "suffix-too-long", "single-byte"])
def test_satisfiable_range(server, docroot, rng, form):
    for name in ["/ranges.bin", rng.choice(docroot.rand_names[1:]), "/big.bin"]:
        data = docroot.files[name]
        if not data:
            continue
        spec, a, b = random_range(rng, len(data), form)
        r, body = fetch(server, name, {"Range": spec})
        assert r.status == 206, (name, spec)
        assert body == data[a:b + 1], (name, spec)
        assert r.getheader("Content-Length") == str(b - a + 1)
        assert r.getheader("Content-Range") == f"bytes {a}-{b}/{len(data)}", spec


def test_range_with_requests_and_type_headers(server, docroot, base_url):
    data = docroot.files["/types/file-json.json"]
    r = requests.get(base_url + "/types/file-json.json", headers={"Range": "bytes=2-5"}, timeout=15)
    assert r.status_code == 206
    assert r.content == data[2:6]
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers.get("Accept-Ranges") == "bytes"
    assert r.headers.get("Last-Modified")


@pytest.mark.parametrize("case", ["at-size", "beyond", "suffix-zero", "empty-file"])
def test_unsatisfiable_range(server, docroot, rng, case):
    name = "/ranges.bin"
    size = len(docroot.files[name])
    spec = {
        "at-size": f"bytes={size}-",
        "beyond": f"bytes={size + rng.randint(1, 9999)}-{size + 20000}",
        "suffix-zero": "bytes=-0",
        "empty-file": "bytes=0-10",
    }[case]
    if case == "empty-file":
        name, size = "/empty.txt", 0
    r, body = fetch(server, name, {"Range": spec})
    assert r.status == 416, spec
    assert r.getheader("Content-Range") == f"bytes */{size}"


@pytest.mark.parametrize("spec", ["bytes=5-2", "items=0-3", "bytes=abc", "bytes=0-1,4-5", "bytes 0-3",
                                  "bytes=-"])
def test_invalid_or_multiple_ranges_ignored(server, docroot, spec):
    r, body = fetch(server, "/ranges.bin", {"Range": spec})
    assert r.status == 200, spec
    assert body == docroot.files["/ranges.bin"]
    assert r.getheader("Content-Range") is None


def test_range_ignored_for_head(server, docroot):
    r, body = fetch(server, "/ranges.bin", {"Range": "bytes=0-9"}, method="HEAD")
    assert r.status == 200
    assert body == b""
    assert r.getheader("Content-Length") == str(len(docroot.files["/ranges.bin"]))


def test_last_modified(server, docroot):
    r, _ = fetch(server, "/dated.txt")
    assert r.status == 200
    assert r.getheader("Last-Modified") == email.utils.formatdate(docroot.mtime, usegmt=True)
    r, _ = fetch(server, "/ranges.bin")
    assert r.getheader("Last-Modified") == email.utils.formatdate(docroot.mtime + 17, usegmt=True)
    r, _ = fetch(server, "/small.txt")
    mtime = int(os.stat(docroot.path("/small.txt")).st_mtime)
    assert email.utils.parsedate_to_datetime(r.getheader("Last-Modified")).timestamp() == mtime


@pytest.mark.parametrize("delta", [0, 1, 3600, 86400 * 400])
def test_if_modified_since_not_modified(server, docroot, delta):
    ims = email.utils.formatdate(docroot.mtime + delta, usegmt=True)
    for method in ("GET", "HEAD"):
        r, body = fetch(server, "/dated.txt", {"If-Modified-Since": ims}, method=method)
        assert r.status == 304, (ims, method)
        assert body == b""


@pytest.mark.parametrize("delta", [1, 2, 86400 * 30])
def test_if_modified_since_modified(server, docroot, delta):
    ims = email.utils.formatdate(docroot.mtime - delta, usegmt=True)
    r, body = fetch(server, "/dated.txt", {"If-Modified-Since": ims})
    assert r.status == 200
    assert body == docroot.files["/dated.txt"]


def test_if_modified_since_other_formats_and_garbage(server, docroot):
    # RFC 850 and asctime forms are valid HTTP dates too
    import datetime
    dt = datetime.datetime.fromtimestamp(docroot.mtime + 5, datetime.timezone.utc)
    asctime = dt.strftime("%a %b ") + f"{dt.day:>2}" + dt.strftime(" %H:%M:%S %Y")
    r, body = fetch(server, "/dated.txt", {"If-Modified-Since": asctime})
    assert r.status == 304, asctime
    for junk in ["yesterday", "not a date at all", "Xyz, 99 Foo 2020 99:99:99 GMT"]:
        r, body = fetch(server, "/dated.txt", {"If-Modified-Since": junk})
        assert r.status == 200, junk
        assert body == docroot.files["/dated.txt"]


def test_304_takes_precedence_over_range(server, docroot):
    ims = email.utils.formatdate(docroot.mtime + 100, usegmt=True)
    r, body = fetch(server, "/ranges.bin", {"If-Modified-Since": ims, "Range": "bytes=0-3"})
    assert r.status == 304
    old = email.utils.formatdate(docroot.mtime - 100, usegmt=True)
    r, body = fetch(server, "/ranges.bin", {"If-Modified-Since": old, "Range": "bytes=0-3"})
    assert r.status == 206
    assert body == docroot.files["/ranges.bin"][:4]


def test_conditional_and_ranges_on_one_connection(server, docroot):
    ims = email.utils.formatdate(docroot.mtime, usegmt=True)
    data = docroot.files["/ranges.bin"]
    reqs = [
        (get_request("/dated.txt", [("If-Modified-Since", ims)]), "GET", 304, b""),
        (get_request("/ranges.bin", [("Range", "bytes=10-19")]), "GET", 206, data[10:20]),
        (get_request("/dated.txt", [("If-Modified-Since", ims)], method="HEAD"), "HEAD", 304, b""),
        (get_request("/ranges.bin", [("Range", f"bytes={len(data)}-")]), "GET", 416, None),
        (get_request("/ranges.bin", [("Range", "bytes=-7")]), "GET", 206, data[-7:]),
        (get_request("/small.txt"), "GET", 200, docroot.files["/small.txt"]),
    ]
    s = connect(server)
    try:
        s.sendall(b"".join(r[0] for r in reqs))
        reader = ResponseReader(s)
        for raw, method, status, body in reqs:
            r = reader.next(method)
            assert r.status == status, raw
            if body is not None:
                assert r.body == body, raw
    finally:
        s.close()
