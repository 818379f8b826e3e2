"""Fingerprints name a finding by what it is about, never by where it is printed."""

from __future__ import annotations

from dataclasses import replace

from budget_audit.document import Location
from budget_audit.engine.fingerprint import fingerprint
from budget_audit.engine.results import Evidence, Finding


def _finding(page: int = 6, line: int | None = None, stated: str = "738.66万元", row: str = "2081005 社会福利") -> Finding:
    sentence = Evidence(section="一、预算编制说明", text="社会福利事业单位738.66万元，主要用于人员经费。",
                        location=Location(page=page, bbox=(100.0, 200.0 + page, 300.0, 212.0)), span=(8, 17))
    cell = Evidence(table="2030年一般公共预算支出表", row=row, column="合计",
                    location=Location(page=page + 5, line=line, bbox=(400.0, 300.0, 460.0, 312.0)))
    return Finding("T01", "error", "说明中的金额与报表一致", f"说明中 {stated}，而表中（第{line or 0}行）为 696.48 万元",
                   [sentence, cell], stated=stated, expected="696.48万元", difference="42.18", unit="万元")


def test_same_finding_on_another_page_or_line_keeps_its_fingerprint():
    moved = _finding(page=9, line=120)
    assert fingerprint(moved) == fingerprint(_finding()) == _finding().fingerprint
    assert len(fingerprint(moved)) == 16


def test_other_figures_rows_or_rules_change_the_fingerprint():
    base = fingerprint(_finding())
    assert fingerprint(_finding(stated="738.67万元")) != base
    assert fingerprint(_finding(row="2081006 养老服务")) != base
    assert fingerprint(replace(_finding(), rule="T02")) != base


def test_width_and_spacing_of_the_words_do_not_matter():
    wide = _finding()
    wide.evidence[0] = replace(wide.evidence[0], section="一、预算编制说明 ")
    wide.evidence[1] = replace(wide.evidence[1], table="２０３０年一般公共预算支出表")
    assert fingerprint(wide) == fingerprint(_finding())
