"""Re-flow body lines into paragraphs, across line and page breaks."""

from __future__ import annotations

import re
import statistics

from budget_audit.document import Block, Paragraph, Span
from budget_audit.readers.pdf.lines import _join
from budget_audit.readers.pdf.model import _NUM, _Line, _Page

_HEADING = re.compile(rf"^(第{_NUM}[部分章节条]|[一二三四五六七八九十]+[、．.]|[（(]{_NUM}[)）]|\d+[.．、](?!\d))")


class _Flow:
    """Re-flows body lines into paragraphs, across line and page breaks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.lines: list[_Line] = []
        self.margins: dict[int, tuple[float, float, float]] = {}  # page -> left, right, pitch
        self.fallback: dict[float, tuple[float, float, float]] = {}  # by page height

    def set_margins(self, page: _Page) -> None:
        """Text edges and usual line pitch of the page (of a like page when it has few lines)."""
        body = page.lines
        if len(body) < 3 and page.height in self.fallback:
            self.margins[page.number] = self.fallback[page.height]
            return
        pitches = [b.top - a.top for a, b in zip(body, body[1:]) if 0 < b.top - a.top < 3 * max(a.size, b.size)]
        left = min((ln.x0 for ln in body), default=0.0)
        right = max((ln.x1 for ln in body), default=0.0)
        self.margins[page.number] = (left, right, statistics.median(pitches) if pitches else 20.0)
        if len(body) >= 3:
            self.fallback[page.height] = self.margins[page.number]

    def add(self, ln: _Line) -> None:
        if self.lines and self._starts_paragraph(ln):
            self.close()
        self.lines.append(ln)

    def close(self) -> None:
        if self.lines:
            text, spans = "", []
            for ln in self.lines:
                text = _join(text, ln.text)
                spans.append(Span(len(text) - len(ln.text), len(text), ln.location(), ln.xs))
            self.blocks.append(Paragraph(text, self.lines[0].location(), spans=tuple(spans)))
        self.lines = []

    def _starts_paragraph(self, ln: _Line) -> bool:
        prev = self.lines[-1]
        left, right, pitch = self.margins[ln.page]
        if _HEADING.match(ln.text) or abs(ln.size - prev.size) > 0.2 * max(ln.size, prev.size):
            return True
        if ln.page == prev.page and ln.top - prev.top > 1.5 * pitch:
            return True  # a visibly larger gap
        if not _wrapped(prev, ln.lead, *self.margins[prev.page][:2]):
            return True  # prev stopped short though the next word would fit: its paragraph ended
        if ln.x0 <= left + 0.9 * ln.size:
            return False
        # an indented line starts a paragraph, unless it is the short tail of a centred title
        title_tail = _centered(prev, left, right) and _centered(ln, left, right) and ln.x1 < right - ln.size
        return not title_tail


def _centered(ln: _Line, left: float, right: float) -> bool:
    return abs((ln.x0 + ln.x1) - (left + right)) / 2 < ln.size


def _wrapped(prev: _Line, lead: float, left: float, right: float) -> bool:
    """Did `prev` end only because the next line's first piece did not fit? Lines before a
    number or a kinsoku pair ("元。") end well short of the margin, so measure that piece."""
    room = prev.size  # Word adds space around Latin runs in CJK text
    if prev.x1 + lead + room > right:
        return True
    return _centered(prev, left, right) and (prev.x1 - prev.x0) + lead + room > right - left
