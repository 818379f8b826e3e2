"""change_parts: the change stated for a whole is the sum of the changes stated for its parts
(“公务用车购置及运行费…减少10万元，其中：购置费…减少10万元；运行费…持平”).

Only where nothing has to be guessed: every part listed under the whole states its change
(持平 is 0), and the parts add up to the whole this year. Even then a component listed last
year and absent now would change the sum, so a mismatch is a warning (probable defect).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, where
from budget_audit.engine.judge import Verdict
from budget_audit.numbers import ZERO, Interval, format_wan
from budget_audit.understand.claims import Claim

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for whole in ctx.report.claims:
        parts = whole.parts
        if whole.change is None or len(parts) < 2 or any(_signed(p) is None for p in parts):
            continue
        total = sum((p.amount.interval for p in parts), ZERO)
        if not total.meets(whole.amount.interval):
            continue  # the parts are not the whole: the rest of last year is unknown
        ctx.verified.update(id(c) for c in (whole, *parts))
        yield _judge(whole, parts)


def _signed(c: Claim) -> Interval | None:
    """The change as a signed interval (增加 +, 减少 −, 持平 0); None when not stated."""
    change = c.change
    if change is None:
        return None
    if change.direction == "持平":
        return ZERO
    if change.delta is None:
        return None
    d = change.delta.interval
    return d if change.direction == "增加" else Interval(-d.hi, -d.lo)


def _judge(whole: Claim, parts: list[Claim]) -> Instance:
    stated = _signed(whole)
    summed = sum((_signed(p) for p in parts), ZERO)  # type: ignore[misc]
    if stated is None or stated.meets(summed):
        return Instance("pass")
    said = [f"{p.subject}{_said(p)}" for p in parts]
    msg = (f"{where(whole)}“{whole.subject}”{_said(whole)}，而其中各项的变动合计为 "
           f"{_signed_text(summed.mid)} 万元（{'；'.join(said)}）")
    verdict = Verdict("fail", False, False, _signed_text(stated.mid), _signed_text(summed.mid),
                      format_wan(stated.mid - summed.mid, 2), "万元")
    return Instance("fail", msg, verdict, [cite(whole)] + [cite(p) for p in parts])


def _said(c: Claim) -> str:
    change = c.change
    assert change is not None
    return change.word if change.delta is None else f"{change.word}{change.delta.raw}"


def _signed_text(v: Decimal) -> str:
    return ("+" if v > 0 else "") + format_wan(v, 2)
