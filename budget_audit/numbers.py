"""Printed amounts as exact decimals, and the intervals that judge rounding.

An amount printed with d decimals stands for any true value within ½·10^−d of it
(XBRL Calculations 1.1). Relations between amounts hold when their intervals meet;
no fixed epsilon anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

# How many 万元 one unit is worth: every comparison happens in 万元.
UNIT_IN_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}

_EMPTY = {"", "-", "—", "－", "–", "——", "/", "无"}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass(frozen=True)
class Interval:
    """A closed interval of possible true values, in 万元 (or in percent for shares)."""

    lo: Decimal
    hi: Decimal

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def at_most(self, other: Interval) -> bool:
        """Could self ≤ other hold for some true values?"""
        return self.lo <= other.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @staticmethod
    def exact(v: Decimal) -> Interval:
        return Interval(v, v)


ZERO = Interval.exact(Decimal(0))


@dataclass(frozen=True)
class Amount:
    """A figure as printed: exact value, printed decimals, unit, raw text."""

    value: Decimal
    decimals: int
    unit: str
    raw: str

    @property
    def wan(self) -> Decimal:
        """The value in 万元."""
        return self.value * UNIT_IN_WAN[self.unit]

    @property
    def interval(self) -> Interval:
        """The true values the printed figure allows, in 万元."""
        half = Decimal(5).scaleb(-(self.decimals + 1)) * UNIT_IN_WAN[self.unit]
        return Interval(self.wan - half, self.wan + half)

    @property
    def step(self) -> Decimal:
        """One unit of the last printed digit, in 万元."""
        return Decimal(1).scaleb(-self.decimals) * UNIT_IN_WAN[self.unit]


def clean_number_text(text: str) -> str:
    """Full-width to half-width, no spaces: '２，８７５．８４ ' → '2,875.84'."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t)


def is_empty_amount(text: str | None) -> bool:
    return text is None or clean_number_text(text) in _EMPTY


def parse_amount(text: str | None, unit: str) -> Amount | None:
    """Parse a table cell or a figure from a sentence; None when empty or not a number."""
    if is_empty_amount(text):
        return None
    t = clean_number_text(text or "")
    if not _NUMBER.match(t):
        return None
    plain = t.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Amount(Decimal(plain), decimals, unit, (text or "").strip())


def looks_like_amount(text: str | None) -> bool:
    return parse_amount(text, "元") is not None


def format_wan(v: Decimal, places: int = 2) -> str:
    """Render a value for a message with the given places, thousands separated."""
    q = v.quantize(Decimal(1).scaleb(-places))
    return f"{q:,.{places}f}"
