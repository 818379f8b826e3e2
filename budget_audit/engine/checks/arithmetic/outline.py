"""outline: a statement table (收入 | 支出 panels) adds up along its printed outline.

Numbered parents equal the sum of their children (一、 = Σ（一）…); a 合计/小计 row equals
the top-level items above it; a 总计 row equals the last 合计 plus the rows after it
(上年结转, 年末结转和结余 …). Unnumbered rows such as 年初结转和结余 own the numbered
rows printed under them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.checks.base import Instance, judged, nonempty, operand, table_param, tables_checked
from budget_audit.engine.judge import row_name
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Line, Panel, ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"table"}
REQUIRED = {"table"}


@dataclass(frozen=True)
class Spec:
    table: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    table = table_param(params, catalog)
    if catalog.kinds[table].layout != "statement":
        raise RuleError(f"{params.where()}: outline 只适用于收支类（statement）表，{table} 不是")
    return Spec(table)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    for table in tables_checked(report, spec.table):
        if isinstance(table, Instance):
            yield table
            continue
        for panel in table.panels:
            if any(not ln.label for ln in panel.lines):
                yield Instance("insufficient_data", note=f"{table.title}{panel.name}栏有无名称的金额行")
                continue
            for column in panel.columns:
                yield from _panel(table, panel, column)


def _panel(table: ReportTable, panel: Panel, column: str) -> Iterator[Instance]:
    where = f"{table.kind.name}{panel.name}栏" + (f"“{column}”列：" if len(panel.columns) > 1 else "：")
    for total, parts in _relations(panel.lines):
        ops = [operand(table, ln, column) for ln in [total, *parts]]
        if nonempty(ops):
            yield judged(ops[0], ops[1:], context=where, name=row_name)


def _relations(lines: list[Line]) -> Iterator[tuple[Line, list[Line]]]:
    yield from _families(lines)
    items: list[Line] = []
    owned = False  # inside the numbered children of an unnumbered row
    for ln in lines:
        if ln.is_total:
            if items:
                yield ln, items
            items, owned = [ln], False
        elif ln.outline == 0:
            items.append(ln)
            owned = True
        elif ln.outline == 1 and not owned:
            items.append(ln)


def _families(lines: list[Line]) -> Iterator[tuple[Line, list[Line]]]:
    """Each row with the rows printed under it one outline level down."""
    for i, parent in enumerate(lines):
        if parent.is_total:
            continue
        children: list[Line] = []
        for ln in lines[i + 1:]:
            if ln.is_total or ln.outline <= parent.outline and not (parent.outline == 0 and ln.outline > 0):
                break
            if ln.outline == parent.outline + 1:
                children.append(ln)
        if children:
            yield parent, children
