"""stated_share: “占X%” equals the part over its whole, with each figure's own precision.

The whole is the item the part belongs to (其中 …); for items listed side by side whose
shares add up to 100, it is their sum. A rate cut off instead of rounded is info.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, percent_interval, ratio, shown, truncated, where
from budget_audit.engine.judge import Verdict
from budget_audit.numbers import Interval
from budget_audit.understand.claims import Claim
from budget_audit.understand.normalize import key

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    claims = ctx.report.claims
    for claim in claims:
        if claim.share is None:
            continue
        whole, named = _whole(claim, claims)
        if whole is None:
            continue
        ctx.verified.add(id(claim))
        yield _judge(claim, whole, named)


def _whole(claim: Claim, claims: list[Claim]) -> tuple[Interval | None, str]:
    if claim.share_of:  # “占本年支出合计的…”: the figure stated for that name before
        named = next((c for c in reversed(claims[:claims.index(claim)])
                      if key(c.subject).endswith(claim.share_of)), None)
        return (named.amount.interval, f"“{named.subject}”{named.amount.raw}") if named else (None, "")
    if claim.whole is not None:
        return claim.whole.amount.interval, f"“{claim.whole.subject}”{claim.whole.amount.raw}"
    siblings = [c for c in claims if c.sentence == claim.sentence and c.whole is None and c.share is not None]
    if len(siblings) < 2:
        return None, ""
    total = Interval(sum((c.amount.interval.lo for c in siblings), Decimal(0)),
                     sum((c.amount.interval.hi for c in siblings), Decimal(0)))
    # items listed side by side are the whole when their shares make 100%, or when their
    # sum is a total the same section states just before (基本支出…占x%；项目支出…占y%)
    stated = _stated_before(siblings[0], claims, total)
    if stated is not None:
        return total, f"“{stated.subject}”{stated.amount.raw}（并列各项之和）"
    if _sums_to_hundred([c.share.value for c in siblings], siblings):  # type: ignore[union-attr]
        return total, "并列各项之和 " + "+".join(c.amount.raw for c in siblings)
    return None, ""


def _stated_before(first: Claim, claims: list[Claim], total: Interval) -> Claim | None:
    earlier = claims[:claims.index(first)]
    for c in reversed(earlier[-6:]):
        if c.headings[:1] == first.headings[:1] and c.amount.interval.meets(total):
            return c
    return None


def _sums_to_hundred(values: list[Decimal], claims: list[Claim]) -> bool:
    slack = sum((Decimal(5).scaleb(-(c.share.decimals + 1)) for c in claims), Decimal(0))  # type: ignore[union-attr]
    return abs(sum(values, Decimal(0)) - 100) <= slack


def _judge(claim: Claim, whole: Interval, named: str) -> Instance:
    p = claim.share
    assert p is not None
    if p.value > 100:  # P03: a part of a whole
        return Instance("fail", f"{where(claim)}“{claim.subject}”占比写作 {p.raw}，部分不能超过整体的100%",
                        Verdict("fail", False, False, p.raw, "≤100%", shown(p.value - 100, p.decimals), "%"),
                        [cite(claim, _share_span(claim))])
    computed = ratio(claim.amount.interval, whole)
    if computed is not None and computed.meets(percent_interval(p)):
        return Instance("pass")
    exact = claim.amount.wan / whole.mid * 100 if whole.mid else Decimal(0)
    shown_c = shown(exact, max(p.decimals, 2))
    verdict = Verdict("fail", False, False, p.raw, f"{shown_c}%", shown(p.value - exact, max(p.decimals, 2)), "%")
    evidence = [cite(claim, _share_span(claim))]
    if computed is not None and truncated(exact, p):
        msg = f"{where(claim)}“{claim.subject}”占比写作 {p.raw}，按 {claim.amount.raw}÷{named} 计算为 {shown_c}%，是截断而非四舍五入"
        return Instance("fail", msg, verdict, evidence, severity="warning")  # a slip (README severity policy)
    msg = f"{where(claim)}“{claim.subject}”占比写作 {p.raw}，按 {claim.amount.raw}÷{named} 计算应为 {shown_c}%"
    return Instance("fail", msg, verdict, evidence)


def _share_span(claim: Claim) -> tuple[int, int]:
    raw = claim.share.raw if claim.share else ""
    at = claim.sentence.find(raw, claim.span[1])
    return (at, at + len(raw)) if at >= 0 else claim.span
