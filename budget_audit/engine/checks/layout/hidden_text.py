"""hidden_text (L02): text printed outside the page.

The PDF reader reads only what is visible on a page and notes the glyphs printed beyond
its edges. When that text is printed visibly elsewhere in the report (a hidden copy of the
page before, left by the typesetting) it is info; when it is not, the page edge cuts off
content no reader sees: a warning quoting the start of the lost text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.layout.pages import page_location
from budget_audit.engine.results import Evidence
from budget_audit.understand.model import Report

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_PROBE = 12  # characters at each end of the hidden text looked up in the visible text
_QUOTE = 30

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    if report.format != "pdf":
        yield Instance("not_applicable", note="只有PDF有页面")
        return
    notes = [n for n in report.page_notes if n.kind == "outside"]
    if not notes:
        yield Instance("pass")
        return
    visible = _visible_text(report)
    for n in notes:
        quoted = n.sample[:_QUOTE] + ("…" if len(n.sample) > _QUOTE else "")
        ev = [Evidence(text=n.sample[:_QUOTE], location=page_location(n.page))]
        if _shown_elsewhere(n.sample, visible):
            yield Instance("fail", f"第{n.page}页的页面范围之外另有{n.count}个字符（“{quoted}”），"
                           "与报告中可见的文字重复，是排版留下的隐藏副本，未重复读取", evidence=ev, severity="info")
        else:
            yield Instance("fail", f"第{n.page}页有{n.count}个字符印在页面范围之外（“{quoted}”），"
                           "读者看不到这些内容，请检查该页是否被截断", evidence=ev)


def _visible_text(report: Report) -> str:
    parts = [p.text for p in report.paragraphs]
    parts += [c.text for t in report.tables for r in t.source.rows for c in r if c is not None]
    parts += [p.text for t in report.tables for p in t.source.caption + t.source.notes]
    return re.sub(r"\s+", "", "".join(parts))


def _shown_elsewhere(hidden: str, visible: str) -> bool:
    probes = {hidden[:_PROBE], hidden[-_PROBE:]}
    return all(p in visible for p in probes if p)
