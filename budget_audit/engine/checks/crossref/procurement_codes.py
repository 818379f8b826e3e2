"""procurement_codes (X11): the codes of 政府采购表 / 购买服务表 rows exist in the budget.

Every 功能科目 code is a 科目 of the function tables (`function_tables`); every 经济分类
code is a 5-digit 款; a row funded from 基本支出 (its project column names basic spending,
narrative.yaml `not_projects`) spends on a 款 of 基本支出表 (`economic_table`). Warnings:
the tables may legitimately print a parent code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, table_param
from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.ledger import cell_evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.forms.model import ListRow, ListTable
from budget_audit.understand.model import Report
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"function_tables", "economic_table"}
REQUIRED = {"function_tables", "economic_table"}


@dataclass(frozen=True)
class Spec:
    function_tables: tuple[str, ...]
    economic_table: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    tables = params.get("function_tables")
    if not isinstance(tables, list) or not tables:
        raise RuleError(f"{params.where()}: function_tables 应为表名列表")
    for t in tables:
        if t not in catalog.kinds:
            raise RuleError(f"{params.where()}: 表 {t!r} 未在 tables.yaml 中声明")
    return Spec(tuple(tables), table_param(params, catalog, "economic_table"))


def codes_of(report: Report, kinds: tuple[str, ...]) -> set[str] | None:
    """The 科目 codes printed in these tables; None when none of them is readable."""
    tables = [t for k in kinds for t in report.tables_of(k) if t.readable]
    if not tables:
        return None
    return {ln.code for t in tables for ln in t.lines if ln.code}


def basic_rows(t: ListTable, not_projects: tuple[str, ...]) -> list[ListRow]:
    return [r for r in t.rows if key(r.project) in not_projects]


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    forms = ctx.report.forms
    tables = [t for t in forms.procurement + forms.services if t.readable]
    if not tables:
        yield Instance("not_applicable", note="报告中没有可读的政府采购表或购买服务表")
        return
    functions = codes_of(ctx.report, spec.function_tables)
    economic = codes_of(ctx.report, (spec.economic_table,))
    basic = ctx.pack.scopes.projects.not_projects
    for t in tables:
        for row in t.rows:
            yield _function(t, row, functions)
            yield _economic(t, row, economic if key(row.project) in basic else None)


def _function(t: ListTable, row: ListRow, codes: set[str] | None) -> Instance:
    code = row.function.code if row.function else None
    if code is None or codes is None:
        return Instance("not_applicable", note="没有功能科目编码或功能分类表")
    if code in codes:
        return Instance("pass")
    msg = f"{t.table.title}{at(row.location)}“{row.project}”的功能科目 {row.function.raw} 不见于支出表的科目编码"  # type: ignore[union-attr]
    return Instance("fail", msg, evidence=[cell_evidence(t.table.title, row.project, "功能科目", None, row.location)])


def _economic(t: ListTable, row: ListRow, basic_codes: set[str] | None) -> Instance:
    code = row.economic.code if row.economic else None
    if code is None:
        return Instance("not_applicable", note="没有经济分类编码")
    ev = [cell_evidence(t.table.title, row.project, "经济分类", None, row.location)]
    if not (code.isdigit() and len(code) == 5):
        return Instance("fail", f"{t.table.title}{at(row.location)}“{row.project}”的经济分类 {row.economic.raw} 不是5位的款级编码", evidence=ev)  # type: ignore[union-attr]
    if basic_codes is not None and code not in basic_codes:
        msg = (f"{t.table.title}{at(row.location)}“{row.project}”由基本支出安排，"
               f"而经济分类 {row.economic.raw} 不见于基本支出表")  # type: ignore[union-attr]
        return Instance("fail", msg, evidence=ev)
    return Instance("pass")
