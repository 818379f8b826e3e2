"""A 科目编码 printed without its leading zero is read as the code it evidently is: the code
checks report the printing (warning), the hierarchy checks use the code instead of a gap."""

from __future__ import annotations

import pytest

from budget_audit import audit
from budget_audit.understand.codes import joined_code, mend_codes
from budget_audit.understand.model import Line

from conftest import FIXTURES
from rulecases import edited

BUDGET, FINAL = FIXTURES / "complete-budget.txt", FIXTURES / "complete-final-accounts.txt"
SPLIT = "301\t13\t住房公积金\t50,000\t50,000\t0"  # 类 | 款 columns
SINGLE = "30101\t基本工资\t50.00\t30201\t办公费\t12.00"  # one code column


@pytest.mark.parametrize("texts, code", [(["301", "2"], "30102"), (["208", "05", "1"], "2080501"),
                                         (["208", "05", "01"], "2080501"), (["7", "11", "02"], "71102"),
                                         (["2080501"], "2080501"), (["", "", ""], "")])
def test_code_cells_are_joined_with_the_zero_restored(texts, code):
    assert joined_code(texts) == code


def test_a_code_one_digit_short_continues_the_code_above_it():
    lines = [Line("工资福利支出", None, code="301"), Line("津贴补贴", None, code="3012"),  # type: ignore[arg-type]
             Line("单位", None, code="901001")]  # type: ignore[arg-type]
    mend_codes(lines)
    assert [(ln.code, ln.level) for ln in lines] == [("301", None), ("30102", 2), ("901001", None)]


@pytest.mark.parametrize("source, old, new, hierarchy", [
    (BUDGET, SPLIT, SPLIT.replace("301\t13", "301\t3"), "A"),  # “301 │ 3”: 30103 is not 30113
    (FINAL, SINGLE, SINGLE.replace("30201", "3021"), "D04h2"),
])
def test_the_printing_is_reported_and_the_hierarchy_holds(source, old, new, hierarchy, pack, tmp_path):
    findings = audit(edited(source, [(old, new)], tmp_path), pack=pack).findings
    f03 = [f for f in findings if f.rule == "F03"]
    assert [f.severity for f in f03] == ["warning"] and "缺少前导零" in f03[0].message
    assert not [f.message for f in findings if f.rule.startswith(hierarchy) and f.rule.endswith(("h", "h2"))
                and f.severity in ("error", "warning")]


def test_the_pdf_reads_a_code_without_its_zero(pack, tmp_path):
    from pdfbuild import build_pdf

    row = "208\t05\t05\t机关事业单位基本养老保险缴费支出\t100,000\t100,000\t0"
    text = BUDGET.read_text(encoding="utf-8").replace(row, row.replace("05\t05", "05\t5"), 1)
    findings = audit(build_pdf(text, tmp_path / "report.pdf"), pack=pack, select={"F01", "A", "X"}).findings
    assert [(f.rule, f.severity) for f in findings if f.severity != "info"] == [("F01", "warning")]
    assert findings[0].evidence[0].location.page and "印作“208 05 5”" in findings[0].message
