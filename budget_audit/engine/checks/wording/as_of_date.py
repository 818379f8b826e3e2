"""as_of_date: the date the 国有资产 holdings are stated at (“截至2024年12月31日”) fits the
report year. Final accounts state the holdings at the end of the report year; a budget at
a date of the year before (its 12月31日, or the month the budget was drawn up)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import cite_passage, pattern, section_passages, word_list
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"sections", "exclude_sections", "date", "expect"}
REQUIRED = {"sections", "date", "expect"}
_EXPECT = {"year_end", "previous_year"}


@dataclass(frozen=True)
class Spec:
    sections: list[str]
    exclude: list[str]
    date: re.Pattern[str]  # groups year, month, day
    expect: str  # year_end: 31 December of the report year; previous_year: any date of the year before


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    date = pattern(params.get("date"), params.where())
    if not {"year", "month", "day"} <= set(date.groupindex):
        raise RuleError(f"{params.where()}: date 的正则表达式应含命名组 year、month、day")
    expect = str(params.get("expect"))
    if expect not in _EXPECT:
        raise RuleError(f"{params.where()}: expect 应为 {' 或 '.join(sorted(_EXPECT))}")
    return Spec(word_list(params, "sections"), word_list(params, "exclude_sections", required=False), date, expect)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    year = ctx.report.year
    if year is None:
        yield Instance("insufficient_data", note="未能确定报告年度")
        return
    found = False
    for passage in section_passages(ctx, spec.sections, spec.exclude):
        for m in spec.date.finditer(passage.text):
            found = True
            yield _judge(m, year, spec, passage)
    if not found:
        yield Instance("not_applicable", note="国有资产部分没有写明截至日期")


def _judge(m: re.Match[str], year: int, spec: Spec, passage: Passage) -> Instance:
    stated = (int(m["year"]), int(m["month"]), int(m["day"]))
    if spec.expect == "year_end":
        right = stated == (year, 12, 31)
        expected = f"报告年度年末（{year}年12月31日）"
    else:
        right = stated[0] == year - 1
        expected = f"上一年度（{year - 1}年）的日期"
    if right:
        return Instance("pass")
    report = "决算" if spec.expect == "year_end" else "预算"
    msg = f"国有资产占有使用情况写的是“{m.group(0)}”，{year}年{report}的资产时点应为{expected}"
    return Instance("fail", msg, evidence=[cite_passage(passage, m.span())])
