"""The batch summary: one row per file, worst first; and every finding as a row.

In the terminal a rich table; `--summary FILE.csv` writes it with a second CSV of findings
(FILE-findings.csv), `--summary FILE.xlsx` with a second sheet.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budget_audit.batch.work import FAILED, Outcome
from budget_audit.reporters.places import finding_places

if TYPE_CHECKING:
    from rich.console import Console

COLUMNS = ("文件", "单位", "类型", "年度", "读到表格", "错误", "警告", "提示", "说明数字核对", "状态", "原因")
FINDING_COLUMNS = ("文件", "规则", "级别", "说明", "位置", "列示", "应为", "差额", "指纹")
DOCTYPE = {"budget": "预算", "final_accounts": "决算"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def status(o: Outcome) -> str:
    if o.document is None:
        return FAILED
    s = o.document["summary"]
    return "有错误" if s["error"] else "有警告" if s["warning"] else "仅有提示" if s["info"] else "未发现问题"


def row(o: Outcome) -> list[Any]:
    if o.document is None:
        return [o.path, "", "", "", "", "", "", "", "", status(o), o.reason or ""]
    d, s, c = o.document["document"], o.document["summary"], o.document["coverage"]["claims"]
    return [o.path, d["body"] or "", DOCTYPE.get(d["type"], d["type"]), d["year"] or "", len(d["tables"]),
            s["error"], s["warning"], s["info"], f"{c['verified']}/{c['found']}", status(o), ""]


def worst_first(outcomes: list[Outcome]) -> list[Outcome]:
    def badness(o: Outcome) -> tuple[Any, ...]:
        if o.document is None:
            return (0, 0, 0, 0, o.path)
        s = o.document["summary"]
        return (1, -s["error"], -s["warning"], -s["info"], o.path)
    return sorted(outcomes, key=badness)


def finding_rows(outcomes: list[Outcome]) -> list[list[Any]]:
    """Every finding of every file, in path order and the report's own finding order."""
    out = []
    for o in outcomes:
        for f in (o.document or {}).get("findings", []):
            out.append([o.path, f["rule"], SEVERITY[f["severity"]], f["message"], finding_places(f),
                        f["stated"] or "", f["expected"] or "", f["difference"] or "", f["fingerprint"]])
    return out


def render(outcomes: list[Outcome], console: Console) -> None:
    """The terminal table: the CSV's columns narrowed to fit 80 columns; the reasons of the
    files that could not be audited follow it, one line each."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"审核汇总（{len(outcomes)} 个文件，问题最多的在前）", title_justify="left",
              box=None, pad_edge=False, header_style="bold underline")
    for col in _TERMINAL:
        t.add_column(col, overflow="fold", no_wrap=col not in _WIDE, min_width=_WIDE.get(col),
                     justify="right" if col in _NUMBERS else "left")
    base = _common_folder(outcomes)
    for o in worst_first(outcomes):
        r = [str(v) for v in row(o)]
        counts = "/".join(r[5:8]) if not o.failed else ""
        t.add_row(_short(o, base), *r[1:5], counts, *r[8:10],
                  style="red" if o.failed or o.document["summary"]["error"] else None)
    if base:
        t.caption, t.caption_justify = f"文件位于 {base}", "left"
    console.print(t)
    for o in outcomes:
        if o.failed:
            console.print(Text(f"{FAILED}：{_short(o, base)}：{(o.reason or '').replace('：' + o.path, '')}", "red"),
                          soft_wrap=True)


def _short(o: Outcome, base: str) -> str:
    return o.path[len(base):] if base else o.path  # the shared folder is said once, in the caption


_TERMINAL = ("文件", "单位", "类型", "年度", "表格", "错/警/提", "核对", "状态")
_NUMBERS = ("年度", "表格", "错/警/提", "核对")
_WIDE = {"文件": 16, "单位": 10}  # these fold onto more lines; the rest keep one line


def _common_folder(outcomes: list[Outcome]) -> str:
    """The folder all paths share, with its trailing separator ('' when none or one file)."""
    if len(outcomes) < 2:
        return ""
    base = os.path.commonpath([o.path for o in outcomes])
    return base.rstrip(os.sep) + os.sep if base and base != os.sep and not any(o.path == base for o in outcomes) else ""


def write(path: Path, outcomes: list[Outcome]) -> list[Path]:
    """Write the summary (and its findings) as CSV or XLSX; return the files written."""
    rows = [row(o) for o in worst_first(outcomes)]
    if path.suffix.lower() == ".xlsx":
        _xlsx(path, rows, finding_rows(outcomes))
        return [path]
    findings = path.with_name(path.stem + "-findings.csv")
    _csv(path, COLUMNS, rows)
    _csv(findings, FINDING_COLUMNS, finding_rows(outcomes))
    return [path, findings]


def _csv(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    # utf-8-sig: Excel, the reviewers' tool, reads UTF-8 CSV as Chinese only with the BOM
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _xlsx(path: Path, rows: list[list[Any]], findings: list[list[Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for ws, header, body in ((wb.active, COLUMNS, rows), (wb.create_sheet(), FINDING_COLUMNS, findings)):
        ws.append(header)
        for r in body:
            ws.append(r)
        ws.freeze_panes = "A2"
    wb.worksheets[0].title, wb.worksheets[1].title = "汇总", "发现"
    wb.save(path)
