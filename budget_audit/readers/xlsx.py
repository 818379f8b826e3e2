"""Reader for Excel workbooks (.xlsx): the only module that imports openpyxl.

Each visible sheet holds one table or several one under another, as budget systems export
them: a title row, a 单位 line, header rows with merged cells, body rows, a 注 line. A cell
reads as Excel displays it: a number under its number format (1234.5600001 under "0.00" is
"1234.56"), a formula as its cached value (the formula is kept on the cell). Locations are
sheet and cell (A1 notation). Workbooks are opened read-only (several times faster); the
merged ranges, which read-only mode does not give, come from the sheet's XML.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from budget_audit.document import Block, Cell, Document, Location, Paragraph, Table
from budget_audit.errors import AuditError
from budget_audit.readers.common import file_sha256
from budget_audit.readers.numformat import display
from budget_audit.readers.sheet_layout import Grid, sheet_blocks

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


def read_xlsx(path: Path) -> Document:
    with zipfile.ZipFile(path) as z:
        sheets = {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    values = _load(path, data_only=True)
    formulas = _load(path, data_only=False) if any(b"<f" in x for x in sheets.values()) else None
    blocks: list[Block] = []
    try:
        for ws in values.worksheets:
            if ws.sheet_state == "visible":
                # read-only sheets know their part's path but not their merged ranges
                merges = _merges(sheets.get(getattr(ws, "_worksheet_path", ""), b""))
                stored = _formulas(formulas[ws.title]) if formulas is not None else {}
                blocks.extend(sheet_blocks(_grid(ws, stored, merges)))
    finally:
        values.close()
        formulas.close() if formulas is not None else None
    if not any(isinstance(b, (Table, Paragraph)) for b in blocks):
        raise AuditError(f"工作簿中没有可读的内容：{path}")
    return Document(str(path), "xlsx", file_sha256(path), blocks)


def _load(path: Path, data_only: bool) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():  # unsupported extensions (data validation …) do not matter here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise AuditError(f"无法读取 Excel 工作簿（{type(e).__name__}: {e}）：{path}") from e


def _merges(xml: bytes) -> list[Merge]:
    from openpyxl.utils.cell import range_boundaries

    return [range_boundaries(ref.decode()) for ref in _MERGE.findall(xml)]  # type: ignore[misc]


def _formulas(ws: Any) -> dict[str, str]:
    """Cell → formula ('=SUM(E6:E9)'), for the cells that hold one."""
    out = {}
    for row in ws.iter_rows():
        for cell in row:
            text = getattr(cell.value, "text", cell.value)  # an array formula keeps its text apart
            if isinstance(text, str) and text.startswith("=") and cell.data_type == "f":
                out[cell.coordinate] = text
    return out


def _grid(ws: Any, formulas: dict[str, str], merges: list[Merge]) -> Grid:
    """The sheet as rows of cells; a merged label fills the positions it covers."""
    from openpyxl.utils import get_column_letter

    raw = [list(row) for row in ws.iter_rows()]
    width = max((len(r) for r in raw), default=0)
    letters = [get_column_letter(c + 1) for c in range(width)]
    rows: list[list[Cell | None]] = []
    for r, row in enumerate(raw):
        cells: list[Cell | None] = []
        for c in range(width):
            cell = row[c] if c < len(row) else None
            where = f"{letters[c]}{r + 1}"
            value = getattr(cell, "value", None)
            cells.append(Cell(_text(value, getattr(cell, "number_format", None)),
                              Location(sheet=ws.title, cell=where), formulas.get(where)))
        rows.append(cells)
    grid = Grid(rows)
    for min_col, min_row, max_col, max_row in merges:
        _merge(grid, raw, min_row - 1, min_col - 1, max_row, max_col)
    return grid


def _merge(grid: Grid, raw: list[list[Any]], top: int, left: int, bottom: int, right: int) -> None:
    """Positions inside a merged cell: a label fills them, a number printed once leaves them None."""
    rows = grid.rows
    if top >= len(rows) or left >= len(rows[top]):
        return
    anchor = raw[top][left] if left < len(raw[top]) else None
    fill = None if _is_number(getattr(anchor, "value", None)) else rows[top][left]
    grid.spans[(top, left)] = right - left
    for r in range(top, min(bottom, len(rows))):
        for c in range(left, min(right, len(rows[r]))):
            if (r, c) != (top, left):
                rows[r][c] = fill
                grid.covered.add((r, c))


def _text(value: Any, number_format: str | None) -> str:
    if value is None:
        return ""
    if _is_number(value):
        return display(value, number_format)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
