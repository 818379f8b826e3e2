"""by_code: the same 科目 in two coded tables, column by column (e.g. a 财政拨款 table
against the all-source table: the part may not exceed the whole, relation le)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import (Instance, columns_param, nonempty, operand, relation_param,
                                             table_param, tables_checked)
from budget_audit.engine.checks.cross_table.printings import same_figure
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"left", "right", "columns", "relation"}
REQUIRED = {"left", "right", "columns"}


@dataclass(frozen=True)
class Spec:
    left: str
    right: str
    columns: list[str]
    relation: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    left, right = table_param(params, catalog, "left"), table_param(params, catalog, "right")
    for name in (left, right):
        if catalog.kinds[name].layout != "coded":
            raise RuleError(f"{params.where()}: by_code 只适用于按科目编码排列的表，{name} 不是")
    return Spec(left, right, columns_param(params, catalog, "columns"), relation_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    lefts = list(tables_checked(ctx.report, spec.left))
    rights = list(tables_checked(ctx.report, spec.right))
    for t in lefts + rights:
        if isinstance(t, Instance):
            yield t
            return
    if len(lefts) != 1 or len(rights) != 1:
        return
    yield from _compare(spec, lefts[0], rights[0])  # type: ignore[arg-type]


def _compare(spec: Spec, left: ReportTable, right: ReportTable) -> Iterator[Instance]:
    by_code = {ln.code: ln for ln in right.lines if ln.code}
    for line in left.lines:
        other = by_code.get(line.code) if line.code else None
        if other is None:
            continue
        for column in spec.columns:
            ops = [operand(left, line, column), operand(right, other, column)]
            if nonempty(ops):
                yield same_figure(ops[0], ops[1], spec.relation)
