"""completion: “年初预算为A万元，支出决算为B万元，完成年初预算的p%” — p must be B ÷ A,
and there is no completion rate of a zero budget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claimbase import cite, percent_interval, ratio, shown, truncated, where
from budget_audit.engine.judge import Verdict

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for claim in ctx.report.claims:
        p, budget = claim.completion, claim.budget
        if p is None or budget is None or id(claim) in ctx.owned:
            continue
        ctx.verified.add(id(claim))
        computed = ratio(claim.amount.interval, budget.amount.interval)
        if computed is None:
            if budget.amount.value == 0 and claim.amount.value == 0 and p.value == 0:
                yield Instance("pass")  # nothing budgeted, nothing spent, “0%”: nothing wrong said
                continue
            msg = f"{where(claim)}{budget.subject}为 {budget.amount.raw}，不能计算完成率，却写作“{p.raw}”"
            yield Instance("fail", msg, Verdict("fail", False, False, p.raw, "无（年初预算为零）", "-", "%"), [cite(claim)])
            continue
        if computed.meets(percent_interval(p)):
            yield Instance("pass")
            continue
        exact = claim.amount.wan / budget.amount.wan * 100
        d = max(p.decimals, 2)
        msg = (f"{where(claim)}完成率写作 {p.raw}，按 {claim.subject} {claim.amount.raw} ÷ "
               f"{budget.subject} {budget.amount.raw} 计算应为 {shown(exact, d)}%")
        cut = truncated(exact, p)  # cut off instead of rounded: a note, not an error
        outcome = "pass" if cut else "fail"
        if cut:
            msg += "，写出的是截断而非四舍五入的值"
        yield Instance(outcome, msg, Verdict(outcome, cut, False, p.raw, f"{shown(exact, d)}%",
                                             shown(p.value - exact, d), "%"), [cite(claim)])
