"""performance_forms (R07): every project has its 项目绩效目标表 when the narrative says
so (“所有项目均…编制绩效目标”), and the forms cover no more than the project spending.

Only reports that publish project forms at all are judged: a template without them (上海)
says nothing about how many there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.crossref.amounts import judge, places, words_param
from budget_audit.engine.judge import describe, evidence
from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Ref, Unresolved, parse_ref, resolve
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"all_words", "target_words", "total"}
REQUIRED = {"all_words", "target_words"}


@dataclass(frozen=True)
class Spec:
    all_words: tuple[str, ...]
    target_words: tuple[str, ...]
    total: Ref | None
    right: list[str]  # every table read (the rule pack lists them: this is no single-table check)


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    total = params.get("total")
    forms = [k.name for k in catalog.kinds.values() if k.catalogue == "B14"]
    return Spec(words_param(params, "all_words"), words_param(params, "target_words"),
                parse_ref(str(total), catalog, params.where()) if total else None, forms)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms.projects
    if not forms:
        yield Instance("not_applicable", note="报告中没有项目绩效目标表")
        return
    yield from _covered(spec, ctx)
    statement = _statement(spec, ctx)
    if statement is None:
        yield Instance("not_applicable", note="说明中没有“所有项目均编制绩效目标”一类的表述")
        return
    for project in ctx.ledger.projects:
        if project.listed and "B14" not in project.mentions:
            msg = (f"说明称{statement[1]}，但项目“{project.name}”（见于{places(project.listed)}）"
                   f"没有项目绩效目标表")
            yield Instance("fail", msg, evidence=[statement[0]] + [m.evidence[0] for m in project.listed])
        elif project.listed:
            yield Instance("pass")


def _statement(spec: Spec, ctx: Context) -> tuple[Evidence, str] | None:
    for passage in ctx.passages:
        for _, sentence in passage.sentences:
            k = key(sentence)
            if any(w in k for w in spec.all_words) and any(w in k for w in spec.target_words):
                quote = sentence.strip()
                return Evidence(section=passage.headings[-1] if passage.headings else None, text=quote,
                                location=passage.paragraph.location), f"“{quote[:40]}”"
    return None


def _covered(spec: Spec, ctx: Context) -> Iterator[Instance]:
    """Σ 项目当年预算 of the forms ≤ the project spending of the tables."""
    if spec.total is None:
        return
    total = resolve(spec.total, ctx.report, ctx.catalog)
    if isinstance(total, Unresolved):
        yield Instance(total.outcome, note=total.reason)
        return
    budgets = [f.budget.amount for f in ctx.report.forms.projects if f.budget and f.budget.amount]
    ev = [Evidence(table=f.table.title, row=f.name, column="项目当年预算", location=f.budget.location)
          for f in ctx.report.forms.projects if f.budget]
    msg = f"{len(budgets)} 张项目绩效目标表的项目当年预算合计超过报表中的项目支出（{describe(total)}）"
    yield judge(msg, summed(budgets), [total.amount], ev + [evidence(total)], relation="le")
