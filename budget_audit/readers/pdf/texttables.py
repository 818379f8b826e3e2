"""Tables printed without full rules: 三线表, a rule under every row only, or no rules at all.

Used on a page where `find_tables` found no ruled table yet the text looks like one, and on
pages read by OCR (there inside each ruled table's box, whose horizontal rules separate rows).
Columns are the x-ranges that the text of the table's rows fills, with gaps running down the
whole table between them (the header may add a column that no body row fills); rows come from
baselines: lines of one cell sit one leading apart, while the next row starts further down (or
below a rule); a figure or code never wraps, so two of them in one column are two rows.
Rows and cells are `textrows`; the result is the same `_Part` a ruled table gives, its cells
filled as `_make_part` fills them.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Callable

from budget_audit.readers.pdf.model import Char, _Part
from budget_audit.readers.pdf.tables import _NOTE
from budget_audit.readers.pdf.textrows import _make_text_part, _rows, _Seg

_FIGURE = re.compile(r"^[-−+（(]?[\d,，]*\d(?:[.．]\d+)?%?[)）]?$|^[-—–－]+$")
_SPLIT = 0.3  # a gap wider than this many glyph sizes (a Latin space is ~0.2) separates two cells
MIN_COLUMNS = 3  # fewer would take a table of contents (title … page) for a table
PROSE = 40  # glyphs: a line run this long without a gap is prose, not a cell
_LEADER = re.compile(r"[.．·。]{3,}|…{2,}|[-—_]{4,}")  # leaders: a table of contents, not a table


@dataclass
class _VLine:
    chars: list[Char]
    segs: list[_Seg]
    top: float
    bottom: float
    size: float


def find_text_tables(groups: list[list[Char]], rules: Callable[[], list[float]],
                     page: int) -> tuple[list[_Part], set[int]]:
    """Unruled tables among the page's lines (`groups`, from `_group_lines`); `rules()` gives
    the y of horizontal rules (asked only when some text looks like a table). Returns the parts
    and the ids of the glyphs they hold."""
    lines = [_vline(g) for g in groups if g]
    parts: list[_Part] = []
    used: set[int] = set()
    runs = _runs(lines)
    ys = rules() if runs else []
    for run in runs:
        part = _read_run(run, ys, page)
        if part is not None:
            parts.append(part)
            used.update(id(c) for ln in run for c in ln.chars)
    return parts, used


def _vline(chars: list[Char]) -> _VLine:
    ink = [c for c in chars if not c["text"].isspace()] or chars
    segs: list[list[Char]] = []
    for c in ink:
        if segs and c["x0"] - segs[-1][-1]["x1"] <= _SPLIT * min(c["size"], segs[-1][-1]["size"]):
            segs[-1].append(c)
        else:
            segs.append([c])
    return _VLine(
        chars,
        [_seg(s) for s in segs],
        min(c["top"] for c in ink),
        max(c["bottom"] for c in ink),
        statistics.median(c["size"] for c in ink),
    )


def _seg(chars: list[Char]) -> _Seg:
    text = "".join(c["text"] for c in chars)
    return _Seg(chars, chars[0]["x0"], max(c["x1"] for c in chars), min(c["top"] for c in chars),
                max(c["bottom"] for c in chars), bool(_FIGURE.match(text)))


def _text_of(s: _Seg) -> str:
    return "".join(c["text"] for c in s.chars)


def _text(ln: _VLine) -> str:
    return "".join(c["text"] for c in ln.chars)


def _runs(lines: list[_VLine]) -> list[list[_VLine]]:
    """Runs of lines in one type size, close together, with several cells on most lines."""
    cells = _several_cells(lines)
    runs: list[list[_VLine]] = []
    run: list[_VLine] = []
    for ln in lines:
        prose = any(len(s.chars) > PROSE or _LEADER.search(_text_of(s)) for s in ln.segs)
        if run and (prose or not _continues(run, ln)):
            runs.append(run)
            run = []
        if not prose and (run or id(ln) in cells):
            run.append(ln)
    runs.append(run)
    out = []
    for run in runs:
        while run and id(run[-1]) not in cells:  # a lone line after the table: a note, a title
            run.pop()
        if sum(1 for ln in run if len(ln.segs) >= MIN_COLUMNS) >= 2:
            out.append(run)
    return out


def _several_cells(lines: list[_VLine]) -> set[int]:
    """Lines holding several cells: pieces side by side, or a piece printed half a line above or
    below its neighbour's (cells of one row centred on different numbers of lines)."""
    out = {id(ln) for ln in lines if len(ln.segs) >= 2}
    for a, b in zip(lines, lines[1:]):
        if b.top < a.bottom - 0.5 and abs(a.size - b.size) <= 0.1 * a.size:
            out.update((id(a), id(b)))
    return out


