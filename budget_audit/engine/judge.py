"""Judge a relation between printed figures by interval arithmetic, and word the verdict.

`total = Σ parts` holds exactly, holds within the rounding the printed precision allows
(info), or fails. A gap of exactly ×10⁴ is a unit slip (元 vs 万元).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Operand
from budget_audit.numbers import UNIT_IN_WAN, ZERO, Amount, Interval, format_wan, parse_amount

TEN_THOUSAND = Decimal(10000)


@dataclass
class Verdict:
    outcome: str  # pass | fail
    rounding: bool  # passed only within rounding tolerance
    unit_slip: bool
    stated: str
    expected: str
    difference: str
    unit: str


def interval(op: Operand) -> Interval:
    return op.amount.interval if op.amount else ZERO


def wan(op: Operand) -> Decimal:
    return op.amount.wan if op.amount else Decimal(0)


def display_unit(ops: list[Operand]) -> str:
    """Report in the unit the stated figure is printed in (元 tables stay in 元)."""
    units = [op.amount.unit for op in ops if op.amount]
    return units[0] if units else (ops[0].table.unit if ops and ops[0].table else "万元")


def places(ops: list[Operand], unit: str) -> int:
    decimals = [op.amount.decimals for op in ops if op.amount and op.amount.unit == unit]
    return max(decimals, default=2)


def judge_sum(total: Operand, parts: list[Operand], relation: str = "eq") -> Verdict:
    """Compare total with Σ parts: eq (=), le (total ≤ Σ), ge (total ≥ Σ)."""
    lhs = interval(total)
    rhs = sum((interval(p) for p in parts), ZERO)
    gap = wan(total) - sum((wan(p) for p in parts), Decimal(0))
    ok, exact = _holds(lhs, rhs, gap, relation)
    if not ok:  # a whole number among decimals is exact only to its own precision: rounding
        ok = _holds(_printed(total), sum((_printed(p) for p in parts), ZERO), gap, relation)[0]
    unit = display_unit([total, *parts])
    scale = UNIT_IN_WAN[unit]
    d = places([total, *parts], unit)
    expected = sum((wan(p) for p in parts), Decimal(0))
    return Verdict(
        outcome="pass" if ok else "fail",
        rounding=ok and not exact,
        unit_slip=not ok and _is_unit_slip(wan(total), expected),
        stated=format_wan(wan(total) / scale, d),
        expected=format_wan(expected / scale, d),
        difference=format_wan(gap / scale, d),
        unit=unit,
    )


def _holds(lhs: Interval, rhs: Interval, gap: Decimal, relation: str) -> tuple[bool, bool]:
    """(the intervals allow the relation, it holds exactly)."""
    if relation == "le":
        return lhs.at_most(rhs), gap <= 0
    if relation == "ge":
        return rhs.at_most(lhs), gap >= 0
    return lhs.meets(rhs), gap == 0


def _printed(op: Operand) -> Interval:
    found = printed_amount(op)
    return found.interval if found else ZERO


def printed_amount(op: Operand) -> Amount | None:
    """A table figure exact only to the decimals printed in its cell: “1234” among “21.56”s is
    read at the table's precision, but may be a total rounded to whole units. A printed 0 is 0."""
    if op.amount is None or op.figure is None or not op.amount.value:
        return op.amount
    return parse_amount(op.figure.raw, op.amount.unit) or op.amount


def _is_unit_slip(a: Decimal, b: Decimal) -> bool:
    return a != 0 and b != 0 and (a == b * TEN_THOUSAND or b == a * TEN_THOUSAND)


def evidence(op: Operand) -> Evidence:
    return Evidence(
        table=op.table.title if op.table else None,
        row=(op.line.code + " " + op.line.label).strip() if op.line and op.line.code else (op.line.label if op.line else None),
        column=op.column,
        location=op.figure.location if op.figure else (op.line.location if op.line else None),
    )


def describe(op: Operand) -> str:
    """表名“行”·列 — a figure named in full, for comparisons across tables."""
    table = op.table.kind.name if op.table else "?"
    return f"{table}{row_name(op)}{column_name(op)}"


def row_name(op: Operand) -> str:
    """“行” — a figure named by its row, for sums down one column."""
    return f"“{evidence(op).row or ''}”"


def column_name(op: Operand) -> str:
    """·列 — omitted for the single amount column of a statement table."""
    statement = op.table is not None and op.table.kind.layout == "statement"
    return "" if op.column == "合计" and statement else f"·{op.column}"
