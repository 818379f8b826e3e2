"""Two printings of one figure (or of a part and its whole, relation le/ge), judged without
the tolerance a sum needs.

Rounding is monotone: one true value rounds to one printed value, and a part no greater than
its whole never rounds above it. So two printings at the same precision must agree exactly;
at different precisions (as printed in the cell: judge.printed_amount), the finer one rounded
to the coarser one's decimals must. A gap of one unit in the last place is a probable slip (a
warning that names both places); a larger one keeps the rule's severity. Not a check kind:
by_code, match and compare use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from budget_audit.engine.checks.base import Instance, judged
from budget_audit.engine.judge import describe, printed_amount
from budget_audit.engine.selectors import Operand


def same_figure(left: Operand, right: Operand, relation: str = "eq",
                name: Callable[[Operand], str] = describe) -> Instance:
    found = judged(left, [right], relation, name=name)
    if left.amount is None or right.amount is None or found.verdict is None:
        return found
    steps = [printed_amount(op).step for op in (left, right)]  # type: ignore[union-attr]
    coarse = max(steps)
    gap = _rounded(left, coarse) - _rounded(right, coarse)
    if {"eq": gap == 0, "le": gap <= 0, "ge": gap >= 0}[relation]:
        return found  # pass, or within the rounding of the coarser printing (info)
    v = replace(found.verdict, outcome="fail", rounding=False)
    sign = {"eq": "≠", "le": ">", "ge": "<"}[relation]
    shown = right.amount.raw if right.amount.unit == v.unit else f"{right.amount.raw}{right.amount.unit}"
    msg = f"{name(left)} {v.stated} {sign} {name(right)} {shown}，差额 {v.difference} {v.unit}"
    if abs(gap) > coarse:
        return found if found.outcome == "fail" else Instance("fail", msg, v, found.evidence)
    finer = "" if steps[0] == steps[1] else "（按较粗的精度）"
    return Instance("fail", f"{msg}，两处仅末位相差一个单位{finer}", v, found.evidence, severity="warning")


def _rounded(op: Operand, step: Decimal) -> Decimal:
    assert op.amount is not None
    return op.amount.wan.quantize(step, rounding=ROUND_HALF_UP)
