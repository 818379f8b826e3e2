"""Rule cases for rules/reading.yaml: what the report lists but could not be read is said out loud."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.results import OUTCOMES
from budget_audit.errors import AuditError
from conftest import FIXTURES
from rulecases import Edit, edited, fire_and_quiet

BUDGET = FIXTURES / "complete-budget.txt"
SANGONG = "2025年部门“三公”经费和机关运行经费预算表"

CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    # the table's own title gone (its grid is read but not recognised), the title seen elsewhere
    "E01": (BUDGET, [(SANGONG, "附表"), ("END", SANGONG)], []),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


def test_rules_that_needed_an_unread_table_are_insufficient_data(pack, tmp_path):
    fire = edited(BUDGET, CASES["E01"][1], tmp_path)
    results = audit(fire, pack=pack)
    assert results.unread.keys() == {"三公经费表"}
    needing = {r.id for r in pack.rules if "三公经费表" in r.tables}
    runs = {run.rule: run for run in results.runs if run.rule in needing}
    assert runs and all(run.counts["not_applicable"] == 0 for run in runs.values())
    assert sum(run.counts["insufficient_data"] for run in runs.values()) >= len(runs) // 2
    assert set(OUTCOMES) >= set(results.coverage())


def test_a_damaged_file_names_the_damage(pack, tmp_path):
    """A listed table missing from a file the reader found damaged: unread, with the damage."""
    from budget_audit.engine import run_rules
    from budget_audit.readers import read
    from budget_audit.understand import understand

    doc = read(edited(BUDGET, [(SANGONG, "附表")], tmp_path))
    doc.problems = ["第 9 页：数据流损坏（解压时丢失数据）"]
    results = run_rules(understand(doc, pack.catalog), pack, pack.rules)
    e01 = [f for f in results.findings if f.rule == "E01"]
    assert len(e01) == 1 and "第 9 页：数据流损坏" in e01[0].message and "三公经费表" in e01[0].message


def test_plainly_missing_table_is_c02s_not_e01s(pack, tmp_path):
    results = audit(edited(BUDGET, [(SANGONG, "附表")], tmp_path), pack=pack)
    assert not [f for f in results.findings if f.rule == "E01"] and not results.unread


def test_nothing_read_from_a_report_that_lists_tables_is_exit_2(pack, tmp_path):
    path = tmp_path / "no-tables.txt"
    path.write_text("\n".join(ln for ln in BUDGET.read_text(encoding="utf-8").split("\n") if "\t" not in ln),
                    encoding="utf-8")
    with pytest.raises(AuditError, match="目录列出 9 张报表，但一张也未能读出"):
        audit(path, pack=pack)
