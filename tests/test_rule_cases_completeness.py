"""Rule cases of the completeness, format and plausibility rules (rules/completeness.yaml,
rules/format.yaml): each fires on an edit of a made-up complete report and runs and stays
quiet on it. Then what a user relies on: a removed table or an emptied one without its note
is reported, on the sample and on the fixtures; a complete report comes back clean; the real
corpus reports produce no false completeness error, and every finding these rules make on
them is printed in the PDF where it says."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.checks.completeness.empty_table_note import none_statement, zero_statement
from budget_audit.engine.results import Finding, Results
from budget_audit.engine.rules import RulePack
from budget_audit.understand.model import ReportTable

from conftest import CORPUS, FIXTURES, SAMPLE
from rulecases import Edit, fire_and_quiet

BUDGET, FINAL = FIXTURES / "complete-budget.txt", FIXTURES / "complete-final-accounts.txt"
MY_FILES = ("completeness.yaml", "format.yaml")
# completeness proper: a missing table, section, note or disclosure
COMPLETENESS = {"C01", "C02", "C03", "C04", "C05", "C06", "C07", "C10a", "C11", "C12", "C13", "C15"}

SANGONG = "2025年“三公”经费预算数为5.00万元，比2024年预算增加1.00万元，增长25.00%，主要原因是公务用车运行费增加。其中："
CARS = "（二）公务用车购置及运行费4.00万元。其中：公务用车购置费0万元；公务用车运行费4.00万元。"
RUNNING_COST = "2025年示例区示例局机关运行经费预算为10.00万元。"
PROCUREMENT = "2025年度本部门政府采购预算20.00万元，其中：政府采购货物预算5.00万元、政府采购工程预算0万元、政府采购服务预算15.00万元。"
ASSETS = "截至2024年12月31日，示例区示例局共有车辆3辆，其中：其他用车2辆、执法执勤用车1辆。"
TARGETS = "2025年度，本部门编报绩效目标的项目共1个，涉及项目预算资金25.00万元。"
UNITS = "示例区示例局部门预算包括示例局本部，本部门中，行政单位1家，事业单位0家。"
STAFF = "示例区示例局共有编制10人，其中：行政编制6人、事业编制4人。在职人员实有数{n}人，其中：行政人员{a}人、事业人员4人。"
FUND_NOTE = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
SPENDING = ("支出预算100.00万元，其中：财政拨款支出预算95.00万元，比2024年预算增加5.00万元。财政拨款支出预算中，一般公共预算拨款支出预算"
            "95.00万元，比2024年预算增加5.00万元；政府性基金拨款支出预算0.00万元，比2024年预算持平。")
FUND_ROWS = ("合计\t\t\t\t\t\t", "212\t\t\t城乡社区支出\t100\t0\t100\n212\t08\t\t国有土地使用权出让收入安排的支出\t100\t0\t100\n"
             "212\t08\t04\t农村基础设施建设支出\t100\t0\t100\n合计\t\t\t\t100\t0\t100")
RUNNING_CHANGE = "机关运行经费支出15.00万元，比2023年度增加1.00万元，增长7.14%。主要原因是办公费增加。"


def swap(line: str, old: str, new: str) -> Edit:
    assert old in line, (old, line)
    return line, line.replace(old, new, 1)


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    # rule: (fixture, edits that make it fire, edits under which it runs and stays quiet)
    "C01": (BUDGET, [("2025年部门收入预算总表", "2025年部门收入明细")], []),
    "C02": (BUDGET, [swap("3. 2025年部门支出预算总表", "3.", "10．2025年部门项目支出预算表\n3.")], []),
    "C03": (BUDGET, [(FUND_NOTE, ""), swap(SPENDING, "；政府性基金拨款支出预算0.00万元，比2024年预算持平", "")], []),
    "C04": (BUDGET, [FUND_ROWS], []),
    "C05": (BUDGET, [("名词解释", "")], []),
    "C06": (BUDGET, [("\t\t\t小计\t购置费\t运行费\t", "\t\t\t小计\t\t\t")], []),
    "C07": (BUDGET, [(CARS, "（二）公务用车购置及运行费4.00万元。")], []),
    "C08": (BUDGET, [swap(SANGONG, "，主要原因是公务用车运行费增加", "")], []),
    "C09": (BUDGET, [("财政拨款收入支出增加的主要原因是人员经费增加。", "")], []),
    "C10": (FINAL, [swap(RUNNING_CHANGE, "主要原因是办公费增加", "主要包括：办公费、水电费")], []),
    "C10a": (BUDGET, [swap(RUNNING_COST, "为10.00万元", "安排详见附表")], []),
    "C11": (BUDGET, [swap(PROCUREMENT, "、政府采购工程预算0万元、政府采购服务预算15.00万元", "")], []),
    "C12": (BUDGET, [(ASSETS, "示例区示例局国有资产管理情况良好。")], []),
    "C13": (BUDGET, [(TARGETS, "本部门按要求开展预算绩效管理。")], []),
    "C15": (BUDGET, [("编制部门：示例区示例局 单位：元", "编制部门：示例区示例局", 2)], []),
    "C17": (BUDGET, [("2025年部门支出预算总表", "2024年部门支出预算总表")], []),
    "C18": (BUDGET, [swap(CARS, "公务用车购置费0万元", "公务用车购置费XX万元")], []),
    "F01": (BUDGET, [swap("201\t03\t02\t一般行政管理事务\t200,000\t0\t200,000", "201", "202")], []),
    "F03": (BUDGET, [swap("302\t01\t办公费\t60,000\t0\t60,000", "302", "303")], []),
    "F06": (BUDGET, [swap(RUNNING_COST, "。", "。。")], []),
    "W01": (BUDGET, [(UNITS, UNITS + STAFF.format(n=12, a=8))], [(UNITS, UNITS + STAFF.format(n=9, a=5))]),
    "W02": (BUDGET, [swap(ASSETS, "共有车辆3辆，其中：其他用车2辆、执法执勤用车1辆", "共有车辆30辆，其中：其他用车20辆、执法执勤用车10辆")],
            []),
    "W03": (BUDGET, [(SANGONG, "2025年“三公”经费预算数为5.00万元，比2024年预算增加2.50万元，增长100.00%。其中：")], []),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


def mine(results: Results, pack: RulePack) -> list[Finding]:
    ids = {r.id for r in pack.rules if r.where.split(":")[0].endswith(MY_FILES)}
    return [f for f in results.findings if f.rule in ids]


# ---- complete reports come back clean -------------------------------------------------

@pytest.mark.parametrize("path", [BUDGET, FINAL], ids=lambda p: p.name)
def test_a_complete_report_comes_back_clean(path, pack):
    results = audit(path, pack=pack)
    assert [f.message for f in mine(results, pack)] == []
    runs = {r.rule: r.counts for r in results.runs}
    assert runs["C01"]["pass"] == 9 and runs["C02"]["pass"] == 9 and runs["C05"]["pass"] >= 9


# ---- a removed table, an emptied table without its note -------------------------------

def _lines_of(table: ReportTable) -> range:
    """The text lines a table occupies, from its caption to its last row and note."""
    cells = [c.location.line for row in table.source.rows for c in row if c is not None]
    first = min([p.location.line for p in table.source.caption] + cells)
    last = max([n.location.line for n in table.notes] + cells)
    return range(first, last + 1)


def _without(path: Path, tmp_path: Path, lines: set[int]) -> Path:
    kept = [t for i, t in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if i not in lines]
    out = tmp_path / path.name
    out.write_text("\n".join(kept), encoding="utf-8")
    return out


def _c01_names(results: Results, kind: str) -> list[Finding]:
    return [f for f in results.findings if f.rule == "C01" and f.severity == "error" and f"“{kind}”" in f.message]


@pytest.mark.parametrize("path, kind", [(SAMPLE, "三公经费表"), (BUDGET, "基本支出表"),
                                        (FINAL, "一般公共预算财政拨款基本支出决算表")],
                         ids=["sample", "budget", "final"])
def test_a_removed_table_is_reported(path, kind, pack, tmp_path):
    before = audit(path, pack=pack)
    assert not _c01_names(before, kind)
    (table,) = before.report.tables_of(kind)
    after = audit(_without(path, tmp_path, set(_lines_of(table))), pack=pack)
    assert not after.report.tables_of(kind)
    hits = _c01_names(after, kind)
    assert len(hits) == 1 and hits[0].evidence
    if path is not SAMPLE:  # the fixtures list every table in their 目录: C02 names the entry
        toc = [f for f in after.findings if f.rule == "C02" and f.severity == "error"]
        assert toc and toc[0].evidence[0].text and toc[0].evidence[0].location.line


def _empty_fund_lines(path: Path, results: Results, fund_kind: str, word: str) -> set[int]:
    """The note under the fund's table and every line saying the unit has none of it."""
    (table,) = results.report.tables_of(fund_kind)
    says_none, says_zero = none_statement(["无", "没有"], word), zero_statement(word)
    lines = path.read_text(encoding="utf-8").split("\n")
    narrative = {i for i, t in enumerate(lines, start=1)
                 if says_none.search(unicodedata.normalize("NFKC", t)) or says_zero.search(unicodedata.normalize("NFKC", t))}
    return {n.location.line for n in table.notes} | narrative


