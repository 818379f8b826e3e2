"""Reading the project forms (政府采购表, 购买服务表, 整体绩效目标表, 项目绩效目标表, 项目支出表):
on the sample, on the made-up 湖北-style fixture, and on small made-up texts. Expectations
are read from the printed tables themselves, never typed in from the sample."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.readers import read
from budget_audit.understand import understand
from budget_audit.understand.forms.cells import amount_of, coded, summed
from budget_audit.understand.forms.overview import project_name
from budget_audit.understand.normalize import key

from conftest import FIXTURES, SAMPLE

PROJECTS = FIXTURES / "hubei-projects-budget.txt"
_ITEM_CODE = re.compile(r"^\[[A-Z]\d+\]")
_YEAR = re.compile(r"^20\d{2}年$")


def _report(path: Path, pack):
    return understand(read(path), pack.catalog)


@pytest.fixture(scope="module")
def sample(pack):
    return _report(SAMPLE, pack)


@pytest.fixture(scope="module")
def fixture_report(pack):
    return _report(PROJECTS, pack)


def _cells(table) -> list[str]:
    return [c.text.strip() for r in table.source.rows for c in r if c is not None]


# ---- cells -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, unit, value, decimals, out_unit", [
    ("12.34万元", "元", "12.34", 2, "万元"),
    ("56万", "元", "56", 0, "万元"),
    ("1,234.50", "万元", "1234.50", 2, "万元"),
    ("３００", "元", "300", 0, "元"),
])
def test_amounts_keep_their_own_unit_and_precision(raw, unit, value, decimals, out_unit):
    a = amount_of(raw, unit)
    assert a is not None and a.value == Decimal(value) and a.decimals == decimals and a.unit == out_unit
    assert isinstance(a.value, Decimal)


@pytest.mark.parametrize("raw", ["=100%", "≥3户", "250人", "按时", "-", ""])
def test_indicator_values_are_no_amounts(raw):
    assert amount_of(raw, "万元") is None


def test_coded_values_split_code_and_name():
    c = coded("[A02010100]台式计算机")
    assert (c.code, c.name) == ("A02010100", "台式计算机")
    assert coded("其他服务").code is None


def test_a_sum_keeps_the_rounding_of_each_term():
    s = summed([amount_of("3.50", "万元"), amount_of("1", "万元")])
    assert s.value == Decimal("4.50")
    assert s.interval.hi - s.interval.lo == Decimal("1.01")  # ±0.005 and ±0.5


def test_a_category_glued_to_a_project_name_is_removed():
    assert project_name("社区治理服务经费特定目标类本级支出") == "社区治理服务经费"
    assert project_name("特定目标类本级支出") == ""
    assert project_name("社区治理服务经费") == "社区治理服务经费"


# ---- the sample --------------------------------------------------------------------------

def test_procurement_rows_are_read_from_their_headers(sample):
    (procurement,) = sample.forms.procurement
    printed = [c for c in _cells(procurement.table) if _ITEM_CODE.match(c)]
    assert procurement.readable and len(procurement.rows) == len(printed) > 0
    for row in procurement.rows:
        assert row.category in {"A", "B", "C"} and row.project
        assert len(row.function.code) == 7 and len(row.economic.code) == 5
        assert row.small.amount.wan <= row.sme.amount.wan <= row.amount.amount.wan
    assert procurement.total is not None and procurement.total.item is None
    assert summed([r.amount.amount for r in procurement.rows]).interval.meets(procurement.total.amount.amount.interval)


def test_service_rows_carry_the_procurement_flag(sample):
    (services,) = sample.forms.services
    flags = [c for c in _cells(services.table) if c in ("是", "否")]
    assert [r.includes_procurement for r in services.rows] == [f == "是" for f in flags]
    assert all(r.content and r.amount for r in services.rows)
    assert services.total is not None


def test_overview_reads_income_spending_and_the_project_list(sample):
    (overview,) = sample.forms.overviews
    assert overview.readable and not overview.project_problems
    assert overview.years == [c for c in _cells(overview.table) if _YEAR.match(c)]
    for group in (overview.income, overview.spending):
        totals = [ln for ln in group if ln.is_total]
        assert len(totals) == 1 and totals[0].share is not None
        assert set(totals[0].years) == set(overview.years)
    named = {key(p.name) for p in overview.projects}
    assert named and all(p.current is not None for p in overview.projects)
    printed = "".join(key(c) for c in _cells(overview.table))
    assert all(n in printed for n in named)


def test_every_project_form_is_read_with_its_parts(sample):
    forms = sample.forms.projects
    assert len(forms) == len(sample.tables_of("项目绩效目标表")) > 1
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for form in forms:
        assert form.name and key(form.name) in key(lines[form.name_location.line - 1])
        assert form.budget is not None and form.funding_total is not None
        assert form.budget.raw in lines[form.budget.location.line - 1]
        assert {"funding", "details", "plan", "annual"} <= form.seen
        assert form.funding and form.details
        assert form.indicators and not form.weight_problems, form.name
        assert form.declared_weight is not None


def test_form_sections_printed_as_separate_tables_are_attached(sample):
    """The 年度绩效目标表 printed after a form (a table of its own in the text) is read into it."""
    forms = {id(f.table.source): f for f in sample.forms.projects}
    split = [f for f in sample.forms.projects
             if all(i.location.line > f.table.source.rows[-1][0].location.line for i in f.indicators)]
    assert split, "the sample prints some 年度绩效目标表 apart from their form"
    assert all(f.indicators for f in forms.values())


def test_plan_items_keep_quantity_apart_from_amount(sample):
    items = [i for f in sample.forms.projects for i in f.plan]
    assert items
    for item in items:
        assert item.amount is not None and item.amount.amount.unit == "万元"
        assert item.quantity != item.amount.raw


# ---- made-up texts -------------------------------------------------------------------------

def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "forms.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_procurement_columns_in_another_order(tmp_path, pack):
    text = ("示例单位2024年部门预算\n\n2024年政府采购预算表\n\n单位：万元\n\n"
            "政府采购品目\t采购金额\t项目名称\t单位名称\t功能科目\n"
            "\t12.00\t合计\t\t\n"
            "[B01010000]维修工程\t10.00\t道路维修项目\t示例单位\t[2120501]城乡社区环境卫生\n"
            "[A02010100]台式计算机\t2.00\t道路维修项目\t示例单位\t[2120501]城乡社区环境卫生\n")
    report = _report(_write(tmp_path, text), pack)
    (t,) = report.forms.procurement
    assert t.readable and t.total is not None and t.total.amount.raw == "12.00"
    assert [(r.project, r.category, r.amount.raw) for r in t.rows] == [
        ("道路维修项目", "B", "10.00"), ("道路维修项目", "A", "2.00")]


def test_a_list_without_an_amount_column_is_unreadable(tmp_path, pack):
    text = ("2024年政府采购预算表\n\n单位：万元\n\n项目\t政府采购品目\t备注\n"
            "道路维修项目\t[B01010000]维修工程\t无\n")
    (t,) = _report(_write(tmp_path, text), pack).forms.procurement
    assert not t.readable and any("金额" in p for p in t.problems)


FORM = ("2024年项目支出绩效目标申报表\n\n"
        "项目名称\t测试项目经费\t项目代码\t\n"
        "项目总预算\t\t项目当年预算\t12.50万元\n"
        "资金来源\t来源项目\t预算申报数\t\n"
        "\t当年预算合计\t12.50万元\t\n"
        "\t1. 财政拨款收入\t10万\t\n"
        "\t2. 其他资金\t2.50万元\t\n"
        "项目支出明细\t项目内容\t测算依据\t金额\n"
        "\t培训\t培训2万、宣传0.5万\t2.50万元\n"
        "\t维护\t设备维护\t10.00万元\n"
        "项目资产配置计划及采购计划\t\t\t\n"
        "品名\t数量\t金额\t\n"
        "投影仪\t2\t1.20万元\t\n"
        "\n年度绩效目标表\n\n"
        "目标名称\t指标权重比例(%)\t三级指标\t指标值\t指标分值权重\n"
        "目标1\t100\t培训人次\t≥50人次\t60\n"
        "\t\t满意度\t≥90%\t\t40\n")


def test_a_project_form_in_parts(tmp_path, pack):
    (form,) = _report(_write(tmp_path, FORM), pack).forms.projects
    assert form.name == "测试项目经费"
    assert form.budget.amount.value == Decimal("12.50") and form.funding_total.raw == "12.50万元"
    assert [(ln.label, ln.amount.raw) for ln in form.funding] == [("1.财政拨款收入", "10万"), ("2.其他资金", "2.50万元")]
    assert [[a.raw for a in d.amounts] for d in form.details] == [["2.50万元"], ["10.00万元"]]
    assert [(i.name, i.quantity, i.amount.raw) for i in form.plan] == [("投影仪", "2", "1.20万元")]
    # the second indicator is printed one cell to the right: its one plain number is its weight
    assert [i.weight.raw for i in form.indicators] == ["60", "40"]
    assert form.declared_weight.raw == "100" and not form.weight_problems


def test_an_indicator_row_with_two_plain_numbers_is_not_guessed(tmp_path, pack):
    text = FORM.replace("\t\t满意度\t≥90%\t\t40\n", "\t\t满意度\t90\t\t40\n")
    (form,) = _report(_write(tmp_path, text), pack).forms.projects
    assert form.weight_problems


OVERVIEW = ("2024年部门整体绩效目标申报表\n\n"
            "填报日期：2024年1月5日\t\t\t\t单位：万元\t\t\n"
            "部门总体资金情况\t总体资金情况\t\t当年金额\t占比\t近两年收支金额\t\n"
            "\t\t\t\t\t2022年\t2023年\n"
            "\t收入构成\t财政拨款\t90.00\t90%\t80.00\t85.00\n"
            "\t\t单位资金\t10.00\t10%\t\t\n"
            "\t\t合计\t100.00\t100%\t80.00\t85.00\n"
            "\t支出构成\t人员类项目支出\t60.00\t60%\t50.00\t55.00\n"
            "\t\t特定目标类项目支出\t40.00\t40%\t30.00\t30.00\n"
            "合计\t\t100.00\t100%\t80.00\t85.00\t\n"
            "\t项目名称支出项目类别\t项目总预算\t项目本年度预算\t用途\n"
            "\t演示项目经费特定目标类本级支出\t40.00\t40.00\t演示\n")


def test_overview_rows_out_of_line_are_read_by_kind(tmp_path, pack):
    (o,) = _report(_write(tmp_path, OVERVIEW), pack).forms.overviews
    assert o.readable and o.years == ["2022年", "2023年"]
    spending_total = o.spending[-1]
    assert spending_total.is_total and spending_total.amount.raw == "100.00"
    assert {y: f.raw for y, f in spending_total.years.items()} == {"2022年": "80.00", "2023年": "85.00"}
    assert [(p.name, p.total.raw, p.current.raw) for p in o.projects] == [("演示项目经费", "40.00", "40.00")]


def test_the_fixture_reads_every_form(fixture_report):
    forms = fixture_report.forms
    assert len(forms.project_lists) == len(forms.procurement) == len(forms.services) == len(forms.overviews) == 1
    assert forms.project_lists[0].total is not None and len(forms.project_lists[0].rows) == len(forms.projects)
    assert all(f.indicators and f.declared_weight for f in forms.projects)
