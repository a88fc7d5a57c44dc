# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""The JSON API under /api/books, checked with urllib."""

import json

import pytest

pytestmark = pytest.mark.api

KEYS = {"id", "title", "author", "year", "read"}


def check_book(book, expected=None):
    assert isinstance(book, dict), f"a book must be a JSON object, got {book!r}"
    assert set(book) == KEYS, f"a book has exactly the keys {sorted(KEYS)}, got {sorted(book)}"
    assert isinstance(book["id"], int) and not isinstance(book["id"], bool) and book["id"] > 0
    assert isinstance(book["year"], int) and not isinstance(book["year"], bool)
    assert isinstance(book["read"], bool)
    if expected:
        for k, v in expected.items():
            assert book[k] == v, f"{k}: expected {v!r}, got {book[k]!r}"


def check_json_error(r, status):
    assert r.status == status, f"expected {status}, got {r.status} {r.body[:300]!r}"
    assert r.content_type == "application/json", \
        f"error responses are JSON, got Content-Type {r.header('Content-Type')!r}"
    data = r.json()
    assert isinstance(data, dict) and isinstance(data.get("error"), str) and data["error"].strip(), \
        f'expected {{"error": "<message>"}}, got {data!r}'
    return data["error"]


def test_list_is_json_array(site):
    r = site.get("/api/books")
    assert r.status == 200, r
    assert r.content_type == "application/json", r.header("Content-Type")
    data = r.json()
    assert isinstance(data, list)
    for b in data:
        check_book(b)


def test_create_returns_201_with_book_and_location(site):
    fields = site.new_fields()
    r = site.request("POST", "/api/books", fields)
    assert r.status == 201, r
    assert r.content_type == "application/json", r.header("Content-Type")
    book = r.json()
    check_book(book, dict(fields, read=False))
    loc = r.header("Location") or ""
    assert loc.endswith(f"/api/books/{book['id']}"), f"Location header: {loc!r}"


def test_create_with_read_true_and_get_it_back(site):
    fields = site.new_fields(read=True)
    book = site.create(**fields)
    check_book(book, fields)
    r = site.get(f"/api/books/{book['id']}")
    assert r.status == 200, r
    assert r.content_type == "application/json"
    assert r.json() == book


def test_create_strips_whitespace_and_ignores_extra_keys(site):
    title, author = site.title(), site.author()
    r = site.request("POST", "/api/books", {
        "title": f"  {title}\t ", "author": f"\n{author}  ", "year": 1000,
        "id": 424242, "colour": "green",
    })
    assert r.status == 201, r
    book = r.json()
    check_book(book, {"title": title, "author": author, "year": 1000, "read": False})
    assert book["id"] != 424242, "the id in a POST body must be ignored"


def test_unicode_round_trip(site):
    title = f"Café Ωmega — {site.token()} 本"
    author = f"Zoë Ñúñez {site.token(4)}"
    book = site.create(title=title, author=author, year=2100)
    r = site.get(f"/api/books/{book['id']}")
    assert r.json()["title"] == title and r.json()["author"] == author


def test_list_contains_created_books_in_id_order(site):
    made = [site.create() for _ in range(3)]
    books = site.books()
    ids = [b["id"] for b in books]
    assert ids == sorted(ids), f"books are not in ascending id order: {ids}"
    assert len(set(ids)) == len(ids), "duplicate ids in the list"
    by_id = {b["id"]: b for b in books}
    for m in made:
        assert by_id.get(m["id"]) == m


def test_ids_increase_and_are_never_reused(site):
    a = site.create()
    b = site.create()
    assert b["id"] > a["id"]
    r = site.request("DELETE", f"/api/books/{b['id']}")
    assert r.status == 204, r
    c = site.create()
    assert c["id"] > b["id"], f"id {b['id']} was deleted and then {c['id']} was assigned"


