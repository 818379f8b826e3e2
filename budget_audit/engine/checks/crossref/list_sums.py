"""list_sums (A13): 政府采购表, 购买服务表 and 项目支出表 add up.

Each amount column (采购金额, 面向中小企业, 面向小微企业, 购买金额, 金额) sums over the rows
to the printed 合计 row. In 政府采购表 every row also keeps 面向小微企业 ≤ 面向中小企业 ≤
采购金额: small firms are among the small and medium ones, both among all. The 合计 row's
单价 is no sum and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at, judge, wan_text
from budget_audit.engine.ledger import cell_evidence
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ListRow, ListTable

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_COLUMNS = {"amount": "金额", "sme": "面向中小企业", "small": "面向小微企业"}

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms
    tables = forms.procurement + forms.services + forms.project_lists
    if not tables:
        yield Instance("not_applicable", note="报告中没有政府采购表、购买服务表或项目支出表")
    for t in tables:
        if not t.readable:
            yield Instance("insufficient_data", note=t.problems[0])
            continue
        for field in (f for f in _COLUMNS if f in t.columns):
            yield _column(t, field)
        if "sme" in t.columns:
            for row in t.rows:
                yield from _subsets(t, row)


def _column(t: ListTable, field: str) -> Instance:
    if t.total is None:
        return Instance("not_applicable", note=f"{t.table.title}没有合计行")
    total = getattr(t.total, field)
    figures = [(r, getattr(r, field)) for r in t.rows]
    parts = [f.amount for _, f in figures if f is not None]
    name = _COLUMNS[field]
    if total is None and parts:  # a blank 合计 cell over figures: a layout we may misread
        return Instance("insufficient_data", note=f"{t.table.title}合计行的“{name}”为空")
    msg = (f"{t.table.title}“{name}”列：合计行（{at(t.total.location)}）{wan_text(total.amount if total else None)} 万元，"
           f"而 {len(t.rows)} 行之和为 {wan_text(summed(parts))} 万元")
    ev = [cell_evidence(t.table.title, "合计", name, total, t.total.location)]
    ev += [cell_evidence(t.table.title, r.project or r.content, name, f, r.location) for r, f in figures if f]
    return judge(msg, total.amount if total else None, parts, ev)


def _subsets(t: ListTable, row: ListRow) -> Iterator[Instance]:
    """小微 ≤ 中小 ≤ 采购金额 in one row."""
    pairs = (("small", "sme"), ("sme", "amount"))
    for part, whole in pairs:
        a, b = getattr(row, part), getattr(row, whole)
        if a is None or b is None:
            continue
        msg = (f"{t.table.title}{at(row.location)}“{row.project}”：{_COLUMNS[part]} {a.raw} 万元"
               f"超过{_COLUMNS[whole]} {b.raw} 万元")
        ev = [cell_evidence(t.table.title, row.project, _COLUMNS[part], a, row.location),
              cell_evidence(t.table.title, row.project, _COLUMNS[whole], b, row.location)]
        yield judge(msg, a.amount, [b.amount], ev, relation="le")
