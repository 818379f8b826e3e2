"""Figure references into the project forms (tables of layout `list`), for rules and the
narrative binder:

    政府采购表[合计].采购金额            the printed 合计 row
    政府采购表[品目=A].采购金额          Σ of the rows whose 品目 code starts with A (货物)
    购买服务表[合计].购买金额
    项目支出表[合计].金额
    整体绩效目标表[收入构成>财政拨款].当年金额   a 收入构成 / 支出构成 line (合计 for the total)

A sum of rows keeps the rounding of each of its terms (its interval is their total).
"""

from __future__ import annotations

from budget_audit.engine.selectors import Operand, Ref, Unresolved
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ListRow, ListTable, Overview, ShareLine
from budget_audit.understand.model import Figure, Line, Report
from budget_audit.understand.normalize import key

# the columns a reference may name, per table catalogue id → the ListRow field
LIST_COLUMNS = {
    "B10": {"金额": "amount"},
    "B11": {"采购金额": "amount", "面向中小企业": "sme", "面向小微企业": "small"},
    "B12": {"购买金额": "amount"},
}
OVERVIEW_COLUMNS = ("当年金额", "上年")  # and the 近两年 columns by year: 2023年; 上年 = report year − 1
_LISTS = {"B10": "project_lists", "B11": "procurement", "B12": "services"}
_GROUPS = {"收入构成": "income", "支出构成": "spending"}


def is_form_column(catalogue: str, column: str) -> bool:
    if catalogue == "B13":
        return column in OVERVIEW_COLUMNS or (column.endswith("年") and column[:-1].isdigit())
    return column in LIST_COLUMNS.get(catalogue, {})


def resolve_form(ref: Ref, report: Report, catalogue: str) -> Operand | Unresolved:
    if catalogue in _LISTS:
        found = _in_list(ref, getattr(report.forms, _LISTS[catalogue]))
    elif catalogue == "B13":
        column = f"{report.year - 1}年" if ref.column == "上年" and report.year else ref.column
        found = _in_overview(ref, report.forms.overviews, column)
    else:
        found = Unresolved("not_applicable", f"{ref.table}不能按行列引用")
    if isinstance(found, Unresolved) and found.outcome == "not_applicable" and ref.optional:
        return Operand(None, None, None, None, ref.column or "金额")  # absent counts as 0
    return found


def _one(ref: Ref, found: list) -> object | Unresolved:
    if not found:
        return Unresolved("not_applicable", f"报告中没有{ref.table}")
    if len(found) > 1:
        return Unresolved("insufficient_data", f"报告中有多张{ref.table}，无法确定引用哪一张")
    if not found[0].readable:
        return Unresolved("insufficient_data", f"{ref.table}未能完整读取：{found[0].problems[0]}")
    return found[0]


def _in_list(ref: Ref, tables: list[ListTable]) -> Operand | Unresolved:
    table = _one(ref, tables)
    if isinstance(table, Unresolved):
        return table
    assert isinstance(table, ListTable)
    column = ref.column or "金额"
    field = LIST_COLUMNS[table.table.kind.catalogue].get(column, "amount")
    if ref.row == "合计":
        if table.total is None:
            return Unresolved("insufficient_data", f"{ref.table}没有合计行")
        return _list_operand(table, table.total, field, column)
    if ref.row.startswith("品目="):
        letter = ref.row.split("=", 1)[1].strip().upper()
        rows = [r for r in table.rows if r.category == letter]
        return _sum_operand(table, rows, field, column, f"品目{letter}类各行合计")
    return Unresolved("not_applicable", f"{ref.table}中没有“{ref.row}”行")


def _list_operand(table: ListTable, row: ListRow, field: str, column: str) -> Operand:
    fig: Figure | None = getattr(row, field)
    line = Line(label=row.project or "合计", location=row.location, values={column: fig} if fig else {})
    return Operand(fig.amount if fig else None, fig, table.table, line, column)


def _sum_operand(table: ListTable, rows: list[ListRow], field: str, column: str, label: str) -> Operand:
    figures = [f for r in rows if (f := getattr(r, field)) is not None and f.amount is not None]
    amount = summed([f.amount for f in figures])  # type: ignore[misc]
    at = rows[0].location if rows else table.table.location
    return Operand(amount, None, table.table, Line(label=label, location=at), column)


def _in_overview(ref: Ref, overviews: list[Overview], column: str | None) -> Operand | Unresolved:
    found = _one(ref, overviews)
    if isinstance(found, Unresolved):
        return found
    assert isinstance(found, Overview)
    group, _, name = ref.row.partition(">")
    lines = getattr(found, _GROUPS.get(group.strip(), ""), None)
    if lines is None or not name:
        return Unresolved("not_applicable", f"{ref.table}没有“{ref.row}”行")
    matches = [ln for ln in lines if _named(ln, name)]
    if len(matches) != 1:
        why = "没有" if not matches else "不止一行"
        return Unresolved("not_applicable" if not matches else "insufficient_data", f"{ref.table}{why}“{ref.row}”")
    return _overview_operand(found, matches[0], column or "当年金额")


def _named(line: ShareLine, name: str) -> bool:
    """合计 names the group's total; other names match the start of the printed label
    (人员类 → 人员类项目支出)."""
    if key(name) in ("合计", "总计"):
        return line.is_total
    return not line.is_total and key(line.label).startswith(key(name))


def _overview_operand(overview: Overview, line: ShareLine, column: str) -> Operand:
    fig = line.amount if column == "当年金额" else line.years.get(column)
    row = Line(label=line.label, location=line.location, values={column: fig} if fig else {})
    return Operand(fig.amount if fig else None, fig, overview.table, row, column)
