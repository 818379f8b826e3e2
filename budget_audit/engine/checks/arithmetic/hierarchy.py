"""hierarchy: in a coded table, 类 = Σ 款, 款 = Σ 项, and 合计 = Σ 类, for each amount column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.checks.base import Instance, columns_param, judged, nonempty, operand, table_param, tables_checked
from budget_audit.engine.judge import row_name
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Line, ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"table", "columns"}
REQUIRED = {"table"}


@dataclass(frozen=True)
class Spec:
    table: str
    columns: list[str] | None


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    table = table_param(params, catalog)
    if catalog.kinds[table].layout != "coded":
        raise RuleError(f"{params.where()}: hierarchy 只适用于按科目编码排列的表，{table} 不是")
    cols = columns_param(params, catalog, "columns") if "columns" in params else None
    return Spec(table, cols)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    for table in tables_checked(report, spec.table):
        if isinstance(table, Instance):
            yield table
            continue
        for panel in table.panels:
            coded = [ln for ln in panel.lines if ln.code and ln.level]
            if not coded:
                yield Instance("not_applicable", note=f"{table.title}没有科目行")
                continue
            for column in spec.columns or panel.columns:
                yield from _column(table, panel.lines, coded, column)


def _column(table: ReportTable, lines: list[Line], coded: list[Line], column: str) -> Iterator[Instance]:
    for parent, children in families(lines, coded):
        ops = [operand(table, ln, column) for ln in [parent, *children]]
        if nonempty(ops):
            yield judged(ops[0], ops[1:], context=f"{table.kind.name}“{column}”列：", name=row_name)


def families(lines: list[Line], coded: list[Line]) -> Iterator[tuple[Line, list[Line]]]:
    """Each parent with its direct children; the 合计 row with the top-level codes."""
    top = min(ln.level for ln in coded if ln.level)
    total = next((ln for ln in lines if ln.is_total), None)
    if total is not None:
        yield total, [ln for ln in coded if ln.level == top]
    for parent in coded:
        children = [ln for ln in coded if ln.level == parent.level + 1 and ln.code.startswith(parent.code)]
        if children:
            yield parent, children
