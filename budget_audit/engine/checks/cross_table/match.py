"""match: each 类 line of a statement panel equals the same 类 in coded tables (by name).

Example: 收支总表 支出 lines = 支出总表 类 rows; 财政拨款收支总表 支出 lines =
一般公共预算支出表 + 政府性基金预算支出表 + 国有资本经营预算支出表 类 rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.checks.base import Instance, judged, nonempty, operand, table_param, tables_checked
from budget_audit.engine.checks.cross_table.printings import same_figure
from budget_audit.engine.selectors import Operand
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Line, ReportTable
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"left", "panel", "right", "column", "left_column"}
REQUIRED = {"left", "right"}


@dataclass(frozen=True)
class Spec:
    left: str
    panel: str | None
    right: list[str]
    column: str
    left_column: str | None = None  # the left panel's column, when not the one of the right tables


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    right = params.get("right")
    right = [right] if isinstance(right, str) else right
    if not isinstance(right, list) or not right:
        raise RuleError(f"{params.where()}: right 应为表名列表")
    for name in right:
        if name not in catalog.kinds or catalog.kinds[name].layout != "coded":
            raise RuleError(f"{params.where()}: right 中的 {name!r} 不是已声明的按科目编码排列的表")
    column = str(params.get("column", "合计"))
    left_column = params.get("left_column")
    for c in (column, left_column or column):
        if c not in catalog.columns:
            raise RuleError(f"{params.where()}: 列 {c!r} 未在 tables.yaml 的 columns 中声明")
    return Spec(table_param(params, catalog, "left"), params.get("panel"), list(right), column, left_column)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    rights: list[ReportTable] = []
    for name in spec.right:
        for t in tables_checked(report, name):
            if isinstance(t, Instance):
                yield t
                return
            rights.append(t)
    if not rights:
        yield Instance("not_applicable", note=f"报告中没有{'、'.join(spec.right)}")
        return
    for table in tables_checked(report, spec.left):
        if isinstance(table, Instance):
            yield table
            continue
        panel = table.panel(spec.panel)
        if panel is None:
            yield Instance("insufficient_data", note=f"{table.title}没有{spec.panel}栏")
            continue
        if spec.left_column and spec.left_column not in panel.columns:
            yield Instance("not_applicable", note=f"{table.title}没有“{spec.left_column}”列")
            continue
        yield from _matched(table, panel.lines, rights, spec.column, spec.left_column)


def _matched(table: ReportTable, lines: list[Line], rights: list[ReportTable], column: str,
             left_column: str | None) -> Iterator[Instance]:
    classes = {key(ln.label): (t, ln) for t in rights for ln in t.lines if ln.level == 1}
    for line in lines:
        if line.is_total or key(line.label) not in classes:
            continue
        parts = [_class_operand(t, key(line.label), column) for t in rights]
        own = left_column or column
        left = operand(table, line, table.panels[0].columns[0] if own not in _cols(table) else own)
        found = [p for p in parts if p is not None]
        if nonempty([left, *found]):  # one table: two printings of one figure; several: a sum
            yield same_figure(left, found[0]) if len(found) == 1 else judged(left, found)


def _cols(table: ReportTable) -> set[str]:
    return {c for p in table.panels for c in p.columns}


def _class_operand(table: ReportTable, name: str, column: str) -> Operand | None:
    line = next((ln for ln in table.lines if ln.level == 1 and key(ln.label) == name), None)
    return operand(table, line, column) if line else None
