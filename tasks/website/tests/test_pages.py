# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Pages, shared navigation, static assets and 404s, checked over plain HTTP with html.parser."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.pages

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = {k.lower(): (v if v is not None else "") for k, v in attrs}
        self.parent = parent
        self.children = []
        self.text_parts = []

    def text(self):
        out = list(self.text_parts)
        for c in self.children:
            out.append(c.text())
        return "".join(out)

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent


class TreeBuilder(HTMLParser):
    """A forgiving DOM-ish tree: good enough for ids, links and nesting checks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text_parts.append(data)


def parse(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


def by_id(root, ident):
    return [n for n in root.iter() if n.attrs.get("id") == ident]


def find_all(root, tag):
    return [n for n in root.iter() if n.tag == tag]


@pytest.fixture(scope="module")
def detail_id(site):
    if site.error:
        return 1
    try:
        return site.create()["id"]
    except (Exception, pytest.fail.Exception):  # the API tests report API problems
        return 1


PAGE_PATHS = ["/", "/books", "/about", "detail"]


def page_path(name, detail_id):
    return f"/books/{detail_id}" if name == "detail" else name


def fetch_page(site, path):
    r = site.get(path)
    assert r.status == 200, f"GET {path} -> {r.status}"
    assert r.content_type == "text/html", f"GET {path}: Content-Type {r.header('Content-Type')!r}"
    return parse(r.text)


@pytest.mark.parametrize("name", PAGE_PATHS)
def test_page_is_html(site, detail_id, name):
    path = page_path(name, detail_id)
    r = site.get(path)
    assert r.status == 200, f"GET {path} -> {r.status}"
    assert r.content_type == "text/html", r.header("Content-Type")


@pytest.mark.parametrize("name", PAGE_PATHS)
def test_page_has_title_and_h1(site, detail_id, name):
    root = fetch_page(site, page_path(name, detail_id))
    titles = find_all(root, "title")
    assert titles and titles[0].text().strip(), "missing or empty <title>"
    assert find_all(root, "h1"), "missing <h1>"


@pytest.mark.parametrize("name", PAGE_PATHS)
def test_page_has_shared_nav(site, detail_id, name):
    root = fetch_page(site, page_path(name, detail_id))
    navs = by_id(root, "main-nav")
    assert len(navs) == 1, "expected exactly one element with id main-nav"
    nav = navs[0]
    assert nav.tag == "nav", f"#main-nav is a <{nav.tag}>, not a <nav>"
    hrefs = {a.attrs.get("href") for a in nav.iter() if a.tag == "a"}
    for href in ("/", "/books", "/about"):
        assert href in hrefs, f"#main-nav has no <a href={href!r}> (found {sorted(map(str, hrefs))})"


@pytest.mark.parametrize("name", PAGE_PATHS)
def test_page_links_assets(site, detail_id, name):
    root = fetch_page(site, page_path(name, detail_id))
    sheets = [n for n in find_all(root, "link")
              if "stylesheet" in n.attrs.get("rel", "").lower().split()
              and n.attrs.get("href") == "/static/style.css"]
    assert sheets, 'no <link rel="stylesheet" href="/static/style.css">'
    scripts = [n for n in find_all(root, "script") if n.attrs.get("src") == "/static/app.js"]
    assert scripts, 'no <script src="/static/app.js">'


def test_home_page_elements(site):
    root = fetch_page(site, "/")
    for ident in ("total-count", "read-count"):
        assert len(by_id(root, ident)) == 1, f"expected one element with id {ident!r} on /"


def test_books_page_elements(site):
    root = fetch_page(site, "/books")
    for ident in ("book-list", "search", "book-count", "book-form", "title", "author", "year",
                  "read", "add-button", "form-error"):
        assert len(by_id(root, ident)) == 1, f"expected one element with id {ident!r} on /books"
    (ul,) = by_id(root, "book-list")
    assert ul.tag == "ul", f"#book-list is a <{ul.tag}>"
    (form,) = by_id(root, "book-form")
    assert form.tag == "form", f"#book-form is a <{form.tag}>"
    assert "novalidate" in form.attrs, "#book-form needs the novalidate attribute"
    for ident in ("title", "author", "year", "read"):
        (node,) = by_id(root, ident)
        assert node.tag == "input", f"#{ident} is a <{node.tag}>, not an <input>"
        assert form in node.ancestors(), f"#{ident} is not inside #book-form"
    (read,) = by_id(root, "read")
    assert read.attrs.get("type", "").lower() == "checkbox", "#read must be a checkbox"
    (button,) = by_id(root, "add-button")
    assert button.tag == "button" and button.attrs.get("type", "").lower() == "submit"
    assert form in button.ancestors(), "#add-button is not inside #book-form"
    (search,) = by_id(root, "search")
    assert search.tag == "input", f"#search is a <{search.tag}>"


def test_detail_page_elements(site, detail_id):
    root = fetch_page(site, f"/books/{detail_id}")
    for ident in ("book-title", "book-author", "book-year", "book-read", "toggle-read",
                  "detail-error"):
        assert len(by_id(root, ident)) == 1, f"expected one element with id {ident!r}"
    (btn,) = by_id(root, "toggle-read")
    assert btn.tag == "button", f"#toggle-read is a <{btn.tag}>"


def test_detail_page_served_for_unknown_id(site):
    r = site.get("/books/987654")
    assert r.status == 200, f"GET /books/987654 -> {r.status}"
    assert r.content_type == "text/html"
    assert by_id(parse(r.text), "detail-error"), "no #detail-error on the detail page"


def test_stylesheet_served(site):
    r = site.get("/static/style.css")
    assert r.status == 200, f"GET /static/style.css -> {r.status}"
    assert r.content_type == "text/css", r.header("Content-Type")
    assert "{" in r.text and "}" in r.text, "the stylesheet has no rules"


def test_script_served(site):
    r = site.get("/static/app.js")
    assert r.status == 200, f"GET /static/app.js -> {r.status}"
    assert r.content_type in ("application/javascript", "text/javascript"), \
        r.header("Content-Type")
    assert len(r.text.strip()) > 100, "app.js is (nearly) empty"


@pytest.mark.parametrize("path", [
    "/no-such-page",
    "/books/abc/def",
    "/static/no-such-file.js",
    "/static/../server.py",
    "/static/%2e%2e/server.py",
])
def test_unknown_paths_are_404(site, path):
    r = site.get(path)
    assert r.status == 404, f"GET {path} -> {r.status}"
    if "server.py" in path:
        assert b"--port" not in r.body and b"import" not in r.body, "server source leaked"
