"""`budget-audit check` on many files (or one file with a batch output): stream, summarise, exit.

Machine output (JSONL, Markdown, HTML) goes to --output or stdout; the terminal summary goes to
stdout only when stdout is not carrying machine output; the progress bar to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from budget_audit.batch.files import collect, parse_shard, shard
from budget_audit.batch.runner import run_batch
from budget_audit.batch.work import Job, Outcome
from budget_audit.errors import AuditError


@dataclass(frozen=True)
class Options:
    format: str  # rich | json | jsonl | html | markdown
    job: Job
    jobs: int
    timeout: float
    failing: Callable[[dict[str, Any]], bool]  # a report document that makes the run exit 1
    tool: dict[str, Any]
    output: Path | None = None
    summary: Path | None = None
    shard: str | None = None
    gate: Callable[[Outcome], Outcome] | None = None  # waivers and baseline (budget_audit.gate)
    render: Callable[[list[Outcome]], str] | None = None  # a CI format of the whole run (sarif, junit …)


def files_of(paths: list[Path], shard_spec: str | None) -> list[Path]:
    files = collect(paths)
    if shard_spec:
        files = shard(files, *parse_shard(shard_spec))
    if not files:
        raise AuditError("没有找到可审核的报告文件（" + "、".join(str(p) for p in paths) + "）")
    return files


def check_batch(paths: list[Path], opts: Options, console: Any) -> int:
    """Audit every file; return the exit code (2 any unaudited, 1 any failing report, else 0)."""
    files = files_of(paths, opts.shard)
    if opts.format == "json":
        raise AuditError("多个文件请用 --format jsonl（每个文件一行 JSON）")
    if opts.format == "html" and opts.output is None:
        raise AuditError("--format html 需要 --output 指定报告文件，如 --output report.html")
    outcomes: list[Outcome] = []
    with _sink(opts) as out:
        pages = _HtmlPages(opts.output, files) if opts.format == "html" else None
        for o in run_batch(files, opts.job, opts.jobs, opts.timeout):
            o = opts.gate(o) if opts.gate else o
            if opts.format == "jsonl":
                from budget_audit.reporters import jsonl_report

                out.write(jsonl_report.line(o, opts.tool))
                out.flush()
            if pages is not None:
                pages.add(o)
            outcomes.append(o if opts.format == "markdown" or opts.render else slim(o))
        if pages is not None:
            pages.finish(outcomes)
        if opts.format == "markdown":
            from budget_audit.reporters import markdown_report

            out.write(markdown_report.render(outcomes))
        if opts.render is not None:
            out.write(opts.render(outcomes))
    _summaries(outcomes, opts, console)
    if any(o.failed for o in outcomes):
        return 2
    return 1 if any(opts.failing(o.document) for o in outcomes if o.document) else 0


def _summaries(outcomes: list[Outcome], opts: Options, console: Any) -> None:
    from budget_audit.reporters import summary

    if opts.format == "rich" or (opts.output is not None and opts.format != "rich"):
        summary.render(outcomes, console)
    if opts.summary is not None:
        summary.write(opts.summary, outcomes)


class _sink:
    """--output FILE, or stdout (never closed)."""

    def __init__(self, opts: Options) -> None:
        self.path = opts.output if opts.format in ("jsonl", "markdown") or opts.render else None

    def __enter__(self) -> IO[str]:
        self.f = self.path.open("w", encoding="utf-8") if self.path else sys.stdout
        return self.f

    def __exit__(self, *exc: object) -> None:
        if self.path:
            self.f.close()


class _HtmlPages:
    """One HTML report per file, written as each completes; the index (or the single page) last."""

    def __init__(self, output: Path, files: list[Path]) -> None:
        self.output, self.single = output, len(files) == 1
        self.folder = output.with_name(output.stem + "-reports")
        self.names = {str(f): f"{i + 1:04d}-{f.stem}.html" for i, f in enumerate(files)}

    def add(self, o: Outcome) -> None:
        from budget_audit.reporters import html_report

        page = html_report.render(o, back=None if self.single else f"../{self.output.name}")
        if self.single:
            self.output.write_text(page, encoding="utf-8")
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / self.names[o.path]).write_text(page, encoding="utf-8")

    def finish(self, outcomes: list[Outcome]) -> None:
        from budget_audit.reporters import html_report

        if not self.single:
            links = {p: f"{self.folder.name}/{n}" for p, n in self.names.items()}
            self.output.write_text(html_report.index(outcomes, links), encoding="utf-8")


def slim(o: Outcome) -> Outcome:
    """What the summaries need of a file, kept for the whole batch: no crops, no sentences."""
    if o.document is None:
        return Outcome(o.path, reason=o.reason, seconds=o.seconds)
    d = o.document
    doc = {"source": d["source"], "summary": d["summary"], "coverage": d["coverage"],
           "document": {**d["document"], "tables": [{"kind": t["kind"], "title": t["title"]}
                                                     for t in d["document"]["tables"]]},
           "findings": [{**f, "title": "", "locations": [{k: v for k, v in loc.items() if k not in ("text", "span")}
                                                         for loc in f["locations"]]} for f in d["findings"]],
           **({"gate": d["gate"]} if "gate" in d else {})}
    return Outcome(o.path, doc, seconds=o.seconds)
