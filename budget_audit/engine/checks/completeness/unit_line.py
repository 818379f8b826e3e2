"""unit_line: every table prints its unit (单位：万元 / 元). Tables whose cells carry their
own unit (绩效目标表: “44.49万元”) are listed under `skip`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import kinds_param
from budget_audit.engine.results import Evidence
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"skip"}
REQUIRED: set[str] = set()


def prepare(params: Mapping, catalog: Catalog) -> set[str]:
    return set(kinds_param(params, "skip", catalog.kinds)) if "skip" in params else set()


def run(spec: set[str], ctx: Context) -> Iterator[Instance]:
    tables = [t for t in ctx.report.tables if t.kind.name not in spec]
    if not tables:
        yield Instance("not_applicable", note="没有需要标注单位的表")
    for table in tables:
        if table.unit_stated:
            yield Instance("pass")
            continue
        msg = f"“{table.title}”没有标注金额单位（如“单位：万元”），读者无法判断金额是元还是万元"
        yield Instance("fail", msg, evidence=[Evidence(table=table.title, location=table.location)])
