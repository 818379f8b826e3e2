"""item_figures: the printings of one item's figure agree; when they do not, the finding names
the odd one out (engine/items.py counts the votes) instead of blaming every pair."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, one_unit_apart, shown, where
from budget_audit.engine.items import Item, Judgement, Source, judge, judge_prior
from budget_audit.engine.judge import Verdict, describe, evidence
from budget_audit.engine.results import Evidence
from budget_audit.numbers import format_wan

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for item in ctx.items:
        if len(item.sources) < 2 and item.rate is None:
            continue
        for j in (judge(item), judge_prior(item)):
            if j is None:
                continue
            if not j.disagree:
                yield Instance("pass")
                continue
            if not any(id(c) in ctx.owned for c in item.claims):
                continue  # two printings and nothing else: T01 says it
            ctx.verified.update(id(c) for c in item.claims)
            yield _finding(j)


def _finding(j: Judgement) -> Instance:
    item = j.item
    said = "；".join(_said(item, g, f, j.about_prior) for g, f in zip(j.groups, j.rate_fits))
    majority = j.majority
    if majority is None:
        odd = next(s for g in j.groups for s in g if s.claim is not None)
        right = next(g[0] for g in j.groups if odd not in g)
        verdict_text = "各说法票数相同，无法判断哪一个有误，请逐一核对以上候选数"
    else:
        odd_group = next(g for g in j.groups if g is not majority)
        odd, right = odd_group[0], majority[0]
        verdict_text = _odd_text(item, odd_group, majority, j)
        if odd.operand is not None:  # the usual fix is still the narrative's: quote it as stated
            odd, right = right, odd
    subject = item.prior.subject if j.about_prior and item.prior else _subject(item)
    msg = f"{where(item.holder)}“{subject}”：{said}。{verdict_text}"
    diff = format_wan(odd.shown - right.shown, 2)
    v = Verdict("fail", False, False, f"{_wan(odd)}万元", f"{_wan(right)}万元", diff, "万元")
    inst = Instance("fail", msg, v, _evidence(j, odd))
    if odd.claim is not None and one_unit_apart(odd.shown, odd.claim.amount.decimals, right.shown):
        inst.message = f"{msg}（两数只在末位相差一个单位）"
        inst.severity = "warning"
    return inst


def _odd_text(item: Item, odd: list[Source], majority: list[Source], j: Judgement) -> str:
    if all(s.operand is not None for s in odd):
        return ("说明各处一致，不一致的是表中数：请核对表中此数；若表中数无误，"
                "说明中的金额（及据此计算的比率）都需改正")
    wrong = "、".join(f"{s.label} {_wan(s)} 万元" for s in odd)
    text = f"有误的是{wrong}，应为 {_wan(majority[0])} 万元"
    if item.rate is None or item.prior is None or j.rate_fits[j.groups.index(majority)]:
        return text
    if j.about_prior:
        return text + f"；所写{item.rate_text}与各数都不符" if not any(j.rate_fits) else text
    exact = _rate_for(item, majority[0].shown)
    if any(j.rate_fits):
        return text + f"；所写{item.rate_text}是按有误的数计算的，改正后应为 {exact}"
    return text + f"；所写{item.rate_text}与各数都不符，按 {_wan(majority[0])} 万元计算应为 {exact}"


def _rate_for(item: Item, value: Decimal) -> str:
    assert item.prior is not None and item.rate is not None
    base = item.prior.amount.wan
    if base == 0:
        return "无（比较的数为零）"
    r = value / base * 100 if item.rate_kind == "completion" else abs(value - base) / base * 100
    return f"{shown(r, max(item.rate.decimals, 2))}%"


def _said(item: Item, group: list[Source], rate_fits: bool, j_prior: bool = False) -> str:
    text = "、".join(_name(s) for s in group) + f"为 {_wan(group[0])} 万元"
    if rate_fits and item.prior is not None:
        other = f"{item.holder.subject} {item.holder.amount.raw}" if j_prior else \
            f"{item.prior.subject or '比较数'} {item.prior.amount.raw}"
        text += f"（按{other} 计算，{item.rate_text}与之相符）"
    return text


def _name(s: Source) -> str:
    return describe(s.operand) if s.operand is not None else s.label


def _subject(item: Item) -> str:
    headline = next((s.claim for s in item.sources if s.label == "条目金额" and s.claim), None)
    if headline is not None:
        return headline.subject
    return item.holder.topic.replace("/", "-") if item.holder.topic else item.holder.subject


def _wan(s: Source) -> str:
    if s.claim is not None:
        return format_wan(s.claim.amount.wan, max(s.claim.amount.decimals, 2))
    return format_wan(s.shown, 2)


def _evidence(j: Judgement, odd: Source) -> list[Evidence]:
    """The odd printing first, at its own figure; then the others."""
    first = odd if odd.claim is not None else next(s for g in j.groups for s in g if s.claim is not None)
    ordered = [first] + [s for g in j.groups for s in g if s is not first]
    out: list[Evidence] = []
    for s in ordered:
        if s.claim is not None:
            out.append(cite(s.claim))
        elif s.operand is not None:
            out.append(evidence(s.operand))
    return out

