"""component_list: “人员经费…主要包括：基本工资、津贴补贴、…” and “公用经费…主要包括…” against
the economic classification table of 基本支出.

Each listed component is matched to a 款 of the table by name (abbreviations such as
“水电费” → 水费 + 电费 are data in the rule). A component whose figure is 0 or blank is
listed for nothing (the rule's severity). When the list claims to be the whole (“包括：” with
no 主要 and no 等), a non-zero 款 left out is reported with `omitted` severity. A name that
matches no 款 is left alone: the table may simply not print a row of zeros."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import cite_passage, kinds_param, pattern, section_passages, severity_value, word_list
from budget_audit.engine.judge import evidence
from budget_audit.engine.selectors import Operand
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Report, ReportTable
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"sections", "exclude_sections", "lists", "tables", "aliases", "omitted"}
REQUIRED = {"sections", "lists", "tables"}
_SEPARATORS = re.compile(r"[、,，]")
_JOINERS = re.compile(r"以及|及|和")
_ETC = re.compile(r"(?:等等|等)(?:费用|支出|项目)?$")


@dataclass(frozen=True)
class Spec:
    sections: list[str]
    exclude: list[str]
    lists: re.Pattern[str]  # groups whole (人员经费|公用经费), items, optional partial (主要)
    tables: list[str]
    aliases: dict[str, list[str]]  # key of a short name → the 款 names it stands for
    omitted: str


@dataclass
class Listed:
    whole: str
    items: list[str]
    complete: bool
    passage: Passage
    span: tuple[int, int]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    lists = pattern(params.get("lists"), params.where())
    if not {"whole", "items"} <= set(lists.groupindex):
        raise RuleError(f"{params.where()}: lists 的正则表达式应含命名组 whole 和 items")
    aliases = params.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise RuleError(f"{params.where()}: aliases 应为 简称: [科目名称] 的映射")
    return Spec(word_list(params, "sections"), word_list(params, "exclude_sections", required=False), lists,
                kinds_param(params, "tables", catalog.kinds),
                {key(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in aliases.items()},
                str(severity_value(params.get("omitted"), params.where(), "info")))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    table = _table(spec, ctx.report)
    found = False
    for passage in section_passages(ctx, spec.sections, spec.exclude):
        for listed in _lists(passage, spec):
            found = True
            if table is None:
                yield Instance("insufficient_data", note="没有可读的基本支出经济分类表")
                continue
            yield from _judge(listed, table, spec)
    if not found:
        yield Instance("not_applicable", note="说明中没有列出人员经费或公用经费的构成")


def _table(spec: Spec, report: Report) -> ReportTable | None:
    tables = [t for kind in spec.tables for t in report.tables_of(kind) if t.readable]
    return tables[0] if len(tables) == 1 else None


def _lists(passage: Passage, spec: Spec) -> Iterator[Listed]:
    for m in spec.lists.finditer(passage.text):
        raw = [x.strip() for x in _SEPARATORS.split(m["items"]) if x.strip()]
        complete = not m.groupdict().get("partial") and not (raw and _ETC.search(raw[-1]))
        items = [_ETC.sub("", x) for x in raw]
        yield Listed(m["whole"], [x for x in items if x], complete, passage, m.span("items"))


def _judge(listed: Listed, table: ReportTable, spec: Spec) -> Iterator[Instance]:
    rows = _rows(table, listed.whole)
    matched: dict[str, list[Operand]] = {}
    for item in listed.items:
        ops = _match(item, rows, spec)
        if ops:
            matched[item] = ops
    empty = [(item, op) for item, ops in matched.items() for op in ops if _zero(op)]
    if empty:
        names = "、".join(f"{item}（{op.line.code}）" for item, op in empty if op.line)
        msg = (f"说明称{listed.whole}包括{names}，而{table.kind.name}中{'这些科目' if len(empty) > 1 else '该科目'}"
               f"的{listed.whole}为0或空白")
        yield Instance("fail", msg, evidence=[cite_passage(listed.passage, listed.span)] + [evidence(op) for _, op in empty])
    else:
        yield Instance("pass")
    if listed.complete:
        yield _omitted(listed, rows, matched, table, spec)


def _omitted(listed: Listed, rows: list[Operand], matched: dict[str, list[Operand]], table: ReportTable,
             spec: Spec) -> Instance:
    used = {id(op.line) for ops in matched.values() for op in ops}
    left = [op for op in rows if id(op.line) not in used and not _zero(op)]
    if not left:
        return Instance("pass")
    names = "、".join(f"{op.line.code} {op.line.label}" for op in left if op.line)
    msg = f"说明列出的{listed.whole}构成没有“等”，似为全部，但{table.kind.name}中{names}的{listed.whole}不为0，未列出"
    return Instance("fail", msg, evidence=[cite_passage(listed.passage, listed.span)] + [evidence(op) for op in left],
                    severity=spec.omitted)


def _rows(table: ReportTable, whole: str) -> list[Operand]:
    """The 款 rows with their figure for this whole: its column, or its panel's column."""
    out = []
    for panel in table.panels:
        if panel.name and panel.name != whole:
            continue
        column = whole if whole in panel.columns else (panel.columns[0] if panel.name == whole and panel.columns else None)
        if column is None:
            continue
        for line in panel.lines:
            if line.level == 2 and line.code:
                fig = line.figure(column)
                out.append(Operand(fig.amount if fig else None, fig, table, line, column))
    return out


def _match(item: str, rows: list[Operand], spec: Spec) -> list[Operand]:
    """The rows an item names: by its name (支出 / 费用 endings aside), an alias, or the
    parts of “A及B”."""
    wanted = [item]
    if key(item) in spec.aliases:
        wanted = spec.aliases[key(item)]
    found = [op for name in wanted for op in rows if op.line and _same(name, op.line.label)]
    if not found and _JOINERS.search(item):
        found = [op for part in _JOINERS.split(item) if part for op in _match(part, rows, spec)]
    return found


def _same(name: str, label: str) -> bool:
    return bool(_variants(name) & _variants(label))


def _variants(name: str) -> set[str]:
    k = key(name)
    return {k, k.removesuffix("支出"), k.replace("费用", "费")}


def _zero(op: Operand) -> bool:
    return op.amount is None or op.amount.value == 0
