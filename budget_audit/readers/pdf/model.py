"""Records passed between the reader's stages, and the text patterns several stages share.

Plain dataclasses without pdfplumber objects, so a page's result can outlive its pdfplumber
page (which is closed at once to keep memory flat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from budget_audit.document import BBox, Location, PageNote, Paragraph, Row, Span

Char = dict[str, Any]
Columns = list[tuple[float, float]]
_NUM = r"[一二三四五六七八九十百零〇\d]+"
_WS = re.compile(r"\s+")


@dataclass
class _Line:
    """One printed line outside tables."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int
    lead: float  # width of the first unbreakable piece: did it fit on the previous line?
    xs: tuple[float, ...] = ()  # x0 of each character of text, then the x1 of the last

    def location(self) -> Location:
        return Location(page=self.page, bbox=(self.x0, self.top, self.x1, self.bottom))

    def paragraph(self) -> Paragraph:
        return Paragraph(self.text, self.location(), spans=(Span(0, len(self.text), self.location(), self.xs),))


@dataclass
class _Part:
    """The piece of a ruled table printed on one page."""

    page: int
    bbox: BBox
    rows: list[Row]
    cols: Columns  # x extent of each column, to align continuations
    full: set[int]  # columns whose last-row text fills its cell: the row may go on overleaf
    caption: list[_Line] = field(default_factory=list)
    notes: list[Paragraph] = field(default_factory=list)


@dataclass
class _Page:
    """What one page yields; no pdfplumber object is kept, so memory stays flat."""

    number: int
    height: float
    lines: list[_Line]
    parts: list[_Part]
    notes: list[PageNote] = field(default_factory=list)  # undecodable glyphs, text outside the page
