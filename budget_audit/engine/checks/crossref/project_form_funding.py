"""project_form_funding (A15): a project form's 资金来源 adds up.

Σ 资金来源 lines (财政拨款收入, 上级转移支付, 专户管理的非税收入, 其他资金 …) = 当年预算合计,
and 当年预算合计 = 项目当年预算.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at, figure_evidence, judge, wan_text
from budget_audit.understand.forms.model import ProjectForm

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms.projects
    if not forms:
        yield Instance("not_applicable", note="报告中没有项目绩效目标表")
    for form in forms:
        if form.funding_total is None:
            yield Instance("not_applicable", note=f"{form.name}：没有当年预算合计")
            continue
        if any(ln.amount is not None for ln in form.funding):
            yield _lines(form)
        else:  # a total over no readable line: the lines' figures may be printed in a way not read
            yield Instance("insufficient_data", note=f"{form.name}：资金来源各行均未读到金额")
        if form.budget is not None:
            yield _against_budget(form)


def _lines(form: ProjectForm) -> Instance:
    total = form.funding_total
    assert total is not None
    lines = [ln for ln in form.funding if ln.amount is not None]
    shown = " + ".join(f"{ln.label} {ln.amount.raw}" for ln in lines) or "各项均为空"  # type: ignore[union-attr]
    msg = f"项目“{form.name}”资金来源：当年预算合计（{at(total.location)}）{total.raw} ≠ {shown}"
    ev = [figure_evidence(form.table.title, "当年预算合计", "预算申报数", total, total.location)]
    ev += [figure_evidence(form.table.title, ln.label, "预算申报数", ln.amount, ln.location) for ln in lines]
    return judge(msg, total.amount, [ln.amount.amount for ln in lines], ev)  # type: ignore[union-attr]


def _against_budget(form: ProjectForm) -> Instance:
    total, budget = form.funding_total, form.budget
    assert total is not None and budget is not None
    msg = (f"项目“{form.name}”：当年预算合计（{at(total.location)}）{wan_text(total.amount)} 万元，"
           f"项目当年预算（{at(budget.location)}）{wan_text(budget.amount)} 万元")
    ev = [figure_evidence(form.table.title, "当年预算合计", None, total, total.location),
          figure_evidence(form.table.title, "项目当年预算", None, budget, budget.location)]
    return judge(msg, total.amount, [budget.amount], ev)
