"""table_names: one 功能分类 code carries one name in every table of a report.

A code printed with different names in two tables means that at least one of them is
mistyped or outdated; “其它” for “其他” is only a spelling (info)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.wording.subject_index import Printed, SubjectIndex, name_key, variant_key
from budget_audit.engine.results import Evidence

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    index = SubjectIndex(ctx.report)
    several = {c: ps for c, ps in index.printed.items() if len({id(p.table) for p in ps}) > 1}
    if not several:
        yield Instance("not_applicable", note="没有在两张以上的表中出现的功能分类编码")
    for code, printings in several.items():
        names = {name_key(p.name) for p in printings}
        if len(names) == 1:
            yield Instance("pass")
            continue
        spelling = len({variant_key(p.name) for p in printings}) == 1
        yield Instance("fail", _message(code, printings), evidence=[_cite(p) for p in printings],
                       severity="info" if spelling else None)


def _message(code: str, printings: list[Printed]) -> str:
    by_name: dict[str, list[str]] = {}
    for p in printings:
        by_name.setdefault(p.name, []).append(f"“{p.table.title}”")
    said = "，".join(f"在{'、'.join(tables)}中为“{name}”" for name, tables in by_name.items())
    return f"同一科目编码{code}在不同表中名称不同：{said}"


def _cite(p: Printed) -> Evidence:
    return Evidence(table=p.table.title, row=f"{p.code} {p.name}", location=p.line.location)
