"""Excel workbooks and Word documents: the same report as the text it was built from.

Fixtures are made at test time by tests/officebuild.py from the made-up text reports.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit import audit
from budget_audit.cli import app
from budget_audit.engine.results import Results
from budget_audit.numbers import parse_amount
from budget_audit.readers import read
from budget_audit.readers.numformat import display
from budget_audit.readers.text import read_text
from budget_audit.reporters import json_report
from budget_audit.understand.narrative import passages

from conftest import FIXTURES, SAMPLE, table_errors
from officebuild import build_docx, build_xlsx, sheet_cell

SHANGHAI = FIXTURES / "shanghai-style-budget.txt"
HUBEI = FIXTURES / "hubei-style-budget.txt"


def _signature(results: Results) -> list[tuple]:
    return sorted((f.rule, f.severity, f.stated, f.expected) for f in results.findings)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("office")
    return {"docx": build_docx(SHANGHAI, d / "说明.docx"), "xlsx": build_xlsx(SHANGHAI, d / "报表.xlsx"),
            "hubei.docx": build_docx(HUBEI, d / "hubei.docx", numbered=True),
            "hubei.xlsx": build_xlsx(HUBEI, d / "hubei.xlsx", joined_codes=True, one_sheet=True)}


@pytest.mark.parametrize("value, number_format, shown", [
    (1582.8700001, "0.00", "1582.87"),
    (1582.8700001, "#,##0.00", "1,582.87"),
    (2.675, "0.00", "2.68"),  # half away from zero on the decimal value, as Excel shows it
    (950000.0000001, "#,##0", "950,000"),
    (3, "00", "03"),
    (0.1706, "0.00%", "17.06%"),
    (-12.5, "#,##0.00", "-12.50"),
    (0, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', "-"),
    (5, "#,##0.00_ ", "5.00"),
    (0.1 + 0.2, "General", "0.3"),
    (201, "@", "201"),
])
def test_a_number_reads_as_its_format_displays_it(value, number_format, shown):
    assert display(value, number_format) == shown


def test_a_sheet_reads_as_displayed_with_merges_formulas_and_cells(tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "t.xlsx"))
    ws, money = book.add_worksheet("甲表"), book.add_format({"num_format": "#,##0.00"})
    ws.merge_range("A1:C1", "示例表")
    ws.write("A2", "单位：万元")
    ws.merge_range("A3:A4", "项目")
    ws.merge_range("B3:C3", "本年预算")
    ws.write_row("B4", ["合计", "基本支出"])
    ws.write("A5", "甲")
    ws.write_number("B5", 1582.8700001, money)
    ws.write_formula("C5", "=B5", money, 1582.8700001)
    ws.write("A6", "乙")
    ws.merge_range("B6:C6", 7, money)  # a number printed once is counted once
    book.close()
    doc = read(tmp_path / "t.xlsx")
    (table,) = doc.tables
    assert [p.text for p in table.caption] == ["示例表", "单位：万元"]
    texts = [[c.text if c else None for c in row] for row in table.rows]
    assert texts == [["项目", "本年预算", "本年预算"], ["项目", "合计", "基本支出"], ["甲", "1,582.87", "1,582.87"],
                     ["乙", "7.00", None]]
    value = table.rows[2][2]
    assert value.formula == "=B5" and (value.location.sheet, value.location.cell) == ("甲表", "C5")
    assert table.rows[1][0].location.cell == "A3"  # a merged label is where it is written


def test_workbook_and_narrative_give_the_findings_of_the_text_report(built, pack):
    from_text = audit(SHANGHAI, pack=pack)
    together = audit([built["docx"], built["xlsx"]], pack=pack)
    assert _signature(together) == _signature(from_text) and _signature(from_text)
    assert together.claim_coverage() == from_text.claim_coverage()
    assert {t.kind.name for t in together.report.tables} == {t.kind.name for t in from_text.report.tables}
    assert together.report.format == "docx+xlsx"


def test_narrative_versus_table_findings_of_the_sample_survive_the_split(tmp_path, pack):
    """The sample's real contradictions between sentences and tables, found across two files."""
    together = audit([build_docx(SAMPLE, tmp_path / "说明.docx"), build_xlsx(SAMPLE, tmp_path / "报表.xlsx")], pack=pack)
    expected = _signature(audit(SAMPLE, pack=pack))
    assert _signature(together) == expected
    assert {"T01", "P04", "R01"} <= {rule for rule, *_ in expected}


def test_numbered_word_headings_and_one_sheet_of_joined_codes_read_the_same(built, pack):
    """Word auto-numbering (一、 （一） kept out of the text) and tables one under another on one sheet."""
    assert [p.text for p in read(built["hubei.docx"]).paragraphs] == [p.text for p in read_text(HUBEI).paragraphs]
    together = audit([built["hubei.docx"], built["hubei.xlsx"]], pack=pack)
    assert _signature(together) == _signature(audit(HUBEI, pack=pack))
    coded = [ln for t in together.report.tables for ln in t.lines if ln.code and ln.level == 3]
    assert coded and all(len(ln.code) == 7 for ln in coded)