@pytest.mark.parametrize("path, kind, word", [(SAMPLE, "国有资本经营预算支出表", "国有资本经营"),
                                              (BUDGET, "政府性基金预算支出表", "政府性基金"),
                                              (FINAL, "政府性基金预算财政拨款收入支出决算表", "政府性基金")],
                         ids=["sample", "budget", "final"])
def test_an_empty_table_without_its_note_is_reported(path, kind, word, pack, tmp_path):
    before = audit(path, pack=pack)
    assert not [f for f in before.findings if f.rule == "C03"]
    (table,) = before.report.tables_of(kind)
    assert table.is_empty and table.notes
    after = audit(_without(path, tmp_path, _empty_fund_lines(path, before, kind, word)), pack=pack)
    hits = [f for f in after.findings if f.rule == "C03" and f.severity == "error"]
    assert len(hits) == 1 and table.title in hits[0].message
    assert hits[0].evidence[0].table == table.title


def test_a_table_emptied_of_its_rows_needs_a_note(pack, tmp_path):
    """Rows of a fund table removed and no note added: the now empty table is reported."""
    lines = BUDGET.read_text(encoding="utf-8").split("\n")
    filled = [FUND_ROWS[1] if t == FUND_ROWS[0] else t for t in lines]
    filled = [t for t in filled if t != FUND_NOTE]
    filled = [t.replace("；政府性基金拨款支出预算0.00万元，比2024年预算持平", "") for t in filled]
    src = tmp_path / "filled.txt"
    src.write_text("\n".join(filled), encoding="utf-8")
    assert not [f for f in audit(src, pack=pack).findings if f.rule == "C03"]
    emptied = "\n".join(filled).replace(FUND_ROWS[1], FUND_ROWS[0])
    src.write_text(emptied, encoding="utf-8")
    hits = [f for f in audit(src, pack=pack).findings if f.rule == "C03"]
    assert len(hits) == 1 and hits[0].severity == "error"


