"""The live console view: a progress bar over the run, a line per scenario.

On a terminal (`live`), rich draws a bar with the scenarios in flight and prints
each scenario's line above it as it finishes; elsewhere (CI logs, tests) only
the lines are written, through the same `echo`. Scenarios finish on worker
threads, so writing is serialised.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from simulator.runner import report
from simulator.runner.engine import Result
from simulator.runner.scenario import Scenario


class Progress:
    def __init__(self, echo: Callable[[str], None], total: int, *, live: bool):
        self.echo = echo
        self.total = total
        self._lock = threading.Lock()
        self._running: list[str] = []
        self._bar: RichProgress | None = None
        if live:
            self._bar = RichProgress(
                TextColumn("[bold]scenarios"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def started(self, scenario: Scenario) -> None:
        with self._lock:
            self._running.append(scenario.name)
            self._describe()

    def finished(self, result: Result) -> None:
        with self._lock:
            if result.scenario.name in self._running:
                self._running.remove(result.scenario.name)
            line = report.line(result)
            if self._bar is not None:
                self._bar.console.print(Text.from_ansi(line))
                self._bar.advance(self._task)
                self._describe()
            else:
                self.echo(line)

    def _describe(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=", ".join(self._running[:3]))