def test_word_tables_read_like_the_text_tables(tmp_path, pack):
    word = build_docx(SHANGHAI, tmp_path / "report.docx", with_tables=True)
    results = audit(word, pack=pack)
    assert _signature(results) == _signature(audit(SHANGHAI, pack=pack))
    cell = next(f.location for t in results.report.tables for ln in t.lines for f in ln.values.values())
    assert cell.sheet and cell.sheet.startswith("表格") and cell.cell


def test_consistent_workbook_has_no_table_arithmetic_finding(built, pack):
    results = audit(built["xlsx"], pack=pack)
    assert table_errors(results, pack) == []
    assert len(results.report.tables) == 9 and all(t.readable for t in results.report.tables)
    a17 = next(r for r in results.runs if r.rule == "A20")
    assert a17.counts["pass"] > 10 and a17.counts["fail"] == 0


def _core_cells(path: Path) -> list[tuple[int, int, int]]:
    """(table, row, column) of one leaf amount in each table that prints amounts."""
    out = []
    for i, table in enumerate(read_text(path).tables):
        cells = [(r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row)
                 if cell is not None and parse_amount(cell.text, "元") is not None and not cell.text.isdigit()
                 and parse_amount(cell.text, "元").value > 0 and not any(x and "计" in x.text for x in row)]
        if cells:
            out.append((i, *cells[len(cells) // 2]))
    return out


@pytest.mark.parametrize("table, row, column", _core_cells(SHANGHAI))
def test_a_changed_cell_is_reported_with_its_sheet_and_cell(table, row, column, built, tmp_path, pack):
    tables = read_text(SHANGHAI).tables
    cell = tables[table].rows[row][column]
    amount = parse_amount(cell.text, "元")
    bumped = f"{amount.value + Decimal(7).scaleb(-amount.decimals):,.{amount.decimals}f}"  # type: ignore[union-attr]
    tables[table].rows[row][column] = type(cell)(bumped, cell.location)
    changed = build_xlsx(tables, tmp_path / "changed.xlsx")
    results = audit([built["docx"], changed], pack=pack)
    sheet, where = f"表{table + 1}", sheet_cell(tables[table], row, column)
    cited = [f for f in results.findings if f.severity == "error"
             and any(e.location and (e.location.sheet, e.location.cell) == (sheet, where) for e in f.evidence)]
    assert cited, [f.message for f in results.findings]
    located = [json_report.location(e) for e in cited[0].evidence]
    assert {"sheet": sheet, "cell": where, "file": "changed.xlsx"}.items() <= next(
        loc for loc in located if loc.get("cell") == where).items()


def test_word_heading_style_starts_a_section(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("收入预算安排", style="Heading 2")
    document.add_paragraph("本年收入预算100.00万元。")
    document.save(str(tmp_path / "h.docx"))
    paragraphs = read(tmp_path / "h.docx").paragraphs
    assert paragraphs[0].heading == 1 and paragraphs[1].location.paragraph == 2
    assert passages(paragraphs)[0].headings == ("收入预算安排",)


runner = CliRunner()


def test_one_report_from_two_files_on_the_command_line(built):
    result = runner.invoke(app, ["check", "--one-report", str(built["docx"]), str(built["xlsx"]), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    assert doc["source"]["format"] == "docx+xlsx"
    assert {t["sheet"] for t in doc["document"]["tables"]} >= {"表1", "表9"}
    places = [loc for f in doc["findings"] for loc in f["locations"]]
    assert any(loc.get("paragraph") and loc.get("file") == "说明.docx" for loc in places)


def test_several_files_without_one_report_are_several_reports(built):
    result = runner.invoke(app, ["check", str(built["docx"]), str(built["xlsx"]), "--format", "jsonl", "--jobs", "1"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2


@pytest.mark.parametrize("name, content, says", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, ".xlsx"),
    ("other.zip", None, "不是 Excel"),
])
def test_unreadable_office_files_exit_2_saying_why(name, content, says, tmp_path):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and says in result.output


def test_word_table_merges_fill_labels_and_keep_numbers_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("示例表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "本年预算", ""], ["", "合计", "基本支出"], ["甲", "5.00", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # a label over two columns
    table.cell(0, 0).merge(table.cell(1, 0))  # a label over two rows
    table.cell(2, 1).merge(table.cell(2, 2))  # a number over two columns counts once
    document.add_paragraph("注：示例。")
    document.save(str(tmp_path / "t.docx"))
    (read_table,) = read(tmp_path / "t.docx").tables
    assert [p.text for p in read_table.caption] == ["示例表", "单位：万元"] and read_table.notes[0].text == "注：示例。"
    texts = [[c.text if c else None for c in row] for row in read_table.rows]
    assert texts == [["项目", "本年预算", "本年预算"], ["项目", "合计", "基本支出"], ["甲", "5.00", None]]
    assert read_table.rows[1][0].location.cell == "A1" and read_table.rows[1][2].location.cell == "C2"
