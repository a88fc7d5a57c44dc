#!/usr/bin/env python3
"""A key-value server speaking a subset of RESP2 (the Redis protocol).

Single-threaded event loop on `selectors`: every command runs atomically, many clients are served
at once, pipelined commands are answered in order.  Snapshots (SAVE, SIGTERM) go to DATADIR.
"""

import argparse
import base64
import json
import os
import selectors
import signal
import socket
import sys
import time

from kvstore import CommandError, NullArray, Simple, Store, dispatch

SNAPSHOT_NAME = "dump.kvjson"


class ProtocolError(Exception):
    pass


class Client:
    __slots__ = ("sock", "inbuf", "outbuf", "closing")

    def __init__(self, sock):
        self.sock = sock
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.closing = False


def encode(value):
    """Encode a Python reply value as RESP2."""
    if value is None:
        return b"$-1\r\n"
    if isinstance(value, Simple):
        return b"+" + value.text.encode() + b"\r\n"
    if isinstance(value, CommandError):
        return b"-" + str(value).encode() + b"\r\n"
    if isinstance(value, bool):
        return b":1\r\n" if value else b":0\r\n"
    if isinstance(value, int):
        return b":" + str(value).encode() + b"\r\n"
    if isinstance(value, (bytes, bytearray)):
        return b"$" + str(len(value)).encode() + b"\r\n" + bytes(value) + b"\r\n"
    if isinstance(value, NullArray):
        return b"*-1\r\n"
    if isinstance(value, list):
        parts = [b"*" + str(len(value)).encode() + b"\r\n"]
        parts.extend(encode(v) for v in value)
        return b"".join(parts)
    raise TypeError(f"cannot encode {value!r}")


def parse_command(buf):
    """Parse one command from buf. Returns (args, consumed) or (None, 0) if incomplete."""
    if not buf:
        return None, 0
    if buf[0:1] != b"*":
        # inline command
        nl = buf.find(b"\n")
        if nl < 0:
            if len(buf) > 64 * 1024:
                raise ProtocolError("too big inline request")
            return None, 0
        line = bytes(buf[:nl]).rstrip(b"\r")
        return line.split(), nl + 1
    nl = buf.find(b"\r\n")
    if nl < 0:
        if len(buf) > 64 * 1024:
            raise ProtocolError("too big mbulk count string")
        return None, 0
    try:
        count = int(buf[1:nl])
    except ValueError:
        raise ProtocolError("invalid multibulk length")
    if count > 1024 * 1024:
        raise ProtocolError("invalid multibulk length")
    pos = nl + 2
    args = []
    for _ in range(max(count, 0)):
        if pos >= len(buf):
            return None, 0
        if buf[pos:pos + 1] != b"$":
            raise ProtocolError("expected '$', got '%s'" % chr(buf[pos]))
        nl = buf.find(b"\r\n", pos)
        if nl < 0:
            if len(buf) - pos > 64 * 1024:
                raise ProtocolError("too big bulk count string")
            return None, 0
        try:
            size = int(buf[pos + 1:nl])
        except ValueError:
            raise ProtocolError("invalid bulk length")
        if size < 0 or size > 512 * 1024 * 1024:
            raise ProtocolError("invalid bulk length")
        start = nl + 2
        end = start + size
        if end + 2 > len(buf):
            return None, 0
        if buf[end:end + 2] != b"\r\n":
            raise ProtocolError("bulk not terminated by CRLF")
        args.append(bytes(buf[start:end]))
        pos = end + 2
    return args, pos


class Server:
    def __init__(self, host, port, datadir):
        self.datadir = datadir
        self.store = Store()
        self.load()
        self.sel = selectors.DefaultSelector()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, port))
        self.listener.listen(512)
        self.listener.setblocking(False)
        self.sel.register(self.listener, selectors.EVENT_READ, None)
        self.stopping = False

    # -- persistence -----------------------------------------------------
    def snapshot_path(self):
        return os.path.join(self.datadir, SNAPSHOT_NAME)

    def save(self):
        os.makedirs(self.datadir, exist_ok=True)
        self.store.purge_expired()
        b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
        entries = []
        for key, value in self.store.data.items():
            if isinstance(value, bytes):
                kind, payload = "string", b64(value)
            elif isinstance(value, list):
                kind, payload = "list", [b64(x) for x in value]
            else:
                kind, payload = "hash", [[b64(f), b64(v)] for f, v in value.items()]
            entries.append({"key": b64(key), "type": kind, "value": payload,
                            "expire_ms": self.store.expires.get(key)})
        tmp = self.snapshot_path() + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"version": 1, "entries": entries}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.snapshot_path())

    def load(self):
        path = self.snapshot_path()
        if not os.path.exists(path):
            return
        with open(path) as f:
            doc = json.load(f)
        now = time.time() * 1000
        d = base64.b64decode
        for e in doc.get("entries", []):
            exp = e.get("expire_ms")
            if exp is not None and exp <= now:
                continue
            key = d(e["key"])
            if e["type"] == "string":
                self.store.data[key] = d(e["value"])
            elif e["type"] == "list":
                self.store.data[key] = [d(x) for x in e["value"]]
            else:
                self.store.data[key] = {d(f): d(v) for f, v in e["value"]}
            if exp is not None:
                self.store.expires[key] = exp

    # -- event loop ----------------------------------------------------------
    def serve(self):
        last_sweep = time.monotonic()
        while not self.stopping:
            for sk, events in self.sel.select(timeout=0.1):
                if sk.data is None:
                    self.accept()
                else:
                    client = sk.data
                    if events & selectors.EVENT_READ:
                        self.on_readable(client)
                    if events & selectors.EVENT_WRITE and client.sock.fileno() != -1:
                        self.flush(client)
            now = time.monotonic()
            if now - last_sweep > 0.1:
                self.store.purge_expired()
                last_sweep = now
        self.save()

    def accept(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client = Client(sock)
            self.sel.register(sock, selectors.EVENT_READ, client)

    def close(self, client):
        try:
            self.sel.unregister(client.sock)
        except (KeyError, ValueError):
            pass
        client.sock.close()

    def on_readable(self, client):
        try:
            data = client.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close(client)
            return
        if not data:
            self.close(client)
            return
        client.inbuf += data
        replies = []
        while client.inbuf and not client.closing:
            try:
                args, used = parse_command(client.inbuf)
            except ProtocolError as exc:
                replies.append(b"-ERR Protocol error: " + str(exc).encode() + b"\r\n")
                client.closing = True
                client.inbuf.clear()
                break
            if args is None:
                break
            del client.inbuf[:used]
            if not args:
                continue
            try:
                result = dispatch(self, args)
            except CommandError as exc:
                result = exc
            replies.append(encode(result))
        if replies:
            client.outbuf += b"".join(replies)
            self.flush(client)

    def flush(self, client):
        while client.outbuf:
            try:
                n = client.sock.send(client.outbuf)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self.close(client)
                return
            del client.outbuf[:n]
        if client.outbuf:
            self.sel.modify(client.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, client)
        else:
            if client.closing:
                self.close(client)
                return
            self.sel.modify(client.sock, selectors.EVENT_READ, client)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=6379)
    ap.add_argument("--dir", default=".")
    ap.add_argument("--host", default="127.0.0.1")
    opts = ap.parse_args(argv)
    server = Server(opts.host, opts.port, opts.dir)

    def on_term(signum, frame):
        server.stopping = True

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    server.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
