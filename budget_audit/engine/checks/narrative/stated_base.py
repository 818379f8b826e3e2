"""stated_base: the previous year's figure a change implies (X − Δ for 增加, X + Δ for
减少, X for 持平) agrees with the previous year's figure the report prints elsewhere
(e.g. the 近两年 columns of the 整体绩效目标表)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.claims import cite, where
from budget_audit.engine.judge import Verdict, describe, evidence, interval, wan
from budget_audit.engine.selectors import Operand, Ref, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import Interval, format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Claim
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"bases"}
REQUIRED = {"bases"}


@dataclass(frozen=True)
class Spec:
    bases: tuple[tuple[str, Ref], ...]  # subject words → the previous year's figure, longest first


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    bases = params.get("bases")
    if not isinstance(bases, dict) or not bases:
        raise RuleError(f"{params.where()}: bases 应为“主题: 引用”的映射")
    pairs = [(key(k), parse_ref(str(v), catalog, params.where())) for k, v in bases.items()]
    return Spec(tuple(sorted(pairs, key=lambda p: -len(p[0]))))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    for claim in ctx.report.claims:
        change = claim.change
        if change is None or (change.delta is None and change.direction != "持平"):
            continue
        ref = next((r for alias, r in spec.bases if key(claim.subject).endswith(alias)), None)
        if ref is None:
            continue
        found = resolve(ref, ctx.report, ctx.catalog)
        if not isinstance(found, Operand) or found.amount is None:
            continue
        ctx.verified.add(id(claim))
        yield _judge(claim, _implied(claim), found)


def _implied(claim: Claim) -> Interval:
    change = claim.change
    assert change is not None
    if change.delta is None:  # 持平
        return claim.amount.interval
    return claim.amount.interval - change.delta.interval if change.direction == "增加" \
        else claim.amount.interval + change.delta.interval


def _judge(claim: Claim, implied: Interval, printed: Operand) -> Instance:
    if implied.meets(interval(printed)):
        return Instance("pass")
    base, other = implied.mid, wan(printed)
    change = claim.change
    how = "持平" if change is None or change.delta is None else f"{change.word}{change.delta.raw}"
    msg = (f"{where(claim)}“{claim.subject}”{claim.amount.raw}、{how}，推算上年数为 {format_wan(base, 2)} 万元，"
           f"而{describe(printed)}为 {format_wan(other, 2)} 万元")
    verdict = Verdict("fail", False, False, f"{format_wan(base, 2)}万元", f"{format_wan(other, 2)}万元",
                      format_wan(base - other, 2), "万元")
    return Instance("fail", msg, verdict, [cite(claim), evidence(printed)])
