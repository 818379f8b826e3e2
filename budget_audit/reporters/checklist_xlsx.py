"""The filled 公开情况检查表 as a workbook: an overview sheet, then one sheet per report.

A report's sheet has one block per checklist row: 序号, 检查项目, 检查要求, 符合要求 (是 / 否 /
待人工核对), and for a 否 one line per finding — its Chinese message with the page — beside
the crop of the page where it is printed (the screenshot a reviewer would paste by hand).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budget_audit.batch.work import FAILED, Outcome
from budget_audit.checklist.fill import NO, REVIEWER, Filled
from budget_audit.checklist.template import Template
from budget_audit.reporters.places import finding_places
from budget_audit.reporters.summary import DOCTYPE, SEVERITY

SHOT_WIDTH = 1000  # pixels: a landscape page's band at about 85 dpi, its digits still legible
_HEAD = ("序号", "检查项目", "检查要求", "符合要求", "问题描述", "截图")
_WIDTHS = (6, 22, 40, 12, 60, 143)  # 截图 column: SHOT_WIDTH at about 7 pixels a character
_FILL = {NO: "F8D7DA", REVIEWER: "FFF3CD"}


@dataclass
class Sheet:
    """One report's checklist: its outcome, the template used and the filled rows."""

    outcome: Outcome
    template: Template | None
    rows: list[Filled]


def write(path: Path, sheets: list[Sheet]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    overview = wb.active
    overview.title = "总览"
    names = _sheet_names(sheets)
    for sheet, name in zip(sheets, names):
        _report_sheet(wb.create_sheet(name), sheet)
    _overview(overview, sheets, names)
    wb.save(path)


def _sheet_names(sheets: list[Sheet]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    out = []
    for i, s in enumerate(sheets, 1):
        doc = s.outcome.document
        label = (doc["document"]["body"] if doc and doc["document"]["body"] else Path(s.outcome.path).stem)
        clean = "".join(ch for ch in label if ch not in "[]:*?/\\")
        out.append(f"{i}-{clean}"[:31])
    return out


def _overview(ws: Any, sheets: list[Sheet], names: list[str]) -> None:
    ws.append(("序号", "文件", "单位", "类型", "年度", "检查表", "不符合项", "待人工核对", "状态"))
    for i, (s, name) in enumerate(zip(sheets, names), 1):
        doc = s.outcome.document
        if doc is None:
            ws.append((i, s.outcome.path, "", "", "", "", "", "", f"{FAILED}：{s.outcome.reason}"))
        else:
            d = doc["document"]
            ws.append((i, s.outcome.path, d["body"] or "", DOCTYPE.get(d["type"], d["type"]), d["year"] or "",
                       s.template.title if s.template else "", sum(r.verdict == NO for r in s.rows),
                       sum(r.verdict == REVIEWER for r in s.rows), "已审核"))
        ws.cell(ws.max_row, 2).hyperlink = f"#'{name}'!A1"
    for col, width in zip("ABCDEFGHI", (6, 60, 30, 8, 8, 26, 10, 12, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def _report_sheet(ws: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font

    o, doc = sheet.outcome, sheet.outcome.document
    title = sheet.template.title if sheet.template else "公开情况检查表"
    if doc is not None:
        d = doc["document"]
        title = f"{d['body'] or ''}{d['year'] or ''}年{title}"
    ws.append((title,))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append((f"文件：{o.path}",))
    for col, width in zip("ABCDEF", _WIDTHS):
        ws.column_dimensions[col].width = width
    if doc is None:
        ws.append((f"{FAILED}：{o.reason}",))
        return
    ws.append(_HEAD)
    for c in ws[3]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A4"
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, filled in enumerate(sheet.rows, 1):
        _block(ws, number, filled, o, wrap)


def _block(ws: Any, number: int, filled: Filled, o: Outcome, wrap: Any) -> None:
    """The rows of one checklist item: one line per finding, the item's cells merged over them."""
    from openpyxl.styles import PatternFill

    first = ws.max_row + 1
    row = filled.row
    lines = [_describe(o, i) for i in filled.findings] or [row.reviewer if filled.verdict == REVIEWER else ""]
    for k, text in enumerate(lines):
        ws.append((number, row.item, row.requirement, filled.verdict, text) if k == 0 else (None, None, None, None, text))
        r = ws.max_row
        for c in ws[r]:
            c.alignment = wrap
        if filled.findings:
            _screenshot(ws, o, filled.findings[k], r)
    last = ws.max_row
    if last > first:
        for col in "ABCD":
            ws.merge_cells(f"{col}{first}:{col}{last}")
    if filled.verdict in _FILL:
        ws[f"D{first}"].fill = PatternFill("solid", fgColor=_FILL[filled.verdict])


def _describe(o: Outcome, index: int) -> str:
    f = o.document["findings"][index]
    places = finding_places(f)
    text = f"【{SEVERITY[f['severity']]}】{f['rule']} {f['message']}" + (f"（{places}）" if places else "")
    excerpt = o.excerpts[index] if index < len(o.excerpts) else None
    if excerpt:  # text input: the cited lines stand in for a screenshot
        text += "\n" + "\n".join(f"第{ln['line']}行：" + "".join(t for t, _ in ln["parts"]) for ln in excerpt if ln["cited"])
    return text


def _screenshot(ws: Any, o: Outcome, index: int, row: int) -> None:
    from openpyxl.drawing.image import Image as XlImage
    from PIL import Image

    crop = o.crops[index] if index < len(o.crops) else None
    if not crop:
        return
    image = Image.open(io.BytesIO(crop))
    if image.width > SHOT_WIDTH:
        image = image.resize((SHOT_WIDTH, round(image.height * SHOT_WIDTH / image.width)))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    shot = XlImage(buf)
    ws.add_image(shot, f"F{row}")
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 15, image.height * 0.75 + 4)