# ---- template, reasons, none-statements: the boundaries --------------------------------

def test_the_template_is_decided_by_the_documents_own_tables(pack, tmp_path):
    """Four 湖北 tables make the 15-table set required; without them only the 9 are."""
    hubei = FIXTURES / "hubei-style-budget.txt"
    base = {m for f in audit(hubei, pack=pack).findings if f.rule == "C01" for m in [f.message]}
    assert base and all("8/9张表" in m for m in base)
    extra = "\n".join(f"\n2024年{title}\n\n单位：万元\n\n项目\t金额\n合计\t1.00\n"
                      for title in ("政府采购预算表", "政府向社会力量购买服务预算表", "部门整体绩效目标申报表"))
    src = tmp_path / "hubei.txt"
    src.write_text(hubei.read_text(encoding="utf-8") + extra, encoding="utf-8")
    missing = {f.message for f in audit(src, pack=pack).findings if f.rule == "C01"}
    assert all("15张表" in m for m in missing)
    assert any("“项目支出表”" in m for m in missing) and any("“项目绩效目标表”" in m for m in missing)


@pytest.mark.parametrize("sentence, warned", [
    ("机关运行经费支出15.00万元，比2023年度增加1.00万元，增长7.14%。", True),
    ("机关运行经费支出15.00万元，比2023年度增加1.00万元，增长7.14%，主要是办公用房维修。", False),
    ("机关运行经费支出15.00万元，比2023年度增加1.00万元，增长7.14%。主要原因是。", True),
    ("机关运行经费支出15.00万元，与2023年度持平。", False),
    ("机关运行经费支出15.00万元，比2023年度增加1.00万元，增长7.14%，主要包括：办公费、水费。", True),
])
def test_a_change_needs_a_reason_and_a_list_is_none(sentence, warned, pack, tmp_path):
    src = tmp_path / "final.txt"
    src.write_text(FINAL.read_text(encoding="utf-8").replace(RUNNING_CHANGE, sentence), encoding="utf-8")
    hits = [f for f in audit(src, pack=pack).findings if f.rule == "C10"]
    assert bool(hits) == warned, [f.message for f in hits]


