"""target_names (A19): every row of a 年度绩效目标表 names its indicator.

A row whose 三级指标 cell repeats its 二级指标 (“数量指标 | 数量指标 | ≥6户”) sets a value
without saying of what: a warning, one per form, listing how many rows print no name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.checks.crossref.indicators import cite, form_name

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    sheets = [s for s in ctx.report.forms.sheets if s.targets]
    if not sheets:
        yield Instance("not_applicable", note="报告中没有绩效目标表的指标")
    for sheet in sheets:
        repeated = [t for t in sheet.targets if t.repeated_category]
        if not repeated:
            yield Instance("pass")
            continue
        nameless = [t for t in sheet.targets if not t.name and t.table == repeated[0].table]
        first = repeated[0]
        msg = (f"{form_name(sheet)}的{first.table}绩效目标表（{at(first.location)}起）三级指标填为二级指标名称"
               f"“{first.repeated_category}”等，共{len(nameless)}行指标没有自己的名称，无法知道各指标值所指")
        yield Instance("fail", msg, evidence=[cite(sheet, t, t.values[0]) for t in nameless if t.values])
