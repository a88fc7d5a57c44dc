"""A trajectory, printed readably in the terminal."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from agentbench.result import Result

PREVIEW_LINES = 12


def _preview(text: str, lines: int = PREVIEW_LINES) -> str:
    parts = (text or "").rstrip().splitlines()
    if len(parts) <= lines:
        return "\n".join(parts)
    return "\n".join(parts[:lines]) + f"\n… ({len(parts) - lines} more lines)"


def _arguments(call: dict) -> str:
    args = call.get("arguments")
    if args is None:
        return f"(malformed) {call.get('raw_arguments', '')}"
    if call.get("name") == "bash" and isinstance(args, dict) and "command" in args:
        return args["command"]
    if call.get("name") == "write_file" and isinstance(args, dict):
        content = args.get("content", "")
        return f"{args.get('path')} ({len(content)} chars)\n{_preview(content, 6)}"
    return json.dumps(args, ensure_ascii=False)


def render_trajectory(events: list[dict], console: Console, full: bool = False) -> None:
    lines = None if full else PREVIEW_LINES
    for event in events:
        kind, t = event.get("type"), event.get("t", 0)
        stamp = f"[dim]{t:8.1f}s[/dim]"
        if kind == "start":
            console.print(f"{stamp} [bold]start[/bold] task {event.get('task')} with {event.get('model')} (seed {event.get('seed')})")
        elif kind == "model_response":
            usage = event.get("usage") or {}
            meta = f"in {usage.get('input_tokens', 0)} out {usage.get('output_tokens', 0)} tok, {event.get('latency_sec', 0):.1f}s"
            if event.get("retries"):
                meta += f", {event['retries']} retries ({event.get('backoff_sec', 0):.1f}s backoff)"
            console.print(f"{stamp} [bold cyan]step {event.get('step')}[/bold cyan] [dim]{meta}[/dim]")
            if event.get("text"):
                console.print(Panel(escape(_preview(event["text"], lines or 10_000)), title="model", border_style="cyan", expand=False))
            for call in event.get("tool_calls") or []:
                console.print(f"  [yellow]→ {call.get('name')}[/yellow] {escape(_arguments(call))}")
        elif kind == "tool_result":
            code = event.get("exit_code")
            status = "timed out" if event.get("timed_out") else ("error" if event.get("error") else f"exit {code}" if code is not None else "ok")
            console.print(f"  [green]← {event.get('name')}[/green] [dim]{status}, {event.get('duration_sec', 0):.1f}s[/dim]")
            console.print(escape(_preview(event.get("output", ""), lines or 10_000)), style="dim", highlight=False)
        elif kind == "nudge":
            console.print(f"{stamp} [magenta]nudge[/magenta]: no tool call; asked to continue or submit")
        elif kind == "context_elided":
            console.print(f"{stamp} [magenta]context[/magenta]: elided {event.get('chars')} chars of old tool output")
        elif kind in ("limit", "error"):
            console.print(f"{stamp} [red]{kind}[/red]: {escape(str(event.get('cause') or event.get('kind')))} — {escape(str(event.get('message')))}")
        elif kind == "end":
            usage = event.get("usage") or {}
            console.print(
                f"{stamp} [bold]end[/bold]: {'submitted' if event.get('submitted') else event.get('cause')} after {event.get('steps')} steps, "
                f"{usage.get('input_tokens', 0)} in / {usage.get('output_tokens', 0)} out tokens, cost {usage.get('cost_usd')}"
            )


def render_result_header(result: Result, console: Console) -> None:
    cause = f" / {result.cause}" if result.cause else ""
    console.print(
        f"[bold]{result.task}[/bold] attempt {result.attempt} — {result.agent}"
        f"{' ' + result.model if result.model else ''}: [bold]{result.outcome}{cause}[/bold], score {result.score:.2f}, "
        f"tests {result.tests.passed}/{result.tests.total}, {result.duration_sec:.0f} s"
    )
    if result.detail:
        console.print(f"[dim]{escape(result.detail)}[/dim]")
