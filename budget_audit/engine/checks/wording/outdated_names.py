"""outdated_names: no table prints a 功能分类 name that the 政府收支分类科目 had replaced
by the report year (the rule's dictionary of renamed subjects)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.wording.subject_index import Rename, SubjectIndex, level_of, outdated, renames_param
from budget_audit.engine.results import Evidence
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.subject_paths import LEVELS
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"renames"}
REQUIRED = {"renames"}


@dataclass(frozen=True)
class Spec:
    renames: list[Rename]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    return Spec(renames_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    index = SubjectIndex(ctx.report)
    year = ctx.report.year
    if not index or year is None:
        yield Instance("not_applicable", note="没有功能分类表，或报告年度不明")
        return
    for code, printings in index.printed.items():
        stale = [(p, r) for p in printings if (r := outdated(p.name, level_of(code), code, year, spec.renames))]
        if not stale:
            yield Instance("pass")
            continue
        rename = stale[0][1]
        tables = "、".join(f"“{p.table.title}”" for p, _ in stale)
        msg = (f"{tables}中{code}的{LEVELS[rename.level]}级名称“{stale[0][0].name}”是旧科目名称，"
               f"{rename.since}年起已改为“{rename.new}”（本报告为{year}年）")
        yield Instance("fail", msg, evidence=[Evidence(table=p.table.title, row=f"{p.code} {p.name}",
                                                        location=p.line.location) for p, _ in stale])
