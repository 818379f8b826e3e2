"""count_breakdown: counts listed under a count (编制54人，其中：行政编制23人、事业编制31人;
车辆8辆，其中：…) add up to it — exactly. Fewer than the whole may be an incomplete list
(warning); more is a contradiction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.judge import Verdict
from budget_audit.engine.results import Evidence

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    for whole in ctx.report.counts:
        if len(whole.parts) < 2:
            continue
        listed = sum(p.value for p in whole.parts)
        if listed == whole.value:
            yield Instance("pass")
            continue
        names = "、".join(f"{p.subject}{p.value}{p.unit}" for p in whole.parts)
        where = f"“{whole.section}”中" if whole.section else "说明中"
        msg = f"{where}“{whole.subject}”{whole.value}{whole.unit}，所列各项（{names}）合计 {listed}{whole.unit}"
        verdict = Verdict("fail", False, False, f"{whole.value}{whole.unit}", f"{listed}{whole.unit}",
                          str(whole.value - listed), whole.unit)
        evidence = [Evidence(section=whole.section or None, text=whole.sentence, location=whole.location, span=whole.span)]
        if listed > whole.value:
            yield Instance("fail", msg + "，超过总数", verdict, evidence)
        else:
            yield Instance("fail", msg + "，少于总数，可能未列全", verdict, evidence, severity="warning")
