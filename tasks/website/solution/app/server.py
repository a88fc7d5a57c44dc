#!/usr/bin/env python3
"""Bookshelf: a small multi-page website with a JSON API (stdlib only)."""

import argparse
import json
import os
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ROOT = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(ROOT, "templates")
STATIC = os.path.join(ROOT, "static")

STATIC_FILES = {
    "style.css": "text/css; charset=utf-8",
    "app.js": "application/javascript; charset=utf-8",
}

PAGES = {
    "/": "index.html",
    "/books": "books.html",
    "/about": "about.html",
}

BOOK_ID_RE = re.compile(r"^/api/books/([^/]+)$")
DETAIL_RE = re.compile(r"^/books/([0-9]+)$")


class ValidationError(Exception):
    pass


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.books = {}
        self.next_id = 1

    @staticmethod
    def _key(title, author):
        return (title.casefold(), author.casefold())

    def _duplicate(self, title, author, exclude=None):
        key = self._key(title, author)
        return any(
            bid != exclude and self._key(b["title"], b["author"]) == key
            for bid, b in self.books.items()
        )

    def list(self, q=""):
        q = q.casefold()
        with self.lock:
            books = [dict(self.books[k]) for k in sorted(self.books)]
        if q:
            books = [b for b in books
                     if q in b["title"].casefold() or q in b["author"].casefold()]
        return books

    def get(self, bid):
        with self.lock:
            b = self.books.get(bid)
            return dict(b) if b else None

    def create(self, fields):
        with self.lock:
            if self._duplicate(fields["title"], fields["author"]):
                return None
            book = {"id": self.next_id, "title": fields["title"], "author": fields["author"],
                    "year": fields["year"], "read": fields.get("read", False)}
            self.books[self.next_id] = book
            self.next_id += 1
            return dict(book)

    def update(self, bid, fields):
        """Returns (status, book)."""
        with self.lock:
            book = self.books.get(bid)
            if book is None:
                return 404, None
            new = dict(book)
            new.update(fields)
            if self._duplicate(new["title"], new["author"], exclude=bid):
                return 409, None
            self.books[bid] = new
            return 200, dict(new)

    def delete(self, bid):
        with self.lock:
            return self.books.pop(bid, None) is not None


def validate(data, partial):
    if not isinstance(data, dict):
        raise ValidationError("the body must be a JSON object")
    out = {}
    for name, limit in (("title", 200), ("author", 100)):
        if name not in data:
            if partial:
                continue
            raise ValidationError(f"{name} is required")
        value = data[name]
        if not isinstance(value, str):
            raise ValidationError(f"{name} must be a string")
        value = value.strip()
        if not value:
            raise ValidationError(f"{name} must not be empty")
        if len(value) > limit:
            raise ValidationError(f"{name} must be at most {limit} characters")
        out[name] = value
    if "year" in data:
        year = data["year"]
        if isinstance(year, bool) or not isinstance(year, int):
            raise ValidationError("year must be an integer")
        if not 1000 <= year <= 2100:
            raise ValidationError("year must be between 1000 and 2100")
        out["year"] = year
    elif not partial:
        raise ValidationError("year is required")
    if "read" in data:
        if not isinstance(data["read"], bool):
            raise ValidationError("read must be true or false")
        out["read"] = data["read"]
    return out


STORE = Store()


class Handler(BaseHTTPRequestHandler):
    server_version = "Bookshelf/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep the test output quiet
        pass

    # -- responses ---------------------------------------------------------
    def send_body(self, status, body, ctype, extra=None):
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", ctype)
        if status != 204:
            self.send_header("Content-Length", str(len(body or b"")))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, obj, extra=None):
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_body(status, body, "application/json; charset=utf-8", extra)

    def send_error_json(self, status, message, extra=None):
        self.send_json(status, {"error": message}, extra)

    def not_found(self):
        self.discard_body()
        if self.path.startswith("/api/"):
            self.send_error_json(404, "not found")
        else:
            self.send_body(404, b"<!doctype html><title>Not found</title><h1>Not found</h1>",
                           "text/html; charset=utf-8")

    def read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValidationError("the body must be valid JSON")

    # -- routing -----------------------------------------------------------
    def route(self):
        path = urlsplit(self.path).path
        if path == "/api/books":
            return "collection", None
        m = BOOK_ID_RE.match(path)
        if m:
            return "item", m.group(1)
        return "other", path

    def do_GET(self):
        kind, arg = self.route()
        if kind == "collection":
            q = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
            return self.send_json(200, STORE.list(q))
        if kind == "item":
            book = STORE.get(int(arg)) if arg.isdigit() else None
            if book is None:
                return self.send_error_json(404, "no such book")
            return self.send_json(200, book)
        path = arg
        if path in PAGES:
            return self.serve_file(os.path.join(TEMPLATES, PAGES[path]),
                                   "text/html; charset=utf-8")
        if DETAIL_RE.match(path):
            return self.serve_file(os.path.join(TEMPLATES, "book.html"),
                                   "text/html; charset=utf-8")
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            if name in STATIC_FILES:
                return self.serve_file(os.path.join(STATIC, name), STATIC_FILES[name])
        return self.not_found()

    def serve_file(self, filename, ctype):
        with open(filename, "rb") as f:
            body = f.read()
        self.send_body(200, body, ctype, {"Cache-Control": "no-cache"})

    def do_POST(self):
        kind, arg = self.route()
        if kind == "item":
            return self.method_not_allowed("GET, PUT, DELETE")
        if kind != "collection":
            return self.not_found()
        try:
            fields = validate(self.read_json(), partial=False)
        except ValidationError as e:
            return self.send_error_json(400, str(e))
        book = STORE.create(fields)
        if book is None:
            return self.send_error_json(409, "a book with this title and author already exists")
        self.send_json(201, book, {"Location": f"/api/books/{book['id']}"})

    def do_PUT(self):
        kind, arg = self.route()
        if kind == "collection":
            return self.method_not_allowed("GET, POST")
        if kind != "item":
            return self.not_found()
        bid = int(arg) if arg.isdigit() else None
        if bid is None or STORE.get(bid) is None:
            self.discard_body()
            return self.send_error_json(404, "no such book")
        try:
            fields = validate(self.read_json(), partial=True)
        except ValidationError as e:
            return self.send_error_json(400, str(e))
        status, book = STORE.update(bid, fields)
        if status == 404:
            return self.send_error_json(404, "no such book")
        if status == 409:
            return self.send_error_json(409, "a book with this title and author already exists")
        self.send_json(200, book)

    def do_DELETE(self):
        kind, arg = self.route()
        if kind == "collection":
            return self.method_not_allowed("GET, POST")
        if kind != "item":
            return self.not_found()
        if not (arg.isdigit() and STORE.delete(int(arg))):
            return self.send_error_json(404, "no such book")
        self.send_body(204, None, None)

    def discard_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(length)

    def method_not_allowed(self, allow):
        self.discard_body()
        self.send_error_json(405, "method not allowed", {"Allow": allow})


def main():
    parser = argparse.ArgumentParser(description="Bookshelf server")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
