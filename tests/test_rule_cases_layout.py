"""Rule cases of the layout rules (rules/layout.yaml): page facts on a PDF drawn from a page
script (blank pages, bare table rules, text beyond the page edge), typography on the made-up
湖北-style text report and on its PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit

from conftest import FIXTURES
from pdfbuild import build_pdf
from rulecases import Edit, edited, fire_and_quiet

PAGES = FIXTURES / "layout.pages"
TEXT = FIXTURES / "hubei-targets-budget.txt"
THIRD_PAGE = "AT 72 80 本单位坚持厉行节约，严格执行预算，统筹安排各项支出。"
SPARE = "# spare line"
DUTIES = "负责辖区社会治理和公共服务工作。"
TOTAL = "2024年收支总预算600.00万元，比2023年预算增加80.00万元，增长15.38%，主要原因是其他收入纳入预算。"
SANGONG = "2024年一般公共预算安排“三公”经费预算12.00万元，与上年预算持平。"

CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "L01": (PAGES, [(THIRD_PAGE, "GRID 72 100 400 3")], []),
    "L02": (PAGES, [(SPARE, "AT 72 900 这段文字印在页面底边之外，读者看不到。")], []),
    "L03": (TEXT, [(DUTIES, DUTIES.replace("社会", "社\ufffd会"))], []),
    "L04": (TEXT, [(TOTAL, TOTAL.rstrip("。"))], []),
    "L05": (TEXT, [(SANGONG, SANGONG.replace("”", ""))], []),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


def _found(path, rule: str, pack) -> list:
    return [f for f in audit(path, pack=pack).findings if f.rule == rule]


def test_a_blank_page_is_info_and_cited_by_page(pack, tmp_path):
    (f,) = _found(edited(PAGES, [(THIRD_PAGE, "# nothing")], tmp_path), "L01", pack)
    assert f.severity == "info" and f.evidence[0].location.page == 5


def test_a_hidden_copy_is_read_once_and_noted(pack, tmp_path):
    """A block overflowing the top edge runs on into the margin, where the layout clips it."""
    copy = ("AT 72 -30 本单位负责辖区社会治理和公共服务工作，按照年度计划组织实施。\n"
            "AT 72 12 2024年收支总预算600.00万元，比2023年预算增加80.00万元。")
    results = audit(edited(PAGES, [(SPARE, copy)], tmp_path), pack=pack)
    (f,) = [f for f in results.findings if f.rule == "L02"]
    assert f.severity == "info" and f.evidence[0].location.page == 3
    for words in ("年度计划组织实施", "增加80.00万元"):
        read = [p.text for p in results.report.paragraphs if words in p.text]
        assert len(read) == 1, read


def test_a_list_number_needs_no_opening_bracket(pack, tmp_path):
    listed = "基本支出350.00万元，包括：1）人员经费300.00万元；2）公用经费50.00万元。"
    assert not _found(edited(TEXT, [("END", ""), ("END", listed)], tmp_path), "L05", pack)


def test_typography_is_found_in_a_pdf_at_its_mark(pack, tmp_path):
    text = edited(TEXT, [CASES["L04"][1][0], CASES["L05"][1][0]], tmp_path).read_text(encoding="utf-8")
    results = audit(build_pdf(text, tmp_path / "report.pdf"), pack=pack)
    for rule in ("L04", "L05"):
        (f,) = [f for f in results.findings if f.rule == rule]
        loc = f.evidence[0].location
        assert loc.page and loc.bbox and loc.bbox[2] - loc.bbox[0] < 30, (rule, loc)


@pytest.mark.parametrize("line, severities", [
    (DUTIES.replace("社会", "社\ue000会"), ["info"]),
    ("\uf0b7" + DUTIES, []),
], ids=["private-use-inside", "bullet"])
def test_a_private_use_character_is_info_and_a_bullet_is_fine(line, severities, pack, tmp_path):
    assert [f.severity for f in _found(edited(TEXT, [(DUTIES, line)], tmp_path), "L03", pack)] == severities
