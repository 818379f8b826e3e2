"""Text against empty tables, “无…” and “…为0” statements, template residue, the report's
subtype and body against its cover, years and dates, component lists — on made-up fixtures,
as text and as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.results import Results

from conftest import FIXTURES
from pdfbuild import build_pdf
from test_rule_cases_wording import BONUS_ROW, components

BUDGET, FINAL = FIXTURES / "complete-budget.txt", FIXTURES / "complete-final-accounts.txt"
SANGONG_ROW = "5.00\t0\t1.00\t4.00\t0\t4.00\t10.00"
FUND_NOTE = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
RECEPTION = "（三）公务接待费1.00万元，与2024年预算持平。"
CARS = "截至2024年12月31日，示例区示例局共有车辆3辆，其中：其他用车2辆、执法执勤用车1辆。"


def _variant(tmp_path: Path, source: Path, *swaps: tuple[str, str], name: str = "report.txt") -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def _hits(results: Results, rule: str) -> list:
    return [f for f in results.findings if f.rule == rule]


# ---- item 4: a figure stated for a blank cell or an all-blank table ---------------------

def test_a_figure_for_an_all_blank_table_contradicts_it(pack, tmp_path):
    results = audit(_variant(tmp_path, BUDGET, (SANGONG_ROW, "\t\t\t\t\t\t")), pack=pack)
    hits = [f for f in _hits(results, "T01") if "三公经费表为空表" in f.message]
    assert {f.stated for f in hits} >= {"5.00万元", "1.00万元", "4.00万元"}
    assert all(f.severity == "error" and f.expected == "0.00万元" for f in hits)
    unbound = [b.claim.subject for b in results.claims if b.operand is None]
    assert not [s for s in unbound if "公务接待" in s or "三公" in s]


def test_zeros_stated_for_an_all_blank_table_agree(pack, tmp_path):
    zeros = [("预算数为5.00万元，比2024年预算增加1.00万元，增长25.00%，主要原因是公务用车运行费增加", "预算数为0万元，与2024年预算持平"),
             ("公务用车购置及运行费4.00万元", "公务用车购置及运行费0万元"), ("公务用车运行费4.00万元", "公务用车运行费0万元"),
             ("公务接待费1.00万元", "公务接待费0万元"), ("机关运行经费预算为10.00万元", "机关运行经费预算为0万元")]
    results = audit(_variant(tmp_path, BUDGET, (SANGONG_ROW, "\t\t\t\t\t\t"), *zeros), pack=pack)
    assert not [f for f in _hits(results, "T01") if "三公经费表" in f.message]
    bound = [b for b in results.claims if b.operand is not None and b.operand.table is not None
             and b.operand.table.kind.name == "三公经费表"]
    assert len(bound) >= 5


def test_a_figure_for_a_blank_cell_says_the_cell_is_blank(pack, tmp_path):
    path = _variant(tmp_path, BUDGET, (SANGONG_ROW, "5.00\t\t1.00\t4.00\t\t4.00\t10.00"),
                    ("（一）因公出国（境）费0万元", "（一）因公出国（境）费3.00万元"))
    (hit,) = [f for f in _hits(audit(path, pack=pack), "T01") if "因公出国" in f.message]
    assert "印为空白" in hit.message and hit.difference == "3.00"


def test_saying_there_is_no_reception_money_while_the_table_has_it(pack, tmp_path):
    fire = _variant(tmp_path, BUDGET, (RECEPTION, RECEPTION + "本部门无公务接待费预算。"))
    (hit,) = _hits(audit(fire, pack=pack), "C04")
    assert "公务接待" in hit.message and hit.stated == "1.00"
    quiet = _variant(tmp_path, BUDGET, (RECEPTION, RECEPTION + "本部门无因公出国（境）费预算。"), name="quiet.txt")
    assert not _hits(audit(quiet, pack=pack), "C04")


# ---- item 5 of “reporting well”: …预算为0 says there is none; reasons with alternatives ----

def test_a_budget_stated_as_zero_explains_an_empty_table(pack, tmp_path):
    assert not _hits(audit(_variant(tmp_path, BUDGET, (FUND_NOTE, "")), pack=pack), "C03")
    said_as = ("政府性基金拨款支出预算0.00万元", "政府性基金预算拨款支出为0")
    assert not _hits(audit(_variant(tmp_path, BUDGET, (FUND_NOTE, ""), said_as), pack=pack), "C03")
    nonzero = ("政府性基金拨款支出预算0.00万元", "政府性基金拨款支出预算0.50万元")
    assert _hits(audit(_variant(tmp_path, BUDGET, (FUND_NOTE, ""), nonzero), pack=pack), "C03")


def test_a_reason_kept_with_template_alternatives_is_a_reason(pack, tmp_path):
    reason = ("，主要原因是公务用车运行费增加。其中：", "。其中：")
    path = _variant(tmp_path, BUDGET, reason, (RECEPTION, RECEPTION + "\n\n“三公”经费增加（减少）的主要原因是公务用车运行费增加。"))
    results = audit(path, pack=pack)
    assert not _hits(results, "C08")
    assert [(f.severity, "增加(减少)" in f.message) for f in _hits(results, "C18")] == [("warning", True)]


# ---- item 8: template residue, subtype and body name ----------------------------------

@pytest.mark.parametrize("sentence, flagged", [
    ("截至2024年12月31日，示例区示例局部门（单位）共有车辆3辆。", "部门(单位)"),
    ("本部门（单位）共有车辆3辆。", "部门(单位)"),
    ("示例局审核批复部门（单位）的年度预决算，共有车辆3辆。", None),
    ("各部门（单位）共有车辆3辆。", None),
    ("（一）部门（单位）共有车辆3辆。", "部门(单位)"),
    ("无此项的，仍保留该表格式，并在本表下方作下述说明。共有车辆3辆。", "仍保留该表格式"),
])
def test_template_alternatives_and_instructions_are_warnings(sentence, flagged, pack, tmp_path):
    hits = _hits(audit(_variant(tmp_path, BUDGET, (CARS, sentence)), pack=pack), "C18")
    assert [f.severity for f in hits] == (["warning"] * len(hits))
    assert bool(hits) == bool(flagged) and all(flagged in f.message for f in hits)


def _unit_budget(tmp_path: Path, *more: tuple[str, str]) -> Path:
    """The budget fixture reworded throughout as a 单位预算."""
    return _variant(tmp_path, BUDGET, ("区级部门预算", "区级单位预算"), ("预算主管部门：", "预算单位："),
                    ("部门主要职能", "单位主要职能"), ("部门机构设置", "单位机构设置"), ("部门预算编制说明", "单位预算编制说明"),
                    ("五、部门预算表", "五、单位预算表"), ("2025年部门", "2025年预算单位"), *more, name="unit.txt")


def test_a_unit_budget_worded_as_one_is_quiet(pack, tmp_path):
    results = audit(_unit_budget(tmp_path), pack=pack)
    assert results.report.body == "示例区示例局"
    run = next(r for r in results.runs if r.rule == "C18b")
    assert not _hits(results, "C18b") and run.counts["pass"] >= 10


def test_department_wording_in_a_unit_budget_is_one_finding_per_wording(pack, tmp_path):
    results = audit(_unit_budget(tmp_path, ("五、单位预算表", "五、部门预算表")), pack=pack)
    (hit,) = _hits(results, "C18b")
    assert "封面为单位预算" in hit.message and "“部门预算”" in hit.message and hit.severity == "warning"
    everywhere = audit(_variant(tmp_path, BUDGET, ("区级部门预算", "区级单位预算")), pack=pack)
    hits = _hits(everywhere, "C18b")
    assert len(hits) == 2 and all("也可能是封面写错" in f.message for f in hits)
    assert sum(len(f.evidence) for f in hits) >= 20


def test_a_sentence_naming_the_other_subtype(pack, tmp_path):
    said = (CARS, CARS + "2025年部门预算安排购置车辆0辆。")
    (hit,) = _hits(audit(_unit_budget(tmp_path, said), pack=pack), "C18b")
    assert hit.evidence[0].text.startswith("2025年部门预算安排")


@pytest.mark.parametrize("caption, why", [("示例市示例局", "缺少“示例区”一级"), ("示例市其他区示例局", "所属行政区划不同"),
                                          ("示例市示例区他局", "名称不同"), ("示例局", None), ("示例区示例局", None)])
def test_the_body_in_table_captions_is_the_cover_body(caption, why, pack, tmp_path):
    path = _variant(tmp_path, BUDGET, ("预算主管部门：示例区示例局", "预算主管部门：示例市示例区示例局"),
                    ("编制部门：示例区示例局 单位：元", f"编制部门：{caption} 单位：元"))
    hits = _hits(audit(path, pack=pack), "C18c")
    assert bool(hits) == bool(why)
    assert all(why in f.message and f.evidence[0].table for f in hits)


# ---- item 5: years and dates ----------------------------------------------------------

def test_a_title_year_slip_is_a_warning_when_the_cover_disagrees(pack, tmp_path):
    slip = ("\n2025年部门支出预算总表\n", "\n2024年部门支出预算总表\n")
    sure = _hits(audit(_variant(tmp_path, BUDGET, slip), pack=pack), "C17")
    assert sure and {f.severity for f in sure} == {"error"}
    unsure = _hits(audit(_variant(tmp_path, BUDGET, slip, ("示例区2025年区级部门预算", "示例区2024年区级部门预算")), pack=pack), "C17")
    assert unsure and {f.severity for f in unsure} == {"warning"}


@pytest.mark.parametrize("date, rule", [("2024年12月31日", None), ("2023年12月31日", "C17b"), ("2024年6月30日", "C17b")])
def test_final_accounts_state_assets_at_the_years_end(date, rule, pack, tmp_path):
    path = _variant(tmp_path, FINAL, ("截至2024年12月31日", f"截至{date}"))
    hits = _hits(audit(path, pack=pack), "C17b")
    assert [f.severity for f in hits] == (["error"] if rule else [])


# ---- item 7: component lists ----------------------------------------------------------

def _final_with(tmp_path: Path, edits: list[tuple[str, str]], name: str = "final.txt") -> Path:
    return _variant(tmp_path, FINAL, *edits, name=name)


def test_a_whole_list_leaving_out_a_figure_is_info(pack, tmp_path):
    edits = [BONUS_ROW, components("主要包括：基本工资、机关事业单位基本养老保险缴费、退休费", "包括：办公费")]
    (hit,) = _hits(audit(_final_with(tmp_path, edits), pack=pack), "T15")
    assert hit.severity == "info" and "30217 公务接待费" in hit.message
    etc = [BONUS_ROW, components("主要包括：基本工资、机关事业单位基本养老保险缴费、退休费", "包括：办公费等")]
    assert not _hits(audit(_final_with(tmp_path, etc, "etc.txt"), pack=pack), "T15")


def test_abbreviations_and_joined_names_match_the_table(pack, tmp_path):
    edits = [BONUS_ROW, components("包括：基本工资、养老保险缴费及退休费", "包括：办公费和公务接待费")]
    results = audit(_final_with(tmp_path, edits), pack=pack)
    assert not _hits(results, "T15")
    assert next(r for r in results.runs if r.rule == "T15").counts["pass"] == 4  # two lists: none at 0, none left out


def test_wording_findings_in_a_pdf_carry_their_page(pack, tmp_path):
    edits = [BONUS_ROW, components("主要包括：基本工资、奖金、退休费"),
             ("第二部分 示例区示例局2024年度部门决算表", "第二部分 示例市示例局2024年度部门决算表"),
             ("截至2024年12月31日，示例区示例局共有", "截至2023年12月31日，示例区示例局部门（单位）共有"),
             ("示例区示例局2024年度部门决算\n", "示例区示例局2024年度单位决算\n")]
    text = _final_with(tmp_path, edits).read_text(encoding="utf-8")
    results = audit(build_pdf(text, tmp_path / "final.pdf"), pack=pack)
    for rule in ("T15", "C18c", "C17b", "C18", "C18b"):
        hits = _hits(results, rule)
        assert hits and hits[0].evidence[0].location.page, rule
    assert "奖金（30103）" in _hits(results, "T15")[0].message


def test_a_table_read_without_any_row_is_not_taken_for_blank(pack, tmp_path):
    """Only header rows read (no row of blanks printed): the claims stay unbound, never 0."""
    results = audit(_variant(tmp_path, BUDGET, ("\n" + SANGONG_ROW + "\n", "\n")), pack=pack)
    assert not [f for f in _hits(results, "T01") if "三公经费表" in f.message]
    assert [b for b in results.claims if b.operand is None and "公务接待" in b.claim.subject]


@pytest.mark.parametrize("source, old, new, flagged", [
    (BUDGET, "2025年“三公”经费预算数为5.00万元", "2024年“三公”经费预算数为5.00万元", True),
    (BUDGET, "2025年示例区示例局机关运行经费预算为10.00万元", "2024年示例区示例局机关运行经费预算为10.00万元", True),
    (FINAL, "示例区示例局2024年度收入支出总计", "示例区示例局2023年度收入支出总计", True),
    (BUDGET, "2025年“三公”经费预算数为5.00万元", "2024年预算执行数为5.00万元，2025年“三公”经费预算数为5.00万元", False),
])
def test_a_sentence_stating_this_years_figures_names_the_report_year(source, old, new, flagged, pack, tmp_path):
    hits = [f for f in _hits(audit(_variant(tmp_path, source, (old, new)), pack=pack), "C17") if "本年数" in f.message]
    assert bool(hits) == flagged and all(f.severity == "error" for f in hits)


@pytest.mark.parametrize("old, new, why", [
    ("截至2024年12月31日，示例区示例局共有", "截至2024年12月31日，示例区他局共有", "名称不同"),
    ("2025年示例区示例局机关运行经费预算为", "2025年其他区示例局机关运行经费预算为", "所属行政区划不同"),
    ("截至2024年12月31日，示例区示例局共有", "截至2024年12月31日，示例局（部门）共有", None),
])
def test_the_body_named_in_sentences_is_the_cover_body(old, new, why, pack, tmp_path):
    hits = _hits(audit(_variant(tmp_path, BUDGET, (old, new)), pack=pack), "C18c")
    assert [bool(why in f.message and f.evidence[0].text) for f in hits] == ([True] if why else [])


@pytest.mark.parametrize("people, flagged", [("主要包括：基本工资、住房公积金、公务接待费", "公务接待费（30217）"),
                                             ("主要包括：基本工资、住房公积金", None)])
def test_a_budget_component_list_reads_the_columns_of_the_basic_table(people, flagged, pack, tmp_path):
    section = (f"一般公共预算基本支出情况\n\n人员经费65.00万元，{people}；公用经费10.00万元，主要包括：办公费、公务接待费。"
               "\n\n其他相关情况说明")
    results = audit(_variant(tmp_path, BUDGET, ("\n其他相关情况说明", "\n" + section)), pack=pack)
    hits = _hits(results, "T15")
    assert [flagged in f.message for f in hits] == ([True] if flagged else [])
    assert next(r for r in results.runs if r.rule == "T15").counts["pass"] >= 1


def test_final_accounts_saying_no_sangong_while_the_table_has_it(pack, tmp_path):
    heading = "（二）“三公”经费财政拨款支出决算具体情况说明。"
    path = _variant(tmp_path, FINAL, (heading, heading + "\n\n本部门2024年度无“三公”经费财政拨款支出。"))
    (hit,) = _hits(audit(path, pack=pack), "C04")
    assert hit.stated == "3.00" and hit.severity == "error"


@pytest.mark.parametrize("source, old, new", [
    (FINAL, "示例区示例局2024年度无政府性基金预算财政拨款收入和支出。", "示例区示例局2024年度政府性基金预算财政拨款支出5.00万元。"),
    (FIXTURES / "hubei-style-budget.txt", "本单位2024年无政府性基金预算安排的支出。", "本单位2024年政府性基金预算支出5.00万元。"),
])
def test_a_figure_in_a_fund_section_contradicts_its_empty_table(source, old, new, pack, tmp_path):
    hits = [f for f in _hits(audit(_variant(tmp_path, source, (old, new)), pack=pack), "T01") if "为空表" in f.message]
    assert [(f.stated, f.severity) for f in hits] == [("5.00万元", "error")]
    zero = _variant(tmp_path, source, (old, new.replace("5.00万元", "0万元")), name="zero.txt")
    assert not [f for f in _hits(audit(zero, pack=pack), "T01") if "为空表" in f.message]
