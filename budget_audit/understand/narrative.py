"""The narrative's outline: which heading each paragraph sits under, and its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_audit.document import Paragraph
from budget_audit.understand.normalize import clean

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十廿]+\s*[、.．]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d{1,2}\s*[、.．](?!\d)"), 3),
)
_MAX_HEADING = 40
_SENTENCE_END = ("。", ";", "；", ":", "：", "!", "！", "?", "？")


@dataclass(frozen=True)
class Passage:
    """A narrative paragraph with the headings above it (outermost first)."""

    paragraph: Paragraph
    text: str
    headings: tuple[str, ...]

    @property
    def sentences(self) -> list[tuple[int, str]]:
        """(offset, sentence) pairs; a sentence ends at 。 or at a full stop-like mark."""
        out, start = [], 0
        for m in re.finditer(r"[。！？]", self.text):
            if m.end() - start > 1:
                out.append((start, self.text[start:m.end()]))
            start = m.end()
        if start < len(self.text):
            out.append((start, self.text[start:]))
        return out


def heading_level(text: str) -> int | None:
    """0 for 第X部分 and unnumbered titles, 1–3 for numbered headings; None for prose."""
    t = clean(text)
    if len(t) > _MAX_HEADING or t.endswith(("。", "；", ";")) or "万元" in t or "%" in t:
        return None
    if _PART.match(t):
        return 0
    for pattern, level in _LEVELS:
        if pattern.match(t):
            return level
    if "，" not in t and "：" not in t and ":" not in t and t.endswith(("说明", "情况", "概况", "解释", "职能", "设置")):
        return 0
    return None


def _level(p: Paragraph, text: str) -> int | None:
    """The heading level by numbering; else by the source's heading style (Word), unless it is prose."""
    level = heading_level(text)
    if level is None and p.heading is not None and len(text) <= _MAX_HEADING and not text.endswith(_SENTENCE_END):
        return p.heading
    return level


def passages(paragraphs: list[Paragraph]) -> list[Passage]:
    stack: list[tuple[int, str]] = []
    out: list[Passage] = []
    for p in paragraphs:
        text = clean(p.text)
        level = _level(p, text)
        if level is not None:
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, text)]
            continue
        headings = tuple(h for _, h in stack)
        if out and _unfinished(out[-1], headings, text):
            out[-1] = Passage(out[-1].paragraph, out[-1].text + text, headings)
            continue
        out.append(Passage(p, text, headings))
    return out


def _unfinished(previous: Passage, headings: tuple[str, ...], text: str) -> bool:
    """A paragraph cut mid-sentence (at a page break, or a hard line break in the source)
    continues in the next one: it does not end a sentence and the next is no new item."""
    return (previous.headings == headings and not previous.text.endswith(_SENTENCE_END)
            and not any(p.match(text) for p, _ in _LEVELS))
