"""garbled_glyphs (L03): every printed character can be read.

The Unicode replacement character and “(cid:123)” in the narrative or in table cells are a
warning: the text says something was lost there. Private-use characters (a font's own codes,
shown as boxes unless the font is at hand) inside the text, and glyphs a PDF font maps to no
character (counted by the PDF reader: they print, but copy and search as garbage) are info;
a private-use character opening a paragraph or cell is a list bullet (Symbol, Wingdings) and
is fine. One finding per paragraph, cell or page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.document import Location
from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.layout.pages import page_location
from budget_audit.engine.results import Evidence
from budget_audit.understand.model import Report

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
_QUOTE = 20

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    report = ctx.report
    found = False
    for n in report.page_notes:
        if n.kind == "undecodable":
            found = True
            yield Instance("fail", f"第{n.page}页有{n.count}个字形没有对应的文字编码（字体缺少 ToUnicode 映射），"
                           "复制或检索时是乱码，这些字未被读取", evidence=[Evidence(location=page_location(n.page))],
                           severity="info")
    for text, location, table in _texts(report):
        hits = [m for m in _GARBLED.finditer(text) if text[:m.start()].strip()]  # not a bullet
        if hits:
            found = True
            lost = [m for m in hits if not _PRIVATE.match(m.group(0))]
            m = (lost or hits)[0]
            start = max(0, m.start() - _QUOTE // 2)
            yield Instance("fail", f"{table or '说明'}中有{len(hits)}处无法显示的字符（乱码或私用区字符）：“{text[start:start + _QUOTE]}”",
                           evidence=[Evidence(table=table, text=text, location=location, span=m.span())],
                           severity=None if lost else "info")
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
