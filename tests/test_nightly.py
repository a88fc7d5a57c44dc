"""Nightlies: the config file, the report (HTML, Markdown, JUnit) and two real consecutive nightlies."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from agentbench.errors import AgentbenchError
from agentbench.outcome.taxonomy import Cause
from agentbench.report.nightly_junit import render_junit
from agentbench.report.nightly_page import render_html, render_markdown, write_report
from agentbench.result import Usage
from agentbench.store import STORE_ENV, open_store
from agentbench.store.ingest import ingest
from agentbench.store.nightly import load_config, run_id
from agentbench.store.nightly_data import nightly_data
from tests.conftest import FIXTURES, TINY_TASK, run_cli
from tests.store_helpers import result

GREET_TASK = FIXTURES / "tasks" / "greet"
SCRIPTS = FIXTURES / "scripts"


def test_config_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / "ci").mkdir()
    config = tmp_path / "ci" / "nightly.toml"
    config.write_text(
        'tasks = ["autograd", "./tasks/mine", "/abs/task"]\nattempts = 2\nreport_dir = "out"\nprices = "p.toml"\n'
        '[[models]]\nspec = "scripted/scripts/s.json"\n[[models]]\nname = "demo"\nspec = "scripted/demo"\nmodel_args = {temperature = 0}\n'
        '[[models]]\nagent = "oracle"\n'
    )
    cfg = load_config(config)
    base = tmp_path / "ci"
    assert cfg.tasks == ["autograd", str(base / "tasks/mine"), "/abs/task"]
    assert (cfg.runs_dir, cfg.report_dir, cfg.prices, cfg.store_file) == (base / "runs", base / "out", base / "p.toml", base / "runs" / "agentbench.sqlite")
    assert [m.spec for m in cfg.models] == [f"scripted/{base / 'scripts/s.json'}", "scripted/demo", None]
    assert [m.label for m in cfg.models] == ["scripted/scripts/s.json", "demo", "oracle"]  # names come from the file as written
    assert cfg.models[1].model_args == {"temperature": 0}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tasks = ["a"]\n[[models]]\nagent = "oracle"\n[[models]]\nagent = "oracle"\n', "two models are named 'oracle'"),
        ('tasks = ["a"]\ncolour = 1\n[[models]]\nagent = "oracle"\n', "colour: Extra inputs are not permitted"),
        ('tasks = ["a"]\n[[models]]\nname = "a/b"\n[[models]]\nname = "a b"\n', "make the same run folder name"),
        ('tasks = []\n[[models]]\nagent = "oracle"\n', "tasks: List should have at least 1 item"),
        ("tasks = [", "not valid TOML"),
    ],
)
def test_config_errors_are_one_line(tmp_path, text, message):
    config = tmp_path / "n.toml"
    config.write_text(text)
    with pytest.raises(AgentbenchError, match=re.escape(message)) as caught:
        load_config(config)
    assert "\n" not in str(caught.value) and str(config) in str(caught.value)


def test_run_ids_are_safe_folder_names():
    assert run_id("20260101-020000", "scripted//x/y.json") == "nightly-20260101-020000-scripted-x-y.json"


def _two_nightlies(store):
    """Model 'a' passes everything in the first nightly and fails everything in the second; 'b' stays flat."""
    for nightly, a_resolved in (("20260101-020000", True), ("20260102-020000", False)):
        for label, resolved in (("a", a_resolved), ("b", False)):
            rid = run_id(nightly, label)
            store.add_run({"run_id": rid, "created_at": nightly, "agent": "builtin", "model": f"openai/{label}", "nightly": {"id": nightly, "model": label}})
            for task in ("t1", "t2"):
                for n in (1, 2, 3):
                    cause = Cause.SANDBOX_ERROR if (label, task, n) == ("b", "t2", 3) else None
                    store.add_result(result(rid, task, n, resolved=resolved, cause=cause, model=f"openai/{label}",
                                            usage=Usage(input_tokens=100, output_tokens=10, cost_usd=0.01 if label == "a" else None)))


def test_report_from_the_store(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        _two_nightlies(store)
        data = nightly_data(store, "20260102-020000", alpha=0.05)
    assert [m.label for m in data.models] == ["a", "b"] and data.regressed == ["a"]
    a, b = data.models
    assert a.previous_run == run_id("20260101-020000", "a") and len(a.comparison.regressions) == 6
    assert b.metrics.overall.infrastructure == 1 and b.metrics.overall.scored == 5 and not b.comparison.regressed
    assert [(p.nightly, p.model, p.resolved, p.scored) for p in data.trend if p.model == "a"] == [("20260101-020000", "a", 6, 6), ("20260102-020000", "a", 0, 6)]
    page = render_html(data)
    assert page.count("<svg") == 3 and "REGRESSION: a is significantly worse" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page) and "<script" not in page  # works offline
    assert "<?xml" not in page  # the SVGs are inline
    md = render_markdown(data)
    assert "| a | 0% (0–39%) |" in md and "| 20260101-020000 | 100% (6/6) | 0% (0/5) |" in md
    assert "a, passed → failed: t1#1, t1#2, t1#3, t2#1, t2#2, t2#3" in md
    assert "| b | 0 | 1 | 5 |" in md  # how attempts ended: passed, sandbox_error, tests_failed
    html_file, md_file = write_report(data, tmp_path / "reports")
    assert html_file.name == "nightly-20260102-020000.html" and md_file.read_text() == md


def test_junit_has_one_case_per_attempt_and_failures_carry_the_cause(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        _two_nightlies(store)
        data = nightly_data(store, "20260102-020000", alpha=0.05)
    root = ET.fromstring(render_junit(data))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("12", "11", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"a", "b"} and suites["a"].get("timestamp") == "2026-01-02T02:00:00"
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert len(cases) == 12
    failure = cases[("a.t1", "t1#1")].find("failure")
    assert failure.get("type") == "tests_failed" and "some hidden tests failed" in failure.get("message")
    error = cases[("b.t2", "t2#3")].find("error")
    assert error.get("type") == "sandbox_error" and cases[("b.t2", "t2#3")].find("failure") is None


def _config(folder, solver_script: str, models: tuple[str, ...] = ("solver", "failer")) -> str:
    specs = {"solver": solver_script, "failer": "nightly_fail.json"}
    path = folder / "nightly.toml"
    lines = [
        f'tasks = ["{TINY_TASK}", "{GREET_TASK}"]', "attempts = 3", "concurrency = 2", 'runs_dir = "runs"', 'report_dir = "reports"',
        f'prices = "{SCRIPTS / "nightly_prices.toml"}"',
    ]
    for name in models:
        lines += ["[[models]]", f'name = "{name}"', f'spec = "scripted/{SCRIPTS / specs[name]}"']
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.mark.docker
def test_two_nightlies_report_a_trend_and_a_regression(docker_ready, tmp_path):
    env = {STORE_ENV: "", "NO_PROXY": "127.0.0.1,localhost"}
    first = run_cli("nightly", "--config", _config(tmp_path, "nightly_solve.json"), "--junit", str(tmp_path / "first.xml"), env=env, cwd=tmp_path.parent)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "solver: pass rate 100%" in first.stdout and "failer: pass rate 0%" in first.stdout
    junit = ET.parse(tmp_path / "first.xml").getroot()
    assert (junit.get("tests"), junit.get("failures"), junit.get("errors")) == ("12", "6", "0")
    causes = {f.get("type") for f in junit.iter("failure")}
    assert causes and causes <= {c.value for c in Cause} and "no_changes" in causes  # the failer leaves tiny untouched
    (html_1,) = (tmp_path / "reports").glob("*.html")

    # the solver now runs the failing script under the same name: six flips, p = 2 / 2^6 < 0.05
    second = run_cli("nightly", "--config", _config(tmp_path, "nightly_fail.json", ("solver",)), "--junit", str(tmp_path / "second.xml"), env=env)
    assert second.returncode == 1, second.stdout + second.stderr
    assert "solver: pass rate 0%" in second.stdout and "REGRESSION" in second.stdout
    html_files = sorted((tmp_path / "reports").glob("nightly-*.html"))
    md_files = sorted((tmp_path / "reports").glob("nightly-*.md"))
    assert len(html_files) == 2 and len(md_files) == 2 and html_files[0] == html_1
    nightlies = [f.stem.removeprefix("nightly-") for f in md_files]
    md = md_files[1].read_text()
    assert f"| {nightlies[0]} | 0% (0/6) | 100% (6/6) |" in md and f"| {nightlies[1]} | - | 0% (0/6) |" in md  # trend: failer, solver
    assert "solver, passed → failed: greet#1, greet#2, greet#3, tiny#1, tiny#2, tiny#3" in md
    page = html_files[1].read_text()
    assert page.count("<svg") == 3 and "REGRESSION: solver" in page
    assert {"tokens/attempt", "cost/attempt"} <= set(re.findall(r"<th>([^<]+)</th>", page))
    assert re.search(r"<td>solver</td><td>0% \(0–39%\)</td>", page)

    # run.json records the nightly, so a store rebuilt from the run directories has the same trend
    with open_store(tmp_path / "rebuilt.sqlite") as rebuilt:
        ingest(rebuilt, [tmp_path / "runs"])
        trend = [(p["nightly"], p["model"], p["resolved"]) for p in rebuilt.nightly_trend()]
    assert trend == [(nightlies[0], "failer", 0), (nightlies[0], "solver", 6), (nightlies[1], "solver", 0)]
    with open_store(tmp_path / "runs" / "agentbench.sqlite") as store:
        costs = {r["model"]: r["cost_usd"] for r in store.runs()}
        assert costs["solver"] > 0 and costs["failer"] > 0  # priced from the fixture's price table


def test_the_sample_config_in_docs_loads_and_points_at_real_files():
    cfg = load_config(FIXTURES.parent.parent / "docs" / "nightly.toml")
    assert len(cfg.models) == 3 and cfg.attempts * len(cfg.tasks) >= 6  # enough pairs for p < 0.05
    for task in cfg.tasks:
        assert (Path(task) / "task.toml").is_file(), task
    for m in cfg.models:
        assert m.spec is None or Path(m.spec.removeprefix("scripted/")).is_file(), m.spec
    assert cfg.prices.is_file()
