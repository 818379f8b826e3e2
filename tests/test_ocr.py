"""Scanned PDFs: without the OCR extra a clear exit 2 naming it; with it, pages read by OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from budget_audit.readers import ocr
from budget_audit.readers.pdf import read_pdf

from pdfbuild import build_pdf

FIGURES = "2099\n\n101\t20.00\t30.00\t50.00\n102\t1.50\t2.50\t4.00\n103\t21.50\t32.50\t54.00\n"


def _scan(pdf: Path, out: Path, scale: float = 2.0, keep: float = 1.0) -> Path:
    """The PDF's pages as images only, as a scanner makes them (no text layer); `keep` is the
    part of each page kept from the top (a small page OCRs fast)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    images = [doc[i].render(scale=scale).to_pil().convert("L") for i in range(len(doc))]
    images = [im.crop((0, 0, im.width, int(im.height * keep))) for im in images]
    doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=72 * scale)
    return out


def test_a_scan_without_the_ocr_extra_exits_2_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = _scan(build_pdf(FIGURES, tmp_path / "f.pdf"), tmp_path / "scan.pdf", scale=0.5)
    result = CliRunner().invoke(app, ["check", str(scan)])
    assert result.exit_code == 2
    assert 'pip install "budget-audit[ocr]"' in result.output


@pytest.mark.skipif(not ocr.available(), reason='OCR extra not installed (pip install "budget-audit[ocr]")')
def test_a_scanned_table_is_read_by_ocr(tmp_path):
    doc = read_pdf(_scan(build_pdf(FIGURES, tmp_path / "f.pdf"), tmp_path / "scan.pdf", keep=0.25))
    assert doc.format == "pdf-ocr" and doc.ocr_pages == [1] and doc.ocr_seconds is not None
    (table,) = doc.tables
    rows = [[c.text for c in r] for r in table.rows]
    assert [r[0] for r in rows] == ["101", "102", "103"]
    # the grid is the printed one; a decimal point OCR drops is for the totals' check to catch
    assert [[t.replace(".", "") for t in r] for r in rows] == [
        ["101", "2000", "3000", "5000"], ["102", "150", "250", "400"], ["103", "2150", "3250", "5400"]]


def _audit_as_ocr(text: str, tmp_path, pack):
    """Audit a report as if every page had been read by OCR (the gate is what is tested)."""
    from budget_audit.engine import run_rules
    from budget_audit.engine.ocr_gate import gate_ocr_tables
    from budget_audit.readers import read
    from budget_audit.understand import understand

    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    doc.ocr_pages = [1]
    report = understand(doc, pack.catalog)
    gate_ocr_tables(report, pack)
    return run_rules(report, pack, pack.rules)


def test_an_ocr_table_that_reconciles_is_checked_and_one_that_does_not_is_insufficient_data(tmp_path, pack):
    from conftest import FIXTURES, table_errors

    text = (FIXTURES / "hubei-style-budget.txt").read_text(encoding="utf-8")
    clean = _audit_as_ocr(text, tmp_path, pack)
    assert table_errors(clean, pack) == [] and all(t.readable for t in clean.report.tables if not t.is_empty)
    misread = text.replace("30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t4000\t\t40.00")  # a dropped point
    assert misread != text
    results = _audit_as_ocr(misread, tmp_path, pack)
    assert table_errors(results, pack) == []  # never a finding from a misread figure
    (basic,) = results.report.tables_of("基本支出表")
    assert not basic.readable and "OCR" in basic.problems[0]
    assert results.coverage()["insufficient_data"] > clean.coverage()["insufficient_data"]


SMALL_REPORT = """样例单位2099年部门预算

2099年收入预算100.00万元，支出预算100.00万元。

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
20103\t政府办公厅（室）及相关机构事务\t60.00\t60.00\t
208\t社会保障和就业支出\t30.00\t\t30.00
20805\t行政事业单位养老支出\t30.00\t\t30.00
"""


def _renders_cjk(tmp_path) -> bool:
    """pypdfium2 draws the fixtures' CJK font only with a CJK font on the system."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(build_pdf("中中中中中中中中", tmp_path / "cjk.pdf")))
    image = pdf[0].render(scale=1).to_pil().convert("L")
    return image.crop((0, 0, image.width, image.height // 4)).getextrema()[0] < 128


@pytest.mark.skipif(not ocr.available(), reason='OCR extra not installed (pip install "budget-audit[ocr]")')
def test_a_scanned_report_gives_the_tables_and_findings_of_the_printed_one(tmp_path, pack):
    from budget_audit import audit

    if not _renders_cjk(tmp_path):
        pytest.skip("no CJK font for pypdfium2 to render the fixture (e.g. apt-get install fonts-wqy-zenhei)")
    printed = build_pdf(SMALL_REPORT, tmp_path / "printed.pdf")
    scanned = audit(_scan(printed, tmp_path / "scan.pdf", keep=0.5), pack=pack)
    ruled = audit(printed, pack=pack)
    assert scanned.report.format == "pdf-ocr" and scanned.report.ocr_pages == [1]
    assert [t.kind.name for t in scanned.report.tables] == [t.kind.name for t in ruled.report.tables]
    assert all(t.readable for t in scanned.report.tables)  # their own totals reconcile
    assert sorted((f.rule, f.message) for f in scanned.findings) == sorted((f.rule, f.message) for f in ruled.findings)


def test_json_locations_on_ocr_pages_say_so():
    from budget_audit.reporters.json_report import _mark_ocr

    findings = [{"locations": [{"page": 2, "table": "t"}, {"line": 5}]}]
    assert _mark_ocr(findings, [2]) == [{"locations": [{"page": 2, "table": "t", "ocr": True}, {"line": 5}]}]
    assert "ocr" not in _mark_ocr([{"locations": [{"page": 3}]}], [2])[0]["locations"][0]
