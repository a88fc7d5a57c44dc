"""`agentbench report` on real runs: one self-contained HTML page and the same compilation as Markdown."""

from __future__ import annotations

import re
from urllib.parse import unquote
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.report_runs import report_runs

@pytest.fixture(scope="module")
def report(docker_ready, tmp_path_factory) -> tuple[Path, Path]:
    runs = report_runs(tmp_path_factory)
    out = tmp_path_factory.mktemp("report") / "site"
    html, markdown = out / "report.html", out / "ci" / "report.md"
    done = run_cli("report", *runs.run_ids, "--runs-dir", str(runs.runs_dir), "--html", str(html), "--markdown", str(markdown))
    assert done.returncode == 0, done.stderr
    assert f"wrote {html}" in done.stderr and f"wrote {markdown}" in done.stderr
    return html, markdown


@pytest.mark.docker
def test_html_is_self_contained(report):
    page = report[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for external in ("http://", "https://", "<script", "@import", "@font-face", "<link rel=\"stylesheet\""):
        assert external not in page, external
    assert re.findall(r'\b(?:src)="', page) == []


@pytest.mark.docker
def test_html_sections_and_content(report):
    page = report[0].read_text(encoding="utf-8")
    for section in ("pass-grid", "causes", "signatures", "attempts"):
        assert page.count(f'id="{section}"') == 1
    grid = page.split('id="pass-grid"')[1].split("</section>")[0]
    assert "scripted/<wbr>report_<wbr>build_<wbr>error" in grid and "<b>0/2</b>" in grid and "<b>1/1</b>" in grid
    causes = page.split('id="causes"')[1].split("</section>")[0]
    assert re.findall(r'<span class="badge cause">(\w+)</span>', causes) == ["tests_failed", "build_error", "no_changes", "gave_up", "agent_timeout"]
    signatures = page.split('id="signatures"')[1].split("</section>")[0]
    assert signatures.index("SyntaxError: expected &#x27;:&#x27;") < signatures.index("AssertionError: assert &lt;n&gt; == (&lt;n&gt; * &lt;n&gt;)")
    cards = re.findall(r'<article class="card (\w+)" id="(attempt-[^"]+)"', page)
    assert len(cards) == 7 and ("failed", "attempt-build-error-tiny-2") in cards and "attempt-solve-tiny-1" not in {c[1] for c in cards}


@pytest.mark.docker
def test_html_escapes_real_tracebacks(report):
    page = report[0].read_text(encoding="utf-8")
    assert "&lt;function mul at 0x" in page and "<function mul" not in page
    assert "&lt;module &#x27;calc&#x27; from &#x27;/workspace/calc.py&#x27;&gt;" in page


@pytest.mark.docker
def test_html_links_resolve_relative_to_the_page(report):
    html = report[0]
    page = html.read_text(encoding="utf-8")
    files = [h for h in re.findall(r'href="([^"#][^"]*)"', page) if h != "data:,"]
    assert len(files) == 7 * 3 - 1  # trajectory, diff and result of each card; the nop agent records no trajectory
    assert all(not h.startswith("/") and (html.parent / unquote(h)).resolve().is_file() for h in files)
    assert any(h.startswith("../../") and h.endswith("/build-error/tiny/2/workspace.diff") for h in files)
    anchors = re.findall(r'href="#([^"]+)"', page)
    assert anchors and all(f'id="{a}"' in page for a in anchors)


@pytest.mark.docker
def test_markdown_holds_the_same_compilation(report):
    text = report[1].read_text(encoding="utf-8")
    assert "| tiny | 🔴 0/1 · 0.00 | 🔴 0/2 · 0.00 | 🔴 0/1 · 0.00 | 🟡 0/1 · 0.25 | 🟡 0/1 · 0.25 | 🟢 1/1 · 1.00 |" in text
    assert "| `build_error` | model | **2** |" in text and "| `gave_up` | model | **1** |" in text
    assert "| 1 | 2 | 6 | `SyntaxError: expected ':'` | (build) | tiny | scripted/report\\_build\\_error |" in text
    assert "## Failed attempts (7)" in text and text.count("\n### ") == 7
    assert "### tiny #2 — scripted/report\\_build\\_error: failed / `build_error`" in text
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert links and all((report[1].parent / unquote(link)).resolve().is_file() for link in links)


def test_report_needs_an_output(tmp_path):
    done = run_cli("report", "whatever", "--runs-dir", str(tmp_path))
    assert done.returncode == 2 and "give --html FILE, --markdown FILE or both" in done.stderr
