"""Rule cases of the performance-target rules (rules/targets.yaml), and the same defects in a
PDF: each fires on an edit of the made-up 湖北-style report whose forms carry 长期 and 年度
绩效目标表, and runs and stays quiet on it as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit import audit

from conftest import FIXTURES
from pdfbuild import build_pdf
from rulecases import Edit, edited, fire_and_quiet

TARGETS = FIXTURES / "hubei-targets-budget.txt"

GRID = "\t\t产出指标\t数量指标\t网格员人数\t=12人\t=12人\t=12人\t10\t计划数据"
GRID_LONG = "\t\t数量指标\t网格员人数\t=12人\t计划数据"
NEW_PROJECT = "年度绩效目标\t100\t产出指标\t数量指标\t服务社区个数\t-\t=3个\t=3个\t25\t计划数据"
OVERALL = "\t\t数量指标\t清运垃圾量\t≥120吨\t≥120吨\t≥120吨\t计划数据"
BASIS = "立项依据\t辖区共3个社区，网格员共12人。\t\t\t\t"
SATISFIED = "\t\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t≥90%\t≥90%\t10\t计划数据"


def swap(line: str, old: str, new: str) -> Edit:
    assert old in line, (old, line)
    return line, line.replace(old, new, 1)


def current(line: str, value: str) -> Edit:
    """The 预计当年实现 column (the last of three equal values) set to `value`."""
    cells = line.split("\t")
    i = max(i for i, c in enumerate(cells) if c.startswith(("=", "≥", "-")))
    cells[i] = value
    return line, "\t".join(cells)


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "A17": (TARGETS, [current(GRID, "=120人")], []),
    "A18": (TARGETS, [swap(NEW_PROJECT, "\t-\t", "\t=3个\t")], []),
    "A19": (TARGETS, [swap(GRID, "网格员人数", "数量指标")], []),
    "R08": (TARGETS, [current(OVERALL, "≥150吨")], []),
    "R09": (TARGETS, [swap(BASIS, "共12人", "共10人")], []),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)


@pytest.mark.parametrize("edit, severity, words", [
    (current(GRID, "=100%"), "warning", "计量单位不同"),
    (swap(GRID_LONG, "=12人", "=15人"), "warning", "两处指标值不同"),
    (current(GRID, "有效保障"), "info", "一处为数值"),
], ids=["unit", "long-vs-current", "words"])
def test_a17_tells_a_changed_measure_from_a_different_target(edit, severity, words, pack, tmp_path):
    results = audit(edited(TARGETS, [edit], tmp_path), pack=pack)
    mine = [f for f in results.findings if f.rule == "A17"]
    assert [f.severity for f in mine] == [severity] and words in mine[0].message, [f.message for f in mine]
    assert all(e.location and e.location.line for e in mine[0].evidence)


def test_a_rate_threshold_differing_between_forms_is_info(pack, tmp_path):
    overall = "\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t≥90%\t≥90%\t计划数据"
    results = audit(edited(TARGETS, [current(overall, "≥95%")], tmp_path), pack=pack)
    assert [f.severity for f in results.findings if f.rule == "R08"] == ["info"]


def test_the_target_defects_are_found_in_a_pdf(pack, tmp_path):
    fire = [current(GRID, "=120人"), swap(NEW_PROJECT, "\t-\t", "\t=3个\t"), current(OVERALL, "≥150吨"),
            swap(BASIS, "共12人", "共10人")]
    quiet = build_pdf(TARGETS.read_text(encoding="utf-8"), tmp_path / "quiet.pdf")
    assert not [f.message for f in audit(quiet, pack=pack).findings if f.rule in CASES]
    text = edited(TARGETS, fire, tmp_path).read_text(encoding="utf-8")
    results = audit(build_pdf(text, tmp_path / "fire.pdf"), pack=pack)
    found = {f.rule for f in results.findings if f.severity == "warning"}
    assert {"A17", "A18", "R08", "R09"} <= found, [f.message for f in results.findings]
    for f in results.findings:
        if f.rule in CASES:
            assert all(e.location.page and e.location.bbox for e in f.evidence if e.location), f.message
