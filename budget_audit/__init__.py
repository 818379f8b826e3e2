"""budget-audit: find where a budget or final-accounts disclosure contradicts itself."""

from __future__ import annotations

from pathlib import Path

from budget_audit import deadline, limits
from budget_audit.engine import run_rules
from budget_audit.engine.checks.completeness.unread_tables import listed_tables
from budget_audit.engine.ocr_gate import gate_ocr_tables
from budget_audit.engine.results import Results
from budget_audit.engine.rules import RulePack, load_pack
from budget_audit.errors import AuditError
from budget_audit.readers import read
from budget_audit.selection import chosen
from budget_audit.understand import understand
from budget_audit.understand.model import Report

__version__ = "0.1.0"


def audit(path: str | Path | list[str | Path], rules_dir: Path | None = None, select: set[str] | None = None,
          ignore: set[str] | None = None, pack: RulePack | None = None,
          timeout: float | None = None) -> Results:
    """Read, understand and check one report, in at most `timeout` seconds (None: no limit).
    A list of paths is one report in several files (its narrative in a .docx, its tables in
    an .xlsx).

    Returns the Results (findings, the outcome of every rule instance, the claims); the JSON
    document is `budget_audit.reporters.json_report.render(results, __version__)`. Raises
    AuditError (one line, Chinese) when the report cannot be audited: unreadable, damaged,
    not a budget report, a bad rule pack or selection, or past its time limit.
    """
    pack = pack or load_pack(rules_dir)
    rules = chosen(pack.rules, select, ignore)
    with deadline.limit(timeout, alarm=True):
        doc = read(path)
        limits.check_document(doc)
        report = understand(doc, pack.catalog)
        limits.check_claims(report.path, len(report.claims))
        _some_table_read(report, pack)
        if not report.tables and not report.claims:
            # nothing a rule could check: saying “no findings” would pass an unread file as clean
            raise AuditError(f"未识别到预算或决算报表，也没有可核对的数字，无法审核：{report.path}")
        gate_ocr_tables(report, pack)  # a table read by OCR counts only when it reconciles
        return run_rules(report, pack, rules)


def _some_table_read(report: Report, pack: RulePack) -> None:
    """A report that lists its tables, none of which could be read, cannot be audited."""
    listed = listed_tables(report, pack.catalog)
    if listed and not report.tables:
        damage = f"（{'；'.join(report.problems[:3])}）" if report.problems else ""
        raise AuditError(f"目录列出 {len(listed)} 张报表，但一张也未能读出{damage}，无法审核：{report.path}")
