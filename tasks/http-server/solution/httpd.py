#!/usr/bin/env python3
"""A small HTTP/1.1 static file server on raw sockets (reference solution).

One thread per connection; every response carries Content-Length.
"""

import argparse
import datetime
import email.utils
import html
import os
import re
import socket
import stat
import sys
import threading
import time
import urllib.parse

MAX_REQUEST_LINE = 8192
MAX_HEADER_SECTION = 65536
MAX_BODY = 10 * 1024 * 1024
IDLE_TIMEOUT = 15.0
CHUNK = 64 * 1024

REASONS = {
    100: "Continue",
    200: "OK",
    206: "Partial Content",
    301: "Moved Permanently",
    304: "Not Modified",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    505: "HTTP Version Not Supported",
}

CLOSING_STATUSES = {400, 411, 413, 414, 431, 501, 505}

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".wasm": "application/wasm",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
}

TOKEN_RE = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
METHOD_RE = re.compile(r"^[A-Z]+$")
VERSION_RE = re.compile(r"^HTTP/(\d)\.(\d)$")
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
HEX_RE = re.compile(r"^[0-9A-Fa-f]+$")


class HttpError(Exception):
    def __init__(self, status, message=None, headers=None):
        super().__init__(message or REASONS.get(status, ""))
        self.status = status
        self.headers = headers or []


class ConnectionGone(Exception):
    pass


