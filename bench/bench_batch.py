"""Time one batch at 1 and at 2 worker processes: the speed-up, the cost per report, memory.

The batch is every report in the given folders (default: ../shared/corpus), each taken
--copies times, so that a batch is long enough to measure. Each run is the batch runner
itself (budget_audit.batch.pool, what `check DIR --jobs N` uses), worker start-up included;
rounds alternate 1 and 2 workers, and the fastest run of each counts.

    python bench/bench_batch.py [DIR_OR_FILE ...] [--copies 4] [--repeat 1] [--json]

Peak MB is the largest peak resident memory any worker reported (getrusage in the worker,
after each file): it stays flat when nothing accumulates from file to file. CPU s/report is
the workers' own CPU time per file: the cost of a report whatever else the machine runs (wall
times and the speed-up mean something only on an otherwise idle machine).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

from budget_audit.batch.files import collect  # noqa: E402 - after the path: run from a checkout
from budget_audit.batch.pool import Pool  # noqa: E402
from budget_audit.batch.runner import dispatch_order  # noqa: E402
from budget_audit.batch.work import Job  # noqa: E402


def run(files: list[Path], jobs: int) -> dict[str, float]:
    start = time.perf_counter()
    outcomes = list(Pool(Job(), jobs, timeout=600).run(dispatch_order(files)))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": max(o.peak_mb for o in outcomes),
            "cpu_per_report": sum(o.cpu_seconds for o in outcomes) / len(outcomes),
            "failed": sum(o.failed for o in outcomes)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--copies", type=int, default=4, help="times each report is in the batch (default 4)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of (1 worker, 2 workers); fastest counts")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    files = collect(args.paths) * args.copies
    best: dict[int, dict[str, float]] = {}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            r = run(files, jobs)
            print(f"jobs={jobs}: {r['seconds']:.1f} s, worker peak {r['peak_mb']:.0f} MB, "
                  f"{r['failed']} failed", file=sys.stderr)
            if jobs not in best or r["seconds"] < best[jobs]["seconds"]:
                best[jobs] = r
    one, two = best[1], best[2]
    n = len(files)
    summary = {"reports": n, "seconds_1": round(one["seconds"], 2), "seconds_2": round(two["seconds"], 2),
               "speedup": round(one["seconds"] / two["seconds"], 2),
               "seconds_per_report_1_worker": round(one["seconds"] / n, 3),
               "cpu_seconds_per_report": round(one["cpu_per_report"], 3),
               "worker_peak_mb": round(max(one["peak_mb"], two["peak_mb"])),
               "load_average_1min": round(os.getloadavg()[0], 1)}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{n} reports: 1 worker {one['seconds']:.1f} s ({one['seconds'] / n:.2f} s/report), "
              f"2 workers {two['seconds']:.1f} s: speed-up {summary['speedup']}×; "
              f"CPU {summary['cpu_seconds_per_report']} s/report; worker peak "
              f"{summary['worker_peak_mb']} MB; load average {summary['load_average_1min']} "
              "(other work on the machine slows both)")


if __name__ == "__main__":
    main()
