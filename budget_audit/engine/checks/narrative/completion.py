"""completion: “年初预算为A万元，支出决算为B万元，完成年初预算的p%” — p must be B ÷ A, computed
on the budget the sentence names (年初 / 全年 / 调整). A rate of a zero budget is undefined (a
warning); when it fits another budget stated in the sentence, the finding says which."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, percent_interval, ratio, shown, truncated, where
from budget_audit.engine.judge import Verdict
from budget_audit.understand.claims import Claim, Percent

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_NAMED = re.compile(r"完成(?:了)?(年初预算|全年预算|调整预算|调整后预算|预算)")

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for claim in ctx.report.claims:
        p = claim.completion
        if p is None or claim.budget is None or id(claim) in ctx.owned:
            continue
        ctx.verified.add(id(claim))
        budgets = [c for c in ctx.report.claims if c.sentence == claim.sentence
                   and c.paragraph_location == claim.paragraph_location
                   and "预算" in c.subject and c is not claim and c.completion is None]
        budget = _named(claim, budgets) or claim.budget
        if ratio(claim.amount.interval, budget.amount.interval) is None:
            yield _zero_budget(claim, p, budget, budgets)
            continue
        yield _judge(claim, p, budget, budgets)


def _named(claim: Claim, budgets: list[Claim]) -> Claim | None:
    """The budget the rate names (“完成年初预算的…”), when the sentence states it."""
    m = _NAMED.search(claim.sentence, claim.span[1])
    word = m.group(1)[:2] if m else ""
    if word in ("", "预算"):
        return None
    return next((b for b in budgets if word in b.subject), None)


def _zero_budget(claim: Claim, p: Percent, budget: Claim, budgets: list[Claim]) -> Instance:
    if budget.amount.value == 0 and claim.amount.value == 0 and p.value == 0:
        return Instance("pass")  # nothing budgeted, nothing spent, “0%”: nothing wrong said
    msg = f"{where(claim)}{budget.subject}为 {budget.amount.raw}，完成率无定义，却写作“{p.raw}”"
    other = next((b for b in budgets if b is not budget and _fits(claim, p, b)), None)
    if other is not None:
        msg += (f"；所写 {p.raw} 与{other.subject} {other.amount.raw} 相符（{claim.amount.raw}÷{other.amount.raw}），"
                f"应写明是完成{other.subject}的比例")
    inst = Instance("fail", msg, Verdict("fail", False, False, p.raw, f"无（{budget.subject}为零）", "-", "%"),
                    [cite(claim, _span(claim, p))])
    inst.severity = "warning"  # an undefined rate (README severity policy)
    return inst


def _fits(claim: Claim, p: Percent, budget: Claim) -> bool:
    computed = ratio(claim.amount.interval, budget.amount.interval)
    return computed is not None and computed.meets(percent_interval(p))


def _judge(claim: Claim, p: Percent, budget: Claim, budgets: list[Claim]) -> Instance:
    if _fits(claim, p, budget):
        return Instance("pass")
    exact = claim.amount.wan / budget.amount.wan * 100
    d = max(p.decimals, 2)
    msg = (f"{where(claim)}完成率写作 {p.raw}，按 {claim.subject} {claim.amount.raw} ÷ "
           f"{budget.subject} {budget.amount.raw} 计算应为 {shown(exact, d)}%")
    other = next((b for b in budgets if b is not budget and _fits(claim, p, b)), None)
    if other is not None:
        msg += f"；所写 {p.raw} 是按{other.subject} {other.amount.raw} 计算的，与句中所说的{budget.subject}不符"
    inst = Instance("fail", msg, Verdict("fail", False, False, p.raw, f"{shown(exact, d)}%",
                                         shown(p.value - exact, d), "%"), [cite(claim, _span(claim, p))])
    if truncated(exact, p):  # cut off instead of rounded: a probable slip, not a contradiction
        inst.message = msg + "，写出的是截断而非四舍五入的值"
        inst.severity = "warning"
    return inst


def _span(claim: Claim, p: Percent) -> tuple[int, int]:
    """The rate's own place in the sentence, so that the finding points at it."""
    at = claim.sentence.find(p.raw, claim.span[1])
    return (at, at + len(p.raw)) if at >= 0 else claim.span