def test_a_note_naming_the_other_fund_is_a_slip(pack, tmp_path):
    src = tmp_path / "budget.txt"
    text = BUDGET.read_text(encoding="utf-8").replace("无国有资本经营预算财政拨款安排", "无政府性基金预算财政拨款安排")
    src.write_text(text, encoding="utf-8")
    hits = [f for f in audit(src, pack=pack).findings if f.rule == "C03"]
    assert len(hits) == 1 and hits[0].severity == "warning" and "国有资本经营" in hits[0].message


def test_a_stated_split_that_adds_up_may_leave_out_a_zero_category(pack, tmp_path):
    src = tmp_path / "budget.txt"
    short = PROCUREMENT.replace("、政府采购工程预算0万元", "")
    src.write_text(BUDGET.read_text(encoding="utf-8").replace(PROCUREMENT, short), encoding="utf-8")
    assert not [f for f in audit(src, pack=pack).findings if f.rule == "C11"]


# ---- the real reports --------------------------------------------------------------

CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def corpus(pack) -> dict[str, Results]:
    select = {r.id for r in pack.rules if r.where.split(":")[0].endswith(MY_FILES)}
    return {p.name: audit(p, pack=pack, select=select) for p in CORPUS_PDFS}


def _squeezed(text: str) -> str:
    """Text compared without spaces, line breaks, quote marks or width differences."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"'‘’]", "", t)


def _page_text(path: Path, page: int) -> str:
    import pdfplumber

    with pdfplumber.open(path) as doc:
        return _squeezed(doc.pages[page - 1].extract_text() or "")


def _code_cells(path: Path, page: int, label: str) -> list[str]:
    """The joined 科目编码 cells of the table rows on the page whose name cell is label."""
    import pdfplumber

    with pdfplumber.open(path) as doc:
        rows = [r for t in doc.pages[page - 1].extract_tables() for r in t]
    return ["".join(c for c in row[:row.index(cell)] if c and c.strip().isdigit())
            for row in rows for cell in row if cell and _squeezed(cell) == _squeezed(label)]


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"needs the real reports in {CORPUS} (not present: skipped)")
@pytest.mark.parametrize("name", [p.name for p in CORPUS_PDFS])
def test_the_corpus_has_no_false_completeness_error(name, corpus):
    results = corpus[name]
    runs = {r.rule: r.counts for r in results.runs}
    assert runs["C01"]["pass"] >= 9 and runs["C01"]["fail"] == 0
    assert runs["C05"]["pass"] == 9
    assert [f.message for f in results.findings if f.rule in COMPLETENESS and f.severity == "error"] == []
    assert results.coverage()["error"] == 0


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"needs the real reports in {CORPUS} (not present: skipped)")
@pytest.mark.parametrize("name", [p.name for p in CORPUS_PDFS])
def test_every_corpus_finding_is_printed_where_it_says(name, corpus):
    """Read again with bare pdfplumber: a quoted sentence or phrase is on its page; a flagged
    code is what the table row prints in its code cells."""
    path = CORPUS / name
    for f in corpus[name].findings:
        ev = f.evidence[0]
        assert ev.location and ev.location.page, f.message
        if ev.row and f.rule.startswith("F0") and ev.row.split()[0].isdigit():
            code, label = ev.row.split(maxsplit=1)
            assert code in _code_cells(path, ev.location.page, label), f.message
        elif ev.text:
            page = _page_text(path, ev.location.page)
            quoted = ev.text[ev.span[0]:ev.span[1]] if ev.span and ev.span[1] > ev.span[0] else ev.text
            assert _squeezed(quoted) in page, f.message
        else:
            pytest.fail(f"{f.rule} 的证据既无原文也无科目：{f.message}")


def _edited(tmp_path: Path, path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    out = tmp_path / path.name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def test_a_fund_the_statement_table_shows_contradicts_the_note(pack, tmp_path):
    """The fund's own table is empty, but the 财政拨款收支总表 shows money of that fund."""
    src = _edited(tmp_path, BUDGET, "二、政府性基金\t\t二、社会保障和就业支出", "二、政府性基金\t5,000\t二、社会保障和就业支出")
    hits = [f for f in audit(src, pack=pack).findings if f.rule == "C04"]
    assert len(hits) == 1 and hits[0].stated == "5,000" and hits[0].unit == "元"
    assert [e.table for e in hits[0].evidence][1] == "2025年部门财政拨款收支预算总表"


