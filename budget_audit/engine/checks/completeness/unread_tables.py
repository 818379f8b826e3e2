"""unread_tables: the tables the 目录 lists but that could not be read are said out loud.

A damaged PDF, or a table printed so that its grid could not be recovered, must not come back
as a quieter report: each such table kind is an error finding, and the rules that needed it
count as insufficient data (engine), not as "does not apply". A table that is simply absent
from an intact document is C02's finding (listed but missing), not this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.completeness.required_tables import title_elsewhere
from budget_audit.engine.checks.sections import TocEntry, cite_paragraph, toc
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Report

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
MIN_LISTED = 3  # fewer table entries is not a list of the report's tables
prepare = no_params


def listed_tables(report: Report, catalog: Catalog) -> dict[str, TocEntry]:
    """The table kinds the 目录 lists (empty when it lists fewer than MIN_LISTED)."""
    contents = toc(report)
    out: dict[str, TocEntry] = {}
    for entry in contents.entries if contents else []:
        kind = catalog.kind_of_title(entry.text) if "表" in entry.bare else None
        if kind is not None:
            out.setdefault(kind.name, entry)
    return out if len(out) >= MIN_LISTED else {}


def unread_tables(report: Report, catalog: Catalog) -> dict[str, str]:
    """Listed table kinds that were not read, with why: the file is damaged, or the table's
    title was seen without its grid."""
    present = {t.kind.name for t in report.tables}
    damage = "；".join(report.problems[:3]) + ("等" if len(report.problems) > 3 else "")
    out: dict[str, str] = {}
    for kind in listed_tables(report, catalog):
        if kind in present:
            continue
        if damage:
            out[kind] = f"文件有损坏（{damage}）"
        elif (seen := title_elsewhere(catalog.kinds[kind], report, toc(report))) is not None:
            out[kind] = f"见到表题“{seen}”，但未能读出表格"
    return out


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    listed = listed_tables(ctx.report, ctx.catalog)
    if not listed:
        yield Instance("not_applicable", note="目录未逐一列出报表")
        return
    unread = unread_tables(ctx.report, ctx.catalog)
    if not unread:
        yield Instance("pass")
    for kind, why in unread.items():
        yield Instance("fail", f"目录列出的{kind}未能读出：{why}；需要该表的规则无法核对，计为数据不足",
                       evidence=[cite_paragraph(listed[kind].paragraph)])
