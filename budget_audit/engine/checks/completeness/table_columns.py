"""table_columns: a table shows the columns its template requires (the “三公” table splits
公务用车购置及运行费 into 购置费 and 运行费)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, columns_param
from budget_audit.engine.checks.sections import kinds_param
from budget_audit.engine.results import Evidence
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"tables", "columns"}
REQUIRED = {"tables", "columns"}


@dataclass(frozen=True)
class Spec:
    tables: list[str]
    columns: list[str]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    return Spec(kinds_param(params, "tables", catalog.kinds), columns_param(params, catalog, "columns"))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    for kind in spec.tables:
        for table in ctx.report.tables_of(kind):
            shown = list(dict.fromkeys(c.partition("@")[0] for p in table.panels for c in p.columns))
            if not shown:
                yield Instance("insufficient_data", note=f"{table.title}未能识别表头")
                continue
            missing = [c for c in spec.columns if c not in shown]
            if not missing:
                yield Instance("pass")
                continue
            msg = f"“{table.title}”没有单列{'、'.join(missing)}（表头列有：{'、'.join(shown)}）"
            yield Instance("fail", msg, evidence=[Evidence(table=table.title, location=table.location)])
