"""The 长期 / 年度 绩效目标表 of a performance form (B13 and B14), read as indicators.

The rows of these tables rarely line up with their header (merged 一级/二级指标 cells pull
them left), so a row is read by the kind of each cell, not by its column: goal labels
(“年度绩效目标1”), 一级/二级指标 categories (“产出指标”), the 指标值确定依据 (“计划数据”) and
weights (bare numbers) are set aside; what remains is the 三级指标 name and its values, in
the order of the header (前年, 上年, 预计当年实现 in a 年度 table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_audit.document import Cell, Row
from budget_audit.understand.forms.cells import text
from budget_audit.understand.forms.model import Target, TargetSheet, TargetValue
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import key, nfkc

_OPENS = {
    "长期": re.compile(r"长期绩效目标表|^长期目标(\d+|$)|^长期绩效指标$"),  # “长期目标1:” may have its text glued
    "年度": re.compile(r"年度绩效目标表|^年度目标(\d+|$)|^年度绩效指标$"),
}
_GOAL_LABEL = re.compile(r"^(长期|年度)(绩效)?(目标|指标)\d*$")
_CATEGORY = re.compile(r"^[\u4e00-\u9fff]{1,10}指标$|^可持续(性)?影响(效益)?$")
_BASIS = {"计划数据", "计划标准", "行业标准", "政策标准", "历史标准", "其他标准", "历史数据", "行业数据", "统计数据", "其他"}
_WEIGHT = re.compile(r"^\d+(\.\d+)?$")
_HEADER = re.compile(r"[一二三]级指标|指标值|指标名称|确定依据|^前年$|^上年$|当年实现|目标名称|权重|目标说明|^名称$")
_YEARS = (("前年", "前年"), ("上年", "上年"), ("当年", "当年"))  # header word → column
_OPERATOR_START = re.compile(r"\s+|(?<=[^\s=＝≥≤≧≦<>])(?=[=＝≥≤≧≦<>])")
_LEADING_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)([\u4e00-\u9fff].*指标)$")
_TRAILING_WEIGHT = re.compile(r"^(.*[^\d.])(\d+(?:\.\d+)?)$")
_KNOWN_CATEGORY = re.compile(r"(产出|数量|质量|时效|成本|经济成本|社会成本|生态环境成本|效益|经济效益|社会效益|生态效益"
                             r"|可持续影响|满意度|服务对象满意度)指标")
_VALUE_LIKE = re.compile(r"^[=＝≥≤≧≦<>\d\-—－]")


def read_targets(table: ReportTable, rows: list[Row], form: str) -> TargetSheet:
    sheet = TargetSheet(table, form)
    mode: str | None = None
    columns = {"长期": ["长期"], "年度": ["前年", "上年", "当年"]}
    for row in rows:
        cells = [piece for c in row if c is not None and text(c) for piece in _pieces(c)]
        if not cells:
            continue
        first = key(cells[0].text)
        opened = next((m for m, rx in _OPENS.items() if rx.search(first)), None)
        mode = opened or mode
        if mode is None:
            sheet.texts.append(cells)
            continue
        if _is_header(cells):
            order = _header_columns(cells)
            if mode == "年度" and order:
                columns["年度"] = order
            continue
        target = _target(cells, mode, columns[mode])
        if target is not None:
            sheet.targets.append(target)
    return sheet


def _pieces(cell: Cell) -> list[Cell]:
    """The cell, or the cells a PDF table reader glued into it when the columns of a
    continued table did not line up (“=100% =100% 15计划数据”, “100产出指标”,
    “满意度指标服务对象满意度指标周边居民满意度”)."""
    out: list[str] = []
    for word in _OPERATOR_START.split(text(cell)):
        out.extend(_peeled(word))
    if len(out) == 1:
        return [cell]
    return [Cell(w, cell.location) for w in out if w]


def _peeled(word: str) -> list[str]:
    head: list[str] = []
    if m := _LEADING_WEIGHT.match(word):  # a 指标权重比例 glued to the category after it
        head, word = [m.group(1)], m.group(2)
    while (m := _KNOWN_CATEGORY.match(word)) and m.end() < len(word):
        head.append(m.group(0))
        word = word[m.end():]
    tail: list[str] = []
    basis = next((b for b in _BASIS if word.endswith(b) and word != b), None)
    if basis:  # value, weight and 确定依据 glued: “≥6户5计划数据”
        word, tail = word[:-len(basis)], [basis]
        if (m := _TRAILING_WEIGHT.match(word)) and _VALUE_LIKE.match(word):
            word, tail = m.group(1), [m.group(2), *tail]
    return head + [word] + tail


def _is_header(cells: list[Cell]) -> bool:
    words = [key(c.text) for c in cells if not _GOAL_LABEL.match(key(c.text))]
    return bool(words) and all(_HEADER.search(w) for w in words)


def _header_columns(cells: list[Cell]) -> list[str]:
    found = [(i, key(c.text).index(word), col) for i, c in enumerate(cells) for word, col in _YEARS if word in key(c.text)]
    return [col for *_, col in sorted(found)] if len(found) == len(_YEARS) else []


def _target(cells: list[Cell], mode: str, columns: list[str]) -> Target | None:
    kept: list[Cell] = []
    categories: list[str] = []
    for c in cells:
        k = key(c.text)
        if _GOAL_LABEL.match(k) or k in _BASIS or _WEIGHT.match(text(c)):
            continue
        if _CATEGORY.match(k):
            categories.append(k)
            continue
        kept.append(c)
    n = len(columns)
    if len(kept) > n:
        name, values, labels = "".join(text(c) for c in kept[:-n]), kept[-n:], columns
    elif len(kept) == n and _VALUE_LIKE.match(text(kept[0])):  # the row prints no name
        name, values, labels = "", kept, columns
    elif len(kept) >= 2:  # fewer values than columns: which column each is cannot be told
        name, values, labels = text(kept[0]), kept[1:], [""] * (len(kept) - 1)
    else:
        return None
    repeated = next((k for k in categories if categories.count(k) > 1), "") if not name else ""
    out = Target(name, mode, (kept[0] if name else values[0]).location, repeated_category=repeated)
    out.values = [TargetValue(text(c), col, c.location) for c, col in zip(values, labels)]
    return out


@dataclass(frozen=True)
class Measure:
    """An indicator value as a quantity: “≥1.5万人” → ≥, 15000, 人 (digits '15' as printed)."""

    op: str  # = ≥ ≤ > < or ''
    value: Decimal
    digits: str
    unit: str

    @property
    def bound(self) -> bool:
        return self.op not in ("=", "")

    def fits(self, other: Measure) -> bool:
        """Same kind of quantity: one unit, or one printing cut short (“人次/3000” of “人次/3000m²”)."""
        a, b = sorted((self.unit, other.unit), key=len)
        return a == b or (bool(a) and b.startswith(a))


_MEASURE = re.compile(r"^(?P<op>[=≥≤><]?)(?P<num>\d+(?:\.\d+)?)(?P<unit>.*)$")
_OPS = {"＝": "=", "≧": "≥", "≦": "≤", ">=": "≥", "<=": "≤"}
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}
_DATE = re.compile(r"^[年月]|日前|前完成")
_SUFFIX = re.compile(r"(以上|以下|以内)$")


def measure(raw: str) -> Measure | None:
    """The value as a quantity; None for words (“按时”, “不断提高”) and dates."""
    t = re.sub(r"\s+", "", nfkc(raw))
    for a, b in _OPS.items():
        t = t.replace(a, b)
    m = _MEASURE.match(t)
    if not m or _DATE.search(m.group("unit")):
        return None
    unit = _SUFFIX.sub("", m.group("unit"))
    value = Decimal(m.group("num"))
    if len(unit) > 1 and unit[0] in _SCALE:
        value, unit = value * _SCALE[unit[0]], unit[1:]
    return Measure(m.group("op"), value, m.group("num").replace(".", "").lstrip("0"), unit)


def digit_slip(a: Measure, b: Measure) -> bool:
    """One printing is ten times the other: a digit written twice or dropped (11.12 / 1.12)."""
    if a.value <= 0 or b.value <= 0 or a.value == b.value:
        return False
    ratio = max(a.value, b.value) / min(a.value, b.value)
    if ratio in (10, 100, 1000):
        return True
    long, short = sorted((a.digits, b.digits), key=len, reverse=True)
    one_more = len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    return one_more and 9 <= ratio <= 11
