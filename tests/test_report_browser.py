"""The HTML report of real runs in a real headless Chromium (Debian's chromium and chromedriver,
from the agentbench/web image)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.browser import chromium, console_log
from tests.conftest import run_cli
from tests.report_runs import report_runs

pytestmark = [pytest.mark.docker, pytest.mark.browser]

SCREENSHOT = Path("/tmp/report.png")
WIDTH = 1366


@pytest.fixture(scope="module")
def runs(docker_ready, tmp_path_factory):
    return report_runs(tmp_path_factory)


@pytest.fixture(scope="module")
def report_page(runs, tmp_path_factory) -> Path:
    html = tmp_path_factory.mktemp("browser-report") / "report.html"
    done = run_cli("report", *runs.run_ids, "--runs-dir", str(runs.runs_dir), "--html", str(html))
    assert done.returncode == 0, done.stderr
    return html


@pytest.fixture(scope="module")
def browser(runs, report_page):
    with chromium(WIDTH, 900, share=(report_page.parent, runs.runs_dir)) as driver:
        yield driver


@pytest.fixture(scope="module")
def page(browser, report_page):
    browser.get(report_page.as_uri())
    return browser


def section(driver, section_id: str):
    element = driver.find_element(By.ID, section_id)
    assert element.is_displayed(), section_id
    return element


def test_loads_without_console_errors(page):
    assert page.title.startswith("agentbench report")
    severe = [entry for entry in console_log(page) if entry["level"] == "SEVERE"]
    assert severe == []


def test_pass_grid(page):
    grid = section(page, "pass-grid")
    rows = {row.find_element(By.TAG_NAME, "th").text: row for row in grid.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert set(rows) == {"greet", "tiny", "all tasks"}
    headers = [th.text.replace("\n", "") for th in grid.find_elements(By.CSS_SELECTOR, "thead th")][1:]
    tiny = [td.text.replace("\n", " ") for td in rows["tiny"].find_elements(By.TAG_NAME, "td")]
    assert dict(zip(headers, tiny)) == {
        "nop": "0/1 score 0.00", "scripted/report_build_error": "0/2 score 0.00", "scripted/report_no_changes": "0/1 score 0.00",
        "scripted/report_partial": "0/1 score 0.25", "scripted/report_timeout": "0/1 score 0.25", "scripted/tiny_solve": "1/1 score 1.00",
    }
    solved = rows["tiny"].find_elements(By.TAG_NAME, "td")[headers.index("scripted/tiny_solve")]
    failed = rows["tiny"].find_elements(By.TAG_NAME, "td")[headers.index("nop")]
    green, red = solved.value_of_css_property("background-color"), failed.value_of_css_property("background-color")
    assert green != red and _rgb(green)[1] > _rgb(green)[0] and _rgb(red)[0] > _rgb(red)[1]


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(part) for part in css[css.index("(") + 1: css.index(")")].split(",")[:3])


def test_causes_use_the_taxonomy_names(page):
    causes = section(page, "causes")
    names = [badge.text for badge in causes.find_elements(By.CSS_SELECTOR, ".badge.cause")]
    assert names == ["tests_failed", "build_error", "no_changes", "gave_up", "agent_timeout"]
    build_row = causes.find_elements(By.CSS_SELECTOR, "tbody tr")[1]
    assert build_row.find_elements(By.TAG_NAME, "td")[2].text == "2"


def test_signatures_link_to_their_attempts(page):
    signatures = section(page, "signatures")
    first = signatures.find_element(By.CSS_SELECTOR, "tbody tr")
    assert "SyntaxError: expected ':'" in first.text and "(build)" in first.text
    link = first.find_element(By.CSS_SELECTOR, 'a[href="#attempt-build-error-tiny-1"]')
    link.click()
    assert page.current_url.endswith("#attempt-build-error-tiny-1")
    card = page.find_element(By.ID, "attempt-build-error-tiny-1")
    assert page.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;", card)


def test_attempt_cards(page):
    attempts = section(page, "attempts")
    cards = attempts.find_elements(By.CSS_SELECTOR, "article.card")
    assert len(cards) == 7 and all(card.is_displayed() for card in cards)
    build = page.find_element(By.ID, "attempt-build-error-tiny-2")
    assert "build_error" in build.find_element(By.CSS_SELECTOR, ".badge.cause").text
    assert "✗ basic" in build.text and "✗ more" in build.text and "1 file changed, +6 −0" in build.text
    first_excerpt = build.find_element(By.CSS_SELECTOR, "details[open] pre")
    assert first_excerpt.is_displayed() and "SyntaxError: expected ':'" in first_excerpt.text
    closed = build.find_elements(By.CSS_SELECTOR, "details:not([open])")[0]
    assert not closed.find_element(By.TAG_NAME, "pre").is_displayed()
    closed.find_element(By.TAG_NAME, "summary").click()
    assert closed.find_element(By.TAG_NAME, "pre").is_displayed()
    timeout = page.find_element(By.ID, "attempt-timeout-tiny-1")
    assert "wall-clock limit of 5 s reached during a command" in timeout.find_element(By.CLASS_NAME, "detail").text
    assert "bash: timed out" in timeout.find_element(By.CSS_SELECTOR, "ol.steps").text
    partial = page.find_element(By.ID, "attempt-partial-tiny-1")
    assert "<function mul at 0x" in partial.text  # escaped in the source, shown as text


def test_file_links_open(page, report_page):
    card = page.find_element(By.ID, "attempt-timeout-tiny-1")
    href = card.find_element(By.LINK_TEXT, "trajectory.jsonl").get_attribute("href")
    assert href.startswith("file://") and href.endswith("/timeout/tiny/1/trajectory.jsonl")
    page.get(href)
    assert '"type": "start"' in page.find_element(By.TAG_NAME, "body").text
    page.get(report_page.as_uri())


def test_layout_fits_and_screenshot(page, report_page):
    page.get(report_page.as_uri())
    assert page.execute_script("return document.documentElement.scrollWidth") <= page.execute_script("return window.innerWidth")
    for table in page.find_elements(By.CSS_SELECTOR, "#pass-grid table, #causes table, #signatures table"):
        assert page.execute_script("return arguments[0].scrollWidth <= arguments[0].parentElement.clientWidth", table)
    height = page.execute_script("return document.body.scrollHeight")
    page.set_window_size(WIDTH, min(height + 200, 12000))
    assert page.save_screenshot(str(SCREENSHOT)) and SCREENSHOT.stat().st_size > 50_000
