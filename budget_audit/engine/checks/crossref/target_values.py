"""target_values (A17): one indicator, one value, within a performance form.

Every printing of an indicator in one form (its 长期 value, its 前年 / 上年 / 预计当年实现
columns) is compared:
- a printing ten times another (a digit written twice or dropped: 11.12 / 1.12) — warning;
- printings in different units (“≥6户”, then “=100%”): the indicator changed what it
  measures — warning;
- the 长期 value against 预计当年实现: a different quantity is a warning; a different
  threshold of a rate or score (“≥95%” / “≥98%”), or a number against words (“=100%” /
  “不断提高”), is info. Year-on-year changes between 前年, 上年 and 当年 are no defect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.indicators import Printing, cite, form_name, indicators, shown
from budget_audit.understand.forms.model import TargetSheet
from budget_audit.understand.forms.targets import digit_slip
from budget_audit.understand.normalize import key

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
RATES = ("%", "分")  # thresholds rather than planned quantities

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    sheets = [s for s in ctx.report.forms.sheets if s.targets]
    if not sheets:
        yield Instance("not_applicable", note="报告中没有绩效目标表的指标")
    for sheet in sheets:
        for printings in indicators(sheet):
            if len(printings) > 1:
                yield _check(sheet, printings)


def _check(sheet: TargetSheet, printings: list[Printing]) -> Instance:
    name = printings[0][0].name or "（未填三级指标名称的一行）"
    head = f"{form_name(sheet)}的指标“{name}”"
    measured = [p for p in printings if p[2] is not None]
    pairs = [(a, b) for i, a in enumerate(measured) for b in measured[i + 1:] if a[2].value != b[2].value]  # type: ignore[union-attr]
    slip = next(((a, b) for a, b in pairs if a[2].fits(b[2]) and digit_slip(a[2], b[2])), None)  # type: ignore[union-attr,arg-type]
    if slip:
        return _fail(sheet, slip, f"{head}：{_shown(slip[0])}与{_shown(slip[1])}相差约十倍，疑似多写或漏写一位数字")
    units = next(((a, b) for a, b in pairs if not a[2].fits(b[2])), None)  # type: ignore[union-attr,arg-type]
    if units:
        return _fail(sheet, units, f"{head}：{_shown(units[0])}与{_shown(units[1])}的计量单位不同，同一指标前后所指不一致")
    return _long_and_current(sheet, printings, head)


def _long_and_current(sheet: TargetSheet, printings: list[Printing], head: str) -> Instance:
    long = next((p for p in printings if p[1].column == "长期"), None)
    now = next((p for p in printings if p[1].column == "当年"), None)
    if long is None or now is None or _same(long[1].text, now[1].text):
        return Instance("pass")
    lm, nm = long[2], now[2]
    pair = (long, now)
    msg = f"{head}：{_shown(long)}，而{_shown(now)}"
    if lm is not None and nm is not None:
        if lm.value == nm.value or not lm.fits(nm):
            return Instance("pass")
        rate = lm.unit in RATES and (lm.bound or nm.bound)
        return _fail(sheet, pair, msg + "，两处指标值不同", "info" if rate else None)
    if lm is not None or nm is not None:
        return _fail(sheet, pair, msg + "，一处为数值、一处为文字描述", "info")
    return Instance("pass")


def _same(a: str, b: str) -> bool:
    return key(a) == key(b) and a.lstrip("=＝") == b.lstrip("=＝")


def _shown(p: Printing) -> str:
    return shown(p[0], p[1])


def _fail(sheet: TargetSheet, pair: tuple[Printing, Printing], msg: str, severity: str | None = None) -> Instance:
    return Instance("fail", msg, evidence=[cite(sheet, p[0], p[1]) for p in pair], severity=severity)
