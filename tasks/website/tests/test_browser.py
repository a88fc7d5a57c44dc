# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Front-end behaviour, driven in headless Chromium with Selenium."""

import urllib.parse

import pytest

pytestmark = pytest.mark.browser

WAIT = 15.0

ROWS_JS = """
const out = [];
document.querySelectorAll('#book-list li.book').forEach(function (li) {
  const st = window.getComputedStyle(li);
  const a = li.querySelector('a.book-link');
  const s = li.querySelector('span.book-author');
  out.push({
    id: li.getAttribute('data-id'),
    shown: li.getClientRects().length > 0 && st.visibility !== 'hidden',
    title: a ? a.textContent.trim() : null,
    href: a ? a.getAttribute('href') : null,
    author: s ? s.textContent.trim() : null,
    del: !!li.querySelector('button.delete-button'),
  });
});
return out;
"""

HOOK_JS = """
window.__abRequests = [];
const origFetch = window.fetch;
window.fetch = function (input, init) {
  const method = String((init && init.method) || (input && input.method) || 'GET').toUpperCase();
  if (method !== 'GET') window.__abRequests.push(method + ' ' + String((input && input.url) || input));
  return origFetch.apply(this, arguments);
};
const origOpen = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  if (String(method).toUpperCase() !== 'GET') window.__abRequests.push(String(method) + ' ' + String(url));
  return origOpen.apply(this, arguments);
};
"""


def _wait(driver, cond, message, timeout=WAIT):
    from selenium.common.exceptions import (JavascriptException, NoSuchElementException,
                                            StaleElementReferenceException, TimeoutException)
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(
            driver, timeout, poll_frequency=0.1,
            ignored_exceptions=(NoSuchElementException, StaleElementReferenceException,
                                JavascriptException),
        ).until(cond)
    except TimeoutException:
        pytest.fail(message() if callable(message) else message)


def by_id(driver, ident):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.ID, ident)


