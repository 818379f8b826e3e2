"""project_form_details (A15b): a project form's 项目支出明细 adds up (warnings).

Σ amounts of the 项目支出明细 lines = 项目当年预算; and where a line's 测算依据 itemises
its amount in words (“1、…12.5万元；2、…4.25万元”, “宣传0.8万、培训1.2万”), the items add up
to the line. Free text is read only when it is a plain list: every numbered item carries
one amount (restated figures count once), or every list item at most one; texts with a
total of their own (共计, 合计 …) or a rate (每 …) are not itemisations and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at, figure_evidence, judge, wan_text
from budget_audit.numbers import Amount
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import DetailLine, ProjectForm

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)(?![人户个次辆台套件平])")
_NUMBERED_ITEM = re.compile(r"(?:^|(?<=[;；。\s]))\s*\d{1,2}\s*[、.．](?!\d)")
_NOT_A_LIST = re.compile(r"共计|合计|小计|总计|每|人均|标准|×|\*|/")
_SEPARATORS = re.compile(r"[、，,；;。]")
_DIGIT_BREAK = re.compile(r"(?<=[\d.])\s+(?=[\d.])")

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    forms = [f for f in ctx.report.forms.projects if f.details]
    if not forms:
        yield Instance("not_applicable", note="报告中没有可读的项目支出明细")
    for form in forms:
        if form.budget is not None:
            yield _lines(form)
        for line in form.details:
            yield from _itemised(form, line)


def _lines(form: ProjectForm) -> Instance:
    budget = form.budget
    assert budget is not None
    amounts = [a for ln in form.details for a in ln.amounts]
    msg = (f"项目“{form.name}”：项目支出明细 {len(form.details)} 行合计 {wan_text(summed([a.amount for a in amounts]))} 万元，"  # type: ignore[misc]
           f"而项目当年预算（{at(budget.location)}）为 {wan_text(budget.amount)} 万元")
    ev = [figure_evidence(form.table.title, "项目当年预算", None, budget, budget.location)]
    ev += [figure_evidence(form.table.title, "项目支出明细", None, a, a.location) for a in amounts]
    return judge(msg, budget.amount, [a.amount for a in amounts], ev)


def _itemised(form: ProjectForm, line: DetailLine) -> Iterator[Instance]:
    found = [(t, items) for t in line.texts if (items := itemisation(t))]
    if len(found) != 1 or len(line.amounts) != 1:
        return
    text, items = found[0]
    amount = line.amounts[0]
    shown = "、".join(a.raw for a in items)
    msg = f"项目“{form.name}”明细{at(line.location)}：测算依据列出 {shown}，合计与该行金额 {amount.raw} 不符"
    ev = [figure_evidence(form.table.title, "项目支出明细", None, amount, line.location)]
    yield judge(msg, amount.amount, items, ev)  # type: ignore[arg-type]


def itemisation(text: str) -> list[Amount]:
    """The amounts a 测算依据 text lists as items, or [] when it is no plain list."""
    t = _DIGIT_BREAK.sub("", text)
    if _NOT_A_LIST.search(t):
        return []
    numbered = [p for p in _NUMBERED_ITEM.split(t)[1:] if p.strip()]
    if len(numbered) >= 2:
        return _numbered(numbered)
    body = re.split(r"[:：]", t, maxsplit=1)
    if len(body) == 2 and not _MONEY.search(body[0]):
        t = body[1]
    if re.search(r"[:：]", t):
        return []  # “A 57.4万元：其中 … 57.4万元” restates rather than lists
    pieces = [_amounts(p) for p in _SEPARATORS.split(t)]
    if any(len(p) > 1 for p in pieces):
        return []
    items = [p[0] for p in pieces if p]
    return items if len(items) >= 2 else []


def _numbered(items: list[str]) -> list[Amount]:
    """One amount per numbered item; an item restating its figure counts it once."""
    out = []
    for item in items:
        found = _amounts(item)
        if not found or len({a.wan for a in found}) > 1:
            return []
        out.append(found[0])
    return out


def _amounts(text: str) -> list[Amount]:
    out = []
    for m in _MONEY.finditer(text):
        raw = m.group(1)
        unit = "万元" if m.group(2) == "万" else m.group(2)
        out.append(Amount(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, unit, m.group(0)))
    return out
