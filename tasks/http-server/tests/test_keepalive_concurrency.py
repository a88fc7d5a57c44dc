# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `keepalive_concurrency`: persistent connections, pipelining, HTTP/1.0, and many,
slow or stalled clients at once."""

import http.client
import threading
import time

import pytest
import requests

from conftest import ResponseReader, connect, get_request, quote_path

pytestmark = pytest.mark.keepalive_concurrency


def test_http_client_reuses_connection(server, docroot, rng):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.connect()
        first = conn.sock
        for i in range(25):
            name = rng.choice(docroot.rand_names + ["/small.txt", "/nope", "/sub/"])
            method = rng.choice(["GET", "GET", "HEAD"])
            conn.request(method, name)
            r = conn.getresponse()
            body = r.read()
            assert conn.sock is first, f"connection was not kept alive (request {i})"
            if name == "/nope":
                assert r.status == 404
            elif method == "GET":
                expected = docroot.files[name if name != "/sub/" else "/sub/index.html"]
                assert body == expected
        conn.request("POST", "/echo", body=b"bye")
        r = conn.getresponse()
        assert r.read() == b"bye"
        assert conn.sock is first
    finally:
        conn.close()


def _random_pipeline(rng, docroot):
    """A list of (raw request bytes, method, check(resp)) for one connection."""
    reqs = []
    for _ in range(rng.randint(12, 20)):
        kind = rng.choice(["file", "file", "head", "missing", "echo-cl", "echo-chunked", "get-body",
                           "range", "405", "percent"])
        if kind == "file":
            name = rng.choice(docroot.rand_names + ["/small.txt", "/empty.txt", "/sub/"])
            data = docroot.files[name if name != "/sub/" else "/sub/index.html"]
            reqs.append((get_request(name), "GET", 200, data))
        elif kind == "head":
            name = rng.choice(docroot.rand_names)
            reqs.append((get_request(name, method="HEAD"), "HEAD", 200, b""))
        elif kind == "missing":
            reqs.append((get_request(f"/missing/{rng.randint(0, 10**9)}"), "GET", 404, None))
        elif kind == "echo-cl":
            body = rng.randbytes(rng.randint(0, 4000))
            reqs.append((get_request("/echo", [("Content-Length", str(len(body)))], method="POST", body=body),
                         "POST", 200, body))
        elif kind == "echo-chunked":
            parts = [rng.randbytes(rng.randint(1, 1500)) for _ in range(rng.randint(1, 4))]
            chunked = b"".join(format(len(p), "x").encode() + b"\r\n" + p + b"\r\n" for p in parts) + b"0\r\n\r\n"
            reqs.append((get_request("/echo", [("Transfer-Encoding", "chunked")], method="POST", body=chunked),
                         "POST", 200, b"".join(parts)))
        elif kind == "get-body":
            junk = rng.randbytes(rng.randint(1, 300))
            reqs.append((get_request("/small.txt", [("Content-Length", str(len(junk)))], body=junk),
                         "GET", 200, docroot.files["/small.txt"]))
        elif kind == "range":
            data = docroot.files["/ranges.bin"]
            a = rng.randrange(len(data))
            b = rng.randrange(a, len(data))
            reqs.append((get_request("/ranges.bin", [("Range", f"bytes={a}-{b}")]), "GET", 206, data[a:b + 1]))
        elif kind == "405":
            reqs.append((get_request("/small.txt", method="DELETE"), "DELETE", 405, None))
        else:
            url, data = rng.choice(sorted(docroot.odd_names.items()))
            reqs.append((get_request(quote_path(url)), "GET", 200, data))
    return reqs


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_pipelining(server, docroot, rng, case):
    reqs = _random_pipeline(rng, docroot)
    stream = b"".join(r[0] for r in reqs)
    s = connect(server)
    try:
        if case == 0:
            s.sendall(stream)  # everything at once
        else:
            # split at random points, some mid-line, with short pauses
            def writer():
                pos = 0
                while pos < len(stream):
                    n = rng.choice([1, 2, 7, 50, 400, 3000])
                    s.sendall(stream[pos:pos + n])
                    pos += n
                    if rng.random() < 0.05:
                        time.sleep(0.01)
            t = threading.Thread(target=writer, daemon=True)
            t.start()
        reader = ResponseReader(s)
        for raw, method, status, body in reqs:
            r = reader.next(method)
            assert r.status == status, raw[:80]
            if body is not None:
                assert r.body == body, raw[:80]
    finally:
        s.close()


def test_connection_close_honoured(server, docroot):
    s = connect(server)
    try:
        s.sendall(get_request("/small.txt", [("Connection", "close")]) + get_request("/small.txt"))
        reader = ResponseReader(s)
        r = reader.next()
        assert r.status == 200 and r.body == docroot.files["/small.txt"]
        assert (r.headers.get("Connection") or "").lower() == "close"
        assert reader.at_eof(timeout=5), "server must close after Connection: close"
    finally:
        s.close()


def test_http10_closes_by_default(server, docroot):
    s = connect(server)
    try:
        s.sendall(b"GET /small.txt HTTP/1.0\r\n\r\n")
        reader = ResponseReader(s)
        r = reader.next()
        assert r.status == 200 and r.body == docroot.files["/small.txt"]
        assert reader.at_eof(timeout=5), "HTTP/1.0 connection must be closed"
    finally:
        s.close()


def test_http10_keep_alive(server, docroot):
    s = connect(server)
    try:
        reader = ResponseReader(s)
        for name in ["/small.txt", "/sub/deeper/leaf.txt", "/missing"]:
            s.sendall(f"GET {name} HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".encode())
            r = reader.next()
            assert (r.headers.get("Connection") or "").lower() == "keep-alive", name
            if name != "/missing":
                assert r.status == 200 and r.body == docroot.files[name]
            else:
                assert r.status == 404
        s.sendall(b"GET /small.txt HTTP/1.0\r\n\r\n")
        r = reader.next()
        assert r.status == 200
        assert reader.at_eof(timeout=5)
    finally:
        s.close()


def test_error_ends_pipeline(server, docroot):
    s = connect(server)
    try:
        s.sendall(get_request("/small.txt") + b"BROKEN LINE\r\n\r\n" + get_request("/small.txt"))
        reader = ResponseReader(s)
        assert reader.next().status == 200
        assert reader.next().status == 400
        assert reader.at_eof(timeout=5), "nothing may follow a 400"
    finally:
        s.close()


def test_idle_connection_kept_open(server, docroot):
    s = connect(server)
    try:
        reader = ResponseReader(s)
        s.sendall(get_request("/small.txt"))
        assert reader.next().status == 200
        time.sleep(2.5)
        s.sendall(get_request("/small.txt"))
        r = reader.next()
        assert r.status == 200 and r.body == docroot.files["/small.txt"]
    finally:
        s.close()


def test_concurrent_clients(server, docroot, base_url, rng):
    names = [rng.choice(docroot.rand_names + ["/small.txt", "/big.bin"]) for _ in range(60)]
    errors = []
    barrier = threading.Barrier(len(names))

    def worker(i, name):
        try:
            barrier.wait(timeout=15)
            with requests.Session() as sess:
                for _ in range(2):
                    r = sess.get(base_url + name, timeout=20)
                    if r.status_code != 200 or r.content != docroot.files[name]:
                        errors.append((i, name, r.status_code))
                payload = f"client {i}".encode() * 50
                r = sess.post(base_url + "/echo", data=payload, timeout=20)
                if r.content != payload:
                    errors.append((i, "echo"))
        except Exception as e:  # noqa: BLE001
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=worker, args=(i, n), daemon=True) for i, n in enumerate(names)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "clients still waiting after 30 s"
    assert not errors, errors[:5]
    assert time.monotonic() - t0 < 30


def test_many_open_connections(server, docroot):
    socks = []
    try:
        for _ in range(100):
            socks.append(connect(server))
        # every connection is accepted and served, in reverse order of opening
        for s in reversed(socks):
            s.sendall(get_request("/small.txt"))
        for s in socks:
            r = ResponseReader(s).next()
            assert r.status == 200 and r.body == docroot.files["/small.txt"]
    finally:
        for s in socks:
            s.close()


def _quick_requests(server, docroot, n, limit):
    t0 = time.monotonic()
    for i in range(n):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=limit)
        try:
            conn.request("GET", "/small.txt")
            r = conn.getresponse()
            assert r.status == 200 and r.read() == docroot.files["/small.txt"]
        finally:
            conn.close()
    return time.monotonic() - t0


def test_stalled_clients_do_not_block_others(server, docroot):
    stalled = []
    try:
        for partial in [b"GET /sma", b"GET /small.txt HTTP/1.1\r\nHo",
                        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a bit",
                        b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
                        b""]:
            s = connect(server)
            if partial:
                s.sendall(partial)
            stalled.append(s)
        time.sleep(0.3)
        elapsed = _quick_requests(server, docroot, 20, limit=5)
        assert elapsed < 10
    finally:
        for s in stalled:
            s.close()


def test_slow_client_trickling_bytes(server, docroot):
    """One client sends its request a byte at a time while others are served."""
    req = get_request("/small.txt", [("X-Padding", "p" * 3000)])
    result = {}
    others_done = threading.Event()

    def trickle():
        s = connect(server, timeout=30)
        try:
            pos = 0
            while pos < len(req) - 1 and not others_done.is_set():
                s.sendall(req[pos:pos + 1])
                pos += 1
                time.sleep(0.01)
            result["remaining"] = len(req) - pos
            s.sendall(req[pos:])
            result["resp"] = ResponseReader(s).next()
        except Exception as e:  # noqa: BLE001
            result["error"] = repr(e)
        finally:
            s.close()

    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    time.sleep(0.2)
    try:
        elapsed = _quick_requests(server, docroot, 20, limit=5)
    finally:
        others_done.set()
    assert elapsed < 10
    t.join(timeout=20)
    assert "error" not in result, result.get("error")
    assert result["remaining"] > 0, "the trickling client should still have been sending"
    assert result["resp"].status == 200 and result["resp"].body == docroot.files["/small.txt"]


def test_slow_reader_does_not_block_others(server, docroot):
    """A client that asks for a big file and does not read it must not stall the server."""
    slow = connect(server)
    try:
        slow.sendall(get_request("/huge.bin") + get_request("/huge.bin"))
        time.sleep(0.5)
        elapsed = _quick_requests(server, docroot, 20, limit=5)
        assert elapsed < 10
        r = requests.get(f"http://127.0.0.1:{server.port}/big.bin", timeout=15)
        assert r.content == docroot.files["/big.bin"]
        # the slow client still gets its whole (first) response, byte for byte
        reader = ResponseReader(slow)
        slow.settimeout(30)
        r = reader.next()
        assert r.status == 200
        assert r.body == docroot.files["/huge.bin"]
    finally:
        slow.close()


def test_requests_session_mixed_traffic(server, docroot, base_url, rng):
    with requests.Session() as sess:
        for _ in range(40):
            kind = rng.choice(["get", "head", "echo", "range", "404"])
            name = rng.choice(docroot.rand_names)
            data = docroot.files[name]
            if kind == "get":
                r = sess.get(base_url + name, timeout=15)
                assert r.status_code == 200 and r.content == data
            elif kind == "head":
                r = sess.head(base_url + name, timeout=15)
                assert r.status_code == 200 and r.headers["Content-Length"] == str(len(data))
            elif kind == "echo":
                payload = rng.randbytes(rng.randint(0, 20000))
                r = sess.post(base_url + "/echo", data=payload, timeout=15)
                assert r.content == payload
            elif kind == "range":
                a = rng.randrange(len(data))
                r = sess.get(base_url + name, headers={"Range": f"bytes={a}-"}, timeout=15)
                assert r.status_code == 206 and r.content == data[a:]
            else:
                r = sess.get(base_url + "/missing-" + name.strip("/"), timeout=15)
                assert r.status_code == 404
