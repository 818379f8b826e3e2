"""The filled 公开情况检查表: templates as data, 否 exactly on the rows whose items have
findings, screenshots beside them, rows for the reviewer, one sheet per report."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from budget_audit.batch.work import Job, audit_file
from budget_audit.checklist.fill import NO, REVIEWER, YES, fill
from budget_audit.checklist.template import choose, load_template, load_templates
from budget_audit.cli import app
from budget_audit.engine.rules import default_rules_dir
from budget_audit.errors import RuleError

from conftest import FIXTURES
from pdfbuild import build_pdf

CLEAN = (FIXTURES / "complete-budget.txt").read_text(encoding="utf-8")
WRONG = CLEAN.replace("行政运行（项）”60.00万元", "行政运行（项）”66.00万元").replace(
    "302\t01\t办公费\t60,000\t0\t60,000", "302\t01\t办公费\t70,000\t0\t60,000")
# the narrative states a figure the 功能分类 table contradicts; a 基本支出 row does not add up
WRONG_ROWS = {"部门预算编制说明", "部门一般公共预算支出功能分类预算表", "部门一般公共预算基本支出部门预算经济分类预算表"}


@pytest.fixture(scope="module")
def templates(pack):
    return load_templates(default_rules_dir(), pack)


def _doc(tmp_path: Path, text: str, pack) -> dict:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return audit_file(path, Job(), pack).document


def test_no_exactly_on_the_rows_whose_items_have_findings(tmp_path, templates, pack):
    doc = _doc(tmp_path, WRONG, pack)
    template = choose(templates, None, doc)
    assert template.name == "shanghai-dept-budget"
    rows = fill(template, doc, ("error", "warning"))
    assert {r.row.item for r in rows if r.verdict == NO} == WRONG_ROWS
    assert {r.row.item for r in rows if r.verdict == REVIEWER} == {"及时性", "封面"}
    claimed = {i for r in rows for i in r.findings}
    assert claimed == set(range(len(doc["findings"])))  # no finding is left off the form


def test_a_clean_report_has_no_no(tmp_path, templates, pack):
    rows = fill(choose(templates, None, _doc(tmp_path, CLEAN, pack)), _doc(tmp_path, CLEAN, pack), ("error", "warning"))
    assert {r.verdict for r in rows} == {YES, REVIEWER}


def test_the_template_fits_the_document(templates):
    def doc(kind: str, title: str) -> dict:
        return {"document": {"type": kind, "tables": [{"title": title, "kind": "收支总表"}]}}
    assert choose(templates, None, doc("budget", "2030年预算单位财务收支预算总表")).name == "shanghai-unit-budget"
    assert choose(templates, None, doc("budget", "2030年部门财务收支预算总表")).name == "shanghai-dept-budget"
    assert choose(templates, None, doc("final_accounts", "收入支出决算总表")).name == "shanghai-final-accounts"
    with pytest.raises(RuleError, match="没有名为"):
        choose(templates, "nope", doc("budget", ""))


@pytest.mark.parametrize("row, message", [
    ("{item: 甲, requirement: 乙, feeds: [{rules: [Z99]}]}", "没有编号为"),
    ("{item: 甲, requirement: 乙, feeds: [{tables: [不存在的表]}]}", "未在 tables.yaml 中声明"),
    ("{item: 甲, requirement: 乙}", "应有 feeds、reviewer 或 rest"),
    ("{item: 甲, requirement: 乙, reviewer: 丙, colour: red}", "未知的键"),
])
def test_a_malformed_template_names_file_and_line(tmp_path, pack, row, message):
    path = tmp_path / "bad.yaml"
    path.write_text(f"title: 表\ndocument: budget\nrows:\n  - {row}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=message) as e:
        load_template(path, pack)
    assert str(path) in str(e.value)


def test_checklist_workbook_has_an_overview_a_sheet_per_report_and_screenshots(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    build_pdf(WRONG, root / "a-wrong.pdf")
    (root / "b-clean.txt").write_text(CLEAN, encoding="utf-8")
    (root / "c-broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    out = tmp_path / "检查表.xlsx"
    result = CliRunner().invoke(app, ["checklist", str(root), "--output", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "总览" and len(wb.sheetnames) == 4
    overview = list(wb["总览"].iter_rows(min_row=2, values_only=True))
    assert overview[0][6] >= 2 and overview[1][6] == 0 and overview[2][8].startswith("无法审核")
    pdf_sheet = wb[wb.sheetnames[1]]
    no_items = {r[1] for r in pdf_sheet.iter_rows(min_row=4, values_only=True) if r[3] == NO}
    assert {"部门预算编制说明", "部门一般公共预算支出功能分类预算表"} <= no_items  # the T01 of the narrative
    lines = [r for r in pdf_sheet.iter_rows(min_row=4, values_only=True) if r[4] and "【" in str(r[4])]
    assert len(pdf_sheet._images) == len(lines) >= 3
    assert all("第" in r[4] and "页" in r[4] for r in lines)


def test_the_wheel_ships_the_checklist_templates():
    import fnmatch
    import tomllib

    from conftest import ROOT

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    shipped = data["budget_audit.rules"]
    for f in (ROOT / "rules" / "checklists").glob("*.yaml"):
        assert any(fnmatch.fnmatch(f"checklists/{f.name}", pattern) for pattern in shipped), f.name
