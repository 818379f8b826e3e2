"""The progress bar of a batch: on stderr, and only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Progress:
    """Files done of total, the file last started, elapsed and remaining time."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.bar = Bar(TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.fields[current]}"),
                       console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("审核", total=total, current="")

    def started(self, path: str) -> None:
        self.bar.update(self.task, current=Path(path).name)

    def advance(self) -> None:
        self.bar.advance(self.task)


class _Silent:
    def started(self, path: str) -> None:
        pass

    def advance(self) -> None:
        pass


@contextmanager
def progress(total: int) -> Iterator[Progress | _Silent]:
    if not sys.stderr.isatty():
        yield _Silent()
        return
    shown = Progress(total)
    with shown.bar:
        yield shown


