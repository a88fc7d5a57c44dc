"""The live view of a run (on stderr, so that stdout stays clean for --json)."""

from __future__ import annotations

import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from agentbench.result import Result

OUTCOME_STYLE = {"passed": "green", "partial": "yellow", "failed": "red", "error": "magenta"}


class RunDisplay:
    def __init__(self, console: Console | None = None, quiet: bool = False):
        self.console = console or Console(stderr=True)
        self.quiet = quiet
        self._lock = threading.Lock()
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=self.console, transient=True, disable=quiet,
        )
        self._overall: TaskID | None = None

    def note(self, text: str) -> None:
        if not self.quiet:
            self.console.print(f"[dim]{text}[/dim]", soft_wrap=True, highlight=False)

    def start(self, total: int) -> None:
        self._progress.start()
        self._overall = self._progress.add_task("[bold]attempts", total=total)

    def trial_started(self, label: str) -> TaskID:
        with self._lock:
            return self._progress.add_task(f"{label}: starting", total=None)

    def trial_status(self, handle: TaskID, text: str) -> None:
        with self._lock:
            label = self._progress.tasks[self._index(handle)].description.split(":", 1)[0]
            self._progress.update(handle, description=f"{label}: {text}")

    def trial_finished(self, handle: TaskID, result: Result) -> None:
        with self._lock:
            self._progress.remove_task(handle)
            if self._overall is not None:
                self._progress.advance(self._overall)
        if not self.quiet:
            style = OUTCOME_STYLE.get(result.outcome, "white")
            cause = f" ({result.cause})" if result.cause else ""
            self._progress.console.print(
                f"[{style}]{result.outcome:>7}[/{style}] {result.task}#{result.attempt} score {result.score:.2f}{cause} in {result.duration_sec:.0f} s"
            )

    def stop(self) -> None:
        self._progress.stop()

    def _index(self, handle: TaskID) -> int:
        return next(i for i, t in enumerate(self._progress.tasks) if t.id == handle)
