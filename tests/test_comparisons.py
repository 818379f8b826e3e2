"""Comparison words (P07), completion rates on the named budget (D05) and rates on a zero base
(P04): made-up sentences in the made-up final-accounts and 上海-style fixtures, text and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit

from conftest import FIXTURES
from pdfbuild import build_pdf

SHANGHAI, FINAL = FIXTURES / "shanghai-style-budget.txt", FIXTURES / "final-accounts.txt"
FA_FIGURES = "年初预算为72.00万元，支出决算为70.00万元，完成年初预算的97.22%。"
SH_STATED = "2024年当年预算执行数为50.00万元，2025年预算安排60.00万元，比2024年预算执行数增加20.00%"


def _audit(source: Path, tmp_path: Path, old: str, new: str, pdf: bool = False):
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return audit(build_pdf(path.read_text(encoding="utf-8"), tmp_path / "r.pdf") if pdf else path)


def _of(results, rule: str) -> list:
    return [f for f in results.findings if f.rule == rule]


@pytest.mark.parametrize("said, fires", [("决算数大于预算数", True), ("决算数同预算数持平", True),
                                         ("决算数等于预算数", True), ("决算数小于预算数", False),
                                         ("支出决算低于年初预算", False), ("支出决算超过年初预算", True)])
def test_comparison_word_against_the_figures(tmp_path, said, fires):
    results = _audit(FINAL, tmp_path, FA_FIGURES, FA_FIGURES + f"{said}的主要原因是人员减少。")
    found = _of(results, "P07")
    assert bool(found) == fires
    if fires:
        assert found[0].severity == "error" and "70.00万元小于年初预算 72.00万元" in found[0].message
        ev = found[0].evidence[0]
        assert ev.text[slice(*ev.span)] == said


def test_equal_printed_figures_under_a_strict_word_are_only_info(tmp_path):
    equal = FA_FIGURES.replace("70.00", "72.00").replace("97.22%", "100.00%")
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, equal + "决算数大于预算数。"), "P07")
    assert [f.severity for f in found] == ["info"]


def test_comparison_word_in_a_pdf_points_at_its_page(tmp_path):
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, FA_FIGURES + "决算数大于预算数的主要原因是人员减少。",
                       pdf=True), "P07")
    assert len(found) == 1 and found[0].evidence[0].location.page is not None


def test_completion_on_a_zero_opening_budget_names_the_budget_it_fits(tmp_path):
    zero = "年初预算为0万元，全年预算为72.00万元，支出决算为70.00万元，完成年初预算的97.22%。"
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, zero), "D05")
    assert [f.severity for f in found] == ["warning"]
    assert "完成率无定义" in found[0].message and "与全年预算 72.00万元 相符" in found[0].message
    assert found[0].expected.startswith("无")


def test_completion_on_the_named_budget_not_the_nearest(tmp_path):
    both = "年初预算为80.00万元，全年预算为72.00万元，支出决算为70.00万元，完成年初预算的97.22%。"
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, both), "D05")
    assert [f.severity for f in found] == ["error"]
    assert "应为 87.50%" in found[0].message and "是按全年预算 72.00万元 计算的" in found[0].message


def test_completion_on_the_named_budget_that_fits_is_quiet(tmp_path):
    both = "年初预算为72.00万元，全年预算为80.00万元，支出决算为70.00万元，完成年初预算的97.22%。"
    assert _of(_audit(FINAL, tmp_path, FA_FIGURES, both), "D05") == []


@pytest.mark.parametrize("stated, severity", [("95.42%", "warning"), ("95.43%", None), ("95.52%", "error")])
def test_a_truncated_completion_rate_is_a_warning(tmp_path, stated, severity):
    item = ("2、其他支出（类）其他支出（款）其他支出（项）。主要用于：其他。年初预算为1021.34万元，"
            f"支出决算为974.65万元，完成年初预算的{stated}。")  # 974.65 ÷ 1021.34 = 95.4285…
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, FA_FIGURES + "\n\n" + item), "D05")
    assert [f.severity for f in found] == ([severity] if severity else [])
    if severity == "warning":
        assert "截断" in found[0].message


@pytest.mark.parametrize("pdf", [False, True])
def test_a_rate_on_a_zero_base_is_an_undefined_rate_warning(tmp_path, pdf):
    zero = SH_STATED.replace("执行数为50.00万元", "执行数为0.00万元").replace("20.00%", "100.00%")
    found = _of(_audit(SHANGHAI, tmp_path, SH_STATED, zero, pdf=pdf), "P04")
    assert [f.severity for f in found] == ["warning"]
    assert "增长率无定义" in found[0].message and "新增" in found[0].message
    assert "0.00%" not in found[0].expected


def test_a_rate_on_a_nonzero_base_stays_quiet(tmp_path):
    assert _of(_audit(SHANGHAI, tmp_path, SH_STATED, SH_STATED), "P04") == []


CARS = "（二）公务用车购置及运行费4.00万元。其中：公务用车购置费0万元；公务用车运行费4.00万元。"


@pytest.mark.parametrize("whole, fires", [("与2024年预算持平", True), ("比2024年预算增加1.00万元", False),
                                          ("比2024年预算减少1.00万元", True)])
def test_a_flat_whole_against_its_changed_parts(tmp_path, whole, fires):
    said = (f"（二）公务用车购置及运行费4.00万元，{whole}。其中：公务用车购置费0万元，与2024年预算持平；"
            "公务用车运行费4.00万元，比2024年预算增加1.00万元。")
    found = _of(_audit(SHANGHAI, tmp_path, CARS, said, pdf=fires and "持平" in whole), "P09")
    assert [f.severity for f in found] == (["warning"] if fires else [])
    if fires:
        assert "各项的变动合计为 +1.00 万元" in found[0].message


def test_parts_that_do_not_make_the_whole_are_not_judged(tmp_path):
    said = ("（二）公务用车购置及运行费5.00万元，与2024年预算持平。其中：公务用车购置费0万元，与2024年预算持平；"
            "公务用车运行费4.00万元，比2024年预算增加1.00万元。")
    results = _audit(SHANGHAI, tmp_path, CARS, said)
    assert _of(results, "P09") == []


FA_SPENDING = "五、一般公共预算财政拨款支出决算情况说明"


@pytest.mark.parametrize("total, fires", [("与2023年度持平", True), ("比2023年度增加10.00万元", True),
                                          ("比2023年度增加13.00万元", False)])
def test_the_fiscal_total_change_against_spending_and_carry_over(tmp_path, total, fires):
    """Δ总计 = Δ一般公共预算支出 10.00 + 年末结转 11.00 − 年初结转 8.00 = 13.00."""
    said = (f"四、财政拨款收入支出决算总体情况说明\n\n示例区示例局2024年度财政拨款收入支出总计108.00万元，{total}。\n\n"
            f"{FA_SPENDING}\n\n（一）一般公共预算财政拨款支出决算总体情况\n\n"
            "一般公共预算财政拨款支出97.00万元，比2023年度增加10.00万元，增长11.49%。\n\n（二）结构")
    found = _of(_audit(FINAL, tmp_path, FA_SPENDING, said, pdf=total.startswith("与")), "P11")
    assert [f.severity for f in found] == (["warning"] if fires else [])
    if fires:
        assert "推算总计应变动 13.00 万元" in found[0].message


def test_the_comparison_is_of_the_whole_not_its_last_part(tmp_path):
    sangong = ("\n\n七、财政拨款“三公”经费支出决算情况说明\n\n“三公”经费财政拨款支出年初预算为5.00万元，支出决算为6.00万元，"
               "完成预算的120.00%，其中：公务接待费支出决算为0.50万元。“三公”经费支出决算数大于预算数的主要原因是接待增加。")
    path = tmp_path / "fa.txt"
    path.write_text(FINAL.read_text(encoding="utf-8") + sangong, encoding="utf-8")
    results = audit(path)
    assert _of(results, "P07") == []
    assert next(r for r in results.runs if r.rule == "P07").counts["pass"] >= 1


@pytest.mark.parametrize("stated, severity", [("87.50%", "warning"), ("87.51%", None), ("87.60%", "error")])
def test_a_truncated_share_is_a_warning(tmp_path, stated, severity):
    said = f"\n\n项目总额8000.00万元，其中：甲项目7000.74万元，占{stated}；乙项目999.26万元，占12.49%。"  # 87.509…
    path = tmp_path / "fa.txt"
    path.write_text(FINAL.read_text(encoding="utf-8") + said, encoding="utf-8")
    found = [f for f in _of(audit(path), "P01") if "甲项目" in f.message]
    assert [f.severity for f in found] == ([severity] if severity else [])


@pytest.mark.parametrize("said, severity", [("完成年初预算的100%，决算数大于预算数", "info"),
                                            ("完成年初预算的100.00%，决算数大于预算数", "info"),
                                            ("完成年初预算的95.00%，决算数大于预算数", "error"),
                                            ("完成年初预算的105.00%，决算数大于预算数", None),
                                            ("完成年初预算的95.00%，决算数同预算数持平", "error")])
def test_the_comparison_word_against_the_completion_rate(tmp_path, said, severity):
    item = f"2、其他支出（类）其他支出（款）其他支出（项）。支出决算为20.00万元，{said}，主要原因是人员增加。"
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, FA_FIGURES + "\n\n" + item), "P07")
    assert [f.severity for f in found] == ([severity] if severity else [])
    if severity == "error":
        assert "而完成率为" in found[0].message


@pytest.mark.parametrize("gap, fires", [("2.00", False), ("3.00", True)])
def test_the_stated_gap_between_final_and_budget(tmp_path, gap, fires):
    said = FA_FIGURES + f"决算数小于预算数{gap}万元，主要原因是人员减少。"
    found = _of(_audit(FINAL, tmp_path, FA_FIGURES, said), "P07")
    assert [f.severity for f in found] == (["error"] if fires else [])
    if fires:
        assert "相差 2.00 万元" in found[0].message
