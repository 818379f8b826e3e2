"""comparison_words: “决算数小于预算数”, “决算数同预算数持平”, “支出决算超过年初预算” — the word
must fit the two figures the passage has just stated (the 决算 and the 预算 of the same item),
or, when the 预算 figure is not stated, the completion rate (“完成年初预算100%，决算数大于预算数”).

Figures printed equal under 大于/小于 may still differ below the printed precision: info.
Under 等于/持平, figures whose intervals meet are equal; anything further apart contradicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import HUNDRED, percent_interval, where
from budget_audit.engine.judge import Verdict
from budget_audit.engine.results import Evidence
from budget_audit.numbers import Amount, Interval, format_wan
from budget_audit.understand.claims import Claim
from budget_audit.understand.narrative import Passage

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

_WORD = (r"(?P<word>大于|小于|高于|低于|超过|超出|多于|少于|等于|同|与|和)")
_COMPARISON = re.compile(r"(?:支出)?决算数?" + _WORD + r"(?:年初|全年|调整)?预算数?(?P<flat>持平|相等|一致)?"
                         r"(?:\s*(?P<gap>\d[\d,]*(?:\.\d+)?)\s*万元)?")
_RELATION = {"大于": ">", "高于": ">", "超过": ">", "超出": ">", "多于": ">",
             "小于": "<", "低于": "<", "少于": "<", "等于": "="}
_FLAT = ("同", "与", "和")

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for passage in ctx.passages:
        claims = [c for c in ctx.report.claims if c.paragraph_location == passage.paragraph.location
                  and c.headings == passage.headings]
        for sentence, m in _comparisons(passage):
            relation = _RELATION.get(m.group("word"), "=")
            if relation == "=" and m.group("word") in _FLAT and not m.group("flat"):
                continue  # “决算与预算相比…”: no comparison word yet
            before = _near(claims, passage, sentence, m.start())
            final = next((c for c in reversed(before) if "决算" in c.subject), None)
            budget = next((c for c in reversed(before) if "预算" in c.subject and "决算" not in c.subject), None)
            rated = next((c for c in reversed(before) if c.completion is not None), None)
            if final is not None and budget is not None:
                ctx.verified.update({id(final), id(budget)})
                yield _judge(relation, m.group(0), sentence, final, budget)
                if m.group("gap"):  # “决算数大于预算数55.93万元”
                    yield _judge_gap(m, sentence, final, budget)
            elif rated is not None:  # “完成年初预算100%，决算数大于预算数”: the rate says which is larger
                ctx.verified.add(id(rated))
                yield _judge_rate(relation, m.group(0), sentence, rated)


def _comparisons(passage: Passage) -> Iterator[tuple[str, re.Match[str]]]:
    for _, sentence in passage.sentences:
        for m in _COMPARISON.finditer(sentence):
            yield sentence, m


def _near(claims: list[Claim], passage: Passage, sentence: str, pos: int) -> list[Claim]:
    """The figures stated before the comparison, in its own sentence or the one before it
    (“…支出决算为B万元。决算数小于预算数的主要原因…”); the parts listed under a figure
    (其中…) are not what “决算数…预算数” compares."""
    order = [s for _, s in passage.sentences]
    at = order.index(sentence)
    near = set(order[max(0, at - 1):at + 1])
    return [c for c in claims if c.sentence in near and c.whole is None
            and not (c.sentence == sentence and c.span[0] > pos)]


def _judge_rate(relation: str, said: str, sentence: str, rated: Claim) -> Instance:
    p = rated.completion
    assert p is not None
    band = percent_interval(p)
    can = {">": band.hi > HUNDRED, "<": band.lo < HUNDRED, "=": band.lo <= HUNDRED <= band.hi}[relation]
    exact = {">": p.value > HUNDRED, "<": p.value < HUNDRED, "=": p.value == HUNDRED}[relation]
    if exact:
        return Instance("pass")
    actual = "大于" if p.value > HUNDRED else ("小于" if p.value < HUNDRED else "等于")
    msg = f"{where(rated)}写作“{said}”，而完成率为 {p.raw}，即决算数{actual}预算数"
    if can:
        msg += "，在完成率四舍五入的误差范围内"
    outcome = "pass" if can else "fail"
    verdict = Verdict(outcome, can, False, said, f"决算数{actual}预算数", "-", "%")
    return Instance(outcome, msg, verdict, [_at(rated, sentence, said)])


def _judge_gap(m: re.Match[str], sentence: str, final: Claim, budget: Claim) -> Instance:
    raw = m.group("gap").replace(",", "")
    gap = Amount(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, "万元", raw)
    actual = final.amount.interval - budget.amount.interval
    magnitude = Interval(max(Decimal(0), min(abs(actual.lo), abs(actual.hi))) if actual.lo * actual.hi > 0
                         else Decimal(0), max(abs(actual.lo), abs(actual.hi)))
    if gap.interval.meets(magnitude):
        return Instance("pass")
    exact = abs(final.amount.wan - budget.amount.wan)
    d = max(final.amount.decimals, budget.amount.decimals, 2)
    msg = (f"{where(final)}写作“{m.group(0)}”，而{final.subject} {final.amount.raw}与{budget.subject} "
           f"{budget.amount.raw}相差 {format_wan(exact, d)} 万元")
    verdict = Verdict("fail", False, False, f"{raw}万元", f"{format_wan(exact, d)}万元",
                      format_wan(gap.wan - exact, d), "万元")
    return Instance("fail", msg, verdict, [_at(final, sentence, m.group(0))])


def _at(claim: Claim, sentence: str, said: str) -> Evidence:
    at = sentence.find(said)
    return Evidence(section=claim.section or None, text=sentence, location=claim.location,
                    span=(at, at + len(said)) if at >= 0 else None)


def _judge(relation: str, said: str, sentence: str, final: Claim, budget: Claim) -> Instance:
    f, b = final.amount, budget.amount
    printed = f.wan - b.wan
    if relation == "=":
        ok, rounding = f.interval.meets(b.interval), printed != 0
    elif relation == ">":
        ok, rounding = printed > 0 or (printed == 0 and f.interval.hi > b.interval.lo), printed == 0
    else:
        ok, rounding = printed < 0 or (printed == 0 and f.interval.lo < b.interval.hi), printed == 0
    if ok and not rounding:
        return Instance("pass")
    actual = "大于" if printed > 0 else ("小于" if printed < 0 else "等于")
    msg = (f"{where(final)}写作“{said}”，而{final.subject} {f.raw}{actual}{budget.subject} {b.raw}"
           f"，差额 {format_wan(printed, max(f.decimals, b.decimals, 2))} 万元")
    if ok:
        msg += "，两数印出相同，只在未印出的尾数上可能有差别"
    outcome = "pass" if ok else "fail"
    verdict = Verdict(outcome, ok, False, said, f"决算数{actual}预算数", format_wan(printed, 2), "万元")
    return Instance(outcome, msg, verdict, [_at(final, sentence, said)])