def _continues(run: list[_VLine], ln: _VLine) -> bool:
    size = statistics.median(x.size for x in run)
    prev = run[-1]
    return (
        abs(ln.size - size) <= 0.1 * size
        and ln.top - prev.bottom <= 2.0 * size
        and not _NOTE.match(_text(ln))
    )


def _read_run(run: list[_VLine], rules: list[float], page: int) -> _Part | None:
    # the body starts at the first line with a figure; without figures (an empty table, a form
    # of text) all but the first line stand for it (a title row may be centred over a column)
    first = next((i for i, ln in enumerate(run) if any(s.figure for s in ln.segs)), min(1, len(run) - 1))
    body = [s for ln in run[first:] for s in ln.segs]
    cols = _add_header_columns(_column_ranges(body), [s for ln in run for s in ln.segs], body)
    placed = _place(run, cols)
    if placed is not None:
        cols = _merge_lone_figures(cols, placed)
        placed = _place(run, cols)
    if placed is None or len(cols) < MIN_COLUMNS:
        return None
    cells: dict[int, list[_Seg]] = {}
    for line in placed:
        for j, s in line:
            cells.setdefault(j, []).append(s)
    size = statistics.median(ln.size for ln in run)
    rows = _rows(cells, rules, size)
    return _make_text_part(rows, cols, page, size)


def _place(run: list[_VLine], cols: list[tuple[float, float]]) -> list[list[tuple[int, _Seg]]] | None:
    """Each line's pieces with their column; None when two pieces of a line share a column
    (gaps inside prose, not between columns)."""
    out = []
    for ln in run:
        line = []
        for s in ln.segs:
            j = max(range(len(cols)), key=lambda k: min(cols[k][1], s.x1) - max(cols[k][0], s.x0))
            if any(j == k for k, _ in line):
                return None
            line.append((j, s))
        out.append(line)
    return out


def _merge_lone_figures(cols: list[tuple[float, float]], placed: list[list[tuple[int, _Seg]]]) -> list[tuple[float, float]]:
    """A range holding only figures that never shares a line with the column on its left is
    that column's right-aligned figures (as a 数量 under left-aligned labels in a form)."""
    figures_only = [True] * len(cols)
    seen = [False] * len(cols)
    together = set()
    for line in placed:
        js = {j for j, _ in line}
        together.update(j for j in js if j - 1 in js)
        for j, s in line:
            seen[j] = True
            figures_only[j] = figures_only[j] and s.figure
    out = [list(cols[0])]
    for j in range(1, len(cols)):
        if seen[j] and figures_only[j] and j not in together and not figures_only[j - 1]:
            out[-1][1] = cols[j][1]
        else:
            out.append(list(cols[j]))
    return [(a, b) for a, b in out]


def _column_ranges(segs: list[_Seg]) -> list[tuple[float, float]]:
    """x-ranges filled by text, merged where they touch: the gaps between are the column gaps."""
    cols: list[list[float]] = []
    for s in sorted(segs, key=lambda s: s.x0):
        if cols and s.x0 <= cols[-1][1] + 0.3 * (s.bottom - s.top):
            cols[-1][1] = max(cols[-1][1], s.x1)
        else:
            cols.append([s.x0, s.x1])
    return [(a, b) for a, b in cols]


def _add_header_columns(cols: list[tuple[float, float]], segs: list[_Seg], body: list[_Seg]) -> list[tuple[float, float]]:
    """Header text in a gap between the body's columns: centred over the right-aligned figures
    of the next column, or over the left-aligned text of the previous one (a cell that would not
    reach into the neighbouring column), it widens that column; otherwise it heads a column of
    its own that no body row fills."""
    out = [list(c) for c in cols]
    figures = [_mostly_figures(a, b, body) for a, b in cols]
    extra = []
    for s in segs:
        if any(s.x0 < b and a < s.x1 for a, b in out):
            continue
        centre, size = (s.x0 + s.x1) / 2, s.bottom - s.top
        left = max((k for k, c in enumerate(out) if c[1] <= s.x0), default=None)
        right = min((k for k, c in enumerate(out) if c[0] >= s.x1), default=None)
        left_edge = out[left][1] if left is not None else -1e9
        right_edge = out[right][0] if right is not None else max(b for _, b in out)
        if right is not None and figures[right] and 2 * centre - out[right][1] >= left_edge - 2 * size:
            out[right][0] = s.x0
        elif left is not None and not figures[left] and 2 * centre - out[left][0] <= right_edge + 2 * size:
            out[left][1] = s.x1
        else:
            extra.append(s)
    return sorted([(a, b) for a, b in out] + _column_ranges(extra))


def _mostly_figures(x0: float, x1: float, segs: list[_Seg]) -> bool:
    inside = [s.figure for s in segs if x0 <= s.x0 and s.x1 <= x1]
    return sum(inside) * 2 > len(inside)
