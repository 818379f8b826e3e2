"""same_change: in a balanced statement, the change stated for total income, total spending
and the overall total is one change — the same Δ and the same rate wherever it is said."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, table_param
from budget_audit.engine.checks.claims import cite, percent_interval, where
from budget_audit.engine.judge import Verdict
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Claim
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"table", "rows"}
REQUIRED = {"table", "rows"}


@dataclass(frozen=True)
class Spec:
    table: str
    rows: tuple[str, ...]  # the totals that are one and the same figure (收入总计, 支出总计)


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    rows = params.get("rows")
    if not isinstance(rows, list) or len(rows) < 2:
        raise RuleError(f"{params.where()}: rows 应列出至少两个总计行")
    return Spec(table_param(params, catalog), tuple(key(r) for r in rows))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    said = [b.claim for b in ctx.bindings if b.operand is not None and b.operand.table is not None
            and b.operand.table.kind.name == spec.table and b.operand.line is not None
            and key(b.operand.line.label) in spec.rows and b.claim.change is not None
            and b.claim.change.delta is not None]
    if len(said) < 2:
        return
    first = said[0]
    for other in said[1:]:
        ctx.verified.update({id(first), id(other)})
        yield _judge(first, other)


def _judge(first: Claim, other: Claim) -> Instance:
    a, b = first.change, other.change
    assert a is not None and b is not None and a.delta is not None and b.delta is not None
    same_delta = a.direction == b.direction and a.delta.interval.meets(b.delta.interval)
    same_rate = a.percent is None or b.percent is None or \
        percent_interval(a.percent).meets(percent_interval(b.percent))
    if same_delta and same_rate:
        return Instance("pass")
    said_a = f"{a.word}{a.delta.raw}" + (f"、{a.percent.raw}" if a.percent else "")
    said_b = f"{b.word}{b.delta.raw}" + (f"、{b.percent.raw}" if b.percent else "")
    msg = (f"{where(other)}“{other.subject}”的变动为{said_b}，而{where(first)}“{first.subject}”"
           f"（同一总数）的变动为{said_a}")
    return Instance("fail", msg, Verdict("fail", False, False, said_b, said_a, "-", "万元"),
                    [cite(other), cite(first)])
