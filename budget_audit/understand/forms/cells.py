"""Cell-level reading shared by the form readers: texts, amounts with their own unit,
shares, and “[code]name” values.

Form cells print amounts either bare (in the table's unit) or with a unit word
(“12.30万元”, “56万”); both parse to an `Amount`, never a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_audit.document import Cell, Location, Row
from budget_audit.numbers import UNIT_IN_WAN, Amount, Interval, clean_number_text, parse_amount
from budget_audit.understand.model import Figure
from budget_audit.understand.normalize import clean, key

_WITH_UNIT = re.compile(r"^(?P<num>[+-]?[\d,]+(?:\.\d+)?)(?P<unit>亿元|万元|元|万)$")
_PERCENT = re.compile(r"^(?P<num>[+-]?\d+(?:\.\d+)?)[%％]$")
_CODED = re.compile(r"^\s*[\[［【](?P<code>[0-9A-Za-z]+)[\]］】]\s*(?P<name>.*)$")


@dataclass(frozen=True)
class Coded:
    """A classified value as printed: “[A02010100]台式计算机” → code A02010100, name 台式计算机."""

    code: str | None
    name: str
    raw: str


@dataclass(frozen=True)
class Share:
    """A printed percentage (“78%”) with its precision."""

    value: Decimal
    decimals: int
    raw: str
    location: Location


def text(cell: Cell | None) -> str:
    """The cell's text with line breaks and CJK spacing removed ('' for covered cells)."""
    return clean(cell.text) if cell is not None else ""


def texts(row: Row) -> list[str]:
    return [text(c) for c in row]


def amount_of(raw: str, unit: str) -> Amount | None:
    """A bare figure in the table's unit, or one carrying its own unit word."""
    t = clean_number_text(raw)
    m = _WITH_UNIT.match(t)
    if m:
        found = parse_amount(m.group("num"), "万元" if m.group("unit") == "万" else m.group("unit"))
        return Amount(found.value, found.decimals, found.unit, raw.strip()) if found else None
    return parse_amount(t, unit)


def figure_of(cell: Cell | None, unit: str) -> Figure | None:
    """The cell as a Figure when it prints an amount; None otherwise."""
    if cell is None:
        return None
    amount = amount_of(cell.text, unit)
    return Figure(amount, cell.location, cell.text.strip()) if amount else None


def share_of(cell: Cell | None) -> Share | None:
    if cell is None:
        return None
    m = _PERCENT.match(clean_number_text(cell.text))
    if not m:
        return None
    raw = m.group("num")
    return Share(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, cell.text.strip(), cell.location)


def coded(raw: str) -> Coded:
    t = clean(raw)
    m = _CODED.match(t)
    if m:
        return Coded(m.group("code"), m.group("name").strip(), t)
    return Coded(None, t, t)


def first_cell(row: Row) -> Cell | None:
    return next((c for c in row if c is not None and c.text.strip()), None)


def label_index(row: Row) -> int | None:
    """Index of the first non-empty cell."""
    return next((i for i, c in enumerate(row) if c is not None and c.text.strip()), None)


def has_key(row: Row, *words: str) -> bool:
    """Some cell of the row contains one of the words (compared as keys)."""
    keys = [key(c.text) for c in row if c is not None]
    return any(w in k for k in keys for w in words)


def index_of(row: Row, *words: str) -> int | None:
    for i, c in enumerate(row):
        if c is not None and any(w in key(c.text) for w in words):
            return i
    return None


def after(row: Row, index: int, unit: str) -> Figure | None:
    """The first amount printed to the right of a label cell."""
    for cell in row[index + 1:]:
        fig = figure_of(cell, unit)
        if fig is not None:
            return fig
    return None


def pseudo_row(line: str, location: Location) -> Row:
    """A caption or heading line taken into a form as a one-cell row."""
    return [Cell(line, location)]


@dataclass(frozen=True)
class Summed(Amount):
    """Σ of printed figures. Each term may be off by half its last digit, so the sum's
    interval is as wide as its terms' together, not as one printed figure's."""

    half: Decimal = Decimal(0)  # in 万元

    @property
    def interval(self) -> Interval:
        return Interval(self.wan - self.half, self.wan + self.half)


def summed(amounts: list[Amount]) -> Summed | None:
    """The sum of printed amounts in the first one's unit; None when there are none."""
    if not amounts:
        return None
    unit = amounts[0].unit
    value = sum((a.wan for a in amounts), Decimal(0)) / UNIT_IN_WAN[unit]
    decimals = max(a.decimals for a in amounts)
    half = sum((a.interval.hi - a.wan for a in amounts), Decimal(0))
    raw = f"{value:.{decimals}f}"
    return Summed(value, decimals, unit, raw, half)
