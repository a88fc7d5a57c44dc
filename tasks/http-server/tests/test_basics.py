# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `basics`: static files, content types, HEAD, index files, listings, redirects and
percent-decoded paths, checked with http.client, urllib.request and requests."""

import html.parser
import http.client
import urllib.error
import urllib.parse
import urllib.request

import pytest
import requests

from conftest import quote_path

pytestmark = pytest.mark.basics


def http_get(server, path, method="GET", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        body = r.read()
        return r, body
    finally:
        conn.close()


def test_get_small_text_file(server, docroot):
    r, body = http_get(server, "/small.txt")
    assert r.status == 200
    assert body == docroot.files["/small.txt"]
    assert r.getheader("Content-Length") == str(len(body))
    assert r.getheader("Content-Type") == "text/plain; charset=utf-8"


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_binary_files(server, docroot, base_url, case):
    name = docroot.rand_names[case]
    expected = docroot.files[name]
    if case % 3 == 0:
        r, body = http_get(server, name)
        status, length = r.status, r.getheader("Content-Length")
    elif case % 3 == 1:
        with urllib.request.urlopen(base_url + name, timeout=15) as r:
            body = r.read()
            status, length = r.status, r.headers["Content-Length"]
    else:
        r = requests.get(base_url + name, timeout=15)
        body, status, length = r.content, r.status_code, r.headers.get("Content-Length")
    assert status == 200
    assert length == str(len(expected))
    assert body == expected


def test_big_file_byte_for_byte(server, docroot, base_url):
    r = requests.get(base_url + "/big.bin", timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Length"] == str(len(docroot.files["/big.bin"]))
    assert r.content == docroot.files["/big.bin"]
    assert r.headers["Content-Type"] == "application/octet-stream"


def test_empty_file(server, docroot):
    r, body = http_get(server, "/empty.txt")
    assert r.status == 200
    assert body == b""
    assert r.getheader("Content-Length") == "0"


@pytest.mark.parametrize("group", [0, 1, 2, 3])
def test_content_types(server, docroot, group):
    urls = sorted(docroot.typed)
    for url in urls[group::4]:
        r, body = http_get(server, quote_path(url))
        assert r.status == 200, url
        assert body == docroot.files[url], url
        got = (r.getheader("Content-Type") or "").replace(" ", "").lower()
        assert got == docroot.typed[url].replace(" ", "").lower(), url


def test_head_matches_get(server, docroot):
    for url in ["/small.txt", "/big.bin", "/types/file-json.json", "/", "/sub/"]:
        rg, body = http_get(server, url)
        rh, hbody = http_get(server, url, method="HEAD")
        assert rh.status == rg.status == 200, url
        assert hbody == b"", url
        for name in ("Content-Length", "Content-Type", "Last-Modified"):
            assert rh.getheader(name) == rg.getheader(name), (url, name)
        assert rh.getheader("Content-Length") == str(len(body))


def test_index_html(server, docroot, base_url):
    r = requests.get(base_url + "/", timeout=15)
    assert r.status_code == 200
    assert r.content == docroot.files["/index.html"]
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    r = requests.get(base_url + "/sub/", timeout=15)
    assert r.content == docroot.files["/sub/index.html"]
    r = requests.get(base_url + "/sub/deeper/", timeout=15)
    assert r.content == docroot.files["/sub/deeper/index.html"]
    r = requests.get(base_url + "/sub/deeper/leaf.txt", timeout=15)
    assert r.content == docroot.files["/sub/deeper/leaf.txt"]


def test_not_found(server, docroot, base_url):
    for path in [f"/missing-{docroot.tag}.txt", "/sub/nothing/here.html", "/small.txt/extra",
                 "/bin/rand0.bin.bak"]:
        r = requests.get(base_url + path, timeout=15)
        assert r.status_code == 404, path
        assert r.content, "404 responses need a body"
        assert r.headers["Content-Length"] == str(len(r.content))
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(base_url + "/nope/nope", timeout=15)
    assert info.value.code == 404


def test_percent_decoded_paths(server, docroot):
    for url, data in docroot.odd_names.items():
        r, body = http_get(server, quote_path(url))
        assert r.status == 200, url
        assert body == data, url
    # upper- and lower-case escapes, and escapes of characters that need none
    r, body = http_get(server, "/sm%61ll%2Etxt")
    assert r.status == 200 and body == docroot.files["/small.txt"]
    r, body = http_get(server, "/dir%20with%20space/file%20name.txt")
    assert body == docroot.odd_names["/dir with space/file name.txt"]
    r, body = http_get(server, "/plus+sign.txt")
    assert r.status == 200 and body == docroot.odd_names["/plus+sign.txt"]
    r, _ = http_get(server, "/plus%20sign.txt")
    assert r.status == 404


def test_query_string_ignored(server, docroot, base_url):
    r = requests.get(base_url + "/small.txt", params={"v": docroot.tag, "x": "a/../b"}, timeout=15)
    assert r.status_code == 200
    assert r.content == docroot.files["/small.txt"]
    r, body = http_get(server, "/sub/deeper/leaf.txt?")
    assert r.status == 200 and body == docroot.files["/sub/deeper/leaf.txt"]


def test_directory_redirect(server, docroot, base_url):
    r = requests.get(base_url + "/sub", allow_redirects=False, timeout=15)
    assert r.status_code == 301
    assert r.headers["Location"] in ("/sub/", base_url + "/sub/")
    r = requests.get(base_url + "/dir%20with%20space?q=1", allow_redirects=False, timeout=15)
    assert r.status_code == 301
    loc = r.headers["Location"]
    assert loc.endswith("/dir%20with%20space/?q=1"), loc
    # a real client follows it
    r = requests.get(base_url + "/sub/deeper", timeout=15)
    assert r.status_code == 200
    assert r.content == docroot.files["/sub/deeper/index.html"]


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))


def test_directory_listing(server, docroot, base_url):
    r = requests.get(base_url + "/listing/", timeout=15)
    assert r.status_code == 200
    assert r.headers["Content-Type"].replace(" ", "").lower() == "text/html;charset=utf-8"
    parser = _Links()
    parser.feed(r.content.decode("utf-8"))
    expected = sorted(urllib.parse.quote(n) + ("/" if n in docroot.listing_dirs else "")
                      for n in docroot.listing_names)
    assert sorted(parser.hrefs) == expected
    # every link works relative to the listing
    for href in parser.hrefs:
        target = urllib.parse.urljoin(base_url + "/listing/", href)
        r2 = requests.get(target, timeout=15)
        assert r2.status_code == 200, href
        name = urllib.parse.unquote(href.rstrip("/"))
        if name not in docroot.listing_dirs:
            assert r2.content == docroot.files["/listing/" + name]


def test_symlink_inside_root_is_served(server, docroot):
    r, body = http_get(server, "/link-inside.txt")
    assert r.status == 200
    assert body == docroot.files["/small.txt"]
