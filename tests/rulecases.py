"""The harness of the rule cases: every rule has an edit of a fixture that makes it fire and
a version of a fixture where it runs and stays quiet (the way semgrep tests rules).

Each tests/test_rule_cases*.py module holds a CASES dict: rule id → (fixture, edits that
make it fire, edits under which it runs and stays quiet).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from budget_audit import audit

# An edit replaces the n-th occurrence (1-based) of a whole line; "END" appends text.
Edit = tuple[str, str] | tuple[str, str, int]
Case = tuple[Path, list[Edit], list[Edit]]


def all_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path in sorted(Path(__file__).parent.glob("test_rule_cases*.py")):
        cases.update(importlib.import_module(path.stem).CASES)
    return cases


def edited(source: Path, edits: list[Edit], tmp_path: Path) -> Path:
    lines = source.read_text(encoding="utf-8").split("\n")
    for edit in edits:
        old, new, nth = (*edit, 1) if len(edit) == 2 else edit
        if old == "END":
            lines.append(new)
            continue
        hits = [i for i, line in enumerate(lines) if line == old]
        assert len(hits) >= nth, f"fixture line not found: {old!r}"
        lines[hits[nth - 1]] = new
    out = tmp_path / source.name
    out.write_text("\n".join(lines), encoding="utf-8")
    if source.suffix == ".pages":  # a page script (tests/pdfpages.py) is audited as its PDF
        from pdfpages import build_pages
        return build_pages(out.read_text(encoding="utf-8"), tmp_path / f"{source.stem}.pdf")
    return out


def check_fires(case: Case, rule_id: str, pack, tmp_path: Path) -> None:
    source, fire, _ = case
    results = audit(edited(source, fire, tmp_path), pack=pack)
    mine = [f for f in results.findings if f.rule == rule_id]
    assert mine, f"{rule_id} did not fire"
    rule_severity = next(r.severity for r in pack.rules if r.id == rule_id)
    assert any(f.severity == rule_severity for f in mine), [f.severity for f in mine]
    assert all(f.evidence for f in mine)


def check_quiet(case: Case, rule_id: str, pack, tmp_path: Path) -> None:
    source, _, quiet = case
    results = audit(edited(source, quiet, tmp_path), pack=pack)
    assert [f.message for f in results.findings if f.rule == rule_id] == []
    run = next(r for r in results.runs if r.rule == rule_id)
    assert run.counts["pass"] > 0, f"{rule_id} never ran: {run.notes[:2]}"


def fire_and_quiet(cases: dict[str, Case]):  # type: ignore[no-untyped-def]
    """The two tests of a CASES dict, one parametrised case per rule: it fires, it stays quiet.
    A module binds them to test_rule_fires and test_rule_stays_quiet."""

    @pytest.mark.parametrize("rule_id", sorted(cases))
    def fires(rule_id, pack, tmp_path):  # type: ignore[no-untyped-def]
        check_fires(cases[rule_id], rule_id, pack, tmp_path)

    @pytest.mark.parametrize("rule_id", sorted(cases))
    def stays_quiet(rule_id, pack, tmp_path):  # type: ignore[no-untyped-def]
        check_quiet(cases[rule_id], rule_id, pack, tmp_path)

    return fires, stays_quiet
