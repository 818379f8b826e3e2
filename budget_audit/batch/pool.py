"""Worker processes: each file audited in isolation, killed when it runs past its time limit.

A pool of our own rather than concurrent.futures: a hung file must be killed from outside
(a cooperative deadline cannot stop a stuck C library), and a worker that dies must cost
only its file. Workers come from a fork server (started before any thread of the parent),
load the rule pack once, and are replaced after `RECYCLE` files to keep memory flat.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from budget_audit.batch.work import Job, Outcome, audit_file

RECYCLE = 100  # files per worker process; a new one then starts from the fork server's clean state

# The worker stops itself at the time limit, naming the page it was reading; the parent kills
# it only if that fails (a step inside a library that never returns).
_GRACE = 5.0


def _serve(conn: Connection, job: Job) -> None:
    """The worker's loop: a path in, an Outcome out, until told to stop (None)."""
    from budget_audit.config.pack import PackSetup, build_pack

    pack = build_pack(job.setup or PackSetup(job.rules_dir))  # validated by the parent before the batch started
    while (path := conn.recv()) is not None:
        conn.send(audit_file(Path(path), job, pack))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    path: str | None = None
    started: float = 0.0
    done: int = 0


class Pool:
    def __init__(self, job: Job, jobs: int, timeout: float,
                 on_start: Callable[[str], None] = lambda p: None) -> None:
        self.job, self.jobs, self.timeout, self.on_start = job, max(1, jobs), timeout, on_start
        self.ctx = mp.get_context("forkserver")
        # what every worker needs, imported once in the fork server rather than in each worker
        self.ctx.set_forkserver_preload(["budget_audit.batch.work", "budget_audit.engine.rules", "budget_audit.understand",
                                         "budget_audit.readers.pdf", "budget_audit.reporters.json_report"])

    def run(self, files: list[Path]) -> Iterator[Outcome]:
        """Audit every file; yield each Outcome as it completes (in completion order)."""
        todo = [str(f) for f in reversed(files)]
        workers = [self._spawn() for _ in range(min(self.jobs, len(files)))]
        try:
            while todo or any(w.path for w in workers):
                for w in workers:
                    if w.path is None and todo:
                        self._give(w, todo.pop())
                yield from self._collect(workers, bool(todo))
        finally:
            for w in workers:
                self._stop(w)

    def _collect(self, workers: list[_Worker], more: bool) -> Iterator[Outcome]:
        busy = [w for w in workers if w.path]
        deadline = min(w.started for w in busy) + self.timeout + min(_GRACE, self.timeout)
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                     timeout=max(0.0, deadline - time.monotonic()))
        for i, w in enumerate(workers):
            if w.path is None:
                continue
            if w.conn in ready or w.process.sentinel in ready:
                outcome = self._receive(w)
            elif time.monotonic() - w.started > self.timeout + min(_GRACE, self.timeout):
                outcome = Outcome(w.path, reason=f"超过时间限制（{self.timeout:g} 秒），已中止", seconds=self.timeout)
                w.process.kill()
                w.process.join()
            else:
                continue
            w.path = None
            if not w.process.is_alive() or (w.done >= RECYCLE and more):
                self._stop(w)
                workers[i] = self._spawn()
            yield outcome

    def _receive(self, w: _Worker) -> Outcome:
        assert w.path is not None
        try:
            if w.conn.poll():
                w.done += 1
                return w.conn.recv()
        except (EOFError, OSError):
            pass
        w.process.join(1)
        return Outcome(w.path, reason=f"审核进程意外退出（退出码 {w.process.exitcode}）",
                       seconds=time.monotonic() - w.started)

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_serve, args=(child, self.job), daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent)

    def _give(self, w: _Worker, path: str) -> None:
        w.path, w.started = path, time.monotonic()
        self.on_start(path)
        try:
            w.conn.send(path)
        except OSError:
            pass  # the worker is gone: its sentinel makes this file a 无法审核 row

    @staticmethod
    def _stop(w: _Worker) -> None:
        if w.process.is_alive():
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.process.join(2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
                w.process.join()
        w.conn.close()


def in_order(outcomes: Iterator[Outcome], files: list[Path]) -> Iterator[Outcome]:
    """Outcomes in the order of `files`, each released as soon as all before it are done."""
    waiting: dict[str, Outcome] = {}
    order = iter(str(f) for f in files)
    nxt = next(order, None)
    for o in outcomes:
        waiting[o.path] = o
        while nxt is not None and nxt in waiting:
            yield waiting.pop(nxt)
            nxt = next(order, None)
