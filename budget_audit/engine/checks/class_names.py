"""class_names: a 功能分类 path quoted in the narrative (“A（类）B（款）C（项）” or
“A-B-C”科目) names its 类 and 款 the way the tables do.

The row is found by its 项 name; of the rows with that name, the one whose 类 or 款 name
also matches fixes the code. When the other level's name differs from the table's name for
that code, the narrative uses an old or wrong name. Ambiguous or unknown rows are skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.scan import body_passages, cite_passage, kinds_param, patterns
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"tables", "paths"}
REQUIRED = {"tables", "paths"}
_LEVELS = ("类", "款", "项")


@dataclass(frozen=True)
class Spec:
    tables: list[str]
    paths: list[re.Pattern[str]]  # named groups lei, kuan, xiang


@dataclass(frozen=True)
class Row:
    code: str
    names: tuple[str, str, str]  # as printed: 类, 款, 项
    table: ReportTable


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    paths = patterns(params, "paths")
    if any(not {"lei", "kuan", "xiang"} <= set(rx.groupindex) for rx in paths):
        raise RuleError(f"{params.where()}: paths 的正则表达式应含命名组 lei、kuan、xiang")
    return Spec(kinds_param(params, "tables", catalog.kinds), paths)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    rows = _rows(ctx, spec.tables)
    if not rows:
        yield Instance("not_applicable", note="没有到项级的功能分类表")
        return
    quoted = [(p, m) for p in body_passages(ctx) for rx in spec.paths for m in rx.finditer(p.text)]
    if not quoted:
        yield Instance("not_applicable", note="说明中没有引用“类/款/项”科目")
    for passage, m in quoted:
        names = tuple(key(m.group(g)) for g in ("lei", "kuan", "xiang"))
        row = _match(rows, names)  # type: ignore[arg-type]
        if row is None:
            yield Instance("insufficient_data", note=f"无法确定“{m.group(0)}”对应的科目")
            continue
        wrong = [i for i in range(2) if key(row.names[i]) != names[i]]
        if not wrong:
            yield Instance("pass")
            continue
        i = wrong[0]
        code = row.code[:3 + 2 * i]
        msg = (f"说明中写作“{m.group(('lei', 'kuan')[i])}（{_LEVELS[i]}）”，而“{row.table.title}”中"
               f"{code}的{_LEVELS[i]}级名称为“{row.names[i]}”（同一科目：{row.code} {row.names[2]}）")
        yield Instance("fail", msg, evidence=[cite_passage(passage, m.span()),
                                              Evidence(table=row.table.title, row=f"{row.code} {row.names[2]}")])


def _rows(ctx: Context, kinds: list[str]) -> list[Row]:
    """Every 项 row of the first listed table that has them, with its 类 and 款 names."""
    for kind in kinds:
        for table in ctx.report.tables_of(kind):
            names = {ln.code: ln.label for ln in table.lines if ln.code}
            rows = [Row(c, (names.get(c[:3], ""), names.get(c[:5], ""), label), table)
                    for c, label in names.items() if len(c) == 7]
            if rows:
                return rows
    return []


def _match(rows: list[Row], names: tuple[str, str, str]) -> Row | None:
    same = [r for r in rows if key(r.names[2]) == names[2]]
    exact = [r for r in same if key(r.names[0]) == names[0] and key(r.names[1]) == names[1]]
    if exact:
        return exact[0]
    half = [r for r in same if key(r.names[0]) == names[0] or key(r.names[1]) == names[1]]
    return half[0] if len(half) == 1 and all(half[0].names[:2]) else None
