"""breakdown: the parts listed under a figure (其中 …, 主要包括 …) add up to it.

More than the whole is a contradiction. Less than the whole is one only when the parts
are shown to be all of it (their shares add up to 100%); otherwise the list may simply
be incomplete, which is a doubt (warning), not a contradiction.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, where
from budget_audit.engine.judge import Verdict
from budget_audit.numbers import ZERO, format_wan
from budget_audit.understand.claims import Claim

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for whole in ctx.report.claims:
        if len(whole.parts) < 2:
            continue
        ctx.verified.add(id(whole))
        yield _judge(whole)


def _judge(whole: Claim) -> Instance:
    parts = whole.parts
    total = sum((p.amount.interval for p in parts), ZERO)
    if whole.amount.interval.meets(total):
        return Instance("pass")
    listed = sum((p.amount.wan for p in parts), Decimal(0))
    gap = whole.amount.wan - listed
    complete = all(p.share for p in parts) and abs(sum(p.share.value for p in parts) - 100) <= 1  # type: ignore[union-attr]
    names = "、".join(f"{p.subject}{p.amount.raw}" for p in parts)
    msg = f"{where(whole)}“{whole.subject}”{whole.amount.raw}，所列各项（{names}）合计 {format_wan(listed, 2)} 万元"
    verdict = Verdict("fail", False, False, whole.amount.raw, f"{format_wan(listed, 2)}万元", format_wan(gap, 2), "万元")
    if gap < 0:
        return Instance("fail", msg + "，超过总数", verdict, [cite(whole)])
    if complete:
        return Instance("fail", msg + "，而各项占比合计为100%，应当相等", verdict, [cite(whole)])
    return Instance("fail", msg + f"，少 {format_wan(gap, 2)} 万元，可能未列全", verdict, [cite(whole)], severity="warning")
