"""toc_tables: the table of contents and the body list the same tables.

Titles are compared after normalisation (numbering, years, spaces and punctuation
removed). A listed table missing from the body is the rule's severity; a body table the
contents leave out is `unlisted`; the same table worded differently is `wording`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.completeness.required_tables import title_elsewhere
from budget_audit.engine.checks.sections import TocEntry, bare_title, cite_paragraph, severity_value, toc
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"unlisted", "wording", "min_entries"}
REQUIRED: set[str] = set()


@dataclass(frozen=True)
class Spec:
    unlisted: str  # severity of a body table missing from the contents
    wording: str  # severity of a wording difference
    min_entries: int  # a contents listing fewer tables does not list tables at all


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    unlisted = severity_value(params.get("unlisted"), params.where(), "warning")
    wording = severity_value(params.get("wording"), params.where(), "info")
    n = params.get("min_entries", 3)
    if not isinstance(n, int) or n < 1:
        raise RuleError(f"{params.where()}: min_entries 应为正整数")
    return Spec(str(unlisted), str(wording), n)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    contents = toc(ctx.report)
    if contents is None:
        yield Instance("not_applicable", note="未找到以段落排版的目录")
        return
    listed = _listed(contents.entries, ctx.catalog)
    if len(listed) < spec.min_entries:
        yield Instance("not_applicable", note="目录未逐一列出报表")
        return
    body: dict[str, ReportTable] = {}
    for table in ctx.report.tables:
        body.setdefault(table.kind.name, table)
    for kind, entry in listed.items():
        seen = None if kind in body else title_elsewhere(ctx.catalog.kinds[kind], ctx.report, contents)
        if seen is not None:
            yield Instance("insufficient_data", note=f"“{seen}”中出现{kind}的表题，但未能读出该表")
            continue
        yield _compare(entry, body.get(kind), kind, spec)
    for kind, table in body.items():
        if kind not in listed:
            yield Instance("fail", f"正文有“{table.title}”，目录中未列出", evidence=[_table_evidence(table)],
                           severity=spec.unlisted)


def _listed(entries: list[TocEntry], catalog: Catalog) -> dict[str, TocEntry]:
    out: dict[str, TocEntry] = {}
    for entry in entries:
        kind = catalog.kind_of_title(entry.text) if "表" in entry.bare else None
        if kind is not None:
            out.setdefault(kind.name, entry)
    return out


def _compare(entry: TocEntry, table: ReportTable | None, kind: str, spec: Spec) -> Instance:
    if table is None:
        return Instance("fail", f"目录列有“{entry.text}”，正文中未找到该表（{kind}）",
                        evidence=[cite_paragraph(entry.paragraph)])
    if bare_title(table.title) == entry.bare:
        return Instance("pass")
    msg = f"目录写作“{entry.text}”，正文表题为“{table.title}”，名称不一致"
    return Instance("fail", msg, evidence=[cite_paragraph(entry.paragraph), _table_evidence(table)],
                    severity=spec.wording)


def _table_evidence(table: ReportTable) -> Evidence:
    return Evidence(table=table.title, location=table.location)
