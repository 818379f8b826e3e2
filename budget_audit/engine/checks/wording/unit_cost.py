"""unit_cost: cost per head and per vehicle within plausible bands (人员经费 ÷ 在职实有人数,
公用经费 ÷ 在职实有人数, 公务用车运行费 ÷ 车辆数). The bands are regional conventions set in
the rule file; a figure outside them is worth a look, not a contradiction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import decimal_param, has_word, word_list
from budget_audit.engine.judge import Verdict, describe, evidence
from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Operand, Ref, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Count
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"ratios"}
REQUIRED = {"ratios"}


@dataclass(frozen=True)
class Ratio:
    name: str
    amount: list[Ref]  # the first that resolves
    subjects: list[str]  # a count whose subject names any of these …
    require: list[str]  # … and all of these …
    exclude: list[str]  # … and none of these
    unit: str
    low: Decimal  # 万元 per head or vehicle
    high: Decimal


def prepare(params: Mapping, catalog: Catalog) -> list[Ratio]:
    items = params.get("ratios")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{params.where()}: ratios 应为列表")
    return [_ratio(m, catalog) for m in items]


def _ratio(m: Mapping, catalog: Catalog) -> Ratio:
    check_keys(m, {"name", "amount", "subjects", "require", "exclude", "unit", "band"},
               {"name", "amount", "subjects", "unit", "band"}, "比率")
    band = m["band"]
    if not isinstance(band, list) or len(band) != 2:
        raise RuleError(f"{m.where()}: band 应为 [下限, 上限]（万元）")
    low, high = (decimal_param(v, m.where()) for v in band)
    return Ratio(str(m["name"]), [parse_ref(str(r), catalog, m.where()) for r in word_list(m, "amount")],
                 word_list(m, "subjects"), word_list(m, "require", required=False),
                 word_list(m, "exclude", required=False), str(m["unit"]), low, high)


def run(spec: list[Ratio], ctx: Context) -> Iterator[Instance]:
    for ratio in spec:
        count = next((c for c in ctx.report.counts if _counts(c, ratio)), None)
        op = next((r for ref in ratio.amount if isinstance(r := resolve(ref, ctx.report, ctx.catalog), Operand)
                   and r.table is not None), None)
        if count is None or op is None or op.amount is None or count.value == 0 or op.amount.value == 0:
            yield Instance("not_applicable", note=f"{ratio.name}：缺少人数/车辆数或金额")
            continue
        yield _judge(ratio, count, op)


def _counts(c: Count, ratio: Ratio) -> bool:
    return (c.unit == ratio.unit and has_word(c.subject, ratio.subjects) and all(has_word(c.subject, [w]) for w in ratio.require)
            and not has_word(c.subject, ratio.exclude))


def _judge(ratio: Ratio, count: Count, op: Operand) -> Instance:
    assert op.amount is not None
    per = op.amount.wan / count.value
    if ratio.low <= per <= ratio.high:
        return Instance("pass")
    side = "低于" if per < ratio.low else "高于"
    msg = (f"{ratio.name}约 {format_wan(per, 2)} 万元（{describe(op)} {op.amount.raw}{op.amount.unit} ÷ "
           f"“{count.subject}”{count.value}{ratio.unit}），{side}通常范围 {ratio.low}–{ratio.high} 万元")
    verdict = Verdict("fail", False, False, f"{format_wan(per, 2)}", f"{ratio.low}–{ratio.high}", "-", "万元")
    cited = Evidence(section=count.section or None, text=count.sentence, location=count.location, span=count.span)
    return Instance("fail", msg, verdict, [evidence(op), cited])
