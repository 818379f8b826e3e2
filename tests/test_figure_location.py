"""Narrative findings point at the figure itself: the line (text) or the page and bbox (PDF)
of the characters of the figure, also when its sentence crosses lines and pages."""

from __future__ import annotations

import pdfplumber
import pytest

from budget_audit import audit
from budget_audit.document import Location, Paragraph, Span
from budget_audit.understand.narrative import passages

from conftest import FIXTURES
from pdfbuild import build_pdf

PROJECTS = FIXTURES / "hubei-projects-budget.txt"
INCOME = "2024年收入预算600.00万元。其中：一般公共预算拨款收入500.00万元，占83.33%；其他收入100.00万元，占16.67%。"
FILLER = "本单位坚持厉行节约，严格执行预算，按照轻重缓急统筹安排各项支出，"
WRONG = "其他收入110.00万元"


def _findings_citing(results, figure: str) -> list[Location]:
    return [e.location for f in results.findings for e in f.evidence
            if e.text and e.span and e.text[e.span[0]:e.span[1]] == figure and e.location]


def test_a_paragraph_locates_a_stretch_of_its_text_on_its_line():
    p = Paragraph("甲乙丙1.00丁", Location(line=3),
                  spans=(Span(0, 3, Location(line=3)), Span(3, 8, Location(line=4))))
    assert p.locate(3, 7).line == 4
    assert p.locate(0, 2).line == 3
    boxed = Paragraph("ab12", Location(page=1), spans=(Span(0, 4, Location(page=2, bbox=(10, 20, 50, 30)), (10, 20, 30, 40, 50)),))
    assert boxed.locate(2, 4).bbox == (30, 20, 50, 30)


def test_a_cleaned_passage_maps_back_to_the_printed_characters():
    p = Paragraph("收入 合计\n１２.５万元", Location(line=1), spans=(Span(0, 5, Location(line=1)), Span(6, 13, Location(line=2))))
    (passage,) = passages([p])
    start = passage.text.index("12.5")
    assert passage.locate(start, start + 4).line == 2


def test_text_finding_is_reported_at_the_line_of_its_figure(tmp_path):
    lines = PROJECTS.read_text(encoding="utf-8").split("\n")
    at = lines.index(INCOME)
    wrong = INCOME.replace("其他收入100.00万元", WRONG)
    cut = wrong.index("收入110")  # a line broken mid-sentence continues on the next one
    lines[at:at + 1] = [wrong[:cut], wrong[cut:]]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    located = _findings_citing(audit(path), "110.00万元")
    assert located and all(loc.line == at + 2 for loc in located), located


def _figure_box(pdf_path, figure: str) -> tuple[int, tuple[float, float, float, float]]:
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            hits = page.search(figure)
            if hits:
                h = hits[0]
                return number, (h["x0"], h["top"], h["x1"], h["bottom"])
    raise AssertionError(f"{figure} not printed")


def _contains(outer, inner, slack: float = 1.0) -> bool:
    return (outer[0] <= inner[0] + slack and outer[1] <= inner[1] + slack
            and outer[2] >= inner[2] - slack and outer[3] >= inner[3] - slack)


@pytest.mark.parametrize("filler", [3, 90], ids=["second-line", "next-page"])
def test_pdf_finding_bbox_contains_its_figure(tmp_path, filler):
    text = PROJECTS.read_text(encoding="utf-8")
    moved = FILLER * filler + INCOME.replace("其他收入100.00万元", WRONG)
    pdf = build_pdf(text.replace(INCOME, moved), tmp_path / "report.pdf")
    page, box = _figure_box(pdf, "110.00")
    located = _findings_citing(audit(pdf), "110.00万元")
    assert located
    for loc in located:
        assert loc.page == page and loc.bbox is not None and _contains(loc.bbox, box), (loc, page, box)
        assert loc.bbox[2] - loc.bbox[0] < 200  # the figure, not its line or paragraph
    if filler > 10:
        _, start = _figure_box(pdf, FILLER[:8])
        assert page > 1 and loc.bbox[1] != start[1]
