"""empty_table_note: a table printed empty says why — a note under it, or the narrative
stating that the unit has no such budget (“无政府性基金预算…支出”, “本表为空表”,
“政府性基金拨款支出预算0万元”).

A note that names another fund only (“无政府性基金…” under the 国有资本经营 table) is
a copy-paste slip: reported with `wrong_fund` severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import body_passages, cite_paragraph, patterns, severity_value, word_list
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"tables", "empty_phrases", "none_words", "wrong_fund"}
REQUIRED = {"tables", "empty_phrases", "none_words"}


@dataclass(frozen=True)
class Spec:
    tables: dict[str, str]  # table kind → the fund word it is about
    empty: list[re.Pattern[str]]  # “本表为空表”, “本表无数据”
    none_words: list[str]  # 无, 没有, 未安排
    wrong_fund: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    tables = params.get("tables")
    if not isinstance(tables, dict) or not tables:
        raise RuleError(f"{params.where()}: tables 应为 表名: 资金名称")
    unknown = [k for k in tables if k not in catalog.kinds]
    if unknown:
        raise RuleError(f"{params.where()}: 表 {', '.join(unknown)} 未在 tables.yaml 中声明")
    return Spec({k: str(v) for k, v in tables.items()}, patterns(params, "empty_phrases"),
                word_list(params, "none_words"), str(severity_value(params.get("wrong_fund"), params.where(), "warning")))


def none_statement(words: list[str], subject: str) -> re.Pattern[str]:
    """“无…政府性基金…预算/支出/收入” within one clause; “无论” is no negation."""
    neg = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:{neg})(?!论)[^,;。]{{0,16}}?{re.escape(subject)}[^,;。]{{0,20}}?(?:预算|支出|收入|拨款)")


def zero_statement(subject: str) -> re.Pattern[str]:
    """“政府性基金拨款支出预算0万元”, “…预算为0”: saying the budget is nil is saying there is none."""
    return re.compile(rf"{re.escape(subject)}[^,;。]{{0,20}}?(?:预算|支出|收入|拨款)[^,;。\d]{{0,6}}?"
                      rf"(?<![\d.])0(?:\.0+)?\s*(?:万元|元)?(?![\d.])")


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    passages = body_passages(ctx)
    for kind, fund in spec.tables.items():
        for table in ctx.report.tables_of(kind):
            if not table.is_empty:
                yield Instance("not_applicable", note=f"{table.title}有数据")
                continue
            yield _judge(table, fund, spec, passages)


def _judge(table: ReportTable, fund: str, spec: Spec, passages: list[Passage]) -> Instance:
    says_none = none_statement(spec.none_words, fund)
    notes = [clean(n.text) for n in table.notes]
    if any(says_none.search(n) for n in notes):
        return Instance("pass")
    if any(says_none.search(p.text) for p in passages):
        return Instance("pass")
    others = [f for f in set(spec.tables.values()) if f != fund]
    slip = next((n for n in table.notes if any(none_statement(spec.none_words, f).search(clean(n.text))
                                                 for f in others)), None)
    if slip is not None:
        msg = f"“{table.title}”为空表，表下注释写的却是其他资金（{clean(slip.text)}），未说明本单位无{fund}预算"
        return Instance("fail", msg, evidence=[cite_paragraph(slip), Evidence(table=table.title, location=table.location)],
                        severity=spec.wrong_fund)
    if any(rx.search(n) for rx in spec.empty for n in notes):
        return Instance("pass")
    if any(zero_statement(fund).search(p.text) for p in passages):
        return Instance("pass")
    msg = f"“{table.title}”为空表，表下没有注释，说明中也没有写明本单位无{fund}预算"
    return Instance("fail", msg, evidence=[Evidence(table=table.title, location=table.location)])
