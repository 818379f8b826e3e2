"""service_procurement (R04): services marked as including procurement have it.

A 购买服务表 row with 是否包含政府采购 = 是 is also bought through procurement: the
政府采购表 must hold rows of the same project for at least its amount (warning). Rows
marked 否 need nothing; rows with no mark are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at, judge, wan_text
from budget_audit.engine.ledger import Ledger, Project, cell_evidence
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ListRow, ListTable
from budget_audit.understand.normalize import key

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms
    marked = [(t, r) for t in forms.services for r in t.rows if r.includes_procurement]
    if not forms.services or not forms.procurement:
        yield Instance("not_applicable", note="报告中没有购买服务表或政府采购表")
        return
    if not marked:
        yield Instance("pass")
    groups: dict[str, list] = {}
    for t, r in marked:
        groups.setdefault(key(r.project), []).append((t, r))
    for rows in groups.values():
        yield _judged(rows, _procured(rows[0][1], ctx))


def _procured(service: ListRow, ctx: Context) -> list[tuple[ListTable, ListRow]]:
    """The procurement rows of the service's project: same name, or paired by the ledger."""
    forms = ctx.report.forms
    same = [(t, r) for t in forms.procurement for r in t.rows if key(r.project) == key(service.project)]
    if same:
        return same
    project = _project_of(service, ctx.ledger)
    rows = project.mentions["B11"].source if project and "B11" in project.mentions else []
    return [(next(t for t in forms.procurement if r in t.rows), r) for r in rows]


def _project_of(service: ListRow, ledger: Ledger) -> Project | None:
    return next((p for p in ledger.projects if "B12" in p.mentions and service in p.mentions["B12"].source), None)


def _judged(services: list[tuple[ListTable, ListRow]], procured: list[tuple[ListTable, ListRow]]) -> Instance:
    name = services[0][1].project
    amount = summed([r.amount.amount for _, r in services if r.amount and r.amount.amount])
    bought = summed([r.amount.amount for _, r in procured if r.amount and r.amount.amount])
    ev = [cell_evidence(t.table.title, r.project, "购买金额", r.amount, r.location) for t, r in services]
    ev += [cell_evidence(t.table.title, r.project, "采购金额", r.amount, r.location) for t, r in procured]
    where = "、".join(at(r.location) for _, r in services)
    if bought is None:
        msg = (f"购买服务表（{where}）中“{name}”的服务 {wan_text(amount)} 万元注明包含政府采购，"
               f"而政府采购表中没有这个项目的采购")
        return Instance("fail", msg, evidence=ev)
    spots = "、".join(at(r.location) for _, r in procured)
    msg = (f"购买服务表（{where}）中“{name}”的服务 {wan_text(amount)} 万元注明包含政府采购，"
           f"而政府采购表（{spots}）中这个项目的采购只有 {wan_text(bought)} 万元")
    return judge(msg, bought, [amount], ev, relation="ge")
