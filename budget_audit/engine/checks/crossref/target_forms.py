"""target_forms (R08): the department form's indicators agree with the project forms'.

An indicator of the 整体绩效目标表 (B13) that a 项目支出绩效目标表 (B14) also sets (the same
name, or one name containing the other) has the same value in both, compared like with like:
a 年度 row's 预计当年实现 with the project's 年度 row (its 长期 row when the 年度 row has no
name), a 长期 row with the project's 长期 row. When several projects set it, one agreeing is
enough. Only quantities are compared (words may be phrased differently); a different unit is
left to A17. A value ten times the other or a different quantity is a warning; a different
threshold of a rate or score is info.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.indicators import cite, current, form_name, shown
from budget_audit.engine.checks.crossref.target_values import RATES
from budget_audit.understand.forms.model import Target, TargetSheet
from budget_audit.understand.forms.targets import digit_slip, measure
from budget_audit.understand.normalize import key

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_MIN_NAME = 4  # a shorter name inside another is no evidence of the same indicator

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    sheets = ctx.report.forms.sheets
    overall = [s for s in sheets if s.form == "B13" and s.targets]
    projects = [s for s in sheets if s.form == "B14" and s.targets]
    if not overall or not projects:
        yield Instance("not_applicable", note="报告中没有可对照的整体绩效目标表和项目绩效目标表指标")
        return
    for sheet in overall:
        for target in sheet.targets:
            found = _counterparts(target, projects)
            if found:
                yield _compare(sheet, target, found)


def _counterparts(target: Target, projects: list[TargetSheet]) -> list[tuple[TargetSheet, Target]]:
    """The project rows setting the same indicator in the same kind of table; exact names
    first, then names containing one another."""
    name = key(target.name)
    if len(name) < _MIN_NAME:
        return []
    for same in (lambda k: k == name, lambda k: min(len(k), len(name)) >= _MIN_NAME and (k in name or name in k)):
        found = [(s, t) for s in projects for t in s.targets if t.name and same(key(t.name))]
        if found:
            kind = [(s, t) for s, t in found if t.table == target.table]
            return kind or [(s, t) for s, t in found if t.table == "长期"]
    return []


def _compare(sheet: TargetSheet, target: Target, found: list[tuple[TargetSheet, Target]]) -> Instance:
    mine = current(target)
    m = measure(mine.text) if mine else None
    if mine is None or m is None:
        return Instance("pass")
    others = [(s, t, v, om) for s, t in found if (v := current(t)) and (om := measure(v.text)) and om.fits(m)]
    if not others or any(om.value == m.value for *_, om in others):
        return Instance("pass")
    s, t, v, om = others[0]
    msg = (f"{form_name(sheet)}的指标“{target.name}”为{shown(target, mine)}，"
           f"而{form_name(s)}的“{t.name}”为{shown(t, v)}")
    if digit_slip(m, om):
        msg += "，相差约十倍，疑似多写或漏写一位数字"
        severity = None
    else:
        msg += "，两处指标值不同"
        severity = "info" if m.unit in RATES and (m.bound or om.bound) else None
    return Instance("fail", msg, evidence=[cite(sheet, target, mine), cite(s, t, v)], severity=severity)
