"""stated_change: a year-on-year change agrees with itself.

From X, Δ and the direction word the base is B = X − Δ (增加) or X + Δ (减少); the stated
rate must be Δ ÷ B. A rate on a zero base is undefined (a warning: say 新增). When the rate fits the opposite
direction's base, the direction word is probably wrong. When the sentence states the
compared figure itself (预算执行数 A), the change is X − A and its sign must fit the word.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, percent_interval, ratio, shown, truncated, where
from budget_audit.engine.judge import Verdict
from budget_audit.numbers import Interval
from budget_audit.understand.claims import Change, Claim

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for claim in ctx.report.claims:
        change = claim.change
        if change is None or change.percent is None or id(claim) in ctx.owned:
            continue
        if change.delta is not None:
            ctx.verified.add(id(claim))
            yield _with_delta(claim, change)
        elif change.base is not None:
            ctx.verified.add(id(claim))
            yield _with_base(claim, change, change.base)


def _with_delta(claim: Claim, change: Change) -> Instance:
    x, delta = claim.amount.interval, change.delta.interval  # type: ignore[union-attr]
    rise = change.direction == "增加"
    base = x - delta if rise else x + delta
    if base.mid <= 0:  # the printed base is zero: no rate is defined
        return _undefined(claim, change, f"按 {claim.amount.raw}{'−' if rise else '+'}{change.delta.raw} 推算上年基数为零")  # type: ignore[union-attr]
    if _fits(delta, base, change):
        return Instance("pass")
    exact = _exact(change.delta.wan, base)  # type: ignore[union-attr]
    opposite = x + delta if rise else x - delta
    if opposite.lo > 0 and _fits(delta, opposite, change):
        return _fail(claim, change, f"按“{change.word}”推算上年基数为 {shown(base.mid, 2)} 万元，变动率应为 {shown(exact, 2)}%；"
                                    f"写作的 {change.percent.raw} 却与相反方向的基数 {shown(opposite.mid, 2)} 万元相符，"  # type: ignore[union-attr]
                                    f"方向词可能有误", exact)
    return _fail(claim, change, f"按 {claim.amount.raw}、{change.word}{change.delta.raw} 推算上年基数为 "  # type: ignore[union-attr]
                                f"{shown(base.mid, 2)} 万元，变动率应为 {shown(exact, 2)}%", exact)


def _with_base(claim: Claim, change: Change, base_claim: Claim) -> Instance:
    base = base_claim.amount.interval
    delta = claim.amount.interval - base
    if base.mid <= 0:  # the printed base is zero: no rate is defined
        return _undefined(claim, change, f"比较的{base_claim.subject}为 {base_claim.amount.raw}")
    sign_ok = (delta.hi >= 0) if change.direction == "增加" else (delta.lo <= 0)
    exact = _exact(claim.amount.wan - base_claim.amount.wan, base)
    if not sign_ok:
        return _fail(claim, change, f"{claim.amount.raw} 与{base_claim.subject} {base_claim.amount.raw} 相比是"
                                    f"{'减少' if exact < 0 else '增加'}，却写作“{change.word}”", exact)
    magnitude = Interval(min(abs(delta.lo), abs(delta.hi)) if delta.lo * delta.hi > 0 else Decimal(0),
                         max(abs(delta.lo), abs(delta.hi)))
    if _fits(magnitude, base, change):
        return Instance("pass")
    return _fail(claim, change, f"按 {claim.amount.raw} 与{base_claim.subject} {base_claim.amount.raw} 计算，"
                                f"变动率应为 {shown(abs(exact), 2)}%", exact)


def _fits(delta: Interval, base: Interval, change: Change) -> bool:
    computed = ratio(delta, base)
    return computed is not None and computed.meets(percent_interval(change.percent))  # type: ignore[arg-type]


def _exact(delta: Decimal, base: Interval) -> Decimal:
    return delta / base.mid * 100 if base.mid else Decimal(0)


def _undefined(claim: Claim, change: Change, why: str) -> Instance:
    """A rate on a zero base (新设单位, 执行数0) is undefined, not 0%: a warning (README
    severity policy), with “新增” as the wording to use."""
    p = change.percent
    assert p is not None
    inst = _fail(claim, change, f"{why}，增长率无定义，不应写“{change.word}{p.raw}”，应写“新增”", None)
    inst.severity = "warning"
    return inst


def _fail(claim: Claim, change: Change, detail: str, exact: Decimal | None) -> Instance:
    p = change.percent
    assert p is not None
    expected = f"{shown(abs(exact), max(p.decimals, 2))}%" if exact is not None else "新增（无增长率）"
    diff = shown(p.value - abs(exact), max(p.decimals, 2)) if exact is not None else None
    verdict = Verdict("fail", False, False, f"{change.word}{p.raw}", expected, diff or "-", "%")
    at = claim.sentence.find(p.raw, claim.span[1])
    span = (at, at + len(p.raw)) if at >= 0 else claim.span
    inst = Instance("fail", f"{where(claim)}“{claim.subject}”{claim.amount.raw}，{change.word}{p.raw}：{detail}",
                    verdict, [cite(claim, span)])
    if exact is not None and truncated(abs(exact), p):  # cut off, not rounded: a slip (README policy)
        inst.message = f"{inst.message}，写出的是截断而非四舍五入的值"
        inst.severity = "warning"
    return inst
