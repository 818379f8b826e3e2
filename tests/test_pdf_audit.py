"""Auditing PDFs: the real corpus reports, and the sample rendered to PDF at test time."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from budget_audit import audit
from budget_audit.engine.results import Results

from conftest import CORPUS, FIXTURES, SAMPLE, table_errors
from pdfbuild import build_pdf

BUDGET_KINDS = {"收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
                "政府性基金预算支出表", "国有资本经营预算支出表", "基本支出表", "三公经费表"}
FINAL_KINDS = {"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
               "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表", "三公经费支出决算表",
               "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"}
CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def corpus_results(pack) -> dict[str, Results]:
    return {p.name: audit(p, pack=pack) for p in CORPUS_PDFS}


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"needs the real reports in {CORPUS} (not present: skipped)")
@pytest.mark.parametrize("name", [p.name for p in CORPUS_PDFS])
def test_corpus_pdf_is_read_and_checked_without_false_findings(name, corpus_results, pack):
    results = corpus_results[name]
    report = results.report
    expected = FINAL_KINDS if "final" in name else BUDGET_KINDS
    assert report.document_type == ("final_accounts" if "final" in name else "budget")
    kinds = [t.kind.name for t in report.tables]
    assert set(kinds) == expected and len(kinds) == len(set(kinds)), kinds
    for table in report.tables:
        assert table.readable, (table.title, table.problems)
        assert table.pages, table.title
    assert [f.message for f in table_errors(results, pack)] == []
    coverage = results.coverage()
    assert coverage["pass"] > 100 and coverage["error"] == 0


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"needs the real reports in {CORPUS} (not present: skipped)")
@pytest.mark.parametrize("name", [p.name for p in CORPUS_PDFS])
def test_corpus_coded_tables_keep_every_row(name, corpus_results):
    """Every code row printed in a coded table is read exactly once, and its 合计 row too."""
    for table in corpus_results[name].report.tables:
        if table.kind.layout != "coded" or table.is_empty:
            continue
        for panel in table.panels:
            codes = [ln.code for ln in panel.lines if ln.code]
            assert len(codes) == len(set(codes)) or table.kind.codes == "单位", (table.title, codes)
            assert sum(1 for ln in panel.lines if ln.is_total) == 1, table.title
            top = [ln for ln in panel.lines if ln.level == 1]
            assert top, table.title


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    return build_pdf(SAMPLE.read_text(encoding="utf-8"), tmp_path_factory.mktemp("pdf") / "sample.pdf")


def _signature(results: Results) -> tuple:
    findings = sorted((f.rule, f.severity, f.stated, f.expected) for f in results.findings)
    return findings, results.coverage()["fail"]


def test_sample_as_pdf_gives_the_same_findings_as_text(sample_pdf, pack):
    from_text, from_pdf = audit(SAMPLE, pack=pack), audit(sample_pdf, pack=pack)
    assert _signature(from_pdf) == _signature(from_text)
    assert {t.kind.name for t in from_pdf.report.tables} == {t.kind.name for t in from_text.report.tables}
    assert from_pdf.coverage()["pass"] >= from_text.coverage()["pass"] * 0.95


def test_altered_amount_in_pdf_is_reported_with_page_and_bbox(tmp_path, pack):
    text = (FIXTURES / "hubei-style-budget.txt").read_text(encoding="utf-8").replace(
        "30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t50.00\t\t40.00")
    pdf = build_pdf(text, tmp_path / "altered.pdf")
    from_text = audit(_write(tmp_path, text), pack=pack)
    from_pdf = audit(pdf, pack=pack)
    assert _signature(from_pdf) == _signature(from_text)
    finding = next(f for f in from_pdf.findings if f.rule == "A08")
    cell = finding.evidence[0]
    assert cell.location.page and cell.location.bbox
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[cell.location.page - 1]
        assert "50.00" in page.crop(cell.location.bbox).extract_text()


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "altered.txt"
    p.write_text(text, encoding="utf-8")
    return p
