"""The never-crash contract over hundreds of hostile inputs, each in its own subprocess.

    python bench/fuzz_contract.py [--seed N] [--pdf-cases N] [--limit S] [--big] [--only SUBSTR]

Mutates the corpus PDFs (../shared/corpus: truncations, bit flips, zeroed ranges) and the text
fixtures (markup, encodings, hostile names, pathological sizes), plus malformed rule packs, odd
arguments and odd terminals (ascii/C locale, closed, full and broken stdout). Every run must end
in 0, 1 or 2 within --limit seconds, print no traceback, exit 2 with exactly one
`budget-audit:` line, and leave its input untouched (tests/fuzzcases.py: `contract`).
`--big` adds the full-size pathological inputs of issue 9 (49 MB text, 300k rows, 50 MB of
newlines, ...) and prints their time and peak memory. Prints one line per violation and a
summary; exits 1 when any case broke the contract.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import fuzzcases as fc  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def run(case: fc.Case, limit: float) -> tuple[list[str], float, int]:
    """Run one case; return its violations, wall time and peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        digests = case.write(d)
        env = {**os.environ, **case.env}
        rss = d / "rss"  # /usr/bin/time's child does not inherit this process's peak memory
        cmd = [sys.executable, "-m", "budget_audit", *case.argv(d)]
        if case.stdout != "closed":  # time's -o file would take the closed descriptor 1
            cmd = ["/usr/bin/time", "-q", "-f", "%M", "-o", str(rss), *cmd]
        stdout, pre = subprocess.DEVNULL, None
        if case.stdout == "full":
            stdout = open("/dev/full", "wb")  # noqa: SIM115
        elif case.stdout == "closed":
            pre = lambda: os.close(1)  # noqa: E731
        elif case.stdout == "broken":
            reader, stdout = os.pipe()
            os.close(reader)  # the reader went away before the first byte (`| head -0`)
        err = tempfile.TemporaryFile()
        start = time.monotonic()
        p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=stdout, stderr=err, preexec_fn=pre,
                             start_new_session=True)  # a killed case takes its children along
        if isinstance(stdout, int) and stdout > 2:
            os.close(stdout)
        status = _wait(p.pid, limit + 5)
        elapsed = time.monotonic() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        if status is None:
            return [f"ran past {limit + 5:.0f}s (killed)"], elapsed, 0
        code = os.waitstatus_to_exitcode(status)
        peak = int(rss.read_text().split()[-1]) // 1024 if rss.exists() else 0
        return fc.contract(code, text, elapsed, limit, digests, case.stdout), elapsed, peak


def _wait(pid: int, timeout: float) -> int | None:
    """The exit status of pid, or None when it had to be killed (with its process group)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.killpg(pid, 9)
    os.waitpid(pid, 0)
    return None


def cases(seed: int, pdf_cases: int, big: bool) -> list[fc.Case]:
    rng = random.Random(seed)
    out: list[fc.Case] = []
    fixtures = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
    report = fixtures[0].read_bytes()
    for pdf in sorted(CORPUS.glob("*.pdf")):
        out += fc.document_cases(pdf.stem, pdf.read_bytes(), rng, pdf_cases)
    for f in fixtures:
        out += fc.document_cases(f.stem, f.read_bytes(), rng, 4)
        out += fc.text_cases(f.stem, f.read_text(encoding="utf-8"), rng)
    out += fc.rule_pack_cases(report, rng)
    out += fc.argument_cases(report)
    out += fc.environment_cases(report)
    if big:
        out += big_cases(fixtures[0].read_text(encoding="utf-8"))
    return out


def big_cases(text: str) -> list[fc.Case]:
    """Issue 9's full-size pathological inputs."""
    def c(name: str, data: bytes) -> fc.Case:
        return fc.Case("big:" + name, {"big.txt": data}, ["check", "{d}/big.txt", "--format", "json"])
    body = text.encode()
    return [
        c("49MB-text", body * (49 * 1024 * 1024 // len(body))),
        c("14MB-text", body * (14 * 1024 * 1024 // len(body))),
        c("300k-rows", fc.big_table(300_000)),
        c("50MB-newlines", fc.newlines(50 * 1024 * 1024)),
        c("200k-caption", fc.long_caption(200_000)),
        c("20k-claims", fc.many_claims(20_000)),
        c("repeated-200", fc.repeated_sections(text, 200)),
        fc.Case("big:inflate-200MB", {"big.pdf": fc.inflating_pdf(200)}, ["check", "{d}/big.pdf", "--format", "json"]),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--pdf-cases", type=int, default=25, help="mutations per corpus PDF")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds a run may take")
    ap.add_argument("--big", action="store_true", help="add the full-size pathological inputs")
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    a = ap.parse_args()
    todo = [c for c in cases(a.seed, a.pdf_cases, a.big) if a.only in c.name]
    broken = 0
    for i, case in enumerate(todo, 1):
        bad, elapsed, peak = run(case, a.limit)
        if bad or case.name.startswith("big:") or elapsed > 10:
            print(f"[{i}/{len(todo)}] {case.name!r} {elapsed:.1f}s {peak}MB {'; '.join(bad) or 'ok'}", flush=True)
        broken += bool(bad)
    print(f"{broken} of {len(todo)} cases broke the contract")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
