"""Item-level triangulation (T14): one wrong figure of a 科目 item yields one finding naming it.

The made-up 上海-style budget states item 1 four times: the headline 60.00万元, 执行数 50.00万元,
预算安排 60.00万元 and 增加20.00%; the 一般公共预算支出表 prints 600,000 元. The final
accounts fixture states 年初预算 72.00, 支出决算 70.00 and 完成 97.22% for its item 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit

from conftest import FIXTURES
from pdfbuild import build_pdf

SHANGHAI, FINAL = FIXTURES / "shanghai-style-budget.txt", FIXTURES / "final-accounts.txt"
HEADLINE = "”60.00万元，主要用于机关运行。"
STATED = "2025年预算安排60.00万元，比2024年预算执行数增加20.00%"
B05_ROW = "201\t03\t01\t行政运行\t600,000\t600,000\t0"
FA_STATED = "支出决算为70.00万元，完成年初预算的97.22%"


def _edited(source: Path, tmp_path: Path, *swaps: tuple[str, str], name: str = "") -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    out = tmp_path / (name or source.name)
    out.write_text(text, encoding="utf-8")
    return out


def _narrative(results, rules=("T01", "T14", "P04", "D05")) -> list:
    return [f for f in results.findings if f.rule in rules and f.severity != "info"]


def test_a_wrong_restated_figure_is_named_once(pack, tmp_path):
    path = _edited(SHANGHAI, tmp_path, (STATED, STATED.replace("60.00", "66.00")))
    found = _narrative(audit(path, pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "有误的是预算安排 66.00 万元，应为 60.00 万元" in found[0].message
    assert "增加20.00%与之相符" in found[0].message
    assert (found[0].stated, found[0].expected) == ("66.00万元", "60.00万元")
    assert "66.00" in found[0].evidence[0].text[slice(*found[0].evidence[0].span)]


def test_a_wrong_headline_is_named_and_the_rate_left_alone(pack, tmp_path):
    path = _edited(SHANGHAI, tmp_path, (HEADLINE, HEADLINE.replace("60.00", "66.00")))
    found = _narrative(audit(path, pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "有误的是条目金额 66.00 万元" in found[0].message
    assert "应为" in found[0].message and "增长率应" not in found[0].message


def test_a_rate_computed_from_the_wrong_figure_is_no_vote_for_it(pack, tmp_path):
    wrong = STATED.replace("60.00", "66.00").replace("20.00%", "32.00%")
    found = _narrative(audit(_edited(SHANGHAI, tmp_path, (STATED, wrong)), pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "有误的是预算安排 66.00 万元，应为 60.00 万元" in found[0].message
    assert "增加32.00%是按有误的数计算的，改正后应为 20.00%" in found[0].message


def test_a_figure_against_the_table_with_its_own_rate_has_no_majority(pack, tmp_path):
    path = _edited(FINAL, tmp_path, (FA_STATED, "支出决算为75.00万元，完成年初预算的104.17%"))
    found = _narrative(audit(path, pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "票数相同" in found[0].message and "75.00" in found[0].message and "70.00" in found[0].message


def test_text_consistent_against_the_table_says_so(pack, tmp_path):
    path = _edited(SHANGHAI, tmp_path, (HEADLINE, HEADLINE.replace("60.00", "66.00")),
                   (STATED, STATED.replace("60.00", "66.00").replace("20.00%", "32.00%")))
    found = _narrative(audit(path, pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "说明各处一致，不一致的是表中数" in found[0].message
    assert (found[0].stated, found[0].expected) == ("66.00万元", "60.00万元")


def test_only_the_rate_wrong_is_still_the_rate(pack, tmp_path):
    results = audit(_edited(SHANGHAI, tmp_path, (STATED, STATED.replace("20.00%", "25.00%"))), pack=pack)
    assert [f.rule for f in _narrative(results)] == ["P04"]
    run = next(r for r in results.runs if r.rule == "T14")
    assert run.counts["pass"] > 0 and run.counts["fail"] == 0


def test_the_final_accounts_item_names_its_odd_figure(pack, tmp_path):
    path = _edited(FINAL, tmp_path, (FA_STATED, FA_STATED.replace("70.00", "75.00")))
    found = _narrative(audit(path, pack=pack))
    assert [f.rule for f in found] == ["T14"]
    assert "有误的是支出决算 75.00 万元，应为 70.00 万元" in found[0].message
    assert "完成率97.22%也" not in found[0].message and "完成率97.22%与之相符" in found[0].message


def test_two_printings_and_nothing_else_stay_with_t01(pack, tmp_path):
    item2 = "住房公积金（项）”5.00万元"
    found = _narrative(audit(_edited(SHANGHAI, tmp_path, (item2, item2.replace("5.00", "6.00"))), pack=pack))
    assert [f.rule for f in found] == ["T01"]


@pytest.fixture(scope="module")
def pdf_results(pack, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tri")
    text = _edited(SHANGHAI, tmp, (STATED, STATED.replace("60.00", "66.00"))).read_text(encoding="utf-8")
    return audit(build_pdf(text, tmp / "item.pdf"), pack=pack)


def test_the_pdf_item_names_its_odd_figure_on_its_page(pdf_results):
    found = _narrative(pdf_results)
    assert [f.rule for f in found] == ["T14"]
    assert "有误的是预算安排 66.00 万元" in found[0].message
    assert found[0].evidence[0].location.page is not None


@pytest.mark.parametrize("printed, severity", [("60.1", "warning"), ("60.2", "error")])
def test_one_unit_in_the_last_place_is_a_warning(pack, tmp_path, printed, severity):
    found = _narrative(audit(_edited(SHANGHAI, tmp_path, (HEADLINE, HEADLINE.replace("60.00", printed))), pack=pack))
    assert [(f.rule, f.severity) for f in found] == [("T14", severity)]
    assert ("末位相差一个单位" in found[0].message) == (severity == "warning")


@pytest.mark.parametrize("printed, severity", [("80.1", "warning"), ("80.3", "error")])
def test_t01_one_unit_in_the_last_place_is_a_warning(pack, tmp_path, printed, severity):
    path = _edited(FINAL, tmp_path, ("基本支出80.00万元", f"基本支出{printed}万元"))
    found = [f for f in audit(path, pack=pack).findings if f.rule == "T01"]
    assert [f.severity for f in found] == [severity]


SANGONG = ("\n\n七、财政拨款“三公”经费支出决算情况说明\n\n"
           "“三公”经费财政拨款支出年初预算为{budget}万元，支出决算为3.00万元，完成预算的{rate}。")


@pytest.mark.parametrize("budget, rate, odd", [("6.00", "60.00%", "年初预算"), ("5.00", "60.00%", None),
                                               ("6.00", "50.00%", "none")])
def test_a_wrong_prior_figure_is_named_not_the_rate(pack, tmp_path, budget, rate, odd):
    path = tmp_path / "fa.txt"
    path.write_text(FINAL.read_text(encoding="utf-8") + SANGONG.format(budget=budget, rate=rate), encoding="utf-8")
    found = _narrative(audit(path, pack=pack))
    if odd is None:
        assert found == []
    elif odd == "none":  # 3.00 ÷ 6.00 = 50%: the rate fits the sentence's own figure, no majority
        assert [f.rule for f in found] == ["T14"] and "票数相同" in found[0].message
    else:
        assert [f.rule for f in found] == ["T14"]
        assert "有误的是“三公经费财政拨款支出年初预算” 6.00 万元，应为 5.00 万元" in found[0].message
        assert "完成率60.00%与之相符" in found[0].message


def test_headline_against_restated_figure_without_a_table_row(pack, tmp_path):
    """Every pair counts, not only headline against table: here no table prints the item."""
    item = ("3.“教育支出（类）普通教育（款）小学教育（项）”10.00万元，主要用于教学。2024年当年预算执行数为8.00万元，"
            "2025年预算安排12.00万元，比2024年预算执行数增加25.00%。")
    anchor = "2.“住房保障支出（类）住房改革支出（款）住房公积金（项）”5.00万元，主要用于住房公积金。"
    found = [f for f in audit(_edited(SHANGHAI, tmp_path, (anchor, anchor + "\n\n" + item)), pack=pack).findings
             if f.rule == "T14"]
    assert len(found) == 1 and "有误的是预算安排 12.00 万元，应为 10.00 万元" in found[0].message
