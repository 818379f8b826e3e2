"""A per-file time limit, checked cooperatively by the loops that can run long.

`limit(seconds)` starts the clock for one file; the reader, understand and engine loops call
`reached(stage)` ("读取第 5 页") as they go, and past the limit it raises `TimedOut`, which is
an AuditError: exit 2 with one line naming where the time ran out. A cooperative check stops
at a clean point and works in any thread or worker process; `alarm=True` (main thread only)
adds a SIGALRM backstop for a long step with no check inside (deep in a PDF library), which
raises the same error there a moment after the limit.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from budget_audit.errors import AuditError

DEFAULT_SECONDS = 30.0
_BACKSTOP_GRACE = 1.0  # the cooperative check normally wins; the alarm only catches what it misses


class TimedOut(AuditError):
    """The file took longer than its time limit."""


@dataclass
class _Clock:
    end: float
    seconds: float
    stage: str = "开始审核"


_clock: ContextVar[_Clock | None] = ContextVar("budget_audit_deadline", default=None)


@contextmanager
def limit(seconds: float | None, alarm: bool = False) -> Iterator[None]:
    """Give the work inside at most `seconds` (None: no limit)."""
    if seconds is None:
        yield
        return
    clock = _Clock(time.monotonic() + seconds, seconds)
    token = _clock.set(clock)
    backstop = alarm and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if backstop:
        previous = signal.signal(signal.SIGALRM, lambda *_: _raise(clock))
        # repeats: a library that swallows one exception meets the next
        signal.setitimer(signal.ITIMER_REAL, seconds + _BACKSTOP_GRACE, 0.5)
    try:
        yield
    finally:
        if backstop:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _clock.reset(token)


def reached(stage: str) -> None:
    """Note where the work is; raise TimedOut if the time is up."""
    clock = _clock.get()
    if clock is None:
        return
    clock.stage = stage
    if time.monotonic() > clock.end:
        _raise(clock)


def check() -> None:
    """Raise TimedOut if the time is up (in a tight loop, without naming a new stage)."""
    clock = _clock.get()
    if clock is not None and time.monotonic() > clock.end:
        _raise(clock)


def _raise(clock: _Clock) -> None:
    raise TimedOut(f"超过时限 {clock.seconds:g} 秒，{clock.stage}时停止，未能完成审核（可用 --timeout 放宽）")
