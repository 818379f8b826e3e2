"""carryover_change: the change stated for a balanced statement's 总计 (or its 持平) against the
change the report lets one derive: 总计 = 本年支出 + 年末结转, and last year's 年末结转 is this
year's 年初结转, so Δ总计 = Δ本年支出 + 年末结转 − 年初结转.

Δ本年支出 is taken from the change the narrative states for the part that makes up all of this
year's spending (一般公共预算财政拨款支出 when it equals 本年支出合计). Last year's spending may
have had another part, so a mismatch is a warning (probable defect), never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.claims import cite, where
from budget_audit.engine.judge import Verdict, interval, wan
from budget_audit.engine.selectors import Operand, Ref, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import ZERO, Interval, format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Claim
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"total", "spending", "part", "opening", "closing"}
REQUIRED = KEYS


@dataclass(frozen=True)
class Spec:
    total: Ref  # the statement's 总计
    spending: Ref  # this year's 本年支出合计
    part: Ref  # the figure whose change the narrative states (equal to spending this year)
    opening: Ref  # 年初结转和结余 (= last year's 年末)
    closing: Ref  # 年末结转和结余


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    refs = {}
    for k in KEYS:
        if not isinstance(params.get(k), str):
            raise RuleError(f"{params.where()}: {k} 应为一个引用")
        refs[k] = parse_ref(params[k], catalog, params.where())
    return Spec(**refs)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    refs = (spec.total, spec.spending, spec.part, spec.opening, spec.closing)
    figures = [resolve(r, ctx.report, ctx.catalog) for r in refs]
    if not all(isinstance(f, Operand) for f in figures):
        return
    total, spending, part, opening, closing = figures  # type: ignore[misc]
    if part.amount is None or not interval(part).meets(interval(spending)):
        return  # this year's spending is not all in the part: its change is not the whole's
    totals = _changed(ctx, total, allow_flat=True)
    parts = _changed(ctx, part, allow_flat=False)
    if not totals or not parts:
        return
    carry = interval(closing) - interval(opening)
    for said in totals:
        ctx.verified.update({id(said), id(parts[0])})
        yield _judge(said, parts[0], carry, opening, closing)


def _changed(ctx: Context, op: Operand, allow_flat: bool) -> list[Claim]:
    """The claims bound to this figure that state a change (Δ, or 持平 where allowed)."""
    return [b.claim for b in ctx.bindings if b.operand is not None and b.operand.figure is op.figure
            and b.operand.figure is not None and b.claim.change is not None
            and (b.claim.change.delta is not None or allow_flat and b.claim.change.direction == "持平")]


def _signed(c: Claim) -> Interval:
    change = c.change
    assert change is not None
    if change.delta is None:
        return ZERO
    d = change.delta.interval
    return d if change.direction == "增加" else Interval(-d.hi, -d.lo)


def _judge(said: Claim, part: Claim, carry: Interval, opening: Operand, closing: Operand) -> Instance:
    stated, derived = _signed(said), _signed(part) + carry
    if stated.meets(derived):
        return Instance("pass")
    change, part_change = said.change, part.change
    assert change is not None and part_change is not None and part_change.delta is not None
    how = change.word if change.delta is None else f"{change.word}{change.delta.raw}"
    o, c = format_wan(wan(opening), 2), format_wan(wan(closing), 2)
    msg = (f"{where(said)}“{said.subject}”写作{how}；而本年支出全部为“{part.subject}”，"
           f"它{part_change.word}{part_change.delta.raw}，"
           f"上年年末结转和结余即本年年初的 {o} 万元、本年年末 {c} 万元，推算总计应变动 "
           f"{format_wan(derived.mid, 2)} 万元（上年支出若另有其他资金则不同）")
    verdict = Verdict("fail", False, False, format_wan(stated.mid, 2), format_wan(derived.mid, 2),
                      format_wan(stated.mid - derived.mid, 2), "万元")
    return Instance("fail", msg, verdict, [cite(said), cite(part)])
