"""Every 科目 figure two tables print (rules/same_subject.yaml), and two printings of one figure
judged without a sum's tolerance (printings.same_figure). Made-up fixtures only."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.checks.cross_table.printings import same_figure
from budget_audit.engine.selectors import Operand
from budget_audit.numbers import Amount

from conftest import FIXTURES
from rulecases import Edit, edited, fire_and_quiet

BUDGET, FINAL = FIXTURES / "complete-budget.txt", FIXTURES / "complete-final-accounts.txt"
FA01_SOCIAL = "二、政府性基金预算财政拨款收入\t\t二、社会保障和就业支出\t12.00"
FA04_SOCIAL = "二、政府性基金预算财政拨款\t\t二、社会保障和就业支出\t12.00\t12.00\t\t"
FA04_FUND = "三、国有资本经营预算财政拨款\t\t\t\t\t\t"
FA05_ITEM = "2080505\t机关事业单位基本养老保险缴费支出\t12.00\t12.00\t"
FA02_TOTAL = "\t合计\t105.00\t100.00\t\t\t\t\t5.00"
FA04_INCOME = "本年收入合计\t100.00\t本年支出合计\t97.00\t97.00\t\t"
B04_GENERAL = "一、一般公共预算资金\t950,000\t一、一般公共服务支出\t800,000\t800,000\t\t"
B04_LAST = "三、国有资本经营预算\t\t三、住房保障支出\t50,000\t50,000\t\t"
B02_ROW = "201\t03\t01\t行政运行\t600,000\t600,000\t0\t0\t0"


def fund_rows(total: str, row: str) -> list[Edit]:
    """A 政府性基金 spending line in the 财政拨款 statement, and the fund table's own row."""
    return [(FA04_FUND, f"三、国有资本经营预算财政拨款\t\t三、城乡社区支出\t{total}\t\t{total}\t"),
            ("\t合计\t\t\t", f"\t合计\t{row}\t\t{row}\n212\t城乡社区支出\t{row}\t\t{row}", 1)]


def budget_fund(line: str) -> list[Edit]:
    """A 政府性基金 line of 100 in the 财政拨款收支总表, and the fund table's own 类 row."""
    return [(B04_LAST, B04_LAST + "\n\t\t四、城乡社区支出\t100\t\t100\t"),
            ("合计\t\t\t\t\t\t", f"212\t\t\t城乡社区支出\t{line}\t0\t{line}\n合计\t\t\t\t{line}\t0\t{line}", 1)]


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "D02m": (FINAL, [(FA01_SOCIAL, FA01_SOCIAL.replace("12.00", "12.50"))], []),
    "D03m": (FINAL, [(FA04_SOCIAL, FA04_SOCIAL.replace("12.00\t12.00", "12.50\t12.50"))], []),
    "D07m": (FINAL, fund_rows("10.00", "11.00"), fund_rows("10.00", "10.00")),
    "D04c": (FINAL, [(FA05_ITEM, FA05_ITEM.replace("12.00\t12.00", "13.00\t13.00"))], []),
    "D02y": (FINAL, [(FA02_TOTAL, FA02_TOTAL.replace("105.00\t100.00", "106.00\t101.00"))], []),
    "D03y": (FINAL, [(FA04_INCOME, FA04_INCOME.replace("100.00", "100.50"))], []),
    "X04m": (BUDGET, [(B04_GENERAL, B04_GENERAL.replace("800,000\t800,000", "800,100\t800,100"))], []),
    "X04n": (BUDGET, budget_fund("110"), budget_fund("100")),
    "X05b": (BUDGET, [(B02_ROW, B02_ROW.replace("600,000\t600,000", "600,100\t600,100"))], []),
}


def test_one_unit_in_the_last_place_is_a_warning_naming_both_tables(pack, tmp_path):
    src = edited(FINAL, [(FA01_SOCIAL, FA01_SOCIAL.replace("12.00", "12.01"))], tmp_path)
    hits = [f for f in audit(src, pack=pack, select={"D02m"}).findings]
    assert [(f.severity, f.difference) for f in hits] == [("warning", "0.01")]
    assert "收入支出决算总表" in hits[0].message and "支出决算表" in hits[0].message and "末位" in hits[0].message
    assert len({e.table for e in hits[0].evidence}) == 2


def test_the_pdf_names_both_tables_of_a_one_unit_difference(pack, tmp_path):
    from pdfbuild import build_pdf

    text = FINAL.read_text(encoding="utf-8").replace(FA01_SOCIAL, FA01_SOCIAL.replace("12.00", "12.01"))
    hits = audit(build_pdf(text, tmp_path / "report.pdf"), pack=pack, select={"D02m"}).findings
    assert [f.severity for f in hits] == ["warning"]
    assert all(e.location and e.location.page for e in hits[0].evidence) and len(hits[0].evidence) == 2


def _op(raw: str, unit: str = "万元") -> Operand:
    plain = raw.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Operand(Amount(Decimal(plain), decimals, unit, raw), None, None, None, "合计")


@pytest.mark.parametrize("left, right, relation, outcome, severity", [
    ("12.00", "12.00", "eq", "pass", None),
    ("12.00", "12.01", "eq", "fail", "warning"),  # one printed figure cannot round two ways
    ("12.00", "12.02", "eq", "fail", None),  # the rule's own severity
    ("1,234", "1234.40", "eq", "pass", None),  # a whole number is exact only to itself: rounding
    ("1,234", "1234.60", "eq", "fail", "warning"),  # 1234.60 prints as 1,235 at that precision
    ("100.01", "100.00", "le", "fail", "warning"),  # a part never rounds above its whole
    ("99.99", "100.00", "le", "pass", None),
    ("1,000,000", "100.00", "eq", "pass", None),  # 元 against 万元
])
def test_two_printings_of_one_figure(left, right, relation, outcome, severity):
    unit = "元" if left == "1,000,000" else "万元"
    found = same_figure(_op(left, unit), _op(right), relation, name=lambda op: "")
    assert (found.outcome, found.severity) == (outcome, severity)


def test_whole_numbers_are_exact_only_to_their_own_precision(pack, tmp_path):
    """A 类 and 款 printed without decimals cover their 项 within half a unit: rounding (info),
    in the hierarchy, the row sums and against the other tables — not errors."""
    rows = {"201\t一般公共服务支出\t90.00\t68.00\t22.00\t\t\t": "201\t一般公共服务支出\t90\t68\t22\t\t\t",
            "20106\t财政事务\t90.00\t68.00\t22.00\t\t\t": "20106\t财政事务\t90\t68\t22\t\t\t",
            "2010601\t行政运行\t70.00\t68.00\t2.00\t\t\t": "2010601\t行政运行\t70.30\t68.30\t2.00\t\t\t"}
    findings = audit(edited(FINAL, list(rows.items()), tmp_path), pack=pack).findings
    assert [f.message for f in findings if f.severity in ("error", "warning")] == []
    assert "D02c" in {f.rule for f in findings if f.severity == "info"}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)
