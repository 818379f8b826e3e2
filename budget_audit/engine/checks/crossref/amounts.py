"""Shared by the cross-reference checks (projects, procurement, services, forms): how a
place is named in a message, and how two printed amounts are compared and worded."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.document import Location
from budget_audit.engine.checks.base import Instance
from budget_audit.engine.judge import Verdict
from budget_audit.engine.ledger import Mention
from budget_audit.engine.results import Evidence
from budget_audit.numbers import ZERO, Amount, Interval, format_wan
from budget_audit.understand.forms.model import Overview
from budget_audit.understand.model import Figure
from budget_audit.yamlfile import Mapping
from budget_audit.errors import RuleError

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context


def at(location: Location | None) -> str:
    """第N行 (text), 第N页 (PDF), 表1!C5 (workbook) or 第N段 (Word)."""
    return location.where() if location is not None else ""


def place(m: Mention) -> str:
    """说明（第12行） / 项目绩效目标表（第340行）."""
    where = at(m.location)
    return f"{m.label}（{where}）" if where else m.label


def places(ms: list[Mention]) -> str:
    return "、".join(place(m) for m in ms)


def places_shown(amounts: list[Amount]) -> int:
    """The decimals to show a comparison of these amounts with (at least 2, in 万元)."""
    return max([2] + [a.decimals for a in amounts if a.unit == "万元"])


def wan_text(a: Amount | None, d: int = 2) -> str:
    return "（空）" if a is None else f"{format_wan(a.wan, d)}"


def interval_of(a: Amount | None) -> Interval:
    return a.interval if a is not None else ZERO


def total_of(amounts: list[Amount | None]) -> Interval:
    return sum((interval_of(a) for a in amounts), ZERO)


def verdict(stated: Decimal, expected: Decimal, rounding: bool, d: int, outcome: str = "fail") -> Verdict:
    return Verdict(outcome, rounding, False, format_wan(stated, d), format_wan(expected, d),
                   format_wan(stated - expected, d), "万元")


def compared(stated: Amount | None, expected: list[Amount | None], relation: str = "eq") -> tuple[str, bool]:
    """(pass | fail, within rounding only) for stated (=, ≤, ≥) Σ expected, by intervals."""
    lhs, rhs = interval_of(stated), total_of(expected)
    value = stated.wan if stated else Decimal(0)
    exact_rhs = sum((a.wan for a in expected if a is not None), Decimal(0))
    if relation == "le":
        ok, exact = lhs.at_most(rhs), value <= exact_rhs
    elif relation == "ge":
        ok, exact = rhs.at_most(lhs), value >= exact_rhs
    else:
        ok, exact = lhs.meets(rhs), value == exact_rhs
    return ("pass" if ok else "fail"), ok and not exact


def judge(message: str, stated: Amount | None, expected: list[Amount | None], evidence: list[Evidence],
          relation: str = "eq", severity: str | None = None) -> Instance:
    """An Instance for stated (relation) Σ expected; `message` already names both places."""
    outcome, rounding = compared(stated, expected, relation)
    if outcome == "pass" and not rounding:
        return Instance("pass")
    d = places_shown([a for a in [stated, *expected] if a is not None])
    exp = sum((a.wan for a in expected if a is not None), Decimal(0))
    v = verdict(stated.wan if stated else Decimal(0), exp, rounding, d, outcome)
    text = f"{message}，差额 {v.difference} 万元"
    if rounding:
        text += "，在各数四舍五入的误差范围内"
    return Instance(outcome, text, v, evidence, severity=severity)


def figure_evidence(title: str, row: str, column: str | None, fig: Figure | None, fallback: Location) -> Evidence:
    return Evidence(table=title, row=row, column=column, location=fig.location if fig else fallback)


def words_param(params: Mapping, name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A list of words in a rule (matched as keys)."""
    from budget_audit.understand.normalize import key
    value = params.get(name, list(default))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{params.where()}: {name} 应为词语列表")
    return tuple(key(v) for v in value)


def overviews_checked(ctx: Context) -> Iterator[Overview | Instance]:
    """The 整体绩效目标表 of the report, or an instance saying why there is nothing to check."""
    overviews = ctx.report.forms.overviews
    if not overviews:
        yield Instance("not_applicable", note="报告中没有整体绩效目标表")
    for o in overviews:
        if o.readable:
            yield o
        else:
            yield Instance("insufficient_data", note=o.problems[0])
