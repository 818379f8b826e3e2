"""Shared by the wording checks: the report's title lines — the cover, the 目录, the body's
numbered headings, the table titles and the caption lines above the tables (编制单位：…).

Not a check kind (no KEYS/run)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.document import Paragraph
from budget_audit.engine.results import Evidence
from budget_audit.engine.checks.sections import headings, toc
from budget_audit.understand.model import Report
from budget_audit.understand.normalize import clean, key


@dataclass(frozen=True)
class TitleLine:
    text: str  # cleaned
    place: str  # 封面 | 目录 | 标题 | 表题 | 表头
    evidence: Evidence


def cover(report: Report) -> list[Paragraph]:
    """The paragraphs before the 目录 (the first few when there is none)."""
    start = next((i for i, p in enumerate(report.paragraphs) if key(p.text) == "目录"), None)
    return report.paragraphs[:start if start is not None else 3][:8]


def title_lines(report: Report) -> Iterator[TitleLine]:
    contents = toc(report)
    listed = [e.paragraph for e in contents.entries] if contents else []
    front = cover(report)
    for p in front:
        yield _line(p, "封面")
    for p in listed:
        yield _line(p, "目录")
    for p in headings(report):
        if p not in front:
            yield _line(p, "标题")
    for table in report.tables:
        yield TitleLine(clean(table.title), "表题", Evidence(table=table.title, location=table.location))
        for p in table.source.caption:
            text = clean(p.text)
            if text != clean(table.title):
                yield TitleLine(text, "表头", Evidence(table=table.title, text=text, location=p.location,
                                                      span=(0, len(text))))


def _line(p: Paragraph, place: str) -> TitleLine:
    text = clean(p.text)
    return TitleLine(text, place, Evidence(text=text, location=p.location, span=(0, len(text))))
