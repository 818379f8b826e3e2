"""stated_amount: a figure stated in the narrative equals the table figure it is bound to.

The text's precision decides the tolerance ("1179.1" allows ±0.05 万元). A narrative in
万元 quoting a table in 元 may round or cut the last digit: within one more half step
(0.005 万元, the catalogue's TXT_TOL) that is a rounding note, not an error. A figure
exactly 10⁴ times off is a 元/万元 slip and said so.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, one_unit_apart, where
from budget_audit.engine.judge import Verdict, describe, evidence, interval, wan
from budget_audit.engine.selectors import Operand
from budget_audit.numbers import Interval, format_wan

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
TEN_THOUSAND = 10000
HALF_CENT = Decimal("0.005")  # 万元

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for b in ctx.bindings:
        if b.operand is None or b.operand.table is None or id(b.claim) in ctx.owned:
            continue
        ctx.verified.add(id(b.claim))
        claim, op = b.claim, b.operand
        if claim.amount.interval.meets(interval(op)):
            yield Instance("pass")
            continue
        rounding = _widened(claim.amount.interval).meets(interval(op))
        stated, table = claim.amount.wan, wan(op)
        slip = stated != 0 and table != 0 and (stated == table * TEN_THOUSAND or table == stated * TEN_THOUSAND)
        d = max(claim.amount.decimals, op.amount.decimals if op.amount and op.amount.unit == "万元" else 2)
        diff = format_wan(stated - table, d)
        msg = (f"{where(claim)}“{claim.subject}”{claim.amount.raw}，而{_printed(op)}为 "
               f"{format_wan(table, d)} 万元，差额 {diff} 万元")
        if slip:
            msg += "；两数恰好相差一万倍，可能是“元”与“万元”混用"
        if rounding:
            msg += "，在换算取舍的误差范围内"
        outcome = "pass" if rounding else "fail"
        verdict = Verdict(outcome, rounding, slip, claim.amount.raw, f"{format_wan(table, d)}万元", diff, "万元")
        inst = Instance(outcome, msg, verdict, [cite(claim), evidence(op)])
        if not rounding and one_unit_apart(stated, claim.amount.decimals, table):
            inst.message = f"{msg}，两数只在末位相差一个单位"
            inst.severity = "warning"
        yield inst


def _printed(op: Operand) -> str:
    """The table figure named; a blank cell or an all-blank table says so (blank is 0)."""
    if op.amount is not None:
        return describe(op)
    if op.line is None and op.table is not None:
        return f"{op.table.kind.name}为空表，{op.column}即"
    return f"{describe(op)}印为空白，即"


def _widened(i: Interval) -> Interval:
    return Interval(i.lo - HALF_CENT, i.hi + HALF_CENT)
