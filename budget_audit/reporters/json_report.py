"""The JSON report (schema budget-audit/report@1): stable, documented, deterministic."""

from __future__ import annotations

import json
from typing import Any

from budget_audit.engine.binding import Binding
from budget_audit.engine.ledger import Mention
from budget_audit.engine.results import Evidence, Finding, Results
from budget_audit.reporters.excerpt import excerpt
from budget_audit.understand.model import ReportTable

SCHEMA = "budget-audit/report@1"


def render(results: Results, version: str) -> str:
    return json.dumps(document(results, version), ensure_ascii=False, indent=2) + "\n"


def document(results: Results, version: str) -> dict[str, Any]:
    r = results.report
    return {
        "schema": SCHEMA,
        "tool": {"version": version, "rules_fingerprint": results.rules_fingerprint},
        "source": {"path": r.path, "sha256": r.sha256, "format": r.format, "pages": r.pages,
                   "problems": r.problems,
                   **({"ocr": {"pages": r.ocr_pages, "seconds": r.ocr_seconds}} if r.ocr_pages else {})},
        "document": {"type": r.document_type, "year": r.year, "body": r.body,
                     "tables": [table(t) for t in r.tables],
                     "unrecognised_tables": r.unrecognised_tables},
        "coverage": {"rules": results.coverage(), "claims": results.claim_coverage(),
                     "unread_tables": [{"kind": k, "reason": why} for k, why in results.unread.items()]},
        "unbound_claims": [unbound(b) for b in results.claims if b.operand is None],
        "findings": _mark_ocr([finding(f) for f in sorted(results.findings, key=_order)], r.ocr_pages),
        "summary": results.summary(),
        "projects": projects(results),
    }


def projects(results: Results) -> list[dict[str, Any]]:
    """The project ledger: each project, where it is named, its amount there, its status."""
    ledger = results.ledger
    if ledger is None:
        return []
    out = []
    for p in ledger.projects:
        issues = ledger.status(p)
        out.append({"name": p.name, "status": issues[0] if issues else "matched", "issues": issues,
                    "places": [_place(m) for m in p.mentions.values()]})
    return out


def _place(m: Mention) -> dict[str, Any]:
    loc = location(m.evidence[0]) if m.evidence else {}
    narrative = m.place == "narrative"
    out = {"place": m.place, "label": m.label, "table": None if narrative else m.table or None,
           "section": m.table or None if narrative else None, "name": m.name,
           "amount": m.amount.raw if m.amount is not None else None,
           "unit": m.amount.unit if m.amount is not None else None,
           "page": loc.get("page"), "line": loc.get("line"), "sheet": loc.get("sheet"), "cell": loc.get("cell"),
           "paragraph": loc.get("paragraph"), "file": loc.get("file"), "rows": len(m.evidence)}
    return {k: v for k, v in out.items() if v is not None}


def table(t: ReportTable) -> dict[str, Any]:
    return {"kind": t.kind.name, "catalogue": t.kind.catalogue, "title": t.title,
            "pages": t.pages or None, "line": t.location.line, "sheet": t.location.sheet,
            "file": t.location.file, "unit": t.unit,
            "rows": len(t.lines), "readable": t.readable, "problems": t.problems}


def unbound(b: Binding) -> dict[str, Any]:
    c = b.claim
    return {"subject": c.subject, "amount": c.amount.raw, "section": c.section or None, "text": excerpt(c.sentence)[0],
            "reason": b.reason, **{k: v for k, v in location(Evidence(location=c.location)).items()}}


def finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "title": f.title, "message": f.message,
            "stated": f.stated, "expected": f.expected, "difference": f.difference, "unit": f.unit,
            "fingerprint": f.fingerprint, "locations": [location(e) for e in f.evidence]}


def location(e: Evidence) -> dict[str, Any]:
    loc = e.location
    text, span = excerpt(e.text, e.span) if e.text else (None, e.span)
    out = {"table": e.table, "row": e.row, "column": e.column, "section": e.section, "text": text,
           "page": loc.page if loc else None, "line": loc.line if loc else None,
           "field": loc.column if loc else None,
           "sheet": loc.sheet if loc else None, "cell": loc.cell if loc else None,
           "paragraph": loc.paragraph if loc else None, "file": loc.file if loc else None,
           "bbox": [round(v, 1) for v in loc.bbox] if loc and loc.bbox else None,
           "span": list(span) if span else None}
    return {k: v for k, v in out.items() if v is not None}


def _mark_ocr(findings: list[dict[str, Any]], pages: list[int]) -> list[dict[str, Any]]:
    """A location on a page read by OCR says so: its figure was recognised, not extracted."""
    for f in findings:
        for loc in f["locations"]:
            if loc.get("page") in pages:
                loc["ocr"] = True
    return findings


_RANK = {"error": 0, "warning": 1, "info": 2}


def _order(f: Finding) -> tuple[int, str, str]:
    return _RANK[f.severity], f.rule, f.message
