# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `headers_errors`: error statuses, path traversal, malformed requests, the Date
header and the POST /echo endpoint (Content-Length, chunked, 100-continue)."""

import email.utils
import http.client
import os
import socket
import time

import pytest
import requests

from conftest import ResponseReader, connect, exchange, get_request

pytestmark = pytest.mark.headers_errors


def raw_get(server, path, method="GET", headers=None):
    """http.client sends the target exactly as given (no dot-segment removal)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        r = conn.getresponse()
        return r, r.read()
    finally:
        conn.close()


@pytest.mark.parametrize("target", [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/sub/../../secret.txt",
    "/sub/%2e%2e/%2e%2e/secret.txt",
    "/sub/..%2f..%2fsecret.txt",
    "/..%2fsecret.txt",
    "/bin/../../www/small.txt",
])
def test_path_traversal_forbidden(server, docroot, target):
    r, body = raw_get(server, target)
    assert r.status == 403, target
    assert docroot.secret not in body
    assert body, "error responses need a body"


def test_symlink_escaping_root_forbidden(server, docroot):
    r, body = raw_get(server, "/escape.txt")
    assert r.status == 403
    assert docroot.secret not in body
    r, body = raw_get(server, "/escape-dir/secret.txt")
    assert r.status == 403
    assert docroot.secret not in body


def test_unreadable_file_forbidden(server, docroot):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    r, body = raw_get(server, "/locked.txt")
    assert r.status == 403


@pytest.mark.parametrize("case", ["PUT", "DELETE", "PATCH", "OPTIONS", "POST", "BREW"])
def test_method_not_allowed_on_files(server, docroot, case):
    body = b"x" * 10
    req = get_request("/small.txt", method=case, headers=[("Content-Length", str(len(body)))], body=body)
    s = connect(server)
    try:
        s.sendall(req + get_request("/small.txt"))
        reader = ResponseReader(s)
        r = reader.next(case)
        assert r.status == 405
        allow = {m.strip() for m in (r.headers.get("Allow") or "").split(",")}
        assert allow == {"GET", "HEAD"}
        # the connection stays usable
        r2 = reader.next("GET")
        assert r2.status == 200 and r2.body == docroot.files["/small.txt"]
    finally:
        s.close()


def test_method_not_allowed_on_echo(server, base_url):
    r = requests.get(base_url + "/echo", timeout=15)
    assert r.status_code == 405
    assert r.headers.get("Allow", "").replace(" ", "") == "POST"
    r = requests.put(base_url + "/echo", data=b"abc", timeout=15)
    assert r.status_code == 405


@pytest.mark.parametrize("data", [
    b"GARBAGE\r\n\r\n",
    b"GET /\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
    b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"get / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET small.txt HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / FTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.x\r\nHost: x\r\n\r\n",
    b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /sm\x01all.txt HTTP/1.1\r\nHost: x\r\n\r\n",
])
def test_malformed_request_line(server, data):
    r = exchange(server, data)
    assert r.status == 400
    assert r.body
    assert (r.headers.get("Connection") or "").lower() == "close"
    assert r.closed, "the server must close the connection after a 400"


@pytest.mark.parametrize("case", [0, 1, 2])
def test_malformed_header_lines(server, case):
    bad = [b"NoColonHere", b"Bad Name: value", b"Name : value"][case]
    r = exchange(server, b"GET /small.txt HTTP/1.1\r\nHost: x\r\n" + bad + b"\r\n\r\n")
    assert r.status == 400
    assert r.closed


