"""Lines of text from glyphs: grouping by vertical overlap, overprint dedupe, stray quote
marks re-attached, spacing, and running headers/footers dropped."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from budget_audit.readers.pdf.model import _WS, Char, _Line, _Page

_OPENING = set("（(《“‘「【[")
_QUOTES = set("“”‘’\"'")
_CLOSING = set("）)》”’」】]。，、；：？！")
_PAGE_NO = re.compile(r"^([-—–－_·•]*\d{1,4}[-—–－_·•]*|第\d+页(共\d+页)?|\d+/\d+|page\d+(of\d+)?)$", re.I)


def _group_lines(chars: list[Char]) -> list[list[Char]]:
    """Group chars into lines by vertical overlap, each line ordered by x.

    A fixed y tolerance splits digits printed ~5 pt below CJK glyphs (or quote marks from
    a fallback font) from their sentence; an overlap of half a glyph keeps them together.
    """
    bands: list[list[Any]] = []  # [top, bottom, chars]
    for c in sorted(chars, key=lambda c: c["top"] + c["bottom"]):
        h = max(c["bottom"] - c["top"], 0.1)
        best, best_ratio = None, 0.5
        for band in bands[-2:]:
            overlap = min(band[1], c["bottom"]) - max(band[0], c["top"])
            ratio = overlap / min(h, max(band[1] - band[0], 0.1))
            if ratio >= best_ratio:
                best, best_ratio = band, ratio
        if best is None:
            bands.append([c["top"], c["bottom"], [c]])
        else:
            best[0], best[1] = min(best[0], c["top"]), max(best[1], c["bottom"])
            best[2].append(c)
    for k in range(len(bands) - 1, -1, -1):  # quote marks left alone join the nearest line
        if len(bands) > 1 and all(c["text"] in _QUOTES for c in bands[k][2]):
            top, bottom = bands[k][0], bands[k][1]
            gaps = {j: max(bands[j][0], top) - min(bands[j][1], bottom) for j in (k - 1, k + 1) if 0 <= j < len(bands)}
            near = min(gaps, key=gaps.__getitem__)
            if gaps[near] < 0.5 * (bottom - top):
                bands[near][2].extend(bands.pop(k)[2])
    return [_dedupe(sorted(b[2], key=lambda c: c["x0"])) for b in bands]


def _dedupe(line: list[Char]) -> list[Char]:
    """Drop overprinted copies (fake bold: "二二、、其其他他") from a line sorted by x.

    Same glyph within 1 pt, like pdfplumber's dedupe_chars, which is too slow here (it
    re-sorts with list.index); in a sorted line a copy sits right next to its original.
    """
    out: list[Char] = []
    for c in line:
        j = len(out) - 1
        while j >= 0 and c["x0"] - out[j]["x0"] <= 1:
            o = out[j]
            if o["text"] == c["text"] and abs(o["top"] - c["top"]) <= 1 and o["size"] == c["size"]:
                break
            j -= 1
        else:
            out.append(c)
    return out


def _is_latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _chars_text(chars: list[Char], wide_gap: bool) -> str:
    """Text of one line. Spaces survive only between Latin/digit tokens and, outside tables,
    at wide gaps ("办事处    单位：元"); justified CJK ("因 公 出 国") loses its spaces."""
    return _chars_layout(chars, wide_gap)[0]


def _chars_layout(chars: list[Char], wide_gap: bool) -> tuple[str, tuple[float, ...]]:
    """The line's text and the x0 of each of its characters, then the x1 of the last."""
    out: list[str] = []
    xs: list[float] = []
    prev: Char | None = None
    spaced = False
    for c in chars:
        t = c["text"]
        if t.isspace():
            spaced = True
            continue
        if prev is not None:
            gap, size = c["x0"] - prev["x1"], min(c["size"], prev["size"]) or 10.0
            latin = _is_latin(prev["text"][-1]) and _is_latin(t[0])
            if (latin and (spaced or gap > 0.2 * size)) or (wide_gap and gap > 1.5 * size):
                out.append(" ")
                xs.append(prev["x1"])
        out.append(t)
        xs.extend([c["x0"]] * len(t))
        prev, spaced = c, False
    xs.append(prev["x1"] if prev is not None else 0.0)
    return "".join(out), tuple(xs)


def _join(a: str, b: str) -> str:
    """Join two wrapped lines: no space, except between two Latin/digit tokens."""
    return f"{a} {b}" if a and b and _is_latin(a[-1]) and _is_latin(b[0]) else a + b


def _make_line(chars: list[Char], page: int) -> _Line:
    # geometry from visible glyphs only: some exports indent paragraphs with space characters
    ink = [c for c in chars if not c["text"].isspace()] or chars
    sizes = sorted(c["size"] for c in ink)
    top, bottom = min(c["top"] for c in ink), max(c["bottom"] for c in ink)
    x1 = max(c["x1"] for c in ink)
    text, xs = _chars_layout(chars, wide_gap=True)
    return _Line(text, ink[0]["x0"], top, x1, bottom, sizes[len(sizes) // 2], page, _lead_width(ink), xs)


def _lead_width(chars: list[Char]) -> float:
    """Width of what a line breaker keeps together at a line start: opening brackets,
    one CJK glyph or a Latin/digit run, then closing punctuation (kinsoku)."""
    i, n = 0, len(chars)
    while i < n and chars[i]["text"] in _OPENING:
        i += 1
    if i < n and _is_latin(chars[i]["text"]):
        while i < n and _is_latin(chars[i]["text"]):
            i += 1
    else:
        i += 1
    while i < n and chars[i]["text"] in _CLOSING:
        i += 1
    return chars[min(i, n) - 1]["x1"] - chars[0]["x0"]


def _drop_headers_footers(pages: list[_Page]) -> None:
    """Drop page numbers and running headers/footers printed in the top or bottom margin."""

    def in_margin(ln: _Line, page: _Page) -> bool:
        edge = max(64.0, 0.08 * page.height)  # body text and table titles start lower
        return ln.bottom < edge or ln.top > page.height - edge

    def key(ln: _Line) -> str:  # a page number at either end does not make a header differ
        return re.sub(r"^\d+|\d+$", "#", _WS.sub("", ln.text))

    # a margin line repeated on half the pages is a running header or footer ("预算01表",
    # "预算02表" at the top of table pages differ, so they stay)
    seen = Counter(k for p in pages for k in {key(ln) for ln in p.lines if in_margin(ln, p)})
    many = max(2.0, 0.5 * len(pages))
    for p in pages:
        p.lines = [
            ln
            for ln in p.lines
            if not (in_margin(ln, p) and (_PAGE_NO.match(_WS.sub("", ln.text)) or seen[key(ln)] >= many))
        ]
