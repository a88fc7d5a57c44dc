"""agentbench nightly --config nightly.toml"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import typer
from rich.console import Console

from agentbench.rundir import write_atomic
from agentbench.runner import RunDisplay
from agentbench.runner.runner import RunInterrupted
from agentbench.store import STORE_ENV, open_store
from agentbench.store.fmt import interval, num, pct
from agentbench.store.nightly import load_config, run_nightly
from agentbench.store.nightly_data import nightly_data


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def nightly(
    config: Path = typer.Option(..., "--config", "-c", help="The nightly's TOML file (models, tasks, attempts, ...; see docs/nightly.md)."),
    junit: Path = typer.Option(None, "--junit", help="Also write the results as JUnit XML here (one testcase per model/task/attempt)."),
    store: Path = typer.Option(None, "--store", help="The store file (default: the config's store, else AGENTBENCH_STORE, else <runs_dir>/agentbench.sqlite)."),
) -> int:
    """Run every model on every task, store the results and write a dated HTML and Markdown report.

    Exits 1 when a model is significantly worse than in the previous nightly, else 0."""
    from agentbench.report.nightly_junit import render_junit  # here, not above: matplotlib would slow every command
    from agentbench.report.nightly_page import write_report

    cfg = load_config(config)
    path = store or cfg.store or (Path(os.environ[STORE_ENV]) if os.environ.get(STORE_ENV) else cfg.store_file)
    display = RunDisplay()
    signal.signal(signal.SIGTERM, _interrupt)  # a CI job's timeout: containers are removed, attempts in flight recorded
    with open_store(path) as opened:
        try:
            nightly_id, runs = run_nightly(cfg, opened, display)
        except RunInterrupted:
            Console(stderr=True).print(f"interrupted: the results so far are in {cfg.runs_dir} and indexed in {path}; no report written")
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)  # attempts still waiting on a model call must not hold the process open
        data = nightly_data(opened, nightly_id, cfg.alpha, cfg.trend)
    html_file, md_file = write_report(data, cfg.report_dir)
    if junit:
        write_atomic(junit, render_junit(data))
    console = Console()
    for m in data.models:
        s, c = m.metrics.overall, m.comparison
        verdict = "first nightly" if c is None else ("REGRESSION" if c.regressed else f"vs previous: p = {c.p_value:.3g}")
        console.print(
            f"{m.label}: pass rate {pct(s.pass_rate)} ({interval(s.pass_rate_ci)}), mean score {num(s.mean_score)}, "
            f"infra errors {s.infrastructure} — {verdict}", highlight=False,
        )
    console.print(f"nightly {nightly_id}: report {html_file} and {md_file}" + (f", JUnit {junit}" if junit else "") + f"; store {path}", highlight=False)
    return 1 if data.regressed else 0
