"""Tables continued over pages: which part continues which table, and how its rows join
(columns aligned, repeated headers dropped, a row cut by the page break re-joined)."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from budget_audit.document import Cell, Location, Row, Table
from budget_audit.readers.pdf.lines import _join
from budget_audit.readers.pdf.model import _NUM, _WS, Columns, _Part
from budget_audit.readers.pdf.tables import _row_key

_CONTINUED = re.compile(r"^[（(]?续上?表?[)）]?[:：]?$")  # "续表" over a continuation part
_NUMERIC = re.compile(r"^[-+（(]?[\d,，.．%]+[)）]?$")
_LIST_START = re.compile(r"^([一二三四五六七八九十]+、|[（(]" + _NUM + r"[)）]|\d)")


@dataclass
class _Open:
    """A table that a caption-less part at the top of a later page may continue."""

    table: Table
    cols: Columns  # the first part's columns: continuations align to them
    full: set[int]  # columns of the last row whose text filled the cell
    pending: list[int] = field(default_factory=list)  # blank ruled pages met on the way


def _uncaptioned(part: _Part) -> bool:
    """No title above the part (or only "续表"): it may continue the previous table."""
    return all(_CONTINUED.match(_WS.sub("", ln.text)) for ln in part.caption)


def _repeats(table: Table, part: _Part) -> bool:
    """The part repeats the table's title and first header row: a continuation (as the text reader)."""
    same_caption = [_WS.sub("", p.text) for p in table.caption] == [_WS.sub("", ln.text) for ln in part.caption]
    first = _row_key(part.rows[0]) if part.rows else ""
    return bool(table.caption) and same_caption and bool(first) and first == _row_key(table.rows[0])


def _new_table(part: _Part) -> Table:
    caption = [ln.paragraph() for ln in part.caption]
    location = Location(page=part.page, bbox=part.bbox)
    return Table(list(part.rows), caption, list(part.notes), [part.page], location)


def _continue(current: _Open, part: _Part) -> None:
    """Append a continuation part: align columns, drop repeated headers, re-join a broken row."""
    table = current.table
    rows = [_align(r, current.cols, part.cols) for r in part.rows]
    last = part.rows[-1] if part.rows else []
    full = {k for k, c in enumerate(rows[-1] if rows else []) if c is not None and any(c is last[j] for j in part.full)}
    headers = {_row_key(r) for r in _header_rows(table.rows)}
    while rows and _row_key(rows[0]) and _row_key(rows[0]) in headers:
        rows.pop(0)
    cut = bool(rows and table.rows) and (_short(table.rows[-1], table.rows) or _short(rows[0], rows))
    if cut and len(rows) > 1 and not _row_key(rows[0]):
        rows.pop(0)  # the empty remainder of a row cut by the page break
    elif cut and _broken_row(table.rows[-1], rows[0], current.full):
        table.rows[-1] = _merge_rows(table.rows[-1], rows.pop(0))
    if rows:
        current.full = full
    table.rows.extend(rows)
    table.notes.extend(part.notes)
    table.pages.extend(p for p in [*current.pending, part.page] if p not in table.pages)
    current.pending = []


def _align(row: Row, base: Columns, cols: Columns) -> Row:
    """Place a continuation row's cells in the first part's columns by x position."""
    if len(cols) == len(base) and all(abs(a[0] - b[0]) < 3 for a, b in zip(cols, base)):
        return list(row)
    out: Row = [None] * len(base)
    for c in row:
        if c is None:
            continue
        x0, _, x1, _ = c.location.bbox
        start = min(range(len(base)), key=lambda j: abs(base[j][0] - x0))
        end = max([j for j in range(len(base)) if base[j][0] < x1 - 2] or [start])
        if (prev := out[start]) is not None:  # two narrow cells fall into one wide column
            b = prev.location.bbox
            c = Cell(_join(prev.text, c.text), Location(page=c.location.page, bbox=(b[0], b[1], x1, b[3])))
        out[start] = c
        for j in range(start + 1, end + 1):
            if out[j] is None or not out[j].text:
                out[j] = None
    return out


def _short(row: Row, rows: list[Row]) -> bool:
    """Is the row visibly lower than its neighbours, as a row cut by a page break is?"""

    def height(r: Row) -> float:
        return min((c.location.bbox[3] - c.location.bbox[1] for c in r if c), default=0.0)

    return height(row) < 0.75 * statistics.median(height(r) for r in rows)


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(_WS.sub("", text)))


def _header_rows(rows: list[Row]) -> list[Row]:
    """Leading rows before the first row carrying figures: what a continuation may repeat."""
    out = []
    for r in rows[:6]:
        if sum(1 for c in r if c is not None and c.text and _is_number(c.text)) >= 2:
            break
        out.append(r)
    return out


def _broken_row(prev: Row, cur: Row, full: set[int]) -> bool:
    """Is `cur` the rest of `prev`, cut by the page break? Yes when cur only adds label text
    under labels of prev (one of which filled its cell, so it wrapped) and figures where
    prev has none, and starts no new item."""
    shared, extra = [], []
    for j, (p, c) in enumerate(zip(prev, cur)):
        if c is None or not c.text:
            continue
        if p is not None and p.text:
            if _is_number(c.text) or _is_number(p.text) or _LIST_START.match(c.text):
                return False
            shared.append(j)
        elif _is_number(c.text):
            extra.append(j)
        else:
            return False
    prev_has_numbers = any(p is not None and p.text and _is_number(p.text) for p in prev)
    return any(j in full for j in shared) or (bool(extra) and not shared and not prev_has_numbers)


def _merge_rows(prev: Row, cur: Row) -> Row:
    out: Row = []
    for p, c in zip(prev, cur):
        if c is None or not c.text:
            out.append(p)
        elif p is None or not p.text:
            out.append(c)
        else:
            out.append(Cell(_join(p.text, c.text), p.location))
    return out + prev[len(cur) :]
