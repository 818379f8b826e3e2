"""form_shares (R06b): the 占比 of 整体绩效目标表 equal each line ÷ its group's 合计.

Judged by intervals on the printed figures (“78%” allows ±0.5 points, the amounts their
own rounding); a share cut off rather than rounded is info.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import percent_interval, ratio, shown, truncated
from budget_audit.engine.checks.crossref.amounts import overviews_checked, at
from budget_audit.engine.judge import Verdict
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.model import Overview, ShareLine

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
HUNDRED = Decimal(100)

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for o in overviews_checked(ctx):
        if isinstance(o, Instance):
            yield o
            continue
        for group in (o.income, o.spending):
            total = next((ln for ln in group if ln.is_total), None)
            for line in group:
                if line.share is not None and total is not None and line.amount is not None:
                    yield _judged(o, line, total)


def _judged(o: Overview, line: ShareLine, total: ShareLine) -> Instance:
    share = line.share
    assert share is not None and line.amount is not None and line.amount.amount is not None
    whole = total.amount.amount if total.amount else None
    if whole is None or whole.value == 0:
        return Instance("insufficient_data", note=f"{line.label}的合计为空或为零，无法计算占比")
    computed = ratio(line.amount.amount.interval, whole.interval)
    if computed is not None and computed.meets(percent_interval(share)):  # type: ignore[arg-type]
        return Instance("pass")
    exact = line.amount.amount.wan / whole.wan * HUNDRED
    places = max(share.decimals, 2)
    cut = truncated(exact, share)  # type: ignore[arg-type]
    msg = (f"{o.table.title}中“{line.label}”占比写作 {share.raw}，按 {line.amount.raw} ÷ {total.amount.raw}"  # type: ignore[union-attr]
           f"（{at(total.location)}合计）应为 {shown(exact, places)}%")
    if cut:
        msg += "；写出的是截断而非四舍五入的值"
    v = Verdict("fail", False, False, share.raw, f"{shown(exact, places)}%", shown(share.value - exact, places), "%")
    ev = [Evidence(table=o.table.title, row=line.label, column="占比", location=share.location),
          Evidence(table=o.table.title, row=line.label, column="当年金额", location=line.amount.location),
          Evidence(table=o.table.title, row=total.label, column="当年金额", location=total.amount.location)]  # type: ignore[union-attr]
    return Instance("fail", msg, v, ev, severity="info" if cut else None)
