"""Multi-row table headers: where they end, and what each column is called.

A header cell merged over several columns reaches its columns either as None (PDF) or
as '' (text). Each column's header path lists the labels above it, top to bottom.
"""

from __future__ import annotations

from dataclasses import replace

from budget_audit.document import Cell, Row, Table
from budget_audit.numbers import looks_like_amount
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.normalize import key


def padded_rows(table: Table) -> list[Row]:
    """Rows padded to the table's width; padding cells are empty and sit where the row sits."""
    width = table.width
    out: list[Row] = []
    for r in table.rows:
        last = next((c.location for c in reversed(r) if c is not None), table.location)
        pad = [Cell("", replace(last, column=last.column + 1 + i if last.column else None, bbox=None))
               for i in range(width - len(r))]
        out.append(list(r) + pad)
    return out


def header_size(rows: list[Row]) -> int:
    """Header rows are those above the first row that prints an amount."""
    for i, row in enumerate(rows):
        if any(c is not None and looks_like_amount(c.text) for c in row):
            return i
    return len(rows)


def column_paths(header: list[Row], body: list[Row]) -> list[list[str]]:
    """For each column, the keys of the header labels above it (top to bottom)."""
    width = max((len(r) for r in header + body), default=0)
    centers = _column_centers(header + body, width)
    grid: list[list[str]] = []  # header labels with merged spans filled in
    for r in range(len(header)):
        grid.append([])
        for c in range(width):
            grid[r].append(_label_at(header, grid, r, c, centers))
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in grid:
        for c, label in enumerate(row):
            if label and (not paths[c] or paths[c][-1] != label):
                paths[c].append(label)
    return paths


def _label_at(header: list[Row], grid: list[list[str]], r: int, c: int, centers: list[float | None]) -> str:
    cell = header[r][c] if c < len(header[r]) else None
    if cell is not None and cell.text.strip():
        return key(cell.text)
    left = _left_label(header[r], c)
    if left is None:
        return ""
    lc, left_cell = left
    if left_cell.location.bbox and centers[c] is not None:
        spans = _spans_to(left_cell, c, centers)
    else:  # text: a span continues under the same parent, over columns that have sub-labels
        same_parent = r == 0 or grid[r - 1][c] == grid[r - 1][lc]
        spans = same_parent and _has_lower_label(header, r, c)
    return key(left_cell.text) if spans else ""


def _left_label(row: Row, c: int) -> tuple[int, Cell] | None:
    """The nearest labelled cell to the left, across only blank or covered positions."""
    for lc in range(c - 1, -1, -1):
        cell = row[lc] if lc < len(row) else None
        if cell is not None and cell.text.strip():
            return lc, cell
    return None


def _spans_to(cell: Cell, c: int, centers: list[float | None]) -> bool:
    bbox = cell.location.bbox
    center = centers[c]
    return bbox is not None and center is not None and bbox[0] < center < bbox[2]


def _has_lower_label(header: list[Row], r: int, c: int) -> bool:
    return any(c < len(row) and row[c] is not None and row[c].text.strip() for row in header[r + 1:])


def _column_centers(rows: list[Row], width: int) -> list[float | None]:
    """The x centre of each column, from its narrowest printed cell (PDF only)."""
    centers: list[float | None] = []
    for c in range(width):
        best: tuple[float, float] | None = None
        for row in rows:
            cell = row[c] if c < len(row) else None
            bbox = cell.location.bbox if cell is not None else None
            if bbox and (best is None or bbox[2] - bbox[0] < best[0]):
                best = (bbox[2] - bbox[0], (bbox[0] + bbox[2]) / 2)
        centers.append(best[1] if best else None)
    return centers


def canonical_column(path: list[str], catalog: Catalog) -> str | None:
    """The canonical name of a column from its header path, with '@组' for grouped columns."""
    group = next((p for p in reversed(path) if p in catalog.column_groups), None)
    rest = [p for p in path if p != group] if group else path
    if not rest:
        return None
    name = _match(rest, catalog)
    if name is None:
        return None
    return f"{name}@{group}" if group and group != name else name


def _match(path: list[str], catalog: Catalog) -> str | None:
    leaf, above = path[-1], path[:-1]
    for name, aliases in catalog.columns.items():
        for alias in aliases:
            if "/" in alias:
                parent, child = alias.split("/", 1)
                if child == leaf and parent in above:
                    return name
            elif alias == leaf:
                return name
    return None