def test_host_header_rules(server, docroot):
    r = exchange(server, b"GET /small.txt HTTP/1.1\r\nAccept: */*\r\n\r\n")
    assert r.status == 400
    r = exchange(server, b"GET /small.txt HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
    assert r.status == 400
    r = exchange(server, b"GET /small.txt HTTP/1.0\r\n\r\n")
    assert r.status == 200
    assert r.body == docroot.files["/small.txt"]


def test_version_not_supported(server):
    r = exchange(server, b"GET /small.txt HTTP/2.0\r\nHost: x\r\n\r\n")
    assert r.status == 505
    assert r.closed
    r = exchange(server, b"GET /small.txt HTTP/3.7\r\nHost: x\r\n\r\n")
    assert r.status == 505


def test_uri_too_long(server, rng):
    path = "/" + "".join(rng.choice("abcdefghij") for _ in range(9000))
    r = exchange(server, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert r.status == 414
    assert r.closed
    # a long but acceptable path is just not found
    path = "/" + "".join(rng.choice("abcdefghij") for _ in range(4000))
    r = exchange(server, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert r.status == 404


def test_header_section_too_large(server, rng):
    headers = "".join(f"X-Filler-{i}: {'v' * 1000}\r\n" for i in range(80))
    r = exchange(server, f"GET /small.txt HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert r.status == 431
    assert r.closed
    # many headers well below the limit are fine
    headers = "".join(f"X-Filler-{i}: {'v' * 100}\r\n" for i in range(80))
    r = exchange(server, f"GET /small.txt HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert r.status == 200


@pytest.mark.parametrize("target", ["/sm%zzall.txt", "/small.txt%4", "/small%00.txt", "/%ff%fe.txt"])
def test_bad_percent_encoding(server, target):
    r = exchange(server, get_request(target))
    assert r.status == 400


def test_date_header(server, base_url):
    for path in ["/small.txt", "/does-not-exist"]:
        r = requests.get(base_url + path, timeout=15)
        date = r.headers.get("Date")
        assert date, path
        parsed = email.utils.parsedate_to_datetime(date)
        assert parsed.tzinfo is not None
        assert abs(parsed.timestamp() - time.time()) < 120
        assert date.endswith(" GMT")


@pytest.mark.parametrize("size", [0, 1, 5000, 300000])
def test_echo_content_length(server, base_url, rng, size):
    payload = rng.randbytes(size)
    r = requests.post(base_url + "/echo", data=payload, timeout=20)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/octet-stream"
    assert r.headers["Content-Length"] == str(size)
    assert r.content == payload


def test_echo_chunked_with_requests(server, base_url, rng):
    parts = [rng.randbytes(rng.randint(1, 20000)) for _ in range(rng.randint(3, 12))]
    r = requests.post(base_url + "/echo", data=iter(parts), timeout=20)
    assert r.request.headers.get("Transfer-Encoding") == "chunked"
    assert r.status_code == 200
    assert r.content == b"".join(parts)


def test_echo_chunked_raw_extensions_trailers(server, rng):
    parts = [rng.randbytes(rng.randint(1, 3000)) for _ in range(5)]
    body = b""
    for i, p in enumerate(parts):
        size = format(len(p), "x")
        size = size.upper() if i % 2 else size
        ext = b";name=value" if i == 1 else (b" ; a=b;c" if i == 3 else b"")
        body += size.encode() + ext + b"\r\n" + p + b"\r\n"
    body += b"0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n"
    req = (b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body
           + get_request("/echo", method="POST", headers=[("Content-Length", "3")], body=b"abc"))
    s = connect(server)
    try:
        s.sendall(req)
        reader = ResponseReader(s)
        r = reader.next("POST")
        assert r.status == 200
        assert r.body == b"".join(parts)
        r2 = reader.next("POST")
        assert r2.status == 200 and r2.body == b"abc"
    finally:
        s.close()


def test_length_required(server):
    r = exchange(server, b"POST /echo HTTP/1.1\r\nHost: x\r\n\r\n")
    assert r.status == 411
    assert r.closed


def test_body_too_large(server):
    s = connect(server)
    try:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n" + b"z" * 1000)
        reader = ResponseReader(s)
        t0 = time.monotonic()
        r = reader.next("POST")
        assert r.status == 413
        assert time.monotonic() - t0 < 5
        assert reader.at_eof(timeout=5)
    finally:
        s.close()


def test_expect_100_continue(server, rng):
    payload = rng.randbytes(rng.randint(100, 5000))
    s = connect(server)
    try:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                  b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n")
        s.settimeout(5)
        interim = b""
        while b"\r\n\r\n" not in interim:
            data = s.recv(1)
            assert data, "connection closed before 100 Continue"
            interim += data
        assert interim.startswith(b"HTTP/1.1 100"), interim
        s.sendall(payload)
        r = ResponseReader(s).next("POST")
        assert r.status == 200
        assert r.body == payload
    finally:
        s.close()


@pytest.mark.parametrize("case", [0, 1])
def test_bad_chunked_body(server, case):
    body = [b"zz\r\nhello\r\n0\r\n\r\n", b"5\r\nhelloXX0\r\n\r\n"][case]
    r = exchange(server, b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    assert r.status == 400
    assert r.closed


def test_unsupported_transfer_encoding(server):
    r = exchange(server, b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc")
    assert r.status == 501
    assert r.closed


@pytest.mark.parametrize("value", ["abc", "-5", "12 34", "0x10"])
def test_invalid_content_length(server, value):
    r = exchange(server, f"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: {value}\r\n\r\nabc".encode())
    assert r.status == 400
    assert r.closed
