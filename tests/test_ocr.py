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
