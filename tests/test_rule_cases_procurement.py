"""Rule case of D08p (rules/procurement.yaml), and its readings of the ways reports word
the amounts reserved for and awarded to 中小企业 / 小微企业, in text and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit

from conftest import FIXTURES
from pdfbuild import build_pdf
from rulecases import Edit, edited, fire_and_quiet

FINAL = FIXTURES / "complete-final-accounts.txt"
BUDGET = FIXTURES / "hubei-targets-budget.txt"
TOTAL = "示例区示例局2024年度政府采购金额为6.00万元，其中：货物采购金额2.00万元、工程采购金额0万元、服务采购金额4.00万元。"
AWARDED = "授予中小企业合同金额{sme}万元，占政府采购支出总额的80.00%，其中授予小微企业合同金额{small}万元。"
SPLIT = ("2024年度本部门面向中小企业预留政府采购项目预算金额3.00万元，面向小微企业预留政府采购项目预算金额{small}万元。"
         "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额3.00万元；在其他政府采购项目中，"
         "由中小企业供应商中标或成交的，采购金额{other}万元。")
PROCUREMENT = "2024年预算中纳入政府采购预算支出合计45.00万元。主要包括：货物类15.00万元，为办公设备；服务类30.00万元，为其他服务。"
RESERVED = "其中面向中小企业预留政府采购项目预算金额{sme}万元，其中，预留给小型和微型企业的政府采购项目预算为11.00万元。"


def _after(line: str, added: str) -> Edit:
    return line, line + added


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "D08p": (FINAL, [_after(TOTAL, AWARDED.format(sme="4.80", small="5.00"))],
             [_after(TOTAL, AWARDED.format(sme="4.80", small="2.00"))]),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


def _d08p(path, pack) -> list:
    return [f for f in audit(path, pack=pack).findings if f.rule == "D08p"]


@pytest.mark.parametrize("small, other, fires", [("1.00", "2.00", False), ("4.00", "2.00", True), ("1.00", "3.50", True)],
                         ids=["within", "small-over-sme", "reserved-plus-other-over-total"])
def test_awards_in_reserved_and_other_projects_stay_within_the_total(small, other, fires, pack, tmp_path):
    found = _d08p(edited(FINAL, [_after(TOTAL, SPLIT.format(small=small, other=other))], tmp_path), pack)
    assert bool([f for f in found if f.severity == "error"]) == fires, [f.message for f in found]


@pytest.mark.parametrize("sme, fires", [("27.00", False), ("29.00", True)])
def test_the_reserved_amount_agrees_with_the_procurement_table(sme, fires, pack, tmp_path):
    found = _d08p(edited(BUDGET, [_after(PROCUREMENT, RESERVED.format(sme=sme))], tmp_path), pack)
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert any(e.table and "采购" in e.table for e in found[0].evidence)


def test_the_awards_are_checked_in_a_pdf_at_their_figure(pack, tmp_path):
    text = edited(FINAL, [_after(TOTAL, AWARDED.format(sme="4.80", small="5.00"))], tmp_path).read_text(encoding="utf-8")
    found = _d08p(build_pdf(text, tmp_path / "final.pdf"), pack)
    assert found and all(e.location.page and e.location.bbox for e in found[0].evidence)
