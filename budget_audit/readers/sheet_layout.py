"""Where the tables of a worksheet are: captions, table rows and notes, top to bottom.

A sheet holds one table or several one under another. A table starts at a row with two
or more cells written (merged cells count once); the one-cell rows right above it are
its caption (title, 单位 line), a 注 row below it its note. Blank rows may sit inside a
table (an empty table prints blank rows above its 合计). A one-cell row inside a table (a
合计 row, a statement line with no amount) stays in it, unless it looks like the next
table's title: it spans most of the width, a 单位 line follows it, or it follows a blank
row and a header row follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from budget_audit.document import Block, Cell, Paragraph, Table
from budget_audit.numbers import looks_like_amount
from budget_audit.readers.common import NOTE, caption_count

_CAPTION = re.compile(r"^(编制(单位|部门)|单位\s*[:：]|金额单位|计量单位)|单位\s*[:：]\s*(亿元|万元|元)")
_WIDE = 2 / 3  # a one-cell row merged over this share of the table is a title or a note


@dataclass
class Grid:
    """A sheet's cells, row by row (0-based); `covered` holds the positions inside a merged
    cell, `spans` the width in columns of each merged cell at its top-left position."""

    rows: list[list[Cell | None]]
    covered: set[tuple[int, int]] = field(default_factory=set)
    spans: dict[tuple[int, int], int] = field(default_factory=dict)

    def written(self, r: int) -> list[tuple[int, Cell]]:
        """The non-empty cells of row r that are written there (not covered by a merge)."""
        return [(c, cell) for c, cell in enumerate(self.rows[r])
                if cell is not None and cell.text and (r, c) not in self.covered]

    def span(self, r: int, c: int) -> int:
        return self.spans.get((r, c), 1)


def sheet_blocks(grid: Grid) -> list[Block]:
    blocks: list[Block] = []
    pending: list[int] = []  # rows of text not yet placed
    r = 0
    while r < len(grid.rows):
        written = grid.written(r)
        if not written:
            r += 1
        elif len(written) == 1 or _is_caption(grid, r):
            pending.append(r)
            r += 1
        else:
            end = _table_end(grid, r)
            keep = len(pending) - caption_count([_line_text(grid, i) for i in pending])
            caption = pending[keep:]
            blocks.extend(_paragraph(grid, i) for i in pending[:keep])
            notes = _notes(grid, end)
            blocks.append(_table(grid, r, end, caption, notes))
            pending, r = [], notes[-1] + 1 if notes else end
    blocks.extend(_paragraph(grid, i) for i in pending)
    return blocks


def _is_caption(grid: Grid, r: int) -> bool:
    """A 编制单位 / 单位：万元 line written over a few cells, with no number in it."""
    written = grid.written(r)
    return len(written) <= 3 and any(_CAPTION.search(cell.text.replace(" ", "")) for _, cell in written) \
        and not any(looks_like_amount(cell.text) for _, cell in written)


def _is_note(grid: Grid, r: int) -> bool:
    written = grid.written(r)
    return len(written) == 1 and bool(NOTE.match(written[0][1].text))


def _table_end(grid: Grid, start: int) -> int:
    """The index after the table's last row; blank rows may sit inside."""
    width = _width(grid, start)
    end, r = start + 1, start + 1
    while r < len(grid.rows):
        written = grid.written(r)
        if not written:
            r += 1
            continue
        if _is_caption(grid, r) or _is_note(grid, r) or len(written) == 1 and _is_title(grid, r, width, r > end):
            break
        end, r = r + 1, r + 1
    return end


def _is_title(grid: Grid, r: int, width: int, after_blank: bool) -> bool:
    """A one-cell row is the next table's title, not a row of this one (a 合计 row of an
    empty table, a statement line with no amount): when it spans most of the width, when
    a 单位 line follows it, or when it follows a blank row and, after more one-cell rows
    (a second title line, 单位名称), a header row with no amount follows it."""
    c = grid.written(r)[0][0]
    nxt = _next_written(grid, r + 1)
    if grid.span(r, c) >= _WIDE * width or nxt is not None and _is_caption(grid, nxt):
        return True
    while after_blank and nxt is not None and len(grid.written(nxt)) == 1 and not _is_note(grid, nxt):
        nxt = _next_written(grid, nxt + 1)
    header = grid.written(nxt) if after_blank and nxt is not None else []
    return len(header) > 1 and not any(looks_like_amount(cell.text) for _, cell in header)


def _width(grid: Grid, r: int) -> int:
    cols = [c for c, cell in enumerate(grid.rows[r]) if cell is not None and cell.text]
    return cols[-1] - cols[0] + 1 if cols else 1


def _next_written(grid: Grid, r: int) -> int | None:
    return next((i for i in range(r, len(grid.rows)) if grid.written(i)), None)


def _notes(grid: Grid, end: int) -> list[int]:
    """The 注 rows right below the table (blank rows between allowed)."""
    notes: list[int] = []
    r = _next_written(grid, end)
    while r is not None and _is_note(grid, r):
        notes.append(r)
        r = _next_written(grid, r + 1)
    return notes


def _table(grid: Grid, start: int, end: int, caption: list[int], notes: list[int]) -> Table:
    rows = [grid.rows[r] for r in range(start, end) if grid.written(r)]
    used = [c for row in rows for c, cell in enumerate(row) if cell is not None and cell.text]
    first, last = min(used), max(used)
    body = [row[first:last + 1] for row in rows]
    anchor = next(c for c in body[0] if c is not None)
    return Table(rows=body, caption=[_paragraph(grid, r) for r in caption],
                 notes=[_paragraph(grid, r) for r in notes], location=anchor.location)


def _line_text(grid: Grid, r: int) -> str:
    return " ".join(cell.text for _, cell in grid.written(r))


def _paragraph(grid: Grid, r: int) -> Paragraph:
    return Paragraph(_line_text(grid, r), grid.written(r)[0][1].location)
