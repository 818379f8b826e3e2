"""部门（单位）整体绩效目标申报表 (B13): 收入构成 and 支出构成 with shares and the 近两年
columns, and the 项目支出情况 list of projects.

Rows of this form are often printed out of line with its header (a merged 合计 cell
pulls the row left), so a line is read by the kind of each cell after its label: the
amount before the share is this year's, the amounts after it are the 近两年 columns.
"""

from __future__ import annotations

import re

from budget_audit.document import Row
from budget_audit.understand.forms.cells import figure_of, index_of, share_of, text
from budget_audit.understand.forms.model import Overview, ProjectLine, ShareLine
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import key

_YEAR = re.compile(r"^(19|20)\d{2}年?$")
_GROUPS = {"收入构成": "income", "支出构成": "spending"}
_TOTAL = ("合计", "总计")
_CURRENT = ("本年度预算", "本年预算", "当年预算")
# 支出项目类别 values (人员类 / 运转类 / 特定目标类 …): a PDF may glue them to the name
CATEGORY = re.compile(r"(人员类|运转类|特定目标类)[\u4e00-\u9fff]*$")


def read_overview(table: ReportTable, rows: list[Row]) -> Overview:
    out = Overview(table)
    group: str | None = None
    project_cols: tuple[int | None, int | None, int] | None = None
    for row in rows:
        keys = [key(c.text) if c is not None else "" for c in row]
        if any("近两年" in k for k in keys) or (not out.years and _years(row)):
            out.years = out.years or _years(row)
        if project_cols is None and any("项目名称" in k for k in keys):
            project_cols = _project_columns(row)
            group = None
            continue
        if project_cols is not None:
            if not _project_row(row, project_cols, out, table.unit):
                project_cols = None
            continue
        group = next((g for k in keys for word, g in _GROUPS.items() if word in k), group)
        if group is not None:
            line = _share_line(row, out, table.unit)
            if line is not None:
                (out.income if group == "income" else out.spending).append(line)
                if line.is_total and group == "spending":
                    group = None
    if not out.income and not out.spending:
        out.problems.append(f"{table.title}：未找到收入构成、支出构成")
    return out


def _years(row: Row) -> list[str]:
    return [text(c) for c in row if c is not None and _YEAR.match(text(c))]


def _share_line(row: Row, out: Overview, unit: str) -> ShareLine | None:
    """label | amount | share | year amounts …, wherever the label sits."""
    cells = [c for c in row if c is not None and c.text.strip()]
    labels = [i for i, c in enumerate(cells) if figure_of(c, unit) is None and share_of(c) is None
              and key(c.text) not in _GROUPS and "资金情况" not in key(c.text)]
    if not labels:
        return None
    label_cell = cells[labels[-1]]
    values = cells[labels[-1] + 1:]
    line = ShareLine(text(label_cell), label_cell.location, is_total=key(label_cell.text) in _TOTAL)
    shares = [i for i, c in enumerate(values) if share_of(c) is not None]
    before = values[:shares[0]] if shares else values[:1]
    later = values[shares[0] + 1:] if shares else values[1:]
    if shares:
        line.share = share_of(values[shares[0]])
    if not shares and len(values) > 1 and len(values) != 1 + len(out.years):
        out.problems.append(f"{text(label_cell)}行没有占比，数字无法对应到列")
        return line
    if len(before) > 1 or any(figure_of(c, unit) is None for c in before + later):
        out.problems.append(f"{text(label_cell)}行的数字无法对应到列")
        return line
    line.amount = figure_of(before[0], unit) if before else None
    years = out.years[-len(later):] if later and len(later) <= len(out.years) else []
    if later and not years:
        out.problems.append(f"{text(label_cell)}行的近两年数字无法对应到年份")
    line.years = {y: f for y, c in zip(years, later) if (f := figure_of(c, unit)) is not None}
    return line


def _project_columns(row: Row) -> tuple[int | None, int | None, int]:
    """(项目总预算, 项目本年度预算, 项目名称) column indices of the header row."""
    name = index_of(row, "项目名称") or 0
    return index_of(row, "总预算"), index_of(row, *_CURRENT), name


def _project_row(row: Row, cols: tuple[int | None, int | None, int], out: Overview, unit: str) -> bool:
    """Read one 项目支出情况 row; False when the row is no project row (the list ended)."""
    amounts = [i for i, c in enumerate(row) if figure_of(c, unit) is not None]
    if not amounts:
        return False
    names = [project_name(text(c)) for c in row[:amounts[0]] if c is not None and text(c)]
    names = [n for n in names if n and not key(n).endswith("情况") and not CATEGORY.match(key(n))]
    if len(names) == 1 and key(names[0]) in _TOTAL:
        return True  # the list's own 合计 row names no project
    if len(names) != 1:
        out.project_problems.append(f"{_where(row)}的项目名称无法确定")
        return True
    total_col, current_col, _ = cols
    line = ProjectLine(names[0], next(c for c in row if c is not None and text(c)).location)
    figures = [figure_of(row[i], unit) for i in amounts[:2]]
    if len(figures) == 2 and total_col is not None and current_col is not None:
        line.total, line.current = figures if total_col < current_col else figures[::-1]
    elif amounts[0] == current_col or (total_col is None and len(figures) == 1):
        line.current = figures[0]
    elif amounts[0] == total_col:
        line.total = figures[0]
    else:
        out.project_problems.append(f"“{names[0]}”的预算数无法对应到列")
    out.projects.append(line)
    return True


def project_name(raw: str) -> str:
    """A project name without a 支出项目类别 glued to its end ('' when it is only a category)."""
    return CATEGORY.sub("", raw).strip()


def _where(row: Row) -> str:
    loc = next((c.location for c in row if c is not None), None)
    return loc.where() if loc is not None and loc.where() else "第?行"
