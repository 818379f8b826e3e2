"""Reader for Excel workbooks (.xlsx): the only module that imports openpyxl.

Each visible sheet holds one table or several one under another, as budget systems export
them: a title row, a 单位 line, header rows with merged cells, body rows, a 注 line. A cell
reads as Excel displays it: a number under its number format (1582.8700001 under "0.00" is
"1582.87"), a formula as its cached value (the formula is kept on the cell). Locations are
sheet and cell (A1 notation).
"""

from __future__ import annotations

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


def read_xlsx(path: Path) -> Document:
    values = _load(path, data_only=True)
    formulas = _load(path, data_only=False) if _has_formulas(path) else None
    blocks: list[Block] = []
    for ws in values.worksheets:
        if ws.sheet_state == "visible":
            other = formulas[ws.title] if formulas is not None else None
            blocks.extend(sheet_blocks(_grid(ws, other)))
    if not any(isinstance(b, (Table, Paragraph)) for b in blocks):
        raise AuditError(f"工作簿中没有可读的内容：{path}")
    return Document(str(path), "xlsx", file_sha256(path), blocks)


def _load(path: Path, data_only: bool) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():  # unsupported extensions (data validation …) do not matter here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=data_only)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise AuditError(f"无法读取 Excel 工作簿（{type(e).__name__}: {e}）：{path}") from e


def _has_formulas(path: Path) -> bool:
    """Whether any sheet stores a formula: only then is the workbook loaded a second time."""
    with zipfile.ZipFile(path) as z:
        return any(n.startswith("xl/worksheets/") and b"<f" in z.read(n) for n in z.namelist())


def _grid(ws: Any, formulas: Any) -> Grid:
    """The sheet as rows of cells; a merged cell's text fills the positions it covers."""
    rows = [[_cell(ws.title, cell, formulas) for cell in row] for row in ws.iter_rows(max_col=ws.max_column)]
    grid = Grid(ws.title, rows)  # type: ignore[arg-type]
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        anchor = rows[top][left]
        # a label spans its columns; a number printed once must not be counted twice
        fill = None if _is_number(ws.cell(rng.min_row, rng.min_col).value) else anchor
        grid.spans[(top, left)] = rng.max_col - rng.min_col + 1
        for r in range(top, min(rng.max_row, len(rows))):
            for c in range(left, min(rng.max_col, len(rows[r]))):
                if (r, c) != (top, left):
                    rows[r][c] = fill
                    grid.covered.add((r, c))
    return grid


def _cell(sheet: str, cell: Any, formulas: Any) -> Cell:
    location = Location(sheet=sheet, cell=cell.coordinate)
    formula = None
    if formulas is not None and cell.coordinate:
        stored = formulas[cell.coordinate].value
        formula = getattr(stored, "text", stored) if cell.data_type != "s" else None
        formula = formula if isinstance(formula, str) and formula.startswith("=") else None
    return Cell(_text(cell.value, cell.number_format), location, formula)


def _text(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if _is_number(value):
        return display(value, number_format)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
