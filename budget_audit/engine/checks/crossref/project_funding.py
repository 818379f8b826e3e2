"""project_funding (R05): the non-fiscal funding of the project forms matches the tables.

The 资金来源 lines of the 项目绩效目标表 funded outside 财政拨款 (其他资金, 单位资金, 专户
管理的非税收入 …: the words are the rule's `non_fiscal`) add up to the project spending the
tables do not fund from 财政拨款: `total` − Σ `fiscal` (支出总表 项目支出 − 一般公共预算 …
项目支出). When every listed project has its form the two are equal; otherwise the forms
can only cover part of it (≤).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.crossref.amounts import at, interval_of, verdict, words_param
from budget_audit.engine.judge import describe, evidence, interval, wan
from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Operand, Ref, Unresolved, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import ZERO, format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"non_fiscal", "total", "fiscal"}
REQUIRED = {"non_fiscal", "total", "fiscal"}


@dataclass(frozen=True)
class Spec:
    non_fiscal: tuple[str, ...]
    total: Ref
    fiscal: list[Ref]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    fiscal = params.get("fiscal")
    if not isinstance(fiscal, list):
        raise RuleError(f"{params.where()}: fiscal 应为引用列表")
    return Spec(words_param(params, "non_fiscal"), parse_ref(str(params["total"]), catalog, params.where()),
                [parse_ref(str(f), catalog, params.where()) for f in fiscal])


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms.projects
    if not forms:
        yield Instance("not_applicable", note="报告中没有项目绩效目标表")
        return
    resolved = [resolve(r, ctx.report, ctx.catalog) for r in [spec.total, *spec.fiscal]]
    missing = next((r for r in resolved if isinstance(r, Unresolved)), None)
    if missing is not None:
        yield Instance(missing.outcome, note=missing.reason)  # type: ignore[union-attr]
        return
    lines = [(f, ln) for f in forms for ln in f.funding
             if any(w in key(ln.label) for w in spec.non_fiscal) and ln.amount and ln.amount.amount]
    complete = all("B14" in p.mentions for p in ctx.ledger.projects if p.listed)
    yield _judged(lines, resolved[0], resolved[1:], complete)  # type: ignore[arg-type]


def _judged(lines: list, total: Operand, fiscal: list[Operand], complete: bool) -> Instance:
    stated = summed([ln.amount.amount for _, ln in lines])
    lhs = interval_of(stated)
    rhs = interval(total) - sum((interval(f) for f in fiscal), ZERO)
    remainder = wan(total) - sum((wan(f) for f in fiscal), Decimal(0))
    value = stated.wan if stated else Decimal(0)
    ok = lhs.meets(rhs) if complete else lhs.at_most(rhs)
    exact = value == remainder if complete else value <= remainder
    if ok and exact:
        return Instance("pass")
    parts = "、".join(f"{f.name}（{at(ln.location)}）{ln.amount.raw}" for f, ln in lines) or "无"
    tables = describe(total) + "".join(f" − {describe(f)}" for f in fiscal)
    relation = "应等于" if complete else "不应超过"
    msg = (f"项目绩效目标表中非财政拨款资金来源合计 {format_wan(value, 2)} 万元（{parts}），"
           f"{relation}报表中非财政拨款安排的项目支出 {format_wan(remainder, 2)} 万元（{tables}），"
           f"差额 {format_wan(value - remainder, 2)} 万元")
    if ok:
        msg += "，在各数四舍五入的误差范围内"
    ev = [Evidence(table=f.table.title, row=ln.label, column=f.name, location=ln.amount.location) for f, ln in lines]
    ev += [evidence(total)] + [evidence(f) for f in fiscal if f.table is not None]
    return Instance("pass" if ok else "fail", msg, verdict(value, remainder, ok, 2, "pass" if ok else "fail"), ev)
