"""政府采购表 (B11), 购买服务表 (B12) and 项目支出表 (B10): one row per item, a 合计 row.

Columns are found by their header words, never by position; the templates differ in
order and wording (“采购金额合计(万元)”, “购买金额”, “支出功能分类科目” …).
"""

from __future__ import annotations

from budget_audit.document import Cell, Row
from budget_audit.understand.forms.cells import Coded, coded, figure_of, text
from budget_audit.understand.forms.model import ListRow, ListTable
from budget_audit.understand.headers import column_paths, header_size, padded_rows
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import key

# field → words its header contains; the first field that fits a column wins, so the
# narrower fields (中小企业 inside 采购金额) come first.
_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sme", ("中小企业",)),
    ("small", ("小微",)),
    ("includes_procurement", ("包含政府采购", "含政府采购")),
    ("item", ("品目",)),
    ("content", ("服务内容",)),
    ("function", ("功能",)),
    ("economic", ("经济分类",)),
    ("price", ("单价",)),
    ("quantity", ("数量",)),
    ("unit", ("单位名称",)),
    ("project", ("项目名称",)),
    ("amount", ("金额", "合计", "本年预算", "预算数", "项目支出")),
)
_TOTAL_WORDS = ("合计", "总计")
_YES, _NO = ("是",), ("否",)


def read_list(table: ReportTable) -> ListTable:
    rows = padded_rows(table.source)
    n = header_size(rows)
    header, body = rows[:n], rows[n:]
    columns = _columns(column_paths(header, body))
    out = ListTable(table, columns=sorted(columns))
    for needed in ("project", "amount"):
        if needed not in columns:
            out.problems.append(f"{table.title}：表头中找不到“{_NAMES[needed]}”列")
    if out.problems:
        return out
    for row in body:
        line = _row(row, columns, table.unit)
        if line is None:
            continue
        if _is_total(row, columns):
            out.total = out.total or line
        elif line.project or line.item:
            out.rows.append(line)
    return out


_NAMES = {"project": "项目", "amount": "金额"}


def _columns(paths: list[list[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, path in enumerate(paths):
        leaf, joined = (path[-1] if path else ""), "".join(path)
        name = next((f for f, words in _FIELDS if _fits(f, words, leaf, joined)), None)
        if name is None and leaf == "项目":
            name = "project"
        if name and name not in found:
            found[name] = c
    return found


def _fits(field: str, words: tuple[str, ...], leaf: str, joined: str) -> bool:
    # amounts are named at the lowest header level (采购金额 spans 中小企业 below it)
    where = leaf if field in ("amount", "sme", "small") else joined
    return any(w in where for w in words)


def _cell(row: Row, columns: dict[str, int], name: str) -> Cell | None:
    c = columns.get(name)
    return row[c] if c is not None and c < len(row) else None


def _row(row: Row, columns: dict[str, int], unit: str) -> ListRow | None:
    """A data or total row: one that prints an amount; unit sub-heading rows print none."""
    amount = figure_of(_cell(row, columns, "amount"), unit)
    if amount is None:
        return None
    first = next(c for c in row if c is not None and c.text.strip())
    flag = text(_cell(row, columns, "includes_procurement"))
    item = text(_cell(row, columns, "item"))
    return ListRow(
        project=text(_cell(row, columns, "project")), location=first.location,
        unit=text(_cell(row, columns, "unit")), amount=amount,
        item=coded(item) if item else None,
        function=_coded(row, columns, "function"), economic=_coded(row, columns, "economic"),
        quantity=text(_cell(row, columns, "quantity")), price=figure_of(_cell(row, columns, "price"), unit),
        sme=figure_of(_cell(row, columns, "sme"), unit), small=figure_of(_cell(row, columns, "small"), unit),
        includes_procurement=True if flag in _YES else False if flag in _NO else None,
        content=text(_cell(row, columns, "content")))


def _coded(row: Row, columns: dict[str, int], name: str) -> Coded | None:
    t = text(_cell(row, columns, name))
    return coded(t) if t else None


def _is_total(row: Row, columns: dict[str, int]) -> bool:
    """The 合计 row: a total word where a name would be, and no item of its own."""
    words = [key(c.text) for c in row if c is not None and c.text.strip()]
    project = key(text(_cell(row, columns, "project")))
    return any(w in _TOTAL_WORDS for w in words) and (not project or project in _TOTAL_WORDS) \
        and not text(_cell(row, columns, "item"))
