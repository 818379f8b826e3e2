"""indicator_weights (A16): the 指标分值权重 of a form's 年度绩效目标表 add up.

Σ weights = the 指标权重比例 the form declares (or the rule's `total` when it declares
none). A total the rule allows (`allowed`, e.g. 90 where 10 points are kept for 预算执行率)
passes too. When every readable form of the report adds up to the same other total, that
is a convention of the report rather than a slip: one info finding says so. A form off the
report's common total is a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.judge import Verdict
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.forms.model import ProjectForm
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"total", "allowed"}
REQUIRED: set[str] = set()


@dataclass(frozen=True)
class Spec:
    total: Decimal
    allowed: frozenset[Decimal]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    try:
        total = Decimal(str(params.get("total", 100)))
        allowed = frozenset(Decimal(str(a)) for a in params.get("allowed", []))
    except ArithmeticError:
        raise RuleError(f"{params.where()}: total、allowed 应为数字") from None
    return Spec(total, allowed)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    forms = [f for f in ctx.report.forms.projects if f.indicators or f.weight_problems]
    if not forms:
        yield Instance("not_applicable", note="报告中没有年度绩效目标表")
        return
    readable = [f for f in forms if not f.weight_problems and f.indicators]
    for f in forms:
        if f.weight_problems:
            yield Instance("insufficient_data", note=f"{f.name}：{f.weight_problems[0]}")
    sums = {id(f): sum((i.weight.amount.value for i in f.indicators), Decimal(0)) for f in readable}  # type: ignore[union-attr]
    off = [f for f in readable if not _fits(sums[id(f)], f, spec)]
    yield from (Instance("pass") for f in readable if f not in off)
    common = _common(off, sums, len(readable))
    if common is not None:
        yield _convention(off, common, spec)
    for f in off:
        if common is None or sums[id(f)] != common:
            yield _off(f, sums[id(f)], spec)


def _declared(f: ProjectForm, spec: Spec) -> Decimal:
    return f.declared_weight.amount.value if f.declared_weight and f.declared_weight.amount else spec.total


def _fits(total: Decimal, f: ProjectForm, spec: Spec) -> bool:
    return total == _declared(f, spec) or total in spec.allowed


def _common(off: list[ProjectForm], sums: dict[int, Decimal], readable: int) -> Decimal | None:
    """The one total shared by every readable form (two or more) that does not fit."""
    counts = Counter(sums[id(f)] for f in off)
    if readable < 2 or len(off) != readable or len(counts) != 1:
        return None
    return next(iter(counts))


def _convention(off: list[ProjectForm], common: Decimal, spec: Spec) -> Instance:
    declared = {_declared(f, spec) for f in off}
    stated = "、".join(str(d) for d in sorted(declared))
    msg = (f"{len(off)} 张项目绩效目标表的年度指标分值权重合计均为 {common}，与所填指标权重比例 {stated} 不符；"
           f"各表一致，可能是按地区要求预留了分值（如预算执行率），请核实")
    v = Verdict("fail", False, False, str(common), stated, str(common - min(declared)), "分")
    ev = [Evidence(table=f.table.title, row=f.name, column="指标分值权重", location=f.name_location) for f in off]
    return Instance("fail", msg, v, ev, severity="info")


def _off(f: ProjectForm, total: Decimal, spec: Spec) -> Instance:
    declared = _declared(f, spec)
    shown = " + ".join(i.weight.raw for i in f.indicators)  # type: ignore[union-attr]
    msg = (f"项目“{f.name}”（{at(f.name_location)}）年度绩效目标表的指标分值权重合计 {total}"
           f"（{shown}），与指标权重比例 {declared} 不符")
    v = Verdict("fail", False, False, str(total), str(declared), str(total - declared), "分")
    ev = [Evidence(table=f.table.title, row=i.name, column="指标分值权重",
                   location=i.weight.location if i.weight else i.location) for i in f.indicators]
    return Instance("fail", msg, v, ev)
