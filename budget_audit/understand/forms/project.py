"""项目支出（绩效目标）申报表 (B14), one per project, read section by section.

A form is a run of label rows (项目名称 | …), then sections that start at their own
heading: 资金来源, 项目支出明细, 资产配置及采购计划, 绩效总目标, 长期/年度绩效目标表. The
sections may continue in the sub-tables printed after the form; the caller hands over
all their rows in order. Cells are read by label and by kind (amount, text), because the
rows of these forms rarely line up with their header.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budget_audit.document import Cell, Row
from budget_audit.numbers import parse_amount
from budget_audit.understand.forms.cells import after, figure_of, index_of, text
from budget_audit.understand.forms.model import DetailLine, FundingLine, Indicator, PlanItem, ProjectForm
from budget_audit.understand.model import Figure, ReportTable
from budget_audit.understand.normalize import key

# section → words of the heading row that opens it (compared as keys, in this order)
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("funding", ("资金来源",)),
    ("details", ("项目支出明细", "项目内容", "测算依据")),
    ("plan", ("资产配置", "采购计划")),
    ("goals", ("绩效总目标", "目标说明")),
    ("long", ("长期绩效目标表",)),
    ("annual", ("年度绩效目标表",)),
)
_ORDER = [s for s, _ in _SECTIONS]
_MONEY = re.compile(r"(亿元|万元|元|万)$")
_BUDGET_LABELS = ("项目当年预算", "当年预算", "项目本年预算", "本年预算", "项目本年度预算")
_HEADER_WORDS = ("一级指标", "指标分值权重", "指标权重比例")  # contained in a header cell
_HEADER_CELLS = ("前年", "上年")  # a header cell by itself


def read_project_form(table: ReportTable, rows: list[Row]) -> ProjectForm:
    form = ProjectForm(table)
    section: str | None = None
    plan_cols: dict[str, int] = {}
    weight_cols: dict[str, int] = {}
    indicator_rows: set[tuple[str, ...]] = set()
    for row in rows:
        keys = [key(c.text) if c is not None else "" for c in row]
        if not any(keys):
            continue
        if section == "annual":
            # a row printed twice (a merged cell repeated at a page break) is one row
            if tuple(keys) in indicator_rows:
                continue
            indicator_rows.add(tuple(keys))
        opened = _opens(keys, section)
        if opened:
            section = opened
            form.seen.add(opened)
            if opened == "plan":
                plan_cols.clear()
        if section is None:
            _label_row(row, keys, form)
        elif section == "funding" and not opened:
            _funding_row(row, keys, form)
        elif section == "details":
            _detail_row(row, keys, form, bool(opened))
        elif section == "plan":
            _plan_row(row, keys, form, plan_cols)
        elif section == "annual":
            _indicator_row(row, keys, form, weight_cols)
    return form


def _opens(keys: list[str], section: str | None) -> str | None:
    """The section a heading row opens; sections only move forward (a 测算依据 row inside
    the details is no new heading)."""
    current = _ORDER.index(section) if section else -1
    first = next(k for k in keys if k)
    for name, words in _SECTIONS:
        if _ORDER.index(name) <= current:
            continue
        if name in ("long", "annual"):
            if first.startswith(words[0]):
                return name
        elif any(w in k for k in keys for w in words):
            return name
    return None


def _label_row(row: Row, keys: list[str], form: ProjectForm) -> None:
    for i, k in enumerate(keys):
        if k.startswith("项目名称") and not form.name:
            name = next(((j, text(c)) for j, c in enumerate(row) if j > i and c is not None and text(c)), None)
            if name:
                form.name, form.name_location = name[1], row[name[0]].location  # type: ignore[union-attr]
        if k in _BUDGET_LABELS:
            form.budget = form.budget or after(row, i, form.table.unit)


def _funding_row(row: Row, keys: list[str], form: ProjectForm) -> None:
    i = next(j for j, k in enumerate(keys) if k)
    label = text(row[i])
    amount = after(row, i, form.table.unit)
    if "合计" in keys[i]:
        form.funding_total = form.funding_total or amount
    elif figure_of(row[i], form.table.unit) is None:
        form.funding.append(FundingLine(label, row[i].location, amount))  # type: ignore[union-attr]


def _detail_row(row: Row, keys: list[str], form: ProjectForm, heading: bool) -> None:
    amounts = [f for c in row if (f := figure_of(c, form.table.unit)) is not None]
    words = [text(c) for c in row if c is not None and text(c) and figure_of(c, form.table.unit) is None]
    if amounts:
        first = next(c for c in row if c is not None and text(c))
        form.details.append(DetailLine(words, first.location, amounts))
    elif words and form.details and not heading and not _is_heading(keys):
        form.details[-1].texts.extend(words)  # 测算依据 printed on its own row


def _is_heading(keys: list[str]) -> bool:
    return any(w in k for k in keys for _, words in _SECTIONS for w in words)


def _plan_row(row: Row, keys: list[str], form: ProjectForm, cols: dict[str, int]) -> None:
    if any(k.startswith("品名") for k in keys) or any("资产配置" in k or "采购计划" in k for k in keys):
        for name, word in (("amount", "金额"), ("quantity", "数量")):
            if (i := index_of(row, word)) is not None:
                cols[name] = i
        return
    first = next(i for i, k in enumerate(keys) if k)
    item = PlanItem(text(row[first]), row[first].location)  # type: ignore[union-attr]
    if (q := cols.get("quantity")) is not None and q < len(row):
        item.quantity = text(row[q])
    item.amount = _plan_amount(row, cols, form.table.unit)
    if item.amount is None:
        form.plan_problems.append(f"“{item.name}”的金额无法确定")
    form.plan.append(item)


def _plan_amount(row: Row, cols: dict[str, int], unit: str) -> Figure | None:
    """The 金额 cell; else the one figure printed with a money unit (数量 is often “1”)."""
    a = cols.get("amount")
    if a is not None and a < len(row) and (f := figure_of(row[a], unit)) is not None:
        return f
    money = [f for c in row if c is not None and _MONEY.search(text(c)) and (f := figure_of(c, unit)) is not None]
    return money[0] if len(money) == 1 else None


def _indicator_row(row: Row, keys: list[str], form: ProjectForm, cols: dict[str, int]) -> None:
    filled = [k for k in keys if k]
    if filled[0].startswith("年度绩效目标表") and len(filled) == 1:
        return
    if any(w in k for k in keys for w in _HEADER_WORDS) or any(k in _HEADER_CELLS for k in keys):
        for name, word in (("weight", "分值权重"), ("declared", "权重比例")):
            if (i := index_of(row, word)) is not None:
                cols[name] = i
        return
    if "weight" not in cols:
        form.weight_problems.append("年度绩效目标表中找不到“指标分值权重”列")
        return
    declared = cols.get("declared")
    if declared is not None and declared < len(row) and (f := _plain(row[declared], form)) is not None:
        form.declared_weight = _added(form.declared_weight, f)
    texts = [text(c) for c in row if c is not None and text(c)]
    indicator = Indicator(max(texts, key=len), row[next(i for i, k in enumerate(keys) if k)].location)  # type: ignore[union-attr]
    indicator.weight = _weight(row, cols, form)
    if indicator.weight is None:
        form.weight_problems.append(f"指标“{indicator.name}”的分值权重无法确定")
    form.indicators.append(indicator)


def _weight(row: Row, cols: dict[str, int], form: ProjectForm) -> Figure | None:
    """The 指标分值权重 cell; a row printed out of line has its weight elsewhere: accept
    it only when it is the row's one plain number."""
    w = cols["weight"]
    if w < len(row) and (f := _plain(row[w], form)) is not None:
        return f
    others = _plain_numbers(row, form, {cols.get("declared", -1)})
    return others[0] if len(others) == 1 else None


def _plain(cell: Cell | None, form: ProjectForm) -> Figure | None:
    """A bare number (no unit, no sign such as ≥ or %): weights are printed so."""
    if cell is None:
        return None
    amount = parse_amount(cell.text, form.table.unit)
    return Figure(amount, cell.location, cell.text.strip()) if amount else None


def _plain_numbers(row: Row, form: ProjectForm, skip: set[int]) -> list[Figure]:
    return [f for i, c in enumerate(row) if i not in skip and (f := _plain(c, form)) is not None]


def _added(total: Figure | None, part: Figure) -> Figure:
    """Declared proportions of several annual targets add up."""
    if total is None or total.amount is None or part.amount is None:
        return part
    return Figure(replace(total.amount, value=total.amount.value + part.amount.value,
                          raw=f"{total.amount.value + part.amount.value}"), total.location, total.raw)
