"""target_counts (R09): counts a project's texts state agree with its indicators.

The texts of a project (its 绩效目标表: 立项依据, 测算依据, 目标说明 …; and its row of the
整体绩效目标表's 项目支出情况) state counts: “社区书记人数共2人”, “共3个社区”. An indicator of
the project's form naming the same thing (a shared run of at least 4 characters, or the
counted noun itself after the number) in the same unit sets the same count; when several
do, one agreeing is enough. A different count is a warning (info against a ≥/≤ bound).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.document import Cell
from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.checks.crossref.indicators import cite, current, form_name, shown
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.cells import text
from budget_audit.understand.forms.model import Target, TargetSheet
from budget_audit.understand.forms.overview import project_name
from budget_audit.understand.forms.targets import measure
from budget_audit.understand.normalize import key

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_UNITS = "人次|人|个|户|处|名|辆|家|场|块|车"
_BEFORE = re.compile(rf"(?P<noun>[\u4e00-\u9fff]{{2,16}}?)(?:人数|数量|个数|总数)?共?(?P<num>\d+)(?P<unit>{_UNITS})(?![\u4e00-\u9fff]{{0,1}}\d)")
_AFTER = re.compile(rf"共(?P<num>\d+)(?P<unit>个|户|处|名|家|辆)(?P<noun>[\u4e00-\u9fff]{{2,6}})")
_SHARED = 4  # characters two names must share to be the same thing
_QUOTE = 12  # characters of the stated count quoted in a message

prepare = no_params


@dataclass(frozen=True)
class Stated:
    noun: str
    value: Decimal
    unit: str
    after: bool  # the noun follows the number (“共3个社区”)
    cell: Cell
    raw: str


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    sheets = ctx.report.forms.sheets
    projects = [s for s in sheets if s.form == "B14" and s.targets and s.project]
    if not projects:
        yield Instance("not_applicable", note="报告中没有项目支出绩效目标表的指标")
    overall = [cells for s in sheets if s.form == "B13" for cells in s.texts]
    for sheet in projects:
        rows = sheet.texts + [cells for cells in overall if _names(cells, sheet.project)]
        seen: set[tuple[str, Decimal, str]] = set()
        for stated in (s for cells in rows for c in cells for s in _counts(c)):
            if (stated.noun, stated.value, stated.unit) not in seen:
                seen.add((stated.noun, stated.value, stated.unit))
                yield from _check(sheet, stated)


def _names(cells: list[Cell], project: str) -> bool:
    return any(key(project_name(text(c))) == key(project) for c in cells)


def _counts(cell: Cell) -> list[Stated]:
    t = text(cell)
    out = [Stated(m.group("noun"), Decimal(m.group("num")), m.group("unit"), True, cell, m.group(0)) for m in _AFTER.finditer(t)]
    for m in _BEFORE.finditer(t):
        noun = re.sub(r"(人数|数量|个数|总数|共)+$", "", m.group("noun"))
        out.append(Stated(noun, Decimal(m.group("num")), m.group("unit"), False, cell, m.group(0)))
    return out


def _same_thing(stated: Stated, name: str) -> bool:
    k = key(name)
    if stated.after:  # “共3个社区”: the counted thing itself
        return stated.noun in k
    if len(stated.noun) < _SHARED:  # “网格员共12人”; a noun of two (“辖区共3个…”) is too vague
        return len(stated.noun) >= _SHARED - 1 and stated.noun in k
    return any(stated.noun[i:i + _SHARED] in k for i in range(len(stated.noun) - _SHARED + 1))


def _check(sheet: TargetSheet, stated: Stated) -> Iterator[Instance]:
    found: list[tuple[Target, object]] = []
    for t in sheet.targets:
        v = current(t)
        m = measure(v.text) if v else None
        if m is not None and m.unit == stated.unit and _same_thing(stated, t.name):
            found.append((t, m))
    if not found:
        return
    if any(m.value == stated.value for _, m in found):  # type: ignore[attr-defined]
        yield Instance("pass")
        return
    t, m = found[0]
    v = current(t)
    quoted = stated.raw if len(stated.raw) <= _QUOTE else "…" + stated.raw[-_QUOTE:]
    msg = (f"{form_name(sheet)}：文字“{quoted}”（{at(stated.cell.location)}）与指标“{t.name}”的"
           f"{shown(t, v)}不符")  # type: ignore[arg-type]
    said = Evidence(table=sheet.table.title, text=text(stated.cell), location=stated.cell.location)
    yield Instance("fail", msg, evidence=[said, cite(sheet, t, v)],  # type: ignore[arg-type]
                   severity="info" if m.bound else None)  # type: ignore[attr-defined]
