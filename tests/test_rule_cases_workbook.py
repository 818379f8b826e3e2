"""Rule cases that need a workbook: a text fixture has no formulas. The case is the text
fixture built into an .xlsx (tests/officebuild.py) with its 合计 formulas summing the
rows named by `sums`; the cached totals agree in every case, so only the formula tells
the wrong sums apart."""

from __future__ import annotations

import pytest

from budget_audit import audit

from conftest import FIXTURES, table_errors
from officebuild import build_xlsx

SHANGHAI = FIXTURES / "shanghai-style-budget.txt"

# rule id → (text fixture, build_xlsx `sums` that make it fire, `sums` under which it stays quiet)
CASES = {"A20": (SHANGHAI, ["range", "short"], ["top", "leaves"])}


@pytest.mark.parametrize("sums", CASES["A20"][1])
def test_a17_fires_on_a_formula_that_double_counts_or_leaves_a_row_out(sums, tmp_path, pack):
    results = audit(build_xlsx(SHANGHAI, tmp_path / f"{sums}.xlsx", sums=sums), pack=pack, select={"A"})
    found = [f for f in results.findings if f.rule == "A20"]
    assert found and table_errors(results, pack) == []
    word = "重复加了" if sums == "range" else "漏加了"
    assert word in found[0].message and "=SUM(" in found[0].message and found[0].severity == "warning"
    assert all(e.location.sheet and e.location.cell for f in found for e in f.evidence)


@pytest.mark.parametrize("sums", CASES["A20"][2])
def test_a17_stays_quiet_on_formulas_that_sum_the_rows_below(sums, tmp_path, pack):
    results = audit(build_xlsx(SHANGHAI, tmp_path / f"{sums}.xlsx", sums=sums), pack=pack, select={"A"})
    assert [f.message for f in results.findings if f.rule == "A20"] == []
    assert next(r for r in results.runs if r.rule == "A20").counts["pass"] > 0
