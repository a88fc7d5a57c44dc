"""agentbench compare RUN_A RUN_B | --model A --model B"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Column, Table

from agentbench.errors import AgentbenchError
from agentbench.rundir import resolve_run
from agentbench.store import Store, open_store, store_path
from agentbench.store.compare import DEFAULT_ALPHA, Comparison, compare as compare_attempts
from agentbench.store.fmt import interval, num, pct, seconds, signed, tokens, usd
from agentbench.store.metrics import Attempt, attempt_of, model_label


def compare(
    runs: list[str] = typer.Argument(None, help="Two runs: run directories or run ids (in --runs-dir, else in the store)."),
    model: list[str] = typer.Option(None, "--model", "-m", help="Instead of runs: two models in the store (give it twice)."),
    alpha: float = typer.Option(DEFAULT_ALPHA, "--alpha", min=0.0, max=1.0, help="Significance level of the paired test."),
    store: Path = typer.Option(None, "--store", help="The store file (default: AGENTBENCH_STORE, else <runs-dir>/agentbench.sqlite)."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir"),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON on stdout."),
) -> int:
    """Compare A with B: flips per task, McNemar's exact test on paired attempts, score, cost and time deltas.

    Exits 1 when B is significantly worse than A, else 0."""
    path = store_path(store, runs_dir)
    if model:
        if runs or len(model) != 2:
            raise AgentbenchError("compare: give two runs, or --model twice (not both)")
        with _open_existing(path) as opened:
            known = opened.models()
            for name in model:
                if name not in known:
                    raise AgentbenchError(f"--model {name}: not in {path} (known: {', '.join(known) or 'none'})")
            sides = [(name, opened.attempts(models=[name])) for name in model]
        result = compare_attempts(sides[0][1], sides[1][1], a_name=sides[0][0], b_name=sides[1][0], alpha=alpha, pairing="order")
    else:
        if not runs or len(runs) != 2:
            raise AgentbenchError("compare: give two runs (RUN_A RUN_B), or --model A --model B")
        (a_name, a), (b_name, b) = (_run_attempts(ref, runs_dir, path) for ref in runs)
        result = compare_attempts(a, b, a_name=a_name, b_name=b_name, alpha=alpha, pairing="attempt")
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print_comparison(result, Console())
    return 1 if result.regressed else 0


def _open_existing(path: Path) -> Store:
    if not path.is_file():
        raise AgentbenchError(f"store {path}: not found (index runs with `agentbench ingest DIR`)")
    return open_store(path)


def _run_attempts(ref: str, runs_dir: Path, path: Path) -> tuple[str, list[Attempt]]:
    """From the run directory when there is one, else from the store."""
    try:
        run_dir = resolve_run(ref, runs_dir)
    except AgentbenchError:
        if path.is_file():
            with open_store(path) as opened:
                record = opened.run(ref)
                if record:
                    return f"{ref} ({record['label'] or record['model_key']})", opened.attempts(run_ids=[ref])
        raise
    record = run_dir.read_run()
    label = (record.get("nightly") or {}).get("model") or model_label(record.get("agent") or "?", record.get("model"))
    return f"{run_dir.run_id} ({label})", [attempt_of(r, label) for r in run_dir.results()]


def print_comparison(c: Comparison, console: Console) -> None:
    overview = Table("", "A", "B", "B - A", title=f"A = {c.a_name}   B = {c.b_name}")
    overview.add_row("attempts scored (infra errors)", f"{c.a.scored} ({c.a.infrastructure})", f"{c.b.scored} ({c.b.infrastructure})", "")
    overview.add_row(
        "pass rate (95% CI)", f"{pct(c.a.pass_rate)} ({interval(c.a.pass_rate_ci)})", f"{pct(c.b.pass_rate)} ({interval(c.b.pass_rate_ci)})",
        signed(None if c.a.pass_rate is None or c.b.pass_rate is None else (c.b.pass_rate - c.a.pass_rate) * 100, 0, " pts"),
    )
    overview.add_row("mean score (paired delta)", num(c.a.mean_score), num(c.b.mean_score), signed(c.mean_score_delta))
    overview.add_row("cost / attempt", usd(c.a.per_attempt(c.a.cost_usd)), usd(c.b.per_attempt(c.b.cost_usd)), signed(c.delta("cost_usd"), 4, " $"))
    overview.add_row("time / attempt", seconds(c.a.per_attempt(c.a.time_sec)), seconds(c.b.per_attempt(c.b.time_sec)), signed(c.delta("time_sec"), 1, " s"))
    overview.add_row("tokens / attempt", tokens(c.a.per_attempt(c.a.tokens)), tokens(c.b.per_attempt(c.b.tokens)), signed(c.delta("tokens"), 0))
    console.print(overview)
    per_task = Table(
        "task", "pairs", "A pass", "B pass", "A score", "B score", "Δ", "P→F", "F→P", Column("status", no_wrap=True),
        title="per task (P→F: passed in A, failed in B)",
    )
    for t in c.tasks:
        per_task.add_row(
            t.task, str(t.pairs), pct(t.a.pass_rate if t.a else None), pct(t.b.pass_rate if t.b else None),
            num(t.a.mean_score if t.a else None), num(t.b.mean_score if t.b else None), signed(t.mean_score_delta),
            str(len(t.regressions)), str(len(t.improvements)), t.status,
        )
    console.print(per_task)
    for flip in c.regressions + c.improvements:
        arrow = "passed → failed" if flip in c.regressions else "failed → passed"
        console.print(f"  {flip.task}#{flip.pair}: {arrow} (score {flip.a_score:.2f} → {flip.b_score:.2f})", highlight=False)
    verdict = "significant regression from A to B" if c.regressed else (
        "significant improvement from A to B" if c.significant else "no significant change"
    )
    console.print(
        f"McNemar exact test over {c.pairs} paired attempts ({c.unpaired} unpaired): {len(c.regressions)} passed→failed, "
        f"{len(c.improvements)} failed→passed, p = {c.p_value:.4g} (alpha {c.alpha:g}): {verdict}",
        highlight=False,
    )
