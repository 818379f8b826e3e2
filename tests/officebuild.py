"""Render a report in the project's text format as the files finance staff hold: the tables
as an .xlsx workbook, the narrative as a .docx document.

Test-fixture builder (dev-only: needs xlsxwriter and python-docx). Nothing here knows any
particular report: the layout comes from the shape of the text only. A workbook is built
the way budget systems export one: one sheet per table, the title merged over the table's
width, the unit line, the header rows with merged cells (a label spans the blank fields to
its right that have labels under them, and the rows below it when they are blank), numbers
stored as numbers with a "#,##0.00"-style format and a little binary noise, codes split over
类/款/项 columns (as numbers, 款/项 formatted "00") or joined in one column, and the 合计 row
of a coded table as SUM formulas of its 类 rows with their cached values.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from budget_audit.document import Paragraph, Table
from budget_audit.numbers import looks_like_amount
from budget_audit.readers.text import read_text

_NOISE = 1e-9  # stored values carry binary noise; the number format hides it
_CODE_LABELS = ("类", "款", "项")
_MAX_HEADER_ROWS = 4  # a longer run of text rows is a form (绩效目标表): its blanks are not merges


def build_xlsx(text_report: Path | list[Table], out: Path, joined_codes: bool = False, sums: str = "top",
               one_sheet: bool = False) -> Path:
    """Every table of the text report (or the tables given) on a sheet of its own, 表1, 表2 …,
    or, one_sheet, all on sheet 表1 one under another with two blank rows between.

    sums: which rows the 合计 formulas add: "top" (the 类 rows), "leaves" (the 项 rows),
    "range" (one range over every coded row: 类, 款 and 项 alike), "short" (the 类 rows but
    the last), "none" (no formulas).
    """
    tables = read_text(text_report).tables if isinstance(text_report, Path) else text_report
    book = xlsxwriter.Workbook(str(out))
    top, ws = 0, book.add_worksheet("表1") if one_sheet else None
    for i, table in enumerate(tables, start=1):
        top = _sheet(book, ws or book.add_worksheet(f"表{i}"), table, joined_codes, sums, top if ws else 0) + 2
    book.close()
    return out


def sheet_cell(table: Table, r: int, c: int) -> str:
    """Where build_xlsx (codes not joined) puts the table's cell (r, c)."""
    return xl_rowcol_to_cell(len(table.caption) + r, c)


def build_docx(text_report: Path, out: Path, with_tables: bool = False, numbered: bool = False) -> Path:
    """The narrative paragraphs (and, with_tables, the tables as Word tables after them).

    numbered: paragraphs labelled 一、 and （一） in sequence get their label from Word's
    auto-numbering (chineseCounting) instead of their text, short ones in a Heading style.
    """
    document = docx.Document()
    source = read_text(text_report)
    counters = _list(document) if numbered else None
    for block in source.blocks:
        if isinstance(block, Paragraph):
            _add_paragraph(document, block.text, counters)
    for table in source.tables if with_tables else []:
        for line in table.caption:
            document.add_paragraph(line.text)
        rows = _texts(table)
        word = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for word_row, row in zip(word.rows, rows):
            for cell, text in zip(word_row.cells, row):  # row by row: word.cell(r, c) is slow
                cell.text = text
        for note in table.notes:
            document.add_paragraph(note.text)
    document.save(str(out))
    return out


_NUM_ID = "90"
_CN = "一二三四五六七八九十"


