"""Tables typeset without full rules (三线表, horizontal rules only, none) and in compact type
read exactly as the same tables fully ruled."""

from __future__ import annotations

from collections import Counter

import pytest

from budget_audit import audit
from budget_audit.readers.pdf import read_pdf

from conftest import FIXTURES
from pdfbuild import build_pdf

REPORT = """样例单位2099年部门预算

一、收支情况

本单位2099年收入预算100.00万元，支出预算100.00万元。

2099年收支预算总表

单位：万元

收 入\t\t支 出\t
项 目\t预算数\t项 目\t预算数
一、一般公共预算拨款收入\t90.00\t一、一般公共服务支出\t60.00
二、其他收入\t10.00\t二、社会保障和就业支出\t40.00
收入总计\t100.00\t支出总计\t100.00

2099年一般公共预算支出表

单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t90.00\t60.00\t30.00
201\t一般公共服务支出\t60.00\t60.00\t
20103\t政府办公厅（室）及相关机构事务和其他一般公共服务的各项支出合计\t60.00\t60.00\t
208\t社会保障和就业支出\t30.00\t\t30.00

2099年政府性基金预算支出表

单位：万元

科目编码\t科目名称\t本年政府性基金预算支出\t\t
\t\t合计\t基本支出\t项目支出

注：本单位无政府性基金预算相关支出

2099年“三公”经费支出表

单位：万元

“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行费\t
3.00\t\t2.00\t\t2.00\t1.00
"""

VARIANTS = [("horizontal", False), ("header", False), ("none", False), ("grid", True), ("none", True)]


def _tables(path):
    return [([p.text for p in t.caption], [n.text for n in t.notes], [[c.text if c else None for c in r] for r in t.rows])
            for t in read_pdf(path).tables]


@pytest.fixture(scope="module")
def ruled(tmp_path_factory):
    return _tables(build_pdf(REPORT, tmp_path_factory.mktemp("ruled") / "grid.pdf"))


def test_the_ruled_fixture_reads_as_printed(ruled):
    assert len(ruled) == 4
    caption, notes, rows = ruled[1]
    assert caption == ["2099年一般公共预算支出表", "单位：万元"]
    assert rows[3] == ["20103", "政府办公厅（室）及相关机构事务和其他一般公共服务的各项支出合计", "60.00", "60.00", ""]
    assert ruled[2][1] == ["注：本单位无政府性基金预算相关支出"]  # the note does not run into the next title
    assert ruled[3][0][-2] == "2099年“三公”经费支出表"


@pytest.mark.parametrize("rules,compact", VARIANTS)
def test_a_table_reads_the_same_however_it_is_ruled(rules, compact, ruled, tmp_path):
    assert _tables(build_pdf(REPORT, tmp_path / "t.pdf", rules=rules, compact=compact)) == ruled


def test_wrapped_names_in_compact_unruled_rows_do_not_run_together(tmp_path):
    text = REPORT.replace("二、社会保障和就业支出", "二、社会保障和就业支出（含行政事业单位养老支出与就业补助等各项）")
    tables = _tables(build_pdf(text, tmp_path / "c.pdf", rules="none", compact=True))
    rows = tables[0][2]
    assert rows[3] == ["二、其他收入", "10.00", "二、社会保障和就业支出（含行政事业单位养老支出与就业补助等各项）", "40.00"]
    assert rows[4] == ["收入总计", "100.00", "支出总计", "100.00"]


def _signature(results):
    """Findings and the outcome of every rule instance, but the page-layout rules (L…): they
    run once per page, and compact type prints the same report on fewer pages."""
    outcomes = Counter()
    for run in results.runs:
        if not run.rule.startswith("L"):
            outcomes.update(run.counts)
    return sorted((f.rule, f.severity, f.message) for f in results.findings), outcomes


def test_the_projects_report_unruled_and_compact_gives_the_ruled_findings(tmp_path, pack):
    text = (FIXTURES / "hubei-projects-budget.txt").read_text(encoding="utf-8")
    ruled = _signature(audit(build_pdf(text, tmp_path / "grid.pdf"), pack=pack))
    assert _signature(audit(build_pdf(text, tmp_path / "none.pdf", rules="none", compact=True), pack=pack)) == ruled


def test_a_table_of_contents_with_leaders_stays_text(tmp_path):
    toc = "目录\n\n" + "".join(f"第{n}部分 部门情况说明\t……………………\t{k}\n" for n, k in (("一", 1), ("二", 3), ("三", 5)))
    doc = read_pdf(build_pdf(toc, tmp_path / "toc.pdf", rules="none"))
    assert doc.tables == []
    assert any("第二部分部门情况说明" in p.text.replace(" ", "") for p in doc.paragraphs)


def test_an_unruled_table_over_three_pages_is_one_table_without_repeated_headers(tmp_path):
    rows = "".join(f"2{k:06d}\t第{k}项支出科目\t{k}.00\t{k}.00\t\n" for k in range(1, 90))
    text = ("2099年一般公共预算支出表\n\n单位：万元\n\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "\t合计\t1.00\t1.00\t\n" + rows)
    (table,) = read_pdf(build_pdf(text, tmp_path / "long.pdf", rules="none")).tables
    assert len(table.pages) == 3 and len(table.rows) == 91
    assert [c.text for c in table.rows[-1]] == ["2000089", "第89项支出科目", "89.00", "89.00", ""]
