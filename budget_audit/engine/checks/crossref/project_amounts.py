"""project_amounts (R02): a project has one amount wherever it is listed.

The narrative item, 项目支出表, the 项目本年度预算 of 整体绩效目标表 and the 项目当年预算 of
the project's form are compared. The amount most places agree on is the reference (on a
tie, the first of 项目支出表, 项目绩效目标表, 整体绩效目标表, 说明); each place that differs
from it is a finding naming both places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import judge, place, wan_text, places_shown
from budget_audit.engine.ledger import Mention, Project

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    compared = False
    for project in ctx.ledger.projects:
        named = [m for m in project.listed if m.amount is not None]
        for m in named:
            if m.claim is not None:
                ctx.verified.add(id(m.claim))
        if len(named) < 2:
            continue
        compared = True
        yield from _against_reference(project, named)
    if not compared:
        yield Instance("not_applicable", note="没有在两处以上列出金额的项目")


def reference(named: list[Mention]) -> Mention:
    """The mention most others agree with; the earliest place on a tie."""
    def agreeing(m: Mention) -> int:
        return sum(1 for o in named if o.amount.interval.meets(m.amount.interval))  # type: ignore[union-attr]
    return max(named, key=lambda m: (agreeing(m), -named.index(m)))


def _against_reference(project: Project, named: list[Mention]) -> Iterator[Instance]:
    ref = reference(named)
    for m in named:
        if m is ref:
            continue
        d = places_shown([m.amount, ref.amount])  # type: ignore[list-item]
        msg = (f"项目“{project.name}”在{place(m)}为 {wan_text(m.amount, d)} 万元，"
               f"而在{place(ref)}为 {wan_text(ref.amount, d)} 万元")
        yield judge(msg, m.amount, [ref.amount], m.evidence[:1] + ref.evidence[:1])
