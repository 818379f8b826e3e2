"""procurement_within (X12): what 基本支出 buys stays within its budget lines.

For each 经济分类 款 e: Σ 政府采购表 rows + Σ 购买服务表 rows not marked as including
procurement (so nothing counts twice), of the rows funded from 基本支出, ≤ 基本支出表[e]
(`column`); and Σ 政府采购表 ≤ `total` (the whole budget). Warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, table_param
from budget_audit.engine.checks.crossref.amounts import judge, wan_text
from budget_audit.engine.checks.crossref.procurement_codes import basic_rows
from budget_audit.engine.judge import evidence
from budget_audit.engine.ledger import cell_evidence
from budget_audit.engine.selectors import Ref, Unresolved, parse_ref, resolve
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.model import Line
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"economic_table", "column", "total"}
REQUIRED = {"economic_table", "total"}


@dataclass(frozen=True)
class Spec:
    economic_table: str
    column: str
    total: Ref
    right: list[str]  # every table read (the rule pack lists them: this is no single-table check)


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    economic = table_param(params, catalog, "economic_table")
    forms = [k.name for k in catalog.kinds.values() if k.catalogue in ("B11", "B12")]
    return Spec(economic, str(params.get("column", "合计")), parse_ref(str(params["total"]), catalog, params.where()),
                [economic, *forms])


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms
    if not any(t.readable for t in forms.procurement + forms.services):
        yield Instance("not_applicable", note="报告中没有可读的政府采购表或购买服务表")
        return
    yield from _by_code(spec, ctx)
    yield from _within_total(spec, ctx)


def _by_code(spec: Spec, ctx: Context) -> Iterator[Instance]:
    basic = ctx.pack.scopes.projects.not_projects
    forms = ctx.report.forms
    rows = [(t, r) for t in forms.procurement if t.readable for r in basic_rows(t, basic)]
    rows += [(t, r) for t in forms.services if t.readable for r in basic_rows(t, basic) if not r.includes_procurement]
    groups: dict[str, list] = {}
    for t, r in rows:
        if r.economic and r.economic.code and r.amount and r.amount.amount:
            groups.setdefault(r.economic.code, []).append((t, r))
    lines = _lines(ctx, spec.economic_table)
    if lines is None:
        yield Instance("not_applicable", note=f"报告中没有可读的{spec.economic_table}")
        return
    for code, found in sorted(groups.items()):
        line = lines.get(code)
        fig = line.figure(spec.column) if line else None
        if fig is None or fig.amount is None:
            continue  # X11 reports a code missing from the table
        spent = summed([r.amount.amount for _, r in found])
        msg = (f"基本支出中经济分类 {code}（{line.label}）的采购与购买服务合计 {wan_text(spent)} 万元，"  # type: ignore[union-attr]
               f"超过{spec.economic_table}该科目的 {fig.raw} 万元")
        ev = [cell_evidence(t.table.title, r.project, "金额", r.amount, r.location) for t, r in found]
        ev.append(cell_evidence(spec.economic_table, f"{code} {line.label}", spec.column, fig, line.location))  # type: ignore[union-attr]
        yield judge(msg, spent, [fig.amount], ev, relation="le")


def _lines(ctx: Context, kind: str) -> dict[str, Line] | None:
    tables = [t for t in ctx.report.tables_of(kind) if t.readable]
    if not tables:
        return None
    return {ln.code: ln for t in tables for ln in t.lines if ln.code}


def _within_total(spec: Spec, ctx: Context) -> Iterator[Instance]:
    total = resolve(spec.total, ctx.report, ctx.catalog)
    if isinstance(total, Unresolved):
        yield Instance(total.outcome, note=total.reason)
        return
    for t in ctx.report.forms.procurement:
        if t.total is None or t.total.amount is None:
            continue
        msg = f"{t.table.title}合计 {t.total.amount.raw} 万元，超过报表的支出合计"
        ev = [cell_evidence(t.table.title, "合计", "采购金额", t.total.amount, t.total.location), evidence(total)]
        yield judge(msg, t.total.amount.amount, [total.amount], ev, relation="le")