def _list(document) -> list[int]:  # type: ignore[no-untyped-def]
    """Declare a two-level Chinese-counting list: 一、 then （一）."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{t}"/></w:lvl>'
        for i, t in enumerate(("%1、", "（%2）")))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_NUM_ID}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{_NUM_ID}"><w:abstractNumId w:val="{_NUM_ID}"/></w:num>'))
    return [0, 0]


def _add_paragraph(document, text: str, counters: list[int] | None) -> None:  # type: ignore[no-untyped-def]
    level = None
    if counters is not None:
        labels = (f"{_CN[counters[0]]}、" if counters[0] < 10 else None,
                  f"（{_CN[counters[1]]}）" if counters[1] < 10 else None)
        level = next((i for i, label in enumerate(labels) if label and text.startswith(label)), None)
    if level is None:
        document.add_paragraph(text)
        return
    counters[level] += 1
    counters[1] = 0 if level == 0 else counters[1]
    body = text[len(f"{_CN[0]}、") if level == 0 else len("（一）"):]
    style = "Heading 1" if level == 0 and len(body) <= 30 and "，" not in body else None
    p = document.add_paragraph(body, style=style)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{_NUM_ID}"/></w:numPr>'))


def _texts(table: Table) -> list[list[str]]:
    width = table.width
    return [[c.text if c else "" for c in row] + [""] * (width - len(row)) for row in table.rows]


def _sheet(book, ws, table: Table, joined_codes: bool, sums: str, top: int) -> int:  # type: ignore[no-untyped-def]
    """Write the table from row top on; return the row after it."""
    rows = _texts(table)
    header = next((i for i, row in enumerate(rows) if _is_total(row) or any(
        looks_like_amount(t) and not t.isdigit() for t in row)), len(rows))
    codes = [c for c in range(len(rows[0])) if any(rows[r][c] in _CODE_LABELS for r in range(header))]
    if joined_codes and len(codes) > 1:
        rows = _join_codes(rows, header, codes)
        kept = [row for row in rows[:header] if any(row)]
        rows, header, codes = kept + rows[header:], len(kept), codes[:1]
    width = len(rows[0])
    title = book.add_format({"bold": True, "align": "center"})
    label = book.add_format({"border": 1, "align": "center", "valign": "vcenter"})
    for r, line in enumerate(table.caption):
        if r == 0 and width > 1:
            ws.merge_range(top + r, 0, top + r, width - 1, line.text, title)
        else:
            ws.write_string(top + r, 0, line.text)
    top += len(table.caption)
    _header(ws, rows[:header], top, label, merged=header <= _MAX_HEADER_ROWS)
    summed = [top + r for r in range(header, len(rows)) if _summed(rows[r], codes, sums)]
    summed = summed[:-1] if sums == "short" else summed
    for r in range(header, len(rows)):
        total = bool(codes) and _is_total(rows[r])
        for c, text in enumerate(rows[r]):
            _body_cell(book, ws, top + r, c, text, codes, summed if total else [], sums == "range")
        if total and rows[r][0] and not any(rows[r][1:codes[-1] + 2]):  # 合计 over the code and name columns
            ws.merge_range(top + r, 0, top + r, codes[-1] + 1, rows[r][0], label)
    for k, note in enumerate(table.notes):
        ws.write_string(top + len(rows) + k, 0, note.text)
    return top + len(rows) + len(table.notes)


def _join_codes(rows: list[list[str]], header: int, codes: list[int]) -> list[list[str]]:
    out = []
    for i, row in enumerate(rows):
        parts = [row[c] for c in codes]
        if i < header:
            joined = next((t for t in parts if t and t not in _CODE_LABELS), "")
        else:
            joined = "".join(parts) if all(t.isdigit() or not t for t in parts) else parts[0]
        out.append(row[:codes[0]] + [joined] + row[codes[-1] + 1:])
    return out


def _header(ws, rows: list[list[str]], top: int, fmt, merged: bool) -> None:  # type: ignore[no-untyped-def]
    """A label spans the blank fields to its right that have labels under them, and the blank rows below."""
    done: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in done or not text:
                continue
            if not merged:
                ws.write_string(top + r, c, text)
                continue
            right = c
            while (right + 1 < len(row) and not row[right + 1] and (r, right + 1) not in done
                   and any(rows[k][right + 1] for k in range(r + 1, len(rows)))):
                right += 1
            bottom = r
            if right == c:
                while bottom + 1 < len(rows) and not rows[bottom + 1][c] and (bottom + 1, c) not in done:
                    bottom += 1
            done.update((i, j) for i in range(r, bottom + 1) for j in range(c, right + 1))
            if (bottom, right) == (r, c):
                ws.write_string(top + r, c, text, fmt)
            else:
                ws.merge_range(top + r, c, top + bottom, right, text, fmt)


def _summed(row: list[str], codes: list[int], sums: str) -> bool:
    code = "".join(row[c] for c in codes)
    if not codes or not code.isdigit() or sums == "none":
        return False
    return sums == "range" or len(code) == (max(3, 2 * len(codes) + 1) if sums == "leaves" else 3)


def _is_total(row: list[str]) -> bool:
    return re.sub(r"\s", "", next((t for t in row if t), "")) in ("合计", "总计")


def _body_cell(book, ws, r: int, c: int, text: str, codes: list[int],  # type: ignore[no-untyped-def]
               summed: list[int], as_range: bool = False) -> None:
    """A code as a number, an amount as a number with its format, a SUM formula when summed rows are given."""
    if c in codes and text.isdigit():
        if c != codes[0] and len(text) == 2:  # 款/项 stored as numbers, shown with their leading zero
            ws.write_number(r, c, int(text), book.add_format({"num_format": "00"}))
        else:
            ws.write_number(r, c, int(text))
        return
    if c in codes or not looks_like_amount(text):
        if text:
            ws.write_string(r, c, text)
        return
    plain = text.replace(",", "")
    decimals = len(plain.partition(".")[2])
    fmt = book.add_format({"num_format": ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")})
    value = float(Decimal(plain)) + _NOISE
    if summed:
        cells = ",".join(xl_rowcol_to_cell(k, c) for k in summed)
        cells = f"{xl_rowcol_to_cell(summed[0], c)}:{xl_rowcol_to_cell(summed[-1], c)}" if as_range else cells
        ws.write_formula(r, c, f"=SUM({cells})", fmt, value)
    else:
        ws.write_number(r, c, value, fmt)