def text_of(driver, ident):
    """The displayed text of #ident ('' when hidden), or None when there is no such element."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    try:
        return by_id(driver, ident).text.strip()
    except (NoSuchElementException, StaleElementReferenceException):
        return None


def rows(driver):
    return driver.execute_script(ROWS_JS)


def shown_rows(driver):
    return [r for r in rows(driver) if r["shown"]]


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def open_list(site):
    """Open /books and wait until every book of the API is rendered, in id order."""
    expected = [str(b["id"]) for b in site.books()]
    d = site.open("/books")
    _wait(d, lambda d: [r["id"] for r in shown_rows(d)] == expected,
          lambda: f"/books should list the ids {expected} from the API, "
                  f"shows {[r['id'] for r in shown_rows(d)]}")
    return d


def fill(driver, values):
    for ident, value in values.items():
        el = by_id(driver, ident)
        el.clear()
        if value:
            el.send_keys(value)


def click(driver, el):
    from selenium.common.exceptions import (ElementClickInterceptedException,
                                            ElementNotInteractableException)
    try:
        el.click()
    except (ElementClickInterceptedException, ElementNotInteractableException):
        driver.execute_script("arguments[0].click();", el)


def set_marker(driver):
    driver.execute_script("window.__abMarker = 'still-here';")


def assert_no_reload(driver, path):
    assert driver.execute_script("return window.__abMarker;") == "still-here", \
        "the page was reloaded (or navigated away)"
    assert path_of(driver) == path, f"the page navigated to {driver.current_url}"


# ---------------------------------------------------------------- list page

def test_list_renders_books_from_api(site):
    made = [site.create(read=site.rng.random() < 0.5) for _ in range(3)]
    d = open_list(site)
    by_row = {r["id"]: r for r in rows(d)}
    for b in made:
        row = by_row[str(b["id"])]
        assert row["title"] == b["title"], row
        assert row["author"] == b["author"], row
        assert row["href"] == f"/books/{b['id']}", row
        assert row["del"], f"row {b['id']} has no button.delete-button"


def test_list_count_matches_api(site):
    site.create()
    n = len(site.books())
    d = open_list(site)
    _wait(d, lambda d: text_of(d, "book-count") == str(n),
          lambda: f"#book-count shows {text_of(d, 'book-count')!r}, expected {n}")


def test_titles_are_plain_text(site):
    tok = site.token()
    title = f'<b>bold</b> & <i>it</i> "{tok}"'
    author = f"<em>{site.author()}</em>"
    book = site.create(title=title, author=author)
    d = open_list(site)
    row = {r["id"]: r for r in rows(d)}[str(book["id"])]
    assert row["title"] == title and row["author"] == author, row
    injected = d.execute_script(
        "return document.querySelectorAll('#book-list b, #book-list i, #book-list em').length;")
    assert injected == 0, "a title or author was inserted as HTML"
    d = site.open(f"/books/{book['id']}")
    _wait(d, lambda d: text_of(d, "book-title") == title,
          lambda: f"#book-title shows {text_of(d, 'book-title')!r}, expected {title!r}")
    assert d.execute_script("return document.querySelectorAll('#book-title b').length;") == 0


def test_add_book_with_form(site):
    d = open_list(site)
    set_marker(d)
    title, author, year = site.title(), site.author(), site.year()
    fill(d, {"title": title, "author": author, "year": str(year)})
    click(d, by_id(d, "read"))
    assert by_id(d, "read").is_selected(), "could not check #read"
    by_id(d, "add-button").click()
    _wait(d, lambda d: any(r["title"] == title and r["shown"] for r in rows(d)),
          f"the new book {title!r} did not appear in #book-list")
    assert_no_reload(d, "/books")
    made = [b for b in site.books() if b["title"] == title]
    assert len(made) == 1, f"expected one book titled {title!r} in the API, found {made}"
    assert made[0]["author"] == author and made[0]["year"] == year and made[0]["read"] is True, \
        made[0]
    last = rows(d)[-1]
    assert last["id"] == str(made[0]["id"]) and last["author"] == author, \
        f"the new book must be the last row, with data-id {made[0]['id']}: {last}"
    n = len(site.books())
    _wait(d, lambda d: text_of(d, "book-count") == str(n),
          lambda: f"#book-count shows {text_of(d, 'book-count')!r} after adding, expected {n}")
    for ident in ("title", "author", "year"):
        assert by_id(d, ident).get_attribute("value") == "", f"#{ident} was not emptied"
    assert not by_id(d, "read").is_selected(), "#read was not unchecked"
    assert text_of(d, "form-error") == "", "#form-error shows text after a successful add"


CLIENT_CASES = {
    "empty-title": lambda s: {"title": "", "author": s.author(), "year": str(s.year())},
    "blank-author": lambda s: {"title": s.title(), "author": "   ", "year": str(s.year())},
    "year-not-number": lambda s: {"title": s.title(), "author": s.author(), "year": "19x9"},
    "year-out-of-range": lambda s: {"title": s.title(), "author": s.author(),
                                    "year": str(s.rng.choice([999, 2101, 3000, 150]))},
}


@pytest.mark.parametrize("case", sorted(CLIENT_CASES))
def test_client_side_validation(site, case):
    before = site.books()
    d = open_list(site)
    set_marker(d)
    d.execute_script(HOOK_JS)
    fill(d, CLIENT_CASES[case](site))
    by_id(d, "add-button").click()
    _wait(d, lambda d: text_of(d, "form-error"),
          "#form-error shows no message after submitting an invalid form")
    assert_no_reload(d, "/books")
    sent = d.execute_script("return window.__abRequests;")
    assert not sent, f"requests were sent for an invalid form: {sent}"
    assert site.books() == before, "an invalid form created a book"


def test_error_cleared_after_successful_add(site):
    d = open_list(site)
    fill(d, {"title": "", "author": site.author(), "year": "2000"})
    by_id(d, "add-button").click()
    _wait(d, lambda d: text_of(d, "form-error"), "#form-error shows no message for an empty title")
    title = site.title()
    fill(d, {"title": title, "author": site.author(), "year": str(site.year())})
    by_id(d, "add-button").click()
    _wait(d, lambda d: any(r["title"] == title for r in rows(d)),
          f"the new book {title!r} did not appear in #book-list")
    _wait(d, lambda d: text_of(d, "form-error") == "",
          lambda: f"#form-error still shows {text_of(d, 'form-error')!r} after a successful add")


def test_server_error_message_shown(site):
    book = site.create()
    dup = {"title": book["title"].upper(), "author": book["author"].lower(), "year": site.year(),
           "read": False}
    r = site.request("POST", "/api/books", dup)
    assert r.status == 409, f"a duplicate POST must answer 409, got {r.status}"
    message = r.json().get("error")
    before = site.books()
    d = open_list(site)
    set_marker(d)
    fill(d, {"title": dup["title"], "author": dup["author"], "year": str(dup["year"])})
    by_id(d, "add-button").click()
    _wait(d, lambda d: text_of(d, "form-error") == message,
          lambda: f"#form-error shows {text_of(d, 'form-error')!r}, "
                  f"expected the server's message {message!r}")
    assert_no_reload(d, "/books")
    assert site.books() == before
    assert len(rows(d)) == len(before), "a row was added although the server refused the book"


def test_search_filters_the_list(site):
    tok = site.token()
    a = site.create(title=site.title(token=tok))
    b = site.create(author=f"{site.author()} {tok.capitalize()}")
    site.create()
    total = len(site.books())
    d = open_list(site)
    box = by_id(d, "search")
    typed = tok[:3].upper() + tok[3:]
    box.send_keys(typed)
    want = [str(a["id"]), str(b["id"])]
    _wait(d, lambda d: [r["id"] for r in shown_rows(d)] == want,
          lambda: f"searching {typed!r} should display {want}, "
                  f"displays {[r['id'] for r in shown_rows(d)]}")
    _wait(d, lambda d: text_of(d, "book-count") == "2",
          lambda: f"#book-count shows {text_of(d, 'book-count')!r} with 2 books displayed")
    box.send_keys("zz")
    _wait(d, lambda d: shown_rows(d) == [] and text_of(d, "book-count") == "0",
          lambda: f"searching {typed + 'zz'!r} should display nothing, displays "
                  f"{[r['id'] for r in shown_rows(d)]}, count {text_of(d, 'book-count')!r}")
    from selenium.webdriver.common.keys import Keys
    box.send_keys(Keys.BACKSPACE * (len(typed) + 2))
    _wait(d, lambda d: len(shown_rows(d)) == total and text_of(d, "book-count") == str(total),
          lambda: f"after emptying #search all {total} books should be displayed, "
                  f"{len(shown_rows(d))} are, count {text_of(d, 'book-count')!r}")


def test_delete_button(site):
    keep = site.create()
    gone = site.create()
    d = open_list(site)
    set_marker(d)
    from selenium.webdriver.common.by import By
    d.find_element(By.CSS_SELECTOR,
                   f'#book-list li.book[data-id="{gone["id"]}"] button.delete-button').click()
    _wait(d, lambda d: str(gone["id"]) not in [r["id"] for r in shown_rows(d)],
          "the deleted book is still displayed")
    assert_no_reload(d, "/books")
    assert site.get(f"/api/books/{gone['id']}").status == 404, "the book was not deleted"
    assert site.get(f"/api/books/{keep['id']}").status == 200, "the wrong book was deleted"
    n = len(site.books())
    _wait(d, lambda d: text_of(d, "book-count") == str(n),
          lambda: f"#book-count shows {text_of(d, 'book-count')!r} after a delete, expected {n}")


# ---------------------------------------------------------------- detail page

def test_link_opens_detail_page(site):
    book = site.create(read=False)
    d = open_list(site)
    from selenium.webdriver.common.by import By
    d.find_element(By.CSS_SELECTOR,
                   f'#book-list li.book[data-id="{book["id"]}"] a.book-link').click()
    _wait(d, lambda d: path_of(d) == f"/books/{book['id']}",
          lambda: f"clicking the title went to {d.current_url}")
    expect = {"book-title": book["title"], "book-author": book["author"],
              "book-year": str(book["year"]), "book-read": "no"}
    _wait(d, lambda d: all(text_of(d, k) == v for k, v in expect.items()),
          lambda: "detail page shows " + repr({k: text_of(d, k) for k in expect})
                  + f", expected {expect}")
    assert text_of(d, "detail-error") == "", "#detail-error shows text for an existing book"


def test_toggle_read_on_detail_page(site):
    book = site.create(read=False)
    path = f"/books/{book['id']}"
    d = site.open(path)
    _wait(d, lambda d: text_of(d, "book-read") == "no",
          lambda: f"#book-read shows {text_of(d, 'book-read')!r}, expected 'no'")
    set_marker(d)
    by_id(d, "toggle-read").click()
    _wait(d, lambda d: text_of(d, "book-read") == "yes",
          lambda: f"#book-read shows {text_of(d, 'book-read')!r} after toggling, expected 'yes'")
    assert site.get(f"/api/books/{book['id']}").json()["read"] is True
    by_id(d, "toggle-read").click()
    _wait(d, lambda d: text_of(d, "book-read") == "no",
          lambda: f"#book-read shows {text_of(d, 'book-read')!r} after toggling back")
    assert site.get(f"/api/books/{book['id']}").json()["read"] is False
    assert_no_reload(d, path)
    assert text_of(d, "book-title") == book["title"]


def test_detail_page_of_unknown_book(site):
    d = site.open("/books/8888888")
    _wait(d, lambda d: text_of(d, "detail-error"),
          "#detail-error shows no message for a book that does not exist")


# ---------------------------------------------------------------- home, navigation, assets

def test_home_page_counts(site):
    site.create(read=True)
    site.create(read=False)
    books = site.books()
    total, read = str(len(books)), str(sum(1 for b in books if b["read"]))
    d = site.open("/")
    _wait(d, lambda d: text_of(d, "total-count") == total and text_of(d, "read-count") == read,
          lambda: f"home shows total {text_of(d, 'total-count')!r} / read "
                  f"{text_of(d, 'read-count')!r}, expected {total} / {read}")


def test_navigation_links(site):
    from selenium.webdriver.common.by import By
    d = site.open("/about")
    for href, marker in (("/books", "book-list"), ("/", "total-count"), ("/about", "main-nav")):
        d.find_element(By.CSS_SELECTOR, f'#main-nav a[href="{href}"]').click()
        _wait(d, lambda d: path_of(d) == href and d.find_elements(By.ID, marker),
              lambda: f"clicking the nav link {href!r} led to {d.current_url}")


def test_stylesheet_is_applied(site):
    d = site.open("/books")
    ok = d.execute_script("""
        for (const sheet of document.styleSheets) {
          if (sheet.href && new URL(sheet.href).pathname === '/static/style.css') {
            try { return sheet.cssRules.length; } catch (e) { return -1; }
          }
        }
        return 0;
    """)
    assert ok and ok > 0, "/static/style.css was not loaded as a stylesheet with rules"


def test_no_javascript_errors(site):
    book = site.create()
    d = site.driver
    try:
        d.get_log("browser")  # drop what earlier tests logged
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"cannot read the browser log: {exc!r}")
    n = str(len(site.books()))
    d = site.open("/")
    _wait(d, lambda d: text_of(d, "total-count") == n, "the home page did not show the count")
    open_list(site)
    d = site.open(f"/books/{book['id']}")
    _wait(d, lambda d: text_of(d, "book-title") == book["title"],
          "the detail page did not show the title")
    site.open("/about")
    _wait(d, lambda d: d.execute_script("return document.readyState") == "complete",
          "/about did not finish loading")
    errors = [e["message"] for e in d.get_log("browser")
              if e.get("level") == "SEVERE" and "favicon" not in e.get("message", "")]
    assert not errors, "the browser console shows errors:\n" + "\n".join(errors)
