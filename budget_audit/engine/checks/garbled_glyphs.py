"""garbled_glyphs (L03): every printed character can be read.

Glyphs a PDF font maps to no character (“(cid:123)”, counted by the PDF reader), the
Unicode replacement character and private-use characters (a font's own codes, shown as
boxes or blanks) in the narrative or in table cells are a warning: the reader of the
published file sees garbage or nothing there. One finding per paragraph, cell or page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.document import Location
from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.layoutbase import page_location
from budget_audit.engine.results import Evidence
from budget_audit.understand.model import Report

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
_QUOTE = 20

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    found = False
    for n in report.page_notes:
        if n.kind == "undecodable":
            found = True
            yield Instance("fail", f"第{n.page}页有{n.count}个字形没有对应的文字编码（字体缺少 ToUnicode 映射），"
                           "复制或检索时是乱码，这些字未被读取", evidence=[Evidence(location=page_location(n.page))])
    for text, location, table in _texts(report):
        hits = _GARBLED.findall(text)
        if hits:
            found = True
            m = _GARBLED.search(text)
            start = max(0, m.start() - _QUOTE // 2)  # type: ignore[union-attr]
            shown = text[start:start + _QUOTE]
            yield Instance("fail", f"{table or '说明'}中有{len(hits)}处无法显示的字符（乱码或私用区字符）：“{shown}”",
                           evidence=[Evidence(table=table, text=text, location=location,
                                              span=(m.start(), m.end()))])  # type: ignore[union-attr]
    if not found:
        yield Instance("pass")


def _texts(report: Report) -> Iterator[tuple[str, Location, str | None]]:
    for p in report.paragraphs:
        yield p.text, p.location, None
    for t in report.tables:
        for row in t.source.rows:
            for c in row:
                if c is not None:
                    yield c.text, c.location, t.title
