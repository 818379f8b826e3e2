"""Output of `check` for the review pipeline: the CI formats, and the gate's lists for people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from budget_audit.batch.work import Outcome
from budget_audit.gate.setup import Settings

FORMATS = ("sarif", "junit", "github", "gitlab")


def render(fmt: str, outcomes: list[Outcome], settings: Settings, pack: Any, version: str,
           levels: tuple[str, ...], notes: list[dict[str, str]]) -> str:
    """One of FORMATS, for all the files of a run."""
    if fmt == "sarif":
        from budget_audit.reporters import sarif_report

        return sarif_report.render(outcomes, settings.rules(pack), version)
    if fmt == "junit":
        from budget_audit.reporters import junit_report

        return junit_report.render(outcomes, settings.rules(pack), levels)
    if fmt == "github":
        from budget_audit.reporters import github_report

        github_report.step_summary(outcomes)
        return github_report.render(outcomes, notes)
    from budget_audit.reporters import gitlab_report

    return gitlab_report.render(outcomes)


def write(text: str, output: Path | None) -> None:
    import sys

    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def show_gate(docs: list[dict[str, Any]], notes: list[dict[str, str]], console: Any) -> None:
    """Waived and baseline findings listed apart, then what the gate has to say."""
    from rich.markup import escape

    waived = [f for d in docs for f in d.get("gate", {}).get("waived", [])]
    known = sum(len(d.get("gate", {}).get("baseline", [])) for d in docs)
    if waived:
        console.print(f"\n[bold]已豁免的发现（{len(waived)}，不计入退出码）[/]")
        for f in waived:
            w = f["waiver"]
            by = f"，{w['by']}" if w.get("by") else ""
            console.print(f"  {f['rule']} {escape(f['message'])}  [dim]{f['fingerprint']}[/] — {escape(w['reason'])}"
                          f"（至 {w['expires']}{escape(by)}；{escape(w['defined'])}）",
                          soft_wrap=True)
    if known:
        console.print(f"\n基线中已有的发现 {known} 个，不计入退出码")
    for n in notes:
        label = {"warning": "[yellow]警告[/]", "info": "提示"}.get(n["severity"], n["severity"])
        console.print(f"{label} {escape(n['where'])}: {escape(n['message'])}", soft_wrap=True)


def emit_one(results: Any, fmt: str, settings: Settings, pack: Any, version: str, levels: tuple[str, ...],
             output: Path | None, console: Any, quiet: bool, judged: Any = None) -> dict[str, Any]:
    """One file's output in any format; returns its gated document. `judged(doc)` is told the
    gated document before anything is written: the exit code stands even if the reader of the
    output goes away (`| head`)."""
    import json

    from budget_audit.reporters import json_report

    doc = settings.gate.apply(json_report.document(results, version))
    if judged is not None:
        judged(doc)
    notes = settings.gate.notes()
    if fmt == "json":
        if settings.gate.active:
            doc["gate"]["notes"] = notes
        write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt in FORMATS:
        write(render(fmt, [Outcome(doc["source"]["path"], doc)], settings, pack, version, levels, notes), output)
    elif not quiet:
        from budget_audit.reporters import rich_report

        kept = {f["fingerprint"]: f["severity"] for f in doc["findings"]}
        results.findings = [f for f in results.findings if f.fingerprint in kept]
        for f in results.findings:
            f.severity = kept[f.fingerprint]
        rich_report.render(results, console)
        show_gate([doc], notes, console)
        return doc
    if notes and not quiet and fmt != "github":
        show_gate([], notes, _stderr())
    return doc


def batch_hooks(fmt: str, settings: Settings, pack: Any, version: str, levels: tuple[str, ...],
                console: Any) -> tuple[Any, Any, Any]:
    """For check_batch: the gate on each file, the CI format of the run, and the gate's last word."""
    import dataclasses

    gate = settings.gate
    gated: list[dict[str, Any]] = []  # each file's gate lists, for the closing words

    def apply(o: Outcome) -> Outcome:
        if o.document is None:
            return o
        doc = gate.apply(o.document)
        gated.append({"gate": doc["gate"]})
        kept = [_pick(o.document["findings"], doc["findings"], items) for items in (o.crops, o.excerpts)]
        return dataclasses.replace(o, document=doc, crops=kept[0], excerpts=kept[1])

    def render_all(outcomes: list[Outcome]) -> str:
        return render(fmt, outcomes, settings, pack, version, levels, gate.notes())

    def close() -> None:
        if gate.active and not console.quiet and fmt != "github":
            show_gate(gated, gate.notes(), console if fmt == "rich" else _stderr())

    return (apply if gate.active else None), (render_all if fmt in FORMATS else None), close


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _pick(before: list[dict[str, Any]], after: list[dict[str, Any]], items: list[Any]) -> list[Any]:
    """The crops (or excerpts) of the findings that stayed, in their order: one per finding."""
    if not items:
        return items
    left = list(zip((f["fingerprint"] for f in before), items, strict=False))
    out = []
    for f in after:
        i = next((i for i, (fp, _) in enumerate(left) if fp == f["fingerprint"]), None)
        out.append(left.pop(i)[1] if i is not None else None)
    return out
