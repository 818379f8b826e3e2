"""Rows and cells of a table printed without (all) rules, once its columns are known: each
column's lines grouped into cells (lines of one cell sit one leading apart; a figure never
wraps; a rule always ends a cell), cells into rows (cells whose heights overlap, as a label on
three lines and its figure centred on the middle one), and the `_Part` built from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget_audit.document import Cell, Location, Row
from budget_audit.readers.pdf.lines import _chars_text, _group_lines, _join
from budget_audit.readers.pdf.model import Char, _Part
from budget_audit.readers.pdf.tables import _columns


@dataclass
class _Seg:
    """A run of glyphs on one line with no wide gap: one cell's text on that line."""

    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    figure: bool


def _rows(cells: dict[int, list[_Seg]], rules: list[float], size: float) -> list[dict[int, list[_Seg]]]:
    """Group each column's pieces into cells (lines one leading apart), then cells into rows
    (cells whose heights overlap, as a label on three lines and its figure on the middle one)."""
    wrap = _wrap_gap(cells, size)
    blocks: list[tuple[float, float, int, list[_Seg]]] = []
    for j, segs in cells.items():
        segs.sort(key=lambda s: s.top)
        block: list[_Seg] = []
        for s in segs:
            if block and _same_cell(block[-1], s, wrap, rules):
                block.append(s)
                continue
            if block:
                blocks.append((block[0].top, max(b.bottom for b in block), j, block))
            block = [s]
        blocks.append((block[0].top, max(b.bottom for b in block), j, block))
    rows: list[dict[int, list[_Seg]]] = []
    bottom = -1.0
    for top, bot, j, block in sorted(blocks, key=lambda b: b[0]):
        if rows and top < bottom - 0.5 and not any(bottom > y > top for y in rules):
            rows[-1].setdefault(j, []).extend(block)
            bottom = max(bottom, bot)
        else:
            rows.append({j: list(block)})
            bottom = bot
    return rows


def _wrap_gap(cells: dict[int, list[_Seg]], size: float) -> float:
    """Below this gap two lines of one column are one wrapped cell. Two figures in a column are
    two rows (figures never wrap); the least gap between text lines is the leading of a wrapped
    cell (or, if none wraps, the row gap itself, which the figures then bound); and the gap
    between wrapped lines is less than 0.42 em."""
    figure_gaps, text_gaps = [], []
    for segs in cells.values():
        segs = sorted(segs, key=lambda s: s.top)
        figs = [s for s in segs if s.figure]
        figure_gaps += [b.top - a.bottom for a, b in zip(figs, figs[1:]) if b.top > a.bottom]
        text_gaps += [b.top - a.bottom for a, b in zip(segs, segs[1:])
                      if not (a.figure or b.figure) and b.top > a.bottom]
    limits = [0.42 * size]  # wrapped lines: leading rarely exceeds 1.4 em
    if figure_gaps:
        limits.append(min(figure_gaps) - max(0.75, 0.1 * size))
    if text_gaps:
        limits.append(min(text_gaps) + max(1.0, 0.15 * size))
    return min(limits)


def _same_cell(a: _Seg, b: _Seg, wrap: float, rules: list[float]) -> bool:
    if a.figure or b.figure or b.top - a.bottom >= wrap:
        return False
    return not any(a.bottom <= y <= b.top for y in rules)


def _make_text_part(rows: list[dict[int, list[_Seg]]], cols: list[tuple[float, float]], page: int,
                    size: float) -> _Part:
    xs = [cols[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [cols[-1][1] + 1]
    tops = [min(s.top for segs in r.values() for s in segs) for r in rows]
    bottoms = [max(s.bottom for segs in r.values() for s in segs) for r in rows]
    ys = [tops[0] - 1] + [(b + t) / 2 for b, t in zip(bottoms, tops[1:])] + [bottoms[-1] + 1]
    out: list[Row] = []
    full: set[int] = set()
    for i, r in enumerate(rows):
        row: Row = []
        for j in range(len(cols)):
            chars = [c for s in r.get(j, []) for c in s.chars]
            text, last = "", None
            for group in _group_lines(chars):
                text, last = _join(text, _chars_text(group, wide_gap=False)), group[-1]
            row.append(Cell(text, Location(page=page, bbox=(xs[j], ys[i], xs[j + 1], ys[i + 1]))))
            if i == len(rows) - 1 and last is not None and last["x1"] >= cols[j][1] - 1.5 * size:
                full.add(j)
        out.append(row)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return _Part(page, bbox, out, _columns(out), full)
