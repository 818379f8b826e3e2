"""percent_format: every rate carries its “%” (“增长13.95。” does not)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.claims import cite, where
from budget_audit.understand.claims import Percent

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for claim in ctx.report.claims:
        rates: list[Percent] = [p for p in (claim.share, claim.completion,
                                            claim.change.percent if claim.change else None) if p]
        for p in rates:
            if p.has_sign:
                yield Instance("pass")
                continue
            at = claim.sentence.find(p.raw, claim.span[1])
            span = (at, at + len(p.raw)) if at >= 0 else claim.span
            yield Instance("fail", f"{where(claim)}“{claim.subject}”的比率“{p.raw}”缺少百分号",
                           evidence=[cite(claim, span)])
