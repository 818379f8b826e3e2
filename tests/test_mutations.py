"""Mutation tests: change one printed amount that takes part in a table identity, and an
error finding must name that table, that row and that cell, with stated and expected figures.
Every eligible cell of the chosen tables is mutated, not a handful."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit.readers import read
from budget_audit.understand import understand
from budget_audit.engine.rules import load_pack
from budget_audit.numbers import parse_amount

from conftest import SAMPLE, audit_text, errors, table_errors


def _cells(kind: str, keep=lambda line: True) -> list[tuple[int, int, str]]:
    """(line, field, label) of every amount cell of the table kind in the sample."""
    pack = load_pack()
    report = understand(read(SAMPLE), pack.catalog)
    (table,) = report.tables_of(kind)
    out = []
    for line in table.lines:
        if not keep(line):
            continue
        for fig in line.values.values():
            out.append((fig.location.line, fig.location.column, f"{line.code or ''} {line.label}".strip()))
    return out


def _mutated(value: str) -> str:
    amount = parse_amount(value, "万元")
    if amount is None:
        return "9.99"
    return f"{amount.value + 1:,.{amount.decimals}f}"


TARGETS = (
    [("支出总表", *c) for c in _cells("支出总表")]
    + [("基本支出表", *c) for c in _cells("基本支出表", lambda ln: ln.level == 2)]
    + [("三公经费表", *c) for c in _cells("三公经费表")]
    + [("收支总表", *c) for c in _cells("收支总表")]
)


def test_the_unmodified_sample_has_no_arithmetic_error(tmp_path, pack, sample_lines):
    results = audit_text(sample_lines, tmp_path, pack)
    assert table_errors(results, pack) == []
    assert results.coverage()["pass"] > 200


def test_every_eligible_cell_is_covered():
    kinds = {t[0] for t in TARGETS}
    assert kinds == {"支出总表", "基本支出表", "三公经费表", "收支总表"}
    assert len(TARGETS) > 250


@pytest.mark.parametrize("kind, line_no, field, label", TARGETS,
                         ids=[f"{t[0]}-L{t[1]}-F{t[2]}" for t in TARGETS])
def test_changed_amount_is_reported_at_its_cell(tmp_path, pack, sample_lines, kind, line_no, field, label):
    lines = list(sample_lines)
    fields = lines[line_no - 1].split("\t")
    old = fields[field - 1]
    fields[field - 1] = _mutated(old)
    lines[line_no - 1] = "\t".join(fields)
    results = audit_text(lines, tmp_path, pack)
    hits = [f for f in errors(results)
            if any(e.location and e.location.line == line_no and e.location.column == field for e in f.evidence)]
    assert hits, f"{kind} 第{line_no}行第{field}栏 {old!r} 改动后没有错误报告"
    finding = hits[0]
    assert finding.stated is not None and finding.expected is not None and finding.difference is not None
    assert Decimal(finding.difference.replace(",", "")) != 0
    cell = next(e for e in finding.evidence if e.location.line == line_no and e.location.column == field)
    assert cell.table and kind_title_matches(kind, cell.table)
    assert cell.row == label


def kind_title_matches(kind: str, title: str) -> bool:
    return {"支出总表": "支出预算总表", "基本支出表": "基本支出表", "三公经费表": "三公",
            "收支总表": "收支预算总表"}[kind] in title
