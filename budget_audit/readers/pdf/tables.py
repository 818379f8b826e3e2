"""Ruled tables on one page: cells filled with their glyphs, titles printed inside the rules,
and the caption lines above and 注/说明 notes below each table."""

from __future__ import annotations

import math

import re
import statistics
from bisect import bisect_right
from typing import Any, Callable

from budget_audit.document import BBox, Cell, Location, Paragraph, Row
from budget_audit.readers.pdf.lines import _chars_text, _group_lines, _join
from budget_audit.readers.pdf.model import _NUM, _WS, Char, Columns, _Line, _Page, _Part

_CAPTION_STOP = tuple("。！？!?；;：:")  # a table title or unit line never ends so
_MAJOR_HEADING = re.compile(rf"^(第{_NUM}[部分章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_PART_HEADING = re.compile(rf"^第{_NUM}部分")
_NOTE = re.compile(r"^(注|备注|说明)\s*[0-9一二三四五六七八九十]*\s*[:：.．、]")
_UNIT_LINE = re.compile(r"(编制(部门|单位)|单位)\s*[:：]")


def _make_part(table: Any, bbox: BBox, chars: list[Char], page: int) -> _Part:
    """Cells of one table part; a glyph goes to the cell holding its centre (as in pdfplumber)."""
    boxes = [list(r.cells) for r in table.rows]
    xs = sorted({v for r in boxes for b in r if b for v in (b[0], b[2])})
    ys = sorted({v for r in boxes for b in r if b for v in (b[1], b[3])})
    xi, yi = {v: i for i, v in enumerate(xs)}, {v: i for i, v in enumerate(ys)}
    grid: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot -> (row, column) of its cell
    for i, r in enumerate(boxes):
        for j, b in enumerate(r):
            for gx in range(xi[b[0]], xi[b[2]]) if b else ():
                for gy in range(yi[b[1]], yi[b[3]]):
                    grid[(gx, gy)] = (i, j)
    bucket: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        gx = bisect_right(xs, (c["x0"] + c["x1"]) / 2) - 1
        gy = bisect_right(ys, (c["top"] + c["bottom"]) / 2) - 1
        if (pos := grid.get((gx, gy))) is not None:
            bucket.setdefault(pos, []).append(c)
    rows: list[Row] = []
    full: set[int] = set()
    sizes: dict[int, float] = {}  # id(cell) -> largest glyph, to tell a title printed inside the rules
    for i, r in enumerate(boxes):
        row: Row = []
        for j, b in enumerate(r):
            if b is None:
                row.append(None)
                continue
            text, last = "", None
            for group in _group_lines(bucket.get((i, j), [])):
                text, last = _join(text, _chars_text(group, wide_gap=False)), group[-1]
            cell = Cell(text, Location(page=page, bbox=tuple(b)))
            row.append(cell)
            sizes[id(cell)] = max((c["size"] for c in bucket.get((i, j), [])), default=0.0)
            if i == len(boxes) - 1 and last is not None and last["x1"] >= b[2] - 1.5 * last["size"] - 3:
                full.add(j)
        rows.append(row)
    body = statistics.median(c["size"] for c in chars) if chars else 0.0
    title = _title_rows(rows, lambda c: sizes[id(c)] >= 1.25 * body)
    caption = [_cells_line(r, page, max(sizes[id(c)] for c in r if c)) for r in rows[:title] if _row_key(r)]
    rows = rows[title:]
    return _Part(page, bbox, rows, _columns(rows), full, caption)


def _title_rows(rows: list[Row], large: Callable[[Cell], bool]) -> int:
    """How many leading rows are a title (in larger type) and its unit line drawn inside the rules."""
    n, titled = 0, False
    while n < len(rows) - 1:
        cells = [c for c in rows[n] if c is not None and c.text]
        if cells and len(cells) == 1 and large(cells[0]):
            titled = True
        elif cells and not (titled and _UNIT_LINE.search("".join(c.text for c in cells))):
            break
        n += 1
    return n if titled else 0


def _cells_line(row: Row, page: int, size: float) -> _Line:
    cells = [c for c in row if c is not None and c.text]
    x0, top, _, bottom = cells[0].location.bbox
    text = " ".join(c.text for c in cells)
    return _Line(text, x0, top, cells[-1].location.bbox[2], bottom, size, page, 0.0)


def _columns(rows: list[Row]) -> Columns:
    width = max((len(r) for r in rows), default=0)
    lefts = [min((r[j].location.bbox[0] for r in rows if j < len(r) and r[j]), default=0.0) for j in range(width)]
    right = max((c.location.bbox[2] for r in rows for c in r if c), default=0.0)
    return [(lefts[j], lefts[j + 1] if j + 1 < width else right) for j in range(width)]


def _row_key(row: Row) -> str:
    return "|".join(_WS.sub("", c.text) for c in row if c is not None and c.text.strip())


def _bind_captions_and_notes(page: _Page) -> None:
    """Move the lines just above each table into its caption, 注/说明 lines below into its notes.
    Captions are bound first: a note never runs on into the title of a table right under it."""
    taken: set[int] = set()
    for k, part in enumerate(page.parts):
        prev_bottom = page.parts[k - 1].bbox[3] if k else -1.0
        above = [
            i for i, ln in enumerate(page.lines) if i not in taken and prev_bottom <= ln.top and ln.bottom <= part.bbox[1] + 2
        ]
        cap = _caption_lines(page.lines, above, part.bbox[1])
        part.caption = [page.lines[i] for i in cap] + part.caption
        taken.update(cap)
    for k, part in enumerate(page.parts):
        next_top = page.parts[k + 1].bbox[1] if k + 1 < len(page.parts) else math.inf
        below = [i for i, ln in enumerate(page.lines) if part.bbox[3] - 2 <= ln.top and ln.bottom <= next_top]
        below = below[: next((n for n, i in enumerate(below) if i in taken), len(below))]
        noted, part.notes = _note_lines(page.lines, below, part.bbox[3])
        taken.update(noted)
    page.lines = [ln for i, ln in enumerate(page.lines) if i not in taken]


def _caption_lines(lines: list[_Line], above: list[int], edge: float) -> list[int]:
    """Up to 4 lines nearest above the table; stop at a wide gap, a sentence or a part heading."""
    cap: list[int] = []
    for i in reversed(above):
        ln = lines[i]
        if edge - ln.bottom > (3.0 if not cap else 2.0) * ln.size:
            break
        if ln.text.endswith(_CAPTION_STOP) or _PART_HEADING.match(ln.text) or _NOTE.match(ln.text):
            break  # a note under the table above is no title
        cap.append(i)
        edge = ln.top
        if len(cap) == 4:
            break
    return cap[::-1]


def _note_lines(lines: list[_Line], below: list[int], edge: float) -> tuple[list[int], list[Paragraph]]:
    """注/备注/说明 lines right under the table; wrapped lines join the note they continue."""
    taken: list[int] = []
    notes: list[Paragraph] = []
    for i in below:
        ln = lines[i]
        gap = ln.top - edge
        if _NOTE.match(ln.text) and gap <= (3.0 if not notes else 1.5) * ln.size:
            notes.append(ln.paragraph())
        elif notes and gap <= ln.size and not _MAJOR_HEADING.match(ln.text) and _same_size(ln, lines[taken[-1]]):
            notes[-1] = Paragraph(_join(notes[-1].text, ln.text), notes[-1].location)
        else:
            break
        taken.append(i)
        edge = ln.bottom
    return taken, notes


def _same_size(a: _Line, b: _Line) -> bool:
    """A wrapped note goes on in its own type; a larger line under it is a title."""
    return abs(a.size - b.size) <= 0.15 * max(a.size, b.size)
