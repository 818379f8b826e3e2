"""Figure references in rules: `表[.栏][行][.列][?]`, parsed here, resolved on a Report.

Examples: `收支总表.收入[本年收入合计]`, `支出总表[合计].基本支出`,
`支出总表[code=201].合计`, `基本支出表[code=30217:公务接待].合计`, `财政拨款收支总表.收入[本年收入>一般公共预算拨款]`,
`政府性基金预算支出表[合计]?` (a trailing ? : an absent table or row counts as 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_audit.errors import RuleError
from budget_audit.numbers import Amount
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Figure, Line, Panel, Report, ReportTable
from budget_audit.understand.normalize import key

_REF = re.compile(
    r"^(?P<table>[^.\[\]?]+)(?:\.(?P<panel>[^.\[\]?]+))?\[(?P<row>[^\]]+)\](?:\.(?P<column>[^.\[\]?]+))?(?P<optional>\?)?$"
)


@dataclass(frozen=True)
class Ref:
    text: str
    table: str
    panel: str | None
    row: str  # a canonical row name, a path a>b, 'code=…', or 合计
    column: str | None
    optional: bool


@dataclass
class Operand:
    """A resolved figure: None amount means printed empty (counts as 0)."""

    amount: Amount | None
    figure: Figure | None
    table: ReportTable | None
    line: Line | None
    column: str


@dataclass
class Unresolved:
    outcome: str  # not_applicable | insufficient_data
    reason: str


def parse_ref(text: str, catalog: Catalog, where: str) -> Ref:
    m = _REF.match(text.strip())
    if not m:
        raise RuleError(f"{where}: 无法解析的引用 {text!r}（格式：表[.栏][行][.列][?]）")
    table = m["table"].strip()
    if table not in catalog.kinds:
        raise RuleError(f"{where}: 引用 {text!r} 中的表 {table!r} 未在 tables.yaml 中声明")
    panel = m["panel"]
    column = m["column"]
    if column is not None and catalog.kinds[table].layout == "list":
        _check_form_column(text, catalog.kinds[table].catalogue, column, where)
    elif column is not None and column.split("@")[0] not in catalog.columns:
        raise RuleError(f"{where}: 引用 {text!r} 中的列 {column!r} 未在 tables.yaml 的 columns 中声明")
    return Ref(text, table, panel, m["row"].strip(), column, bool(m["optional"]))


def resolve(ref: Ref, report: Report, catalog: Catalog) -> Operand | Unresolved:
    if catalog.kinds[ref.table].layout == "list":  # the project forms are read apart (forms)
        from budget_audit.engine.formrefs import resolve_form
        return resolve_form(ref, report, catalog.kinds[ref.table].catalogue)
    tables = report.tables_of(ref.table)
    if not tables:
        return _absent(ref, f"报告中没有{ref.table}")
    if len(tables) > 1:
        return Unresolved("insufficient_data", f"报告中有多张{ref.table}，无法确定引用哪一张")
    table = tables[0]
    if not table.readable:
        return Unresolved("insufficient_data", f"{ref.table}未能完整读取：{table.problems[0]}")
    panel = table.panel(ref.panel)
    if panel is None:
        return Unresolved("insufficient_data", f"{ref.table}没有“{ref.panel or '唯一'}”栏")
    lines = find_lines(panel, ref.row, catalog)
    if not lines:
        if table.is_empty and ref.optional:
            return Operand(None, None, table, None, ref.column or "合计")
        return _absent(ref, f"{ref.table}中没有“{ref.row}”行")
    if len(lines) > 1:
        return Unresolved("insufficient_data", f"{ref.table}中“{ref.row}”行不止一行")
    column = ref.column or (panel.columns[0] if len(panel.columns) == 1 else "合计")
    if column not in panel.columns:
        return _absent(ref, f"{ref.table}没有“{column}”列")
    fig = lines[0].figure(column)
    return Operand(fig.amount if fig else None, fig, table, lines[0], column)


def _check_form_column(text: str, catalogue: str, column: str, where: str) -> None:
    from budget_audit.engine.formrefs import is_form_column
    if not is_form_column(catalogue, column):
        raise RuleError(f"{where}: 引用 {text!r} 中的列 {column!r} 不是{catalogue}表可引用的列")


def _absent(ref: Ref, reason: str) -> Operand | Unresolved:
    if ref.optional:
        return Operand(None, None, None, None, ref.column or "合计")
    return Unresolved("not_applicable", reason)


def find_lines(panel: Panel, row: str, catalog: Catalog) -> list[Line]:
    """Lines matching a row selector: 合计, code=…, a canonical name, or parent>child."""
    if row.startswith("code="):
        # code=30212:因公出国 — the code, and only when its printed name says what the rule
        # means (templates renumber economic 款, so a bare code can name something else)
        code, _, name = row[5:].partition(":")
        return [ln for ln in panel.lines if ln.code == code.strip() and key(name) in key(ln.label)]
    if row == "合计" and any(ln.code for ln in panel.lines):
        return [ln for ln in panel.lines if ln.is_total and not ln.code]
    if ">" in row:
        # 本年收入>一般公共预算拨款: under its parent when the table prints one,
        # else the top-level row (templates without a 本年收入 line)
        parent, child = (part.strip() for part in row.split(">", 1))
        if any(_named(ln, parent, catalog) for ln in panel.lines):
            return [ln for ln in _children_of(panel, parent, catalog) if _named(ln, child, catalog)]
        return [ln for ln in panel.lines if _named(ln, child, catalog) and ln.outline <= 1]
    return [ln for ln in panel.lines if _named(ln, row, catalog)]


def _named(line: Line, name: str, catalog: Catalog) -> bool:
    return key(line.label) in catalog.row_aliases(name) or key(line.label) == key(name)


def _children_of(panel: Panel, parent: str, catalog: Catalog) -> list[Line]:
    out: list[Line] = []
    inside: int | None = None
    for ln in panel.lines:
        if inside is not None:
            if ln.outline <= inside or (ln.outline == 0 and inside > 0):
                inside = None
            else:
                out.append(ln)
                continue
        if _named(ln, parent, catalog):
            inside = ln.outline
    return out
