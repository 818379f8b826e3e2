"""blank_pages (L01): no page of the body is empty.

After the 目录, a page that prints nothing but headers, footers and its page number is
info (often a separator left by the typesetting); a page that prints only table rules, a
table with no row of content, is a warning: a table spilled over or lost its rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.layout.pages import body_start, page_location
from budget_audit.engine.results import Evidence

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    if report.format != "pdf" or not report.pages:
        yield Instance("not_applicable", note="只有PDF有页面")
        return
    start = body_start(report)
    empty = {n.page: n.kind for n in report.page_notes if n.kind in ("blank", "bare_table") and n.page >= start}
    for page in range(start, report.pages + 1):
        kind = empty.get(page)
        if kind is None:
            yield Instance("pass")
        elif kind == "blank":
            yield Instance("fail", f"第{page}页是空白页（除页眉页脚外没有任何内容）",
                           evidence=[Evidence(location=page_location(page))], severity="info")
        else:
            yield Instance("fail", f"第{page}页只有表格线，没有任何文字或数字，表格可能分页错位或缺少内容",
                           evidence=[Evidence(location=page_location(page))])
