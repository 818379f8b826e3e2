"""Run a batch: every file through the pool, outcomes in path order, progress on the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from budget_audit.batch.pool import Pool, in_order
from budget_audit.batch.progress import progress
from budget_audit.batch.work import Job, Outcome
from budget_audit.deadline import DEFAULT_SECONDS

DEFAULT_TIMEOUT = DEFAULT_SECONDS  # seconds per file: a long report takes a few; a stuck one is cut off
CHUNK = 32  # files handed out biggest first within each run of this many (see dispatch_order)


def run_batch(files: list[Path], job: Job, jobs: int, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Outcome]:
    """Yield each file's Outcome in path order, as soon as it and all before it are done."""
    with progress(len(files)) as shown:
        pool = Pool(job, jobs, timeout, on_start=shown.started)
        for outcome in in_order(_counted(pool.run(dispatch_order(files)), shown), files):
            yield outcome


def dispatch_order(files: list[Path]) -> list[Path]:
    """Biggest files first within each chunk of the path order: no worker is left alone with a
    big report at the end of the batch, and the in-path-order output waits at most a chunk."""
    out: list[Path] = []
    for i in range(0, len(files), CHUNK):
        out += sorted(files[i:i + CHUNK], key=_size, reverse=True)
    return out


def _size(f: Path) -> int:
    try:
        return f.stat().st_size
    except OSError:
        return 0


def _counted(outcomes: Iterator[Outcome], shown) -> Iterator[Outcome]:  # type: ignore[no-untyped-def]
    for o in outcomes:
        shown.advance()
        yield o
