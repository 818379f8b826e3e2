"""code_syntax: 科目编码 of one classification have the allowed lengths (功能分类 3/5/7,
经济分类 3/5 digits) and each code starts with the code of the level above it (the last
shorter code printed before it: 201 → 20103 → 2010301). A code printed without a leading zero
(“301 2”, read as 30102) is reported as a printing slip (warning)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import CODE_SYSTEMS, Catalog
from budget_audit.understand.model import Line, ReportTable
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"codes", "lengths"}
REQUIRED = {"codes", "lengths"}


@dataclass(frozen=True)
class Spec:
    codes: str
    lengths: list[int]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    codes, lengths = params.get("codes"), params.get("lengths")
    if codes not in CODE_SYSTEMS:
        raise RuleError(f"{params.where()}: codes 应为 {'、'.join(sorted(CODE_SYSTEMS))} 之一")
    if not isinstance(lengths, list) or not lengths or not all(isinstance(n, int) and n > 0 for n in lengths):
        raise RuleError(f"{params.where()}: lengths 应为位数列表")
    return Spec(str(codes), sorted(lengths))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    tables = [t for t in ctx.report.tables if t.kind.codes == spec.codes]
    if not tables:
        yield Instance("not_applicable", note=f"报告中没有按{spec.codes}编码的表")
    for table in tables:
        problems = [p for panel in table.panels for p in _problems(panel.lines, spec, table)]
        yield from problems or [Instance("pass")]


def _problems(lines: list[Line], spec: Spec, table: ReportTable) -> Iterator[Instance]:
    above: dict[int, str] = {}  # the last code printed at each length
    for line in lines:
        code = line.code
        if not code:
            continue
        if line.printed_code and line.printed_code.replace(" ", "") != code:
            yield _fail(table, line, f"编码印作“{line.printed_code}”，缺少前导零，按上下文应为“{code}”", "warning")
        if len(code) not in spec.lengths:
            allowed = "、".join(map(str, spec.lengths))
            yield _fail(table, line, f"编码“{code}”为{len(code)}位，{spec.codes}科目编码应为{allowed}位")
            continue
        parent = _parent(above, len(code), spec.lengths)
        if parent and not code.startswith(parent):
            printed = f"（印作“{line.printed_code}”）" if line.printed_code and line.printed_code != code else ""
            yield _fail(table, line, f"编码“{code}”{printed}（{line.label}）不以上一级编码“{parent}”开头，层级不衔接")
        above = {n: c for n, c in above.items() if n < len(code)} | {len(code): code}


def _parent(above: dict[int, str], length: int, lengths: list[int]) -> str | None:
    shorter = [n for n in lengths if n < length]
    return above.get(shorter[-1]) if shorter else None


def _fail(table: ReportTable, line: Line, detail: str, severity: str | None = None) -> Instance:
    row = f"{line.code} {line.label}".strip()
    return Instance("fail", f"“{table.title}”中{detail}", evidence=[Evidence(table=table.title, row=row,
                                                                            location=line.location)],
                    severity=severity)
