"""procurement_plan (R03): a project's procurement rows agree with its form.

Σ 政府采购表 rows of a project = the 资产配置及采购计划 of its 项目绩效目标表; rows without a
plan, or a plan without rows, are findings too; and Σ rows ≤ the project's budget. All are
doubts for a reader to settle (warnings): plans may be stated in other units or at other
dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import judge, place, wan_text
from budget_audit.engine.checks.crossref.project_amounts import reference
from budget_audit.engine.ledger import Mention, Project
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ProjectForm

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    if not ctx.report.forms.procurement:
        yield Instance("not_applicable", note="报告中没有政府采购表")
        return
    for project in ctx.ledger.projects:
        rows = project.mentions.get("B11")
        form = project.mentions.get("B14")
        if rows is not None:
            yield from _within_budget(project, rows)
        if form is not None and "plan" in form.source.seen:
            yield _against_plan(project, rows, form)


def _within_budget(project: Project, rows: Mention) -> Iterator[Instance]:
    named = [m for m in project.listed if m.amount is not None]
    if not named:
        return
    budget = reference(named)
    msg = f"项目“{project.name}”在{place(rows)}的采购金额合计 {wan_text(rows.amount)} 万元，超过项目预算（{place(budget)}）"
    yield judge(msg, rows.amount, [budget.amount], rows.evidence + budget.evidence[:1], relation="le")


def _against_plan(project: Project, rows: Mention | None, form_mention: Mention) -> Instance:
    form: ProjectForm = form_mention.source
    if form.plan_problems:
        return Instance("insufficient_data", note=f"{form.name}：{form.plan_problems[0]}")
    items = [i.amount.amount for i in form.plan if i.amount and i.amount.amount]
    plan = summed(items)
    plan_ev = [Evidence(table=form.table.title, row=i.name, column="金额",
                        location=i.amount.location if i.amount else i.location) for i in form.plan]
    where_plan = f"{place(form_mention)}的资产配置及采购计划"
    if rows is None and plan is None:
        return Instance("pass")
    if rows is None:
        msg = f"项目“{project.name}”{where_plan}列有 {wan_text(plan)} 万元，而政府采购表中没有这个项目"
        return Instance("fail", msg, evidence=plan_ev or form_mention.evidence[:1])
    if plan is None:
        msg = f"项目“{project.name}”在{place(rows)}列有采购 {wan_text(rows.amount)} 万元，而{where_plan}为空"
        return Instance("fail", msg, evidence=rows.evidence + form_mention.evidence[:1])
    msg = f"项目“{project.name}”在{place(rows)}的采购金额合计 {wan_text(rows.amount)} 万元，而{where_plan}合计 {wan_text(plan)} 万元"
    return judge(msg, rows.amount, [plan], rows.evidence + plan_ev)
