"""Shared by the narrative checks (and crossref/form_shares, engine/items.py): percent intervals
and how a claim is cited."""

from __future__ import annotations

from decimal import Decimal

from budget_audit.engine.results import Evidence
from budget_audit.numbers import Interval
from budget_audit.understand.claims import Claim, Percent

HUNDRED = Decimal(100)


def percent_interval(p: Percent) -> Interval:
    half = Decimal(5).scaleb(-(p.decimals + 1))
    return Interval(p.value - half, p.value + half)


def ratio(part: Interval, whole: Interval) -> Interval | None:
    """part / whole × 100 over all true values; None when the whole may be zero."""
    if whole.lo <= 0:
        return None
    lo, hi = part.lo / whole.hi, part.hi / whole.lo
    if part.lo < 0:
        lo = part.lo / whole.lo
    return Interval(lo * HUNDRED, hi * HUNDRED)


def shown(v: Decimal, places: int) -> str:
    return f"{v.quantize(Decimal(1).scaleb(-places)):f}"


def cite(claim: Claim, span: tuple[int, int] | None = None) -> Evidence:
    """The sentence a claim sits in, with the figure to highlight."""
    return Evidence(section=claim.section or None, text=claim.sentence, location=claim.locate(span or claim.span),
                    span=span or claim.span)


def where(claim: Claim) -> str:
    return f"“{claim.section}”中" if claim.section else "说明中"


def truncated(computed: Decimal, p: Percent) -> bool:
    """The stated rate is the computed one cut off rather than rounded (info, not error)."""
    step = Decimal(1).scaleb(-p.decimals)
    return (computed / step).to_integral_value(rounding="ROUND_DOWN") * step == p.value


def one_unit_apart(stated: Decimal, decimals: int, other: Decimal) -> bool:
    """The two printings differ by one unit in the stated figure's last place (60.01 against
    60.00): a probable slip of one key, a warning under the README severity policy. Not for
    small figures, where one unit is a large part of the whole (“1万元” against 2)."""
    step = Decimal(1).scaleb(-decimals)
    return abs(stated - other.quantize(step)) == step and abs(other) >= 100 * step
