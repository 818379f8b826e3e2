"""none_statement: a note or sentence saying the unit has no such money (“无政府性基金预算
…支出”) while the fund's own table, or its row or column in the 财政拨款 statement, shows
an amount."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.completeness.empty_table_note import none_statement
from budget_audit.engine.checks.sections import body_passages, cite_paragraph, cite_passage, kinds_param, word_list
from budget_audit.engine.judge import Verdict, describe, evidence
from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Operand, Ref, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"funds", "none_words"}
REQUIRED = {"funds", "none_words"}


@dataclass(frozen=True)
class Fund:
    word: str
    tables: list[str]
    figures: list[Ref]


@dataclass(frozen=True)
class Spec:
    funds: list[Fund]
    none_words: list[str]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    funds = params.get("funds")
    if not isinstance(funds, list) or not funds:
        raise RuleError(f"{params.where()}: funds 应为资金列表")
    return Spec([_fund(f, catalog) for f in funds], word_list(params, "none_words"))


def _fund(m: Mapping, catalog: Catalog) -> Fund:
    """A fund with tables of its own (政府性基金), or an item known by its cells only (三公)."""
    check_keys(m, {"word", "tables", "figures"}, {"word"}, "资金")
    refs = [parse_ref(str(r), catalog, m.where()) for r in word_list(m, "figures", required=False)]
    tables = kinds_param(m, "tables", catalog.kinds) if "tables" in m else []
    if not tables and not refs:
        raise RuleError(f"{m.where()}: 资金应有 tables 或 figures")
    return Fund(str(m["word"]), tables, refs)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    for fund in spec.funds:
        said = _statement(fund, spec, ctx)
        if said is None:
            yield Instance("not_applicable", note=f"没有“无{fund.word}”的表述")
            continue
        shown = _nonzero(fund, ctx)
        if shown is None:
            yield Instance("pass")
            continue
        yield _contradiction(fund, said, shown)


def _statement(fund: Fund, spec: Spec, ctx: Context) -> Evidence | None:
    """The first note or sentence saying there is none of this fund."""
    says_none = none_statement(spec.none_words, fund.word)
    for kind in fund.tables:
        for table in ctx.report.tables_of(kind):
            for note in table.notes:
                m = says_none.search(clean(note.text))
                if m:
                    return cite_paragraph(note, m.span())
    for passage in body_passages(ctx):
        m = says_none.search(passage.text)
        if m:
            return cite_passage(passage, m.span())
    return None


def _nonzero(fund: Fund, ctx: Context) -> Operand | None:
    """A non-zero figure of the fund: its table's first amount, or a referenced cell."""
    for kind in fund.tables:
        for table in ctx.report.tables_of(kind):
            for line in table.lines:
                for column, fig in line.values.items():
                    if fig.amount is not None and fig.amount.value != 0:
                        return Operand(fig.amount, fig, table, line, column)
    for ref in fund.figures:
        op = resolve(ref, ctx.report, ctx.catalog)
        if isinstance(op, Operand) and op.amount is not None and op.amount.value != 0:
            return op
    return None


def _contradiction(fund: Fund, said: Evidence, op: Operand) -> Instance:
    amount = op.amount
    assert amount is not None
    msg = f"说明或注释称无{fund.word}（“{said.text}”），而{describe(op)}为 {amount.raw} {amount.unit}"
    verdict = Verdict("fail", False, False, amount.raw, "0", format_wan(amount.value, amount.decimals), amount.unit)
    return Instance("fail", msg, verdict, [said, evidence(op)])
