"""One file's audit as a worker runs it: never raises, always returns an Outcome."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budget_audit.engine.rules import RulePack

FAILED = "无法审核"


@dataclass(frozen=True)
class Job:
    """What every file of a batch gets: the same rules and the same options."""

    rules_dir: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    illustrate: bool = False  # render the page crops / text excerpts of each finding
    timeout: float | None = None  # the cooperative time limit inside the worker (it names the page)
    setup: Any = None  # config.pack.PackSetup: the configured pack (extend-rules, params, severity)


@dataclass
class Outcome:
    """A file's result: its report document (budget-audit/report@1), or why there is none."""

    path: str
    document: dict[str, Any] | None = None
    reason: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time for this file: the cost, whatever the machine's load
    peak_mb: float = 0.0  # the worker's peak resident memory so far (flat across a batch)
    # one per finding of the document, in its order (None where nothing could be shown)
    crops: list[bytes | None] = field(default_factory=list)
    excerpts: list[list[Any] | None] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.document is None


def audit_file(path: Path, job: Job, pack: RulePack) -> Outcome:
    from budget_audit import __version__, audit
    from budget_audit.errors import describe
    from budget_audit.reporters import json_report

    start, cpu = time.perf_counter(), time.process_time()
    try:
        results = audit(path, pack=pack, select=set(job.select) if job.select else None,
                        ignore=set(job.ignore) if job.ignore else None, timeout=job.timeout)
        doc = json_report.document(results, __version__)
    except Exception as e:  # noqa: BLE001 - one file's failure is a row, never the batch's end
        return Outcome(str(path), reason=describe(e), seconds=time.perf_counter() - start)
    out = Outcome(str(path), doc)
    if job.illustrate:
        try:
            _illustrate(out, path)
        except Exception:  # noqa: BLE001 - pictures are a courtesy: the findings stand without them
            out.crops, out.excerpts = [], []
    out.seconds, out.cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    out.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _illustrate(out: Outcome, path: Path) -> None:
    """Crops of the cited PDF places, or the cited lines of a text file, finding by finding."""
    from budget_audit.reporters import crops

    findings = out.document["findings"] if out.document else []
    if out.document and out.document["source"]["format"] == "pdf":
        out.crops = crops.pdf_crops(path, findings)
    else:
        out.excerpts = crops.text_excerpts(path, findings)
