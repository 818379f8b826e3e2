"""The HTML and Markdown reports: self-contained, every finding with its figures and its
picture — the page crop with the cited figure boxed (PDF), the cited lines marked (text)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

from budget_audit.batch.work import Job, audit_file
from budget_audit.cli import app
from budget_audit.reporters import crops, html_report, markdown_report

from conftest import FIXTURES
from pdfbuild import build_pdf

WRONG = (FIXTURES / "complete-budget.txt").read_text(encoding="utf-8").replace(
    "行政运行（项）”60.00万元", "行政运行（项）”66.00万元").replace(
    "302\t01\t办公费\t60,000\t0\t60,000", "302\t01\t办公费\t70,000\t0\t60,000")


@pytest.fixture(scope="module")
def text_outcome(tmp_path_factory, pack):
    path = tmp_path_factory.mktemp("txt") / "wrong.txt"
    path.write_text(WRONG, encoding="utf-8")
    return audit_file(path, Job(illustrate=True), pack)


@pytest.fixture(scope="module")
def pdf_outcome(tmp_path_factory, pack):
    path = build_pdf(WRONG, tmp_path_factory.mktemp("pdf") / "wrong.pdf")
    return audit_file(path, Job(illustrate=True), pack)


def test_html_of_a_text_report_marks_the_cited_figures_and_needs_nothing_outside(text_outcome):
    page = html_report.render(text_outcome)
    findings = text_outcome.document["findings"]
    assert {f["rule"] for f in findings} >= {"T14", "A08"}
    for f in findings:
        assert f'id="f-{f["fingerprint"]}' in page
    assert "<mark>66.00万元</mark>" in page and "<mark>70,000</mark>" in page
    assert not re.search(r"<script|<link|https?://|src=\"(?!data:)", page)
    assert "识别的表格" in page and "核对覆盖" in page


def test_html_of_a_pdf_has_one_crop_per_finding_that_cites_a_page(pdf_outcome):
    findings = pdf_outcome.document["findings"]
    on_pages = [f for f in findings if crops.cited_pages(f)]
    assert on_pages and len(pdf_outcome.crops) == len(findings)
    page = html_report.render(pdf_outcome)
    assert page.count('<img alt=') == len(on_pages)
    for i, f in enumerate(findings):
        image = Image.open(io.BytesIO(pdf_outcome.crops[i])).convert("RGB")
        assert crops.BOX in {c for _, c in image.getcolors(1 << 20)}, f["rule"]  # each cited figure boxed


def test_the_box_of_a_quoted_figure_holds_that_figure(pdf_outcome):
    t14 = next(f for f in pdf_outcome.document["findings"] if f["rule"] == "T14")
    sentence = next(loc for loc in t14["locations"] if loc.get("span"))
    pdf = pdfium.PdfDocument(pdf_outcome.path)
    [box] = crops._figure_boxes(pdf[sentence["page"] - 1], sentence)
    pdf.close()
    assert box[2] - box[0] < sentence["bbox"][2] - sentence["bbox"][0]  # the figure, not the sentence
    with pdfplumber.open(pdf_outcome.path) as doc:
        assert "66.00" in doc.pages[sentence["page"] - 1].crop(box).extract_text()


def test_markdown_lists_every_finding_with_its_fingerprint(text_outcome):
    md = markdown_report.render([text_outcome])
    assert "| 级别 | 规则 | 说明 |" in md
    for f in text_outcome.document["findings"]:
        assert f"`{f['fingerprint']}`" in md


def test_html_batch_writes_an_index_linking_each_report(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(WRONG, encoding="utf-8")
    (root / "b.txt").write_text("not a budget report at all", encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    result = CliRunner().invoke(app, ["check", str(root), "--format", "html", "--output", str(out), "--jobs", "1"])
    assert result.exit_code == 2, result.output
    index = out.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert len(links) == 2 and all((out.parent / link).is_file() for link in links)
    assert "无法审核" in (out.parent / links[0]).read_text(encoding="utf-8")  # worst first: the unreadable one


def test_a_figure_broken_over_two_lines_gets_a_box_on_each():
    first_line = [(700.0, 100.0, 710.0, 112.0), (710.0, 101.0, 720.0, 112.0)]  # “887.” at the end of a line
    second_line = [(60.0, 120.0, 70.0, 132.0), (70.0, 119.5, 82.0, 132.0)]  # “36万元” starting the next
    assert crops._by_line(first_line + second_line) == [(700.0, 100.0, 720.0, 112.0), (60.0, 119.5, 82.0, 132.0)]
