"""budget-audit: find where a budget or final-accounts disclosure contradicts itself."""

from __future__ import annotations

from pathlib import Path

from budget_audit.engine import run_rules
from budget_audit.engine.ocr_gate import gate_ocr_tables
from budget_audit.engine.results import Results
from budget_audit.engine.rules import RulePack, load_pack
from budget_audit.errors import AuditError
from budget_audit.readers import read
from budget_audit.understand import understand

__version__ = "0.1.0"


def audit(path: str | Path, rules_dir: Path | None = None, select: set[str] | None = None,
          ignore: set[str] | None = None, pack: RulePack | None = None) -> Results:
    """Read, understand and check one report. Raises AuditError when it cannot be audited."""
    pack = pack or load_pack(rules_dir)
    rules = [r for r in pack.rules if _chosen(r.id, select, ignore)]
    report = understand(read(path), pack.catalog)
    if not report.tables and not report.claims:
        # nothing a rule could check: saying “no findings” would pass an unread file as clean
        raise AuditError(f"未识别到预算或决算报表，也没有可核对的数字，无法审核：{path}")
    gate_ocr_tables(report, pack)  # a table read by OCR counts only when it reconciles
    return run_rules(report, pack, rules)


def _chosen(rule_id: str, select: set[str] | None, ignore: set[str] | None) -> bool:
    """--select / --ignore match a rule id or its prefix (A selects A01, A02 …)."""
    def hit(ids: set[str]) -> bool:
        return any(rule_id == i or rule_id.startswith(i) for i in ids)
    return (not select or hit(select)) and not (ignore and hit(ignore))