BAD_BODIES = {
    "missing-title": lambda s: {"author": s.author(), "year": 1999},
    "missing-author": lambda s: {"title": s.title(), "year": 1999},
    "missing-year": lambda s: {"title": s.title(), "author": s.author()},
    "blank-title": lambda s: {"title": "   ", "author": s.author(), "year": 1999},
    "title-too-long": lambda s: {"title": "x" * 201, "author": s.author(), "year": 1999},
    "author-too-long": lambda s: {"title": s.title(), "author": "y" * 101, "year": 1999},
    "author-not-string": lambda s: {"title": s.title(), "author": 17, "year": 1999},
    "year-string": lambda s: {"title": s.title(), "author": s.author(), "year": "1999"},
    "year-float": lambda s: {"title": s.title(), "author": s.author(), "year": 1999.5},
    "year-bool": lambda s: {"title": s.title(), "author": s.author(), "year": True},
    "year-too-small": lambda s: {"title": s.title(), "author": s.author(), "year": 999},
    "year-too-big": lambda s: {"title": s.title(), "author": s.author(), "year": 2101},
    "read-not-bool": lambda s: {"title": s.title(), "author": s.author(), "year": 1999,
                                "read": "yes"},
    "array-body": lambda s: [{"title": s.title(), "author": s.author(), "year": 1999}],
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_create_rejects_invalid_body(site, case):
    before = site.books()
    r = site.request("POST", "/api/books", BAD_BODIES[case](site))
    check_json_error(r, 400)
    assert site.books() == before, "an invalid POST changed the collection"


def test_create_rejects_malformed_json(site):
    before = site.books()
    r = site.request("POST", "/api/books", raw=b'{"title": "x", "author": ')
    check_json_error(r, 400)
    assert site.books() == before


def test_limits_are_inclusive(site):
    book = site.create(title="t" * 195 + site.token(4), author="a" * 95 + site.token(4),
                       year=2100)
    assert len(book["title"]) == 200 and len(book["author"]) == 100
    assert site.create(year=1000)["year"] == 1000


def test_duplicate_is_409(site):
    book = site.create()
    before = site.books()
    r = site.request("POST", "/api/books", {
        "title": f"  {book['title'].upper()} ", "author": book["author"].lower(), "year": 1999,
    })
    check_json_error(r, 409)
    assert site.books() == before
    # Same title by another author is fine.
    other = site.create(title=book["title"])
    assert other["id"] != book["id"]


def test_get_unknown_is_404(site):
    check_json_error(site.get("/api/books/9999999"), 404)
    check_json_error(site.get("/api/books/abc"), 404)


def test_put_partial_update(site):
    book = site.create()
    new_title = site.title()
    r = site.request("PUT", f"/api/books/{book['id']}", {"title": f" {new_title} ", "read": True,
                                                         "id": book["id"] + 1000})
    assert r.status == 200, r
    assert r.content_type == "application/json"
    updated = r.json()
    check_book(updated, {"id": book["id"], "title": new_title, "author": book["author"],
                         "year": book["year"], "read": True})
    assert site.get(f"/api/books/{book['id']}").json() == updated
    r = site.request("PUT", f"/api/books/{book['id']}", {"year": 1500})
    assert r.status == 200 and r.json() == dict(updated, year=1500), r


@pytest.mark.parametrize("body", [
    {"year": 2200}, {"title": ""}, {"read": 1}, {"author": None}, ["read"],
], ids=["year", "title", "read", "author", "array"])
def test_put_invalid_is_400_and_changes_nothing(site, body):
    book = site.create()
    r = site.request("PUT", f"/api/books/{book['id']}", body)
    check_json_error(r, 400)
    assert site.get(f"/api/books/{book['id']}").json() == book


def test_put_duplicate_is_409(site):
    a = site.create()
    b = site.create()
    r = site.request("PUT", f"/api/books/{b['id']}", {"title": a["title"].lower(),
                                                      "author": a["author"].upper()})
    check_json_error(r, 409)
    assert site.get(f"/api/books/{b['id']}").json() == b
    # Updating a book to its own title and author is not a conflict with itself.
    r = site.request("PUT", f"/api/books/{a['id']}", {"title": a["title"].upper()})
    assert r.status == 200, r


def test_put_unknown_is_404(site):
    check_json_error(site.request("PUT", "/api/books/9999999", {"read": True}), 404)


def test_delete(site):
    book = site.create()
    r = site.request("DELETE", f"/api/books/{book['id']}")
    assert r.status == 204, r
    assert r.body == b"", "204 must have an empty body"
    check_json_error(site.get(f"/api/books/{book['id']}"), 404)
    assert book["id"] not in [b["id"] for b in site.books()]
    check_json_error(site.request("DELETE", f"/api/books/{book['id']}"), 404)


@pytest.mark.parametrize("method,path,allow", [
    ("PUT", "/api/books", {"GET", "POST"}),
    ("DELETE", "/api/books", {"GET", "POST"}),
    ("POST", "/api/books/{id}", {"GET", "PUT", "DELETE"}),
])
def test_method_not_allowed(site, method, path, allow):
    book = site.create()
    before = site.books()
    r = site.request(method, path.format(id=book["id"]), {"title": "x"})
    check_json_error(r, 405)
    got = {m.strip().upper() for m in (r.header("Allow") or "").split(",") if m.strip()}
    assert got == allow, f"Allow header: {r.header('Allow')!r}"
    assert site.books() == before


def test_search_query(site):
    tok = site.token()
    in_title = site.create(title=site.title(token=tok))
    in_author = site.create(author=f"{tok.capitalize()} {site.author()}")
    site.create()
    got = site.books(q=tok.upper())
    assert [b["id"] for b in got] == sorted([in_title["id"], in_author["id"]]), got
    assert site.books(q="") == site.books()
    assert site.books(q=site.token()) == []


def test_counts_consistent_after_many_operations(site):
    # A small randomised workload, checked against a model kept by the test.
    model = {b["id"]: b for b in site.books()}
    rng = site.rng
    for _ in range(25):
        op = rng.random()
        if op < 0.5 or not model:
            b = site.create(read=rng.random() < 0.5)
            model[b["id"]] = b
        elif op < 0.75:
            bid = rng.choice(sorted(model))
            r = site.request("PUT", f"/api/books/{bid}", {"read": not model[bid]["read"]})
            assert r.status == 200, r
            model[bid] = r.json()
        else:
            bid = rng.choice(sorted(model))
            assert site.request("DELETE", f"/api/books/{bid}").status == 204
            del model[bid]
    assert site.books() == [model[k] for k in sorted(model)]
