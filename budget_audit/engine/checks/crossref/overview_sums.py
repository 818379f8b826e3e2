"""overview_sums (A14): 整体绩效目标表 adds up.

For this year's column and each 近两年 column: Σ 收入构成 lines = their 合计, Σ 支出构成
lines = their 合计, and 收入合计 = 支出合计.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import overviews_checked, at, judge, wan_text
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.model import Overview, ShareLine
from budget_audit.understand.model import Figure

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_GROUPS = (("income", "收入构成"), ("spending", "支出构成"))
THIS_YEAR = "当年金额"

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for o in overviews_checked(ctx):
        if isinstance(o, Instance):
            yield o
            continue
        for column in [THIS_YEAR, *o.years]:
            totals = {}
            for attr, label in _GROUPS:
                lines = getattr(o, attr)
                total = next((ln for ln in lines if ln.is_total), None)
                if total is not None and _figure(total, column) is not None:
                    totals[label] = total
                    yield _group(o, label, lines, total, column)
            if len(totals) == 2:
                yield _balance(o, totals["收入构成"], totals["支出构成"], column)


def _figure(line: ShareLine, column: str) -> Figure | None:
    return line.amount if column == THIS_YEAR else line.years.get(column)


def _ev(o: Overview, line: ShareLine, column: str) -> Evidence:
    fig = _figure(line, column)
    return Evidence(table=o.table.title, row=line.label, column=column, location=fig.location if fig else line.location)


def _group(o: Overview, label: str, lines: list[ShareLine], total: ShareLine, column: str) -> Instance:
    parts = [ln for ln in lines if not ln.is_total]
    figures = [f.amount for ln in parts if (f := _figure(ln, column)) is not None]
    shown = " + ".join(f"{ln.label} {f.raw}" for ln in parts if (f := _figure(ln, column)) is not None) or "各项为空"
    stated = _figure(total, column)
    msg = (f"{o.table.title}{label}（{column}）：合计（{at(total.location)}）{wan_text(stated.amount if stated else None)} 万元"
           f" ≠ {shown}")
    return judge(msg, stated.amount if stated else None, figures, [_ev(o, total, column)] + [_ev(o, ln, column) for ln in parts])


def _balance(o: Overview, income: ShareLine, spending: ShareLine, column: str) -> Instance:
    a, b = _figure(income, column), _figure(spending, column)
    msg = (f"{o.table.title}（{column}）：收入构成合计（{at(income.location)}）{wan_text(a.amount if a else None)} 万元，"
           f"支出构成合计（{at(spending.location)}）{wan_text(b.amount if b else None)} 万元")
    return judge(msg, a.amount if a else None, [b.amount if b else None], [_ev(o, income, column), _ev(o, spending, column)])
