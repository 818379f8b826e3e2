"""The narrative's outline: which heading each paragraph sits under, and its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_audit.document import Location, Paragraph
from budget_audit.understand.normalize import clean, nfkc

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
    """A narrative paragraph with the headings above it (outermost first).

    `pieces` map the cleaned `text` back to the printed paragraphs it was made of
    (offset in `text`, paragraph, index in the paragraph's text of each cleaned character),
    so a figure found in `text` is located where it is printed."""

    paragraph: Paragraph
    text: str
    headings: tuple[str, ...]
    pieces: tuple[tuple[int, Paragraph, tuple[int, ...]], ...] = ()

    def locate(self, start: int, end: int) -> Location:
        """Where text[start:end] is printed (the paragraph's location when unknown)."""
        for offset, paragraph, index in reversed(self.pieces):
            if offset <= start:
                a, b = start - offset, min(end - offset, len(index))
                if a >= len(index) or b <= a:
                    break
                return paragraph.locate(index[a], index[b - 1] + 1)
        return self.paragraph.location

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
            last = out[-1]
            out[-1] = Passage(last.paragraph, last.text + text, headings,
                              last.pieces + ((len(last.text), p, cleaned_index(p.text, text)),))
            continue
        out.append(Passage(p, text, headings, ((0, p, cleaned_index(p.text, text)),)))
    return out


def cleaned_index(raw: str, cleaned: str) -> tuple[int, ...]:
    """For each character of clean(raw), its index in raw; () when they cannot be aligned
    (clean only folds characters NFKC-wise and drops or merges spaces)."""
    out: list[int] = []
    for i, ch in enumerate(raw):
        folded = nfkc(ch).replace("\n", " ")
        j = len(out)
        if folded and cleaned.startswith(folded, j):
            out.extend([i] * len(folded))
        elif not folded.isspace():
            return ()
    return tuple(out) if len(out) == len(cleaned) else ()


def _unfinished(previous: Passage, headings: tuple[str, ...], text: str) -> bool:
    """A paragraph cut mid-sentence (at a page break, or a hard line break in the source)
    continues in the next one: it does not end a sentence and the next is no new item."""
    return (previous.headings == headings and not previous.text.endswith(_SENTENCE_END)
            and not any(p.match(text) for p, _ in _LEVELS))
