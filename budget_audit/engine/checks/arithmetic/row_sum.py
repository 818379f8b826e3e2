"""row_sum: in every row of a table, a total column equals the sum of part columns.

Grouped columns (合计@预算数 …) are checked group by group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.judge import row_name
from budget_audit.engine.checks.base import (Instance, columns_param, judged, nonempty, operand,
                                             relation_param, table_param, tables_checked)
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"table", "total", "parts", "relation"}
REQUIRED = {"table", "total", "parts"}


@dataclass(frozen=True)
class Spec:
    table: str
    total: str
    parts: list[str]
    relation: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    return Spec(table_param(params, catalog), columns_param(params, catalog, "total")[0],
                columns_param(params, catalog, "parts"), relation_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    for table in tables_checked(report, spec.table):
        if isinstance(table, Instance):
            yield table
            continue
        yield from _table(spec, table)


def _groups(table: ReportTable) -> list[str]:
    cols = {c for p in table.panels for c in p.columns}
    groups = sorted({c.split("@")[1] for c in cols if "@" in c})
    return [f"@{g}" for g in groups] or [""]


def _table(spec: Spec, table: ReportTable) -> Iterator[Instance]:
    for suffix in _groups(table):
        total, parts = spec.total + suffix, [p + suffix for p in spec.parts]
        for panel in table.panels:
            present = [p for p in parts if p in panel.columns]
            if total not in panel.columns or not present:
                yield Instance("not_applicable", note=f"{table.title}缺少{total}或其组成列")
                continue
            for line in panel.lines:
                ops = [operand(table, line, c) for c in [total, *present]]
                if nonempty(ops):
                    yield judged(ops[0], ops[1:], spec.relation, context=f"{table.kind.name}{row_name(ops[0])}：",
                                 name=lambda op: op.column)
