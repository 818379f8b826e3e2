"""Tables read by OCR are used only when their own totals reconcile.

OCR can drop a decimal point or misread a digit, and a misread figure must never become a
finding. So before the rule pack runs on a scanned report, each table's own arithmetic (its
rows adding up to their totals, its code levels to their parents) is checked on its own; a
table where any of it fails, or where none of it could be checked, is marked unreadable, and
every rule that needs it then counts as insufficient data rather than as a contradiction.
"""

from __future__ import annotations

from budget_audit.engine import run_rules
from budget_audit.engine.rules import RulePack
from budget_audit.understand.model import Report

SELF_CHECKS = {"outline", "row_sum", "hierarchy"}  # check kinds that stay inside one table


def gate_ocr_tables(report: Report, pack: RulePack) -> None:
    """Mark the tables of a report read by OCR whose own totals do not reconcile."""
    if not report.ocr_pages:
        return
    own = [r for r in pack.rules if r.check in SELF_CHECKS and len(r.tables) == 1]
    passed: dict[str, int] = {}
    failed: set[str] = set()
    results = run_rules(report, pack, own)
    for rule, run in zip(own, results.runs):
        (kind,) = rule.tables
        passed[kind] = passed.get(kind, 0) + run.counts["pass"]
        if run.counts["fail"] or run.counts["error"]:
            failed.add(kind)
    for table in report.tables:
        if table.is_empty or not table.readable:
            continue
        name = table.kind.name
        if name in failed:
            table.problems.append("OCR 识别的数字未能通过本表合计核对，不据此判断")
        elif not passed.get(name):
            table.problems.append("OCR 识别的表没有可核对的合计，不据此判断")
