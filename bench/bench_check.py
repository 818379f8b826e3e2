"""Benchmark `budget-audit check` against bare pdfplumber on real PDFs.

For each PDF: wall time (best of N) and peak RSS of
  * bare:  pdfplumber opening the file and running extract_text + extract_tables on every page;
  * check: `python -m budget_audit check FILE --format json`.
Every run is a fresh subprocess, so the peak RSS is that run's own (read from os.wait4, which
gives the same ru_maxrss as getrusage(RUSAGE_CHILDREN) but for one child only: a plain
RUSAGE_CHILDREN keeps the max over all children ever waited for).

    python bench/bench_check.py [PDF_OR_DIR ...] [--repeat N] [--json] [--timeout S]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

# Runs in the child: exactly the work the brief calls "bare pdfplumber"; prints the page count.
BARE_CODE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    n = len(pdf.pages)
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
        page.close()
print(n)
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr_tail: str


@dataclass
class Result:
    file: str
    pages: int | None = None
    bare_s: float | None = None
    check_s: float | None = None
    bare_peak_mb: float | None = None
    check_peak_mb: float | None = None
    check_exit: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.bare_s and self.check_s is not None:
            return self.check_s / self.bare_s
        return None


def run_once(cmd: list[str], timeout: float) -> Run:
    """Run cmd in a fresh process; return wall time and that process's own peak RSS."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    # Files, not pipes: we reap with wait4 ourselves, so nothing would drain a full pipe.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO, env=env)
        status, usage, timed_out = _wait(proc, timeout)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    code = -9 if timed_out else _exit_code(status)
    tail = f"timed out after {timeout:g}s" if timed_out else _last_line(stderr)
    # Linux reports ru_maxrss in KiB.
    return Run(seconds, usage.ru_maxrss / 1024, code, stdout, tail)


def _wait(proc: subprocess.Popen, timeout: float) -> tuple[int, object, bool]:
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = _exit_code(status)  # keep Popen from trying to reap it again
            return status, usage, timed_out
        if time.monotonic() > deadline and not timed_out:
            os.kill(proc.pid, signal.SIGKILL)
            timed_out = True
        time.sleep(0.005)


def _exit_code(status: int) -> int:
    return os.waitstatus_to_exitcode(status)


def _last_line(text: str, limit: int = 160) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    return last if len(last) <= limit else last[: limit - 1] + "…"


def best_of(cmd: list[str], repeat: int, timeout: float) -> tuple[Run, float]:
    """Fastest run (timing noise only ever adds) and the highest peak (be pessimistic on memory).

    A run that did not exit 0 or 1 stops the series and is returned: its failure is the news.
    """
    runs: list[Run] = []
    for _ in range(repeat):
        runs.append(run_once(cmd, timeout))
        if runs[-1].returncode not in (0, 1):
            return runs[-1], runs[-1].peak_mb
    return min(runs, key=lambda r: r.seconds), max(r.peak_mb for r in runs)


def measure_bare(pdf: Path, res: Result, repeat: int, timeout: float) -> None:
    run, peak = best_of([sys.executable, "-c", BARE_CODE, str(pdf)], repeat, timeout)
    if run.returncode != 0:
        res.problems.append(f"bare failed ({run.returncode}): {run.stderr_tail}")
        return
    res.bare_s, res.bare_peak_mb = run.seconds, peak
    res.pages = int(run.stdout.strip() or 0)


def measure_check(pdf: Path, res: Result, repeat: int, timeout: float) -> None:
    cmd = [sys.executable, "-m", "budget_audit", "check", str(pdf), "--format", "json"]
    run, peak = best_of(cmd, repeat, timeout)
    res.check_exit = run.returncode
    if run.returncode == 2:
        # Its time would say nothing about auditing speed, so it stays out of the ratio.
        res.problems.append(f"check could not audit (2): {run.stderr_tail}")
        return
    if run.returncode not in (0, 1) or not _is_json(run.stdout):
        # Exit 1 is also what Python gives for "No module named budget_audit": demand the JSON.
        res.problems.append(f"check failed ({run.returncode}): {run.stderr_tail or 'no JSON on stdout'}")
        return
    res.check_s, res.check_peak_mb = run.seconds, peak


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def find_pdfs(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(q for q in p.iterdir() if q.suffix.lower() == ".pdf" and q.is_file())
        else:
            found.append(p)
    return found


def _fmt(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(results: list[Result]) -> None:
    head = f"{'file':<48} {'pages':>5} {'bare s':>8} {'check s':>8} {'ratio':>6} {'bare MB':>8} {'check MB':>8}  note"
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r.file[:48]:<48} {_fmt(r.pages, 'd'):>5} {_fmt(r.bare_s, '.2f'):>8} {_fmt(r.check_s, '.2f'):>8} "
            f"{_fmt(r.ratio, '.2f'):>6} {_fmt(r.bare_peak_mb, '.0f'):>8} {_fmt(r.check_peak_mb, '.0f'):>8}  "
            + "; ".join(r.problems)
        )
    s = summary(results)
    print()
    print(f"max ratio check/bare: {_fmt(s['max_ratio'], '.2f')}"
          + (f"  ({s['max_ratio_file']})" if s["max_ratio_file"] else ""))
    print(f"max peak MB: bare {_fmt(s['max_bare_peak_mb'], '.0f')}, check {_fmt(s['max_check_peak_mb'], '.0f')}"
          + (f"  ({s['max_check_peak_file']})" if s["max_check_peak_file"] else ""))
    if s["failed"]:
        print(f"files with problems: {s['failed']}")


def summary(results: list[Result]) -> dict:
    def top(key):  # (value, file) of the largest non-missing value
        vals = [(key(r), r.file) for r in results if key(r) is not None]
        return max(vals) if vals else (None, None)

    ratio, ratio_file = top(lambda r: r.ratio)
    check_peak, check_file = top(lambda r: r.check_peak_mb)
    bare_peak, _ = top(lambda r: r.bare_peak_mb)
    return {
        "max_ratio": ratio,
        "max_ratio_file": ratio_file,
        "max_bare_peak_mb": bare_peak,
        "max_check_peak_mb": check_peak,
        "max_check_peak_file": check_file,
        "failed": sum(1 for r in results if r.problems),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help=f"PDFs or folders (default: {DEFAULT_CORPUS})")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts (default 3)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed (default 600)")
    ap.add_argument("--json", action="store_true", help="print machine-readable results instead of a table")
    ap.add_argument("--bare-only", action="store_true", help="skip the tool (e.g. while it is not built yet)")
    args = ap.parse_args(argv)

    pdfs = find_pdfs(args.paths or [DEFAULT_CORPUS])
    if not pdfs:
        print("no PDF found", file=sys.stderr)
        return 0
    results = []
    for i, pdf in enumerate(pdfs, 1):
        print(f"[{i}/{len(pdfs)}] {pdf.name}", file=sys.stderr)  # a corpus run takes minutes
        res = Result(file=pdf.name)
        if not pdf.is_file():
            res.problems.append("not a file")
        else:
            measure_bare(pdf, res, max(1, args.repeat), args.timeout)
            if not args.bare_only:
                measure_check(pdf, res, max(1, args.repeat), args.timeout)
        results.append(res)

    if args.json:
        rows = [dict(asdict(r), ratio=r.ratio) for r in results]
        print(json.dumps({"repeat": args.repeat, "results": rows, "summary": summary(results)},
                         ensure_ascii=False, indent=2))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