def test_a_title_read_without_its_table_is_not_called_missing(pack, tmp_path):
    """A reader that folds the next title into a note has not shown the table is absent."""
    lines = BUDGET.read_text(encoding="utf-8").split("\n")
    title = "2025年部门国有资本经营预算支出功能分类预算表"
    start = lines.index(title)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("注:"))
    kept = lines[:start] + lines[end + 1:]
    kept[kept.index(FUND_NOTE)] = FUND_NOTE + title
    src = tmp_path / "folded.txt"
    src.write_text("\n".join(kept), encoding="utf-8")
    results = audit(src, pack=pack)
    assert not [f for f in results.findings if f.rule in ("C01", "C02")]
    runs = {r.rule: r for r in results.runs}
    assert runs["C01"].counts["insufficient_data"] == 1 and runs["C02"].counts["insufficient_data"] == 1


@pytest.mark.parametrize("comparison, warned", [("与2023年度相比", False), ("与2022年度相比", True),
                                                ("比2024年年初预算", False), ("比2022年度", True)])
def test_a_comparison_looks_back_one_year(comparison, warned, pack, tmp_path):
    sentence = f"机关运行经费支出15.00万元，{comparison}增加1.00万元，增长7.14%。主要原因是办公费增加。"
    src = _edited(tmp_path, FINAL, RUNNING_CHANGE, sentence)
    hits = [f for f in audit(src, pack=pack).findings if f.rule == "C17"]
    assert bool(hits) == warned, [f.message for f in hits]


@pytest.mark.parametrize("phrase, rule, severity", [
    ("与2024年预算持平", None, None), ("比2024年预算增加持平", "C18", "warning"),
    ("比2024年预算增加（减少）0.50万元", "C18", "warning"), ("与{年度}预算持平", "C18", "warning"),
    ("与某某年预算持平", "C18", "warning"), ("与2024年预算持平，已分析其中的原因", None, None),
    ("与2024年预算持平，主要原因是", "C18", "warning"), ("与2024年预算持平持平", "F06", "info"),
    ("与2024年预算持平；；", "F06", "info"), ("用与2024年预算持平", "F06", "info"),
])
def test_residue_and_slips_of_the_pen(phrase, rule, severity, pack, tmp_path):
    line = "（三）公务接待费1.00万元，与2024年预算持平。"  # the phrase replaces the clause before “。”
    src = _edited(tmp_path, BUDGET, line, f"（三）公务接待费1.00万元，{phrase}。")
    hits = [(f.rule, f.severity) for f in audit(src, pack=pack).findings if f.rule in ("C18", "F06")]
    assert hits == ([(rule, severity)] if rule else []), hits
