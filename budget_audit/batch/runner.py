"""Run a batch: every file through the pool, outcomes in path order, progress on the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from budget_audit.batch.pool import Pool, in_order
from budget_audit.batch.progress import progress
from budget_audit.batch.work import Job, Outcome

DEFAULT_TIMEOUT = 120.0  # seconds per file: a long report takes a few; a stuck one is cut off


def run_batch(files: list[Path], job: Job, jobs: int, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Outcome]:
    """Yield each file's Outcome in path order, as soon as it and all before it are done."""
    with progress(len(files)) as shown:
        pool = Pool(job, jobs, timeout, on_start=shown.started)
        for outcome in in_order(_counted(pool.run(files), shown), files):
            yield outcome


def _counted(outcomes: Iterator[Outcome], shown) -> Iterator[Outcome]:  # type: ignore[no-untyped-def]
    for o in outcomes:
        shown.advance()
        yield o
