"""The project ledger and the cross-reference rules as a user sees them: every project
found everywhere it is named, one changed amount caught with both places named, the ledger
in JSON, the same reading from text and from PDF. Expectations come from the files."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit import audit
from budget_audit.engine.ledger import LIST_PLACES, NARRATIVE
from budget_audit.engine.rules import load_pack
from budget_audit.reporters.json_report import document

from conftest import FIXTURES, SAMPLE
from pdfbuild import build_pdf

PROJECTS = FIXTURES / "hubei-projects-budget.txt"
CROSSREF = {"R", "A13", "A14", "A15", "A16", "X11", "X12"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def sample_results(pack):
    return audit(SAMPLE, pack=pack)


def _mine(results, severity: str | None = None) -> list:
    return [f for f in results.findings if any(f.rule == r or f.rule.startswith(r) for r in CROSSREF)
            and (severity is None or f.severity == severity)]


# ---- the ledger on the sample ----------------------------------------------------------

def test_every_project_of_the_sample_is_in_the_ledger_matched_across_its_places(sample_results):
    ledger = sample_results.ledger
    report = sample_results.report
    form_names = [f.name for f in report.forms.projects]
    overview_names = [p.name for o in report.forms.overviews for p in o.projects]
    assert form_names and overview_names
    for name in form_names + overview_names:
        holders = [p for p in ledger.projects if any(m.name == name for m in p.mentions.values())]
        assert len(holders) == 1, name
        project = holders[0]
        assert len(project.listed) >= 2, f"{name} is named in one place only"
        assert "amount_differs" not in ledger.status(project), name
    # every project of the narrative list is one of them
    narrative = [p for p in ledger.projects if NARRATIVE in p.mentions]
    assert narrative and all("B14" in p.mentions for p in narrative)


def test_the_narrative_project_amounts_are_verified(sample_results):
    ledger = sample_results.ledger
    claims = [p.mentions[NARRATIVE].claim for p in ledger.projects if NARRATIVE in p.mentions]
    assert claims and all(id(c) in sample_results.verified for c in claims)


def test_a_project_missing_from_one_list_is_an_error_naming_where_it_is(sample_results):
    ledger = sample_results.ledger
    missing = [p for p in ledger.projects if "missing" in ledger.status(p) and p.listed]
    errors = [f for f in _mine(sample_results, "error") if f.rule == "R01"]
    assert len(errors) == len(missing)
    for project, finding in zip(missing, errors):
        assert project.name in finding.message
        assert len({e.location.line for e in finding.evidence}) >= 2


def test_a_name_spelt_differently_is_a_warning_quoting_each_spelling(sample_results):
    ledger = sample_results.ledger
    variants = [p for p in ledger.projects if "name_differs" in ledger.status(p)]
    warnings = [f for f in _mine(sample_results, "warning") if f.rule == "R01" and "写法" in f.message]
    assert len(warnings) == len(variants)
    for project in variants:
        finding = next(f for f in warnings if project.name in f.message)
        assert all(f"“{m.name}”" in finding.message for m in project.mentions.values())


def test_the_procurement_sentences_bind_to_the_procurement_tables(sample_results):
    procurement = sample_results.report.forms.procurement[0]
    bound = [b for b in sample_results.claims if b.scope in ("政府采购", "政府购买服务") and b.operand is not None]
    assert {b.operand.table.kind.name for b in bound} == {"政府采购表", "购买服务表"}
    for b in bound:
        if b.operand.line.label.startswith("品目"):
            letter = b.operand.line.label[2]
            rows = [r.amount.amount.wan for r in procurement.rows if r.category == letter]
            assert b.operand.amount.wan == sum(rows)
    assert not [f for f in sample_results.findings if f.rule == "T01" and any(
        b.claim.sentence == (f.evidence[0].text or "") for b in bound)]


# ---- mutation: one amount changed in one place -------------------------------------------

def _places(path: Path, pack) -> list[tuple[str, str, int, int | None]]:
    """(project, place, line, field) of every amount of a project that another place repeats:
    the listed places, 政府采购表 rows of a project whose form plans them, services marked 是."""
    results = audit(path, pack=pack)
    out = []
    for project in results.ledger.projects:
        listed = [m for m in project.listed if m.amount is not None]
        for m in listed if len(listed) > 1 else []:
            out.append((project.name, m.place, m.location.line, m.location.column))
        form = project.mentions.get("B14")
        if "B11" in project.mentions and form is not None and form.source.plan:
            out += [(project.name, "B11", e.location.line, e.location.column) for e in project.mentions["B11"].evidence]
        for row in (project.mentions["B12"].source if "B12" in project.mentions else []):
            if row.includes_procurement:
                out.append((project.name, "B12", row.amount.location.line, row.amount.location.column))
    return out


def _bumped(text: str) -> str:
    """The first number in the text plus one, printed with the same decimals."""
    m = _NUMBER.search(text)
    assert m, text
    raw = m.group(0).replace(",", "")
    places = len(raw.split(".")[1]) if "." in raw else 0
    return text[:m.start()] + f"{Decimal(raw) + 1:.{places}f}" + text[m.end():]


def _mutated(lines: list[str], line: int, field: int | None) -> list[str]:
    out = list(lines)
    if field is None:  # a narrative item: the project's figure is the first number after its name
        out[line - 1] = re.sub(r"^(\s*\d+\s*[、.．]\s*)(.*)$",
                               lambda m: m.group(1) + _bumped(m.group(2)), out[line - 1], count=1)
    else:
        cells = out[line - 1].split("\t")
        cells[field - 1] = _bumped(cells[field - 1])
        out[line - 1] = "\t".join(cells)
    assert out != lines
    return out


def _cases(path: Path) -> list:
    return [pytest.param(path, *p, id=f"{path.stem}-{p[1]}-L{p[2]}") for p in _places(path, load_pack())]


@pytest.mark.parametrize("path, project, place, line, field", _cases(SAMPLE) + _cases(PROJECTS))
def test_one_changed_project_amount_is_caught_naming_both_places(tmp_path, pack, path, project, place, line, field):
    lines = path.read_text(encoding="utf-8").split("\n")
    before = {f.message for f in audit(path, pack=pack).findings}
    changed = tmp_path / path.name
    changed.write_text("\n".join(_mutated(lines, line, field)), encoding="utf-8")
    results = audit(changed, pack=pack)
    new = [f for f in _mine(results) if f.message not in before and f.severity in ("error", "warning")]
    here = [f for f in new if any(e.location and e.location.line == line for e in f.evidence)]
    assert here, f"{project}：{place} 第{line}行的金额改动后没有新的发现"
    both = [f for f in here if len({e.location.line for e in f.evidence if e.location}) >= 2
            and any(e.table or e.section for e in f.evidence)]
    assert both, [f.message for f in here]


# ---- output ------------------------------------------------------------------------------

def test_the_ledger_is_in_the_json_report(sample_results):
    doc = document(sample_results, "test")
    projects = doc["projects"]
    assert len(projects) == len(sample_results.ledger.projects)
    for p in projects:
        assert p["status"] in ("matched", "missing", "amount_differs", "name_differs")
        assert p["places"] and all(pl["place"] in (*LIST_PLACES, "B11", "B12") for pl in p["places"])
        assert all(isinstance(pl["amount"], str) for pl in p["places"] if "amount" in pl)
        assert all("line" in pl for pl in p["places"])
    json.dumps(doc, ensure_ascii=False)
    assert document(sample_results, "test") == doc


def test_the_fixture_is_clean_and_fully_matched(pack):
    results = audit(PROJECTS, pack=pack)
    assert _mine(results) == []
    assert all(results.ledger.status(p) == [] for p in results.ledger.projects)
    assert set(results.ledger.places) == set(LIST_PLACES)


def test_the_fixture_as_pdf_reads_the_same_projects(tmp_path, pack):
    from_text = audit(PROJECTS, pack=pack)
    from_pdf = audit(build_pdf(PROJECTS.read_text(encoding="utf-8"), tmp_path / "projects.pdf"), pack=pack)

    def ledger(results, places=("narrative", "B11", "B12", "B13", "B14")):
        return sorted((p.name, pl, m.name, m.amount.wan if m.amount else None)
                      for p in results.ledger.projects for pl, m in p.mentions.items() if pl in places)

    assert ledger(from_pdf) == ledger(from_text)
    assert _mine(from_pdf) == [] and _mine(from_text) == []


def test_a_narrative_list_of_subjects_is_not_taken_for_a_project_list(tmp_path, pack):
    """A 项目支出 section that lists 功能分类 类 rather than projects pairs with no table's
    projects: it is left out of the ledger (with a note), not reported as missing projects."""
    text = PROJECTS.read_text(encoding="utf-8")
    for project, subject in (("社区治理服务经费", "一般公共服务支出"), ("环境整治专项经费", "城乡社区支出"),
                             ("公益活动往来资金", "社会保障和就业支出")):
        text = re.sub(rf"^(\d\. ){project}", rf"\g<1>{subject}", text, flags=re.M)
    changed = tmp_path / "subjects.txt"
    changed.write_text(text, encoding="utf-8")
    results = audit(changed, pack=pack)
    assert NARRATIVE not in results.ledger.places and results.ledger.notes
    assert [f.message for f in _mine(results)] == []
