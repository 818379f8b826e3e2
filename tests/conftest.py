"""Shared fixtures: the sample report, the rule pack, and running audits on variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.results import Results
from budget_audit.engine.rules import RulePack, load_pack

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wuhan-jianghan-qianjin-street-2024-budget.txt"
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


def audit_text(lines: list[str], tmp_path: Path, pack: RulePack, name: str = "report.txt") -> Results:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return audit(path, pack=pack)


TABLE_CHECKS = {"row_sum", "hierarchy", "outline", "compare", "sum", "match"}


def errors(results: Results) -> list:
    return [f for f in results.findings if f.severity == "error"]


def table_errors(results: Results, pack: RulePack) -> list:
    """Errors of the table-arithmetic rules (the narrative checks are tested on their own)."""
    table_rules = {r.id for r in pack.rules if r.check in TABLE_CHECKS}
    return [f for f in errors(results) if f.rule in table_rules]
