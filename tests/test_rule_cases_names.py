"""Subject names (rules/subject_names.yaml): the 科目 paths the narrative writes against the
names the report's own tables print, the tables against each other, and the dictionary of
renamed subjects. Made-up fixtures only: the complete 上海-style budget (2025, in 元)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.checks.wording.subject_index import Rename, outdated
from budget_audit.engine.results import Finding

from conftest import FIXTURES
from rulecases import Edit, fire_and_quiet

BUDGET = FIXTURES / "complete-budget.txt"
HOUSING = "2.“住房保障支出（类）住房改革支出（款）住房公积金（项）”5.00万元，主要用于住房公积金。"
PENSION_ROW = "208\t05\t\t行政事业单位养老支出\t100,000\t100,000\t0"  # 支出总表 and the 一般公共预算 table


def housing(path: str) -> Edit:
    return HOUSING, HOUSING.replace("住房保障支出（类）住房改革支出（款）住房公积金（项）", path)


def every_row(old: str, new: str) -> list[Edit]:
    count = BUDGET.read_text(encoding="utf-8").split("\n").count(old)
    return [(old, new)] * count


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "F05": (BUDGET, [housing("住房保障支出（类）住房改制支出（款）住房公积金（项）")], []),
    "F05t": (BUDGET, [(PENSION_ROW, PENSION_ROW.replace("养老支出", "离退休"))], []),
    "F02": (BUDGET, every_row("208\t05\t\t行政事业单位养老支出\t100,000\t100,000\t0", "208\t05\t\t行政事业单位离退休\t100,000\t100,000\t0")
            + [("208\t05\t\t行政事业单位养老支出\t100,000\t100,000\t0\t0\t0", "208\t05\t\t行政事业单位离退休\t100,000\t100,000\t0\t0\t0")],
            []),
}


def _f05(tmp_path: Path, pack, text: str) -> list[Finding]:
    src = tmp_path / "report.txt"
    src.write_text(BUDGET.read_text(encoding="utf-8").replace(HOUSING, text), encoding="utf-8")
    return [f for f in audit(src, pack=pack, select={"F05"}).findings]


@pytest.mark.parametrize("path, severity, words", [
    ("住房保障支出（类）住房保障支出（款）住房公积金（项）", "error", "写作款级名称"),  # a 类 name given as the 款
    ("住房保障支出（类）住房改革支出（款）租房补助支出（项）", "error", "在报表中没有"),  # a 项 no table prints
    ("住房保障支出（类）住房保障支出（款）住房改革支出（项）", "error", "级次错位"),  # every name one level off
    ("住房保障支出（类）住房公积金（款）", "error", "级次错位"),  # a 项 given as the 款
    ("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）住房公积金（项）", "warning", "属于“住房改革支出”"),
    ("住房保障支出（221类）住房改造支出（02款）住房公积金（01项）", "warning", "22102的款级名称为“住房改革支出”"),
    ("其它住房保障支出（类）住房改革支出（款）住房公积金（项）", None, None),  # no subject fits: nothing said
])
def test_a_wrong_name_in_a_path_is_classed(path, severity, words, pack, tmp_path):
    hits = _f05(tmp_path, pack, HOUSING.replace("住房保障支出（类）住房改革支出（款）住房公积金（项）", path))
    if severity is None:
        assert hits == []
        return
    assert [f.severity for f in hits] == [severity] and words in hits[0].message, [f.message for f in hits]
    assert hits[0].evidence[0].text and hits[0].evidence[-1].row[:3].isdigit()


@pytest.mark.parametrize("text", [
    "主要是住房保障支出（类）住房改革支出（款）住房公积金（项）增加。",  # free text before the 类 name
    "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）5.00万元。",
    "2210201住房公积金5.00万元，主要用于住房公积金。",
    "“住房保障支出-住房改革支出-住房公积金”科目5.00万元。",
])
def test_a_path_written_as_the_tables_print_it_passes(text, pack, tmp_path):
    src = tmp_path / "report.txt"
    src.write_text(BUDGET.read_text(encoding="utf-8").replace(HOUSING, text), encoding="utf-8")
    results = audit(src, pack=pack, select={"F05"})
    assert results.findings == [] and results.runs[0].counts["pass"] >= 2


def test_a_code_without_a_name_says_nothing(pack, tmp_path):
    assert _f05(tmp_path, pack, "2210201科目支出5.00万元。") == []


def test_an_item_under_another_class_of_the_same_kind_names_both(pack, tmp_path):
    """A second 款 under 201 holds 行政运行 only; the path puts 一般行政管理事务 under it."""
    rows = "201\t03\t02\t一般行政管理事务\t200,000\t0\t200,000"
    text = BUDGET.read_text(encoding="utf-8").replace(HOUSING, HOUSING.replace(
        "住房保障支出（类）住房改革支出（款）住房公积金（项）", "一般公共服务支出（类）财政事务（款）一般行政管理事务（项）"))
    src = tmp_path / "report.txt"
    src.write_text(text.replace(rows, rows + "\n201\t06\t\t财政事务\t1\t1\t0\n201\t06\t01\t行政运行\t1\t1\t0", 1),
                   encoding="utf-8")
    hits = audit(src, pack=pack, select={"F05"}).findings
    assert [f.severity for f in hits] == ["warning"], [f.message for f in hits]
    assert "属于“政府办公厅(室)及相关机构事务”，而20106“财政事务”下没有" in hits[0].message


def test_a_coded_name_of_another_subject_is_a_warning(pack, tmp_path):
    hits = _f05(tmp_path, pack, "2210201机关事业单位基本养老保险缴费支出5.00万元。")
    assert [f.severity for f in hits] == ["warning"] and "2210201的项级名称为“住房公积金”" in hits[0].message


def test_a_wrong_name_is_reported_once_with_every_place(pack, tmp_path):
    wrong = HOUSING.replace("住房改革支出（款）", "住房保障支出（款）")
    hits = _f05(tmp_path, pack, wrong + "\n\n" + wrong.replace("2.", "3."))
    assert len(hits) == 1 and "共2处" in hits[0].message
    assert len([e for e in hits[0].evidence if e.text]) == 2


def test_qi_ta_for_qi_ta_is_only_a_spelling(pack, tmp_path):
    text = "1.“社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）”5.00万元。"
    src = tmp_path / "report.txt"
    rows = "208\t05\t05\t机关事业单位基本养老保险缴费支出\t100,000\t100,000\t0"
    body = BUDGET.read_text(encoding="utf-8").replace(HOUSING, text)
    src.write_text(body.replace(rows, rows.replace("05\t机关事业单位基本养老保险缴费支出", "99\t其他行政事业单位养老支出")),
                   encoding="utf-8")
    hits = [f for f in audit(src, pack=pack, select={"F05"}).findings]
    assert [f.severity for f in hits] == ["info"], [f.message for f in hits]


def test_qi_ta_in_one_table_and_qi_ta_in_another_is_only_a_spelling(pack, tmp_path):
    name = "机关事业单位基本养老保险缴费支出"
    income_row = f"208\t05\t05\t其他{name}\t100,000\t100,000\t0\t0\t0"  # 收入总表
    text = BUDGET.read_text(encoding="utf-8").replace(name, "其他" + name)
    src = tmp_path / "report.txt"
    src.write_text(text.replace(income_row, income_row.replace("其他", "其它")), encoding="utf-8")
    hits = audit(src, pack=pack, select={"F05t"}).findings
    assert [f.severity for f in hits] == ["info"] and "2080505" in hits[0].message


def test_an_outdated_name_written_alone_is_reported(pack, tmp_path):
    hits = _f05(tmp_path, pack, HOUSING + "\n\n国土资源事务（款）反映自然资源管理方面的支出。")
    assert [f.severity for f in hits] == ["warning"] and "2019年起已改为“自然资源事务”" in hits[0].message


def test_a_rename_applies_from_its_year_on():
    rename = [Rename("国土资源事务", "自然资源事务", 1, "22001", 2019)]
    assert outdated("国土资源事务", 1, "", 2019, rename) and not outdated("国土资源事务", 1, "", 2018, rename)
    assert not outdated("国土资源事务", 2, "", 2020, rename)  # another level: another subject
    assert not outdated("国土资源事务", 1, "21001", 2020, rename)  # another code
    assert outdated("主要是国土资源事务", 1, "", 2020, rename, "front")


def test_the_pdf_reports_the_shifted_name_on_its_page(pack, tmp_path):
    from pdfbuild import build_pdf

    text = BUDGET.read_text(encoding="utf-8").replace(HOUSING, HOUSING.replace("住房改革支出（款）", "住房保障支出（款）"))
    pdf = build_pdf(text, tmp_path / "report.pdf")
    hits = [f for f in audit(pdf, pack=pack, select={"F05"}).findings]
    assert [f.severity for f in hits] == ["error"], [f.message for f in hits]
    assert hits[0].evidence[0].location.page and hits[0].evidence[-1].location.page



test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


def test_a_missing_item_with_nothing_spent_is_a_warning(pack, tmp_path):
    """A 项 budgeted but not spent may be left out of the final-accounts tables."""
    path = "住房保障支出（类）住房改革支出（款）租房补助支出（项）"
    hits = _f05(tmp_path, pack, HOUSING.replace("住房保障支出（类）住房改革支出（款）住房公积金（项）", path)
                .replace("5.00万元", "0万元"))
    assert [f.severity for f in hits] == ["warning"] and "在报表中没有" in hits[0].message


def test_a_path_written_with_its_codes_binds_its_figure(pack, tmp_path):
    """“住房保障支出（221类）…（02款）…（01项）” names the row as the plain path does."""
    coded = HOUSING.replace("住房保障支出（类）住房改革支出（款）住房公积金（项）",
                            "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）")
    src = tmp_path / "report.txt"
    src.write_text(BUDGET.read_text(encoding="utf-8").replace(HOUSING, coded.replace("5.00万元", "6.00万元")),
                   encoding="utf-8")
    hits = [f for f in audit(src, pack=pack, select={"T01"}).findings]
    assert [f.severity for f in hits] == ["error"] and "2210201" in hits[0].message


@pytest.mark.parametrize("text, names", [
    ("1.“一般公共服务支出(类)财政事务(款)行政运行(项)”10.00万元", ["一般公共服务支出", "财政事务", "行政运行"]),
    ("卫生健康支出(210类)行政事业单位医疗(11款)行政单位医疗(01项)", ["卫生健康支出", "行政事业单位医疗", "行政单位医疗"]),
    ("“一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行”科目", ["一般公共服务支出", "政府办公厅(室)及相关机构事务", "行政运行"]),
    ("2080505机关事业单位基本养老保险缴费支出10.00万元", ["机关事业单位基本养老保险缴费支出"]),
    ("行政运行(项)反映行政单位的基本支出、一般行政管理事务(项)反映", ["行政运行"]),  # two paths, one name each
    ("比2024-2025科目增加", []),
])
def test_written_paths_are_read_level_by_level(text, names):
    from budget_audit.understand.subject_paths import written_paths

    paths = written_paths(text)
    assert [lv.name for lv in paths[0].levels] == names if names else paths == []