class Reader:
    """Buffered reads from a socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = bytearray()

    def _fill(self):
        try:
            data = self.sock.recv(CHUNK)
        except (socket.timeout, ConnectionError, OSError):
            raise ConnectionGone()
        if not data:
            raise ConnectionGone()
        self.buf += data

    def has_buffered(self):
        return bool(self.buf)

    def read_head(self):
        """The request line and header lines (bytes, without the final blank line)."""
        # Ignore empty lines before a request (RFC 9112 section 2.2).
        while True:
            while not self.buf:
                self._fill()
            if self.buf.startswith(b"\r\n"):
                del self.buf[:2]
            elif self.buf.startswith(b"\n"):
                del self.buf[:1]
            elif self.buf == b"\r":
                self._fill()
            else:
                break
        pos = 0
        while True:
            nl = self.buf.find(b"\n", pos)
            if nl < 0:
                if pos == 0 and len(self.buf) > MAX_REQUEST_LINE:
                    raise HttpError(414)
                if len(self.buf) > MAX_HEADER_SECTION:
                    raise HttpError(431)
                self._fill()
                continue
            if pos == 0 and nl > MAX_REQUEST_LINE:
                raise HttpError(414)
            line = self.buf[pos:nl + 1]
            if pos > 0 and line in (b"\r\n", b"\n"):
                head = bytes(self.buf[:pos])
                del self.buf[:nl + 1]
                return head
            pos = nl + 1
            if pos > MAX_HEADER_SECTION:
                raise HttpError(431)

    def read_exact(self, n):
        while len(self.buf) < n:
            self._fill()
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def read_line(self, limit=8192):
        while True:
            idx = self.buf.find(b"\n")
            if idx >= 0:
                line = bytes(self.buf[:idx + 1])
                del self.buf[:idx + 1]
                return line
            if len(self.buf) > limit:
                raise HttpError(400, "line too long")
            self._fill()


class Request:
    def __init__(self):
        self.method = ""
        self.target = ""
        self.version = (1, 1)
        self.headers = {}
        self.body = b""

    def header(self, name, default=None):
        values = self.headers.get(name.lower())
        if not values:
            return default
        return values[0]

    def header_all(self, name):
        return self.headers.get(name.lower(), [])


def http_date(ts=None):
    return email.utils.formatdate(time.time() if ts is None else ts, usegmt=True)


def parse_head(head):
    text = head.decode("iso-8859-1")
    lines = text.split("\n")
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise HttpError(400)
    request_line = lines[0]
    if len(request_line) > MAX_REQUEST_LINE:
        raise HttpError(414)
    parts = request_line.split(" ")
    if len(parts) != 3:
        raise HttpError(400, "malformed request line")
    method, target, version = parts
    if not METHOD_RE.match(method):
        raise HttpError(400, "malformed method")
    m = VERSION_RE.match(version)
    if not m:
        raise HttpError(400, "malformed version")
    req = Request()
    req.method = method
    req.version = (int(m.group(1)), int(m.group(2)))
    if not target.startswith("/") or any(c in target for c in "\x00\t\r "):
        raise HttpError(400, "malformed request target")
    if any(ord(c) < 0x21 or ord(c) > 0x7E for c in target):
        raise HttpError(400, "malformed request target")
    req.target = target
    if req.version not in ((1, 0), (1, 1)):
        raise HttpError(505)
    for line in lines[1:]:
        if ":" not in line:
            raise HttpError(400, "malformed header line")
        name, value = line.split(":", 1)
        if not TOKEN_RE.match(name):
            raise HttpError(400, "malformed header name")
        req.headers.setdefault(name.lower(), []).append(value.strip(" \t"))
    if req.version == (1, 1) and not req.header_all("host"):
        raise HttpError(400, "missing Host header")
    if len(req.header_all("host")) > 1:
        raise HttpError(400, "several Host headers")
    return req


def connection_tokens(req):
    tokens = set()
    for value in req.header_all("connection"):
        for tok in value.split(","):
            tok = tok.strip().lower()
            if tok:
                tokens.add(tok)
    return tokens


def wants_keepalive(req):
    tokens = connection_tokens(req)
    if req.version >= (1, 1):
        return "close" not in tokens
    return "keep-alive" in tokens


def decode_path(target):
    path = target.split("?", 1)[0].split("#", 1)[0]
    raw = path.encode("ascii")
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x25:  # %
            hexpart = raw[i + 1:i + 3]
            if len(hexpart) != 2 or not HEX_RE.match(hexpart.decode("ascii")):
                raise HttpError(400, "bad percent-encoding")
            out.append(int(hexpart, 16))
            i += 3
        else:
            out.append(c)
            i += 1
    if 0 in out:
        raise HttpError(400, "NUL in path")
    try:
        return bytes(out).decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "path is not UTF-8")


class Handler:
    def __init__(self, sock, root):
        self.sock = sock
        self.root = root
        self.reader = Reader(sock)

    # -- output -----------------------------------------------------------
    def send_response(self, status, headers, body=b"", head_only=False, close=False):
        lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Unknown"))]
        lines.append("Date: " + http_date())
        lines.append("Server: minihttpd")
        for name, value in headers:
            lines.append("%s: %s" % (name, value))
        if close:
            lines.append("Connection: close")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if not head_only and body:
            data += body
        self.sock.sendall(data)

    def send_error(self, status, req=None, close=False, extra=None, keepalive_header=False):
        body = ("<!DOCTYPE html>\n<html><head><title>%d %s</title></head>"
                "<body><h1>%d %s</h1></body></html>\n" % (status, REASONS.get(status, ""),
                                                          status, REASONS.get(status, ""))).encode()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        if extra:
            headers.extend(extra)
        if keepalive_header and not close:
            headers.append(("Connection", "keep-alive"))
        head_only = req is not None and req.method == "HEAD"
        self.send_response(status, headers, body, head_only=head_only, close=close)

    # -- body -------------------------------------------------------------
    def read_body(self, req):
        te = req.header_all("transfer-encoding")
        cl = req.header_all("content-length")
        if te:
            codings = [t.strip().lower() for t in ",".join(te).split(",") if t.strip()]
            if codings != ["chunked"]:
                raise HttpError(501, "unsupported transfer coding")
            if cl:
                raise HttpError(400, "both Content-Length and Transfer-Encoding")
            self.maybe_continue(req)
            return self.read_chunked()
        if cl:
            values = set(v.strip() for v in ",".join(cl).split(","))
            if len(values) != 1:
                raise HttpError(400, "conflicting Content-Length")
            value = values.pop()
            if not value.isdigit() or not value.isascii():
                raise HttpError(400, "bad Content-Length")
            n = int(value)
            if n > MAX_BODY:
                raise HttpError(413)
            if n == 0:
                return b""
            self.maybe_continue(req)
            return self.reader.read_exact(n)
        if req.method == "POST":
            raise HttpError(411)
        return b""

    def maybe_continue(self, req):
        expect = req.header("expect")
        if expect is not None and expect.lower() == "100-continue" and req.version >= (1, 1):
            if not self.reader.has_buffered():
                self.sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

    def read_chunked(self):
        body = bytearray()
        while True:
            line = self.reader.read_line()
            size_text = line.split(b";", 1)[0].strip()
            if not size_text or not HEX_RE.match(size_text.decode("latin-1")):
                raise HttpError(400, "bad chunk size")
            size = int(size_text, 16)
            if size == 0:
                break
            if len(body) + size > MAX_BODY:
                raise HttpError(413)
            body += self.reader.read_exact(size)
            crlf = self.reader.read_line()
            if crlf.strip(b"\r\n") != b"":
                raise HttpError(400, "missing CRLF after chunk")
        # trailers
        while True:
            line = self.reader.read_line()
            if line in (b"\r\n", b"\n"):
                break
        return bytes(body)

    # -- main loop ----------------------------------------------------------
    def run(self):
        try:
            while True:
                try:
                    head = self.reader.read_head()
                except ConnectionGone:
                    return
                except HttpError as e:
                    self.send_error(e.status, close=True)
                    self.linger()
                    return
                req = None
                try:
                    req = parse_head(head)
                    req.body = self.read_body(req)
                    keep = wants_keepalive(req)
                    self.handle(req, keep)
                    if not keep:
                        self.sock.shutdown(socket.SHUT_WR)
                        self.linger()
                        return
                except HttpError as e:
                    close = e.status in CLOSING_STATUSES or req is None or not wants_keepalive(req)
                    self.send_error(e.status, req, close=close, extra=e.headers,
                                    keepalive_header=req is not None and req.version == (1, 0))
                    if close:
                        self.linger()
                        return
        except ConnectionGone:
            return
        except OSError:
            return
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def linger(self):
        """Read and discard what the client still sends, briefly, so it gets no reset."""
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        deadline = time.monotonic() + 1.0
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self.sock.settimeout(remaining)
                data = self.sock.recv(CHUNK)
                if not data:
                    break
        except OSError:
            pass

    def handle(self, req, keep):
        ka = [("Connection", "keep-alive")] if (keep and req.version == (1, 0)) else []
        path = decode_path(req.target)
        segments = path.split("/")
        if ".." in segments:
            raise HttpError(403, "path traversal")
        if path == "/echo":
            if req.method != "POST":
                raise HttpError(405, headers=[("Allow", "POST")])
            headers = [("Content-Type", "application/octet-stream"),
                       ("Content-Length", str(len(req.body)))] + ka
            self.send_response(200, headers, req.body, close=not keep)
            return
        if req.method not in ("GET", "HEAD"):
            raise HttpError(405, headers=[("Allow", "GET, HEAD")])
        self.serve_static(req, path, keep, ka)

    def serve_static(self, req, path, keep, ka):
        rel = path.lstrip("/")
        fs_path = os.path.join(self.root, *[s for s in rel.split("/") if s not in ("", ".")])
        real = os.path.realpath(fs_path)
        if real != self.root and not real.startswith(self.root + os.sep):
            raise HttpError(403, "outside the document root")
        try:
            st = os.stat(real)
        except FileNotFoundError:
            raise HttpError(404)
        except PermissionError:
            raise HttpError(403)
        except OSError:  # not a directory, name too long, ...
            raise HttpError(404)
        if stat.S_ISDIR(st.st_mode):
            if not path.endswith("/"):
                raw_path = req.target.split("?", 1)
                location = raw_path[0] + "/" + ("?" + raw_path[1] if len(raw_path) > 1 else "")
                body = b"<html><body>Moved</body></html>\n"
                headers = [("Location", location), ("Content-Type", "text/html; charset=utf-8"),
                           ("Content-Length", str(len(body)))] + ka
                self.send_response(301, headers, body, head_only=req.method == "HEAD", close=not keep)
                return
            index = os.path.join(real, "index.html")
            if os.path.isfile(index):
                real = index
                st = os.stat(real)
            else:
                self.send_listing(req, real, path, keep, ka)
                return
        if not stat.S_ISREG(st.st_mode):
            raise HttpError(403)
        try:
            f = open(real, "rb")
        except PermissionError:
            raise HttpError(403)
        except OSError:
            raise HttpError(404)
        with f:
            st = os.fstat(f.fileno())
            size = st.st_size
            mtime = int(st.st_mtime)
            ext = os.path.splitext(real)[1].lower()
            ctype = MIME_TYPES.get(ext, "application/octet-stream")
            base = [("Last-Modified", http_date(mtime))]
            ims = req.header("if-modified-since")
            if ims is not None:
                try:
                    ims_dt = email.utils.parsedate_to_datetime(ims)
                except (TypeError, ValueError, IndexError):
                    ims_dt = None
                if ims_dt is not None:
                    if ims_dt.tzinfo is None:
                        ims_dt = ims_dt.replace(tzinfo=datetime.timezone.utc)
                    if mtime <= ims_dt.timestamp():
                        self.send_response(304, base + ka, close=not keep)
                        return
            start, end = 0, size - 1
            status = 200
            rng = req.header("range") if req.method == "GET" else None
            if rng is not None:
                parsed = parse_range(rng.strip(), size)
                if parsed == "unsatisfiable":
                    body = b"Range Not Satisfiable\n"
                    headers = [("Content-Range", "bytes */%d" % size),
                               ("Content-Type", "text/plain; charset=utf-8"),
                               ("Content-Length", str(len(body)))] + base + ka
                    self.send_response(416, headers, body, close=not keep)
                    return
                if parsed is not None:
                    start, end = parsed
                    status = 206
            length = end - start + 1 if size else 0
            headers = [("Content-Type", ctype), ("Content-Length", str(length)),
                       ("Accept-Ranges", "bytes")] + base
            if status == 206:
                headers.append(("Content-Range", "bytes %d-%d/%d" % (start, end, size)))
            headers += ka
            self.send_response(status, headers, head_only=True, close=not keep)
            if req.method == "HEAD" or length == 0:
                return
            f.seek(start)
            remaining = length
            while remaining > 0:
                data = f.read(min(CHUNK, remaining))
                if not data:
                    # the file shrank: we cannot keep our promise, drop the connection
                    raise ConnectionGone()
                self.sock.sendall(data)
                remaining -= len(data)

    def send_listing(self, req, real, path, keep, ka):
        try:
            names = sorted(os.listdir(real))
        except PermissionError:
            raise HttpError(403)
        items = []
        for name in names:
            is_dir = os.path.isdir(os.path.join(real, name))
            href = urllib.parse.quote(name) + ("/" if is_dir else "")
            text = html.escape(name + ("/" if is_dir else ""))
            items.append('<li><a href="%s">%s</a></li>' % (html.escape(href, quote=True), text))
        title = html.escape("Index of " + path)
        body = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
                "<body><h1>%s</h1>\n<ul>\n%s\n</ul>\n</body></html>\n"
                % (title, title, "\n".join(items))).encode("utf-8")
        headers = [("Content-Type", "text/html; charset=utf-8"),
                   ("Content-Length", str(len(body)))] + ka
        self.send_response(200, headers, body, head_only=req.method == "HEAD", close=not keep)


def parse_range(value, size):
    """(start, end) for a satisfiable single range, "unsatisfiable", or None (ignore)."""
    m = RANGE_RE.match(value)
    if not m:
        return None
    first, last = m.group(1), m.group(2)
    if first == "" and last == "":
        return None
    if first == "":
        n = int(last)
        if n == 0 or size == 0:
            return "unsatisfiable"
        n = min(n, size)
        return size - n, size - 1
    a = int(first)
    if last != "":
        b = int(last)
        if b < a:
            return None
    else:
        b = size - 1
    if a >= size:
        return "unsatisfiable"
    return a, min(b, size - 1)


def serve(port, root, host):
    root = os.path.realpath(root)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(256)
    while True:
        try:
            conn, _ = listener.accept()
        except InterruptedError:
            continue
        except OSError:
            time.sleep(0.05)
            continue
        conn.settimeout(IDLE_TIMEOUT)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        t = threading.Thread(target=Handler(conn, root).run, daemon=True)
        t.start()


def main(argv=None):
    parser = argparse.ArgumentParser(description="A small HTTP/1.1 static file server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    threading.stack_size(512 * 1024)
    try:
        serve(args.port, args.root, args.host)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
