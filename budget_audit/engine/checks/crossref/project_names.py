"""project_names (R01): the same projects in every list of them.

The narrative's project list, 项目支出表, the 项目支出情况 of 整体绩效目标表 and the
项目绩效目标表 headers must name the same projects. A project missing from one of them
is the rule's severity; a name spelt differently in two places (paired by the ledger) is
a warning quoting both spellings; a project named in 政府采购表 / 购买服务表 but in no
list is a warning (it may be 基本支出 under a name the rule pack does not know).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import place, places
from budget_audit.engine.ledger import PLACE_LABEL, Ledger, Project

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    ledger = ctx.ledger
    for note in ledger.notes:
        yield Instance("insufficient_data", note=note)
    if not ledger.projects:
        yield Instance("not_applicable", note="报告中没有列出项目")
    for project in ledger.projects:
        yield from _project(project, ledger)


def _project(project: Project, ledger: Ledger) -> Iterator[Instance]:
    listed = project.listed
    if not listed:
        if ledger.places:
            yield _only_spending(project, ledger)
        return
    missing = [p for p in ledger.places if p not in project.mentions]
    if missing and len(ledger.places) > 1:
        absent = "、".join(PLACE_LABEL[p] for p in missing)
        msg = f"项目“{project.name}”见于{places(listed)}，但{absent}中没有这个项目"
        yield Instance("fail", msg, evidence=[e for m in listed for e in m.evidence[:1]])
    elif len(ledger.places) > 1:
        yield Instance("pass")
    if len(project.keys) > 1:
        yield _spellings(project)


def _spellings(project: Project) -> Instance:
    shown = "、".join(f"{place(m)}作“{m.name}”" for m in project.mentions.values())
    msg = f"同一项目的名称写法不一致：{shown}"
    return Instance("fail", msg, evidence=[e for m in project.mentions.values() for e in m.evidence[:1]],
                    severity="warning")


def _only_spending(project: Project, ledger: Ledger) -> Instance:
    lists = "、".join(PLACE_LABEL[p] for p in ledger.places)
    msg = (f"{places(list(project.mentions.values()))}中的项目“{project.name}”未见于{lists}；"
           f"若它是基本支出而非项目，可在 narrative.yaml 的 not_projects 中声明")
    return Instance("fail", msg, evidence=[e for m in project.mentions.values() for e in m.evidence],
                    severity="warning")
