"""procurement_sme (D08p): what is reserved for and awarded to 中小企业 / 小微企业 stays
within the procurement total.

The 政府采购 section states, in the same run of paragraphs, the procurement total and the
amounts reserved for (面向中小企业预留 …, 其中预留给小型和微型企业 …) and awarded to (由中小企业
供应商中标或成交的 … in reserved and in other projects; 授予中小企业合同金额 …, 其中授予小微
企业 …) small firms. Each amount's role is read from the words between it and the figure
before it. Small firms are among the small and medium ones, both among all:
小微 ≤ 中小 (reserved, awarded), 中小 reserved ≤ total, awarded in reserved + other
projects ≤ total. The 政府采购表's 合计 row keeps 小微 ≤ 中小 ≤ 采购金额 and the narrative's
reserved amounts equal its 面向中小企业 / 面向小微企业 columns. A final account's reserved
budget against its contract total is a warning (a budget, not a contract).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import judge
from budget_audit.engine.ledger import cell_evidence
from budget_audit.engine.results import Evidence
from budget_audit.numbers import Amount
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ListTable
from budget_audit.understand.narrative import Passage

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_AMOUNT = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|亿元|元)")
_SEGMENT = re.compile(r"[^;；。]+[;；。]?")
_CHANGE = re.compile(r"增加|减少|增长|下降|比上年|较上年|比20\d\d|较20\d\d|上年|同比")
_NOT_TOTAL = ("货物", "工程", "服务", "预留", "中小", "小微")
_SMALL = ("小微", "小型和微型", "小型、微型")
_NAMES = {"total": "政府采购总额", "sme_reserved": "面向中小企业预留", "small_reserved": "其中面向小微企业预留",
          "sme_award": "授予中小企业（预留项目）", "small_award": "授予小微企业",
          "sme_award_other": "其他项目授予中小企业"}

prepare = no_params


@dataclass(frozen=True)
class Stated:
    role: str
    amount: Amount
    passage: Passage
    segment: tuple[int, int]
    span: tuple[int, int]  # in passage.text

    def evidence(self) -> Evidence:
        a, b = self.segment
        return Evidence(section=self.passage.headings[-1] if self.passage.headings else None,
                        text=self.passage.text[a:b], location=self.passage.locate(*self.span),
                        span=(self.span[0] - a, self.span[1] - a))


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    stated = _stated(ctx)
    tables = [t for t in ctx.report.forms.procurement if t.readable and t.total is not None]
    if not any(r != "total" for r in stated) and not tables:
        yield Instance("not_applicable", note="说明和政府采购表都没有中小企业、小微企业的金额")
        return
    final = ctx.report.document_type == "final_accounts"
    yield from _within(stated, "small_reserved", ["sme_reserved"])
    yield from _within(stated, "sme_reserved", ["total"], "warning" if final else None)
    yield from _within(stated, "small_award", ["sme_award"])
    others = ["sme_award_other"] if "sme_award_other" in stated else []
    yield from _within(stated, "sme_award", ["total"], parts=others)
    for t in tables:
        yield from _table(t, stated)


def _stated(ctx: Context) -> dict[str, Stated]:
    """The first amount of each role in the section that speaks of small firms' procurement."""
    passages = ctx.passages
    sections = {p.headings for p in passages if "采购" in p.text and ("中小企业" in p.text or any(w in p.text for w in _SMALL))}
    out: dict[str, Stated] = {}
    for p in passages:
        if p.headings not in sections:
            continue
        for seg in _SEGMENT.finditer(p.text):
            prev = seg.start()
            for m in _AMOUNT.finditer(p.text, seg.start(), seg.end()):
                role = _role(p.text[prev:m.start()], seg.group(0))
                prev = m.end()
                amount = Amount(Decimal(m.group("num").replace(",", "")), _decimals(m.group("num")), m.group("unit"), m.group(0))
                if role and role not in out:
                    out[role] = Stated(role, amount, p, seg.span(), m.span())
    return out


def _decimals(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else 0


def _role(stretch: str, segment: str) -> str | None:
    """What the amount after `stretch` (the words since the figure before it) is."""
    if _CHANGE.search(stretch):
        return None
    award = any(w in segment for w in ("中标", "成交")) or any(w in stretch for w in ("授予", "合同金额"))
    if any(w in stretch for w in _SMALL):
        return "small_award" if award else ("small_reserved" if "预留" in segment or "面向" in stretch else None)
    if "中小企业" in stretch:
        if award:
            return "sme_award_other" if ("其他" in segment or "非预留" in segment) else "sme_award"
        return "sme_reserved" if ("预留" in stretch or "面向" in stretch) else None
    if "政府采购" in stretch and not any(w in stretch for w in _NOT_TOTAL):
        return "total"
    return None


def _within(stated: dict[str, Stated], part: str, wholes: list[str], severity: str | None = None,
            parts: list[str] | None = None) -> Iterator[Instance]:
    """Σ of the part roles ≤ the whole role, when the narrative states them all."""
    names = [part] + (parts or [])
    if any(n not in stated for n in names) or any(w not in stated for w in wholes):
        return
    whole = stated[wholes[0]]
    amounts = [stated[n].amount for n in names]
    total = summed(amounts) if len(amounts) > 1 else amounts[0]
    shown = " + ".join(f"{_NAMES[n]} {stated[n].amount.raw}" for n in names)
    msg = f"说明中{shown}，超过{_NAMES[whole.role]} {whole.amount.raw}"
    ev = [stated[n].evidence() for n in names] + [whole.evidence()]
    yield judge(msg, total, [whole.amount], ev, relation="le", severity=severity)


def _table(t: ListTable, stated: dict[str, Stated]) -> Iterator[Instance]:
    row = t.total
    assert row is not None
    title = t.table.title
    cols = {"amount": "采购金额", "sme": "面向中小企业", "small": "面向小微企业"}
    for part, whole in (("small", "sme"), ("sme", "amount")):
        a, b = getattr(row, part), getattr(row, whole)
        if a is not None and b is not None and a.amount and b.amount:
            msg = f"{title}合计行{cols[part]} {a.raw} 万元超过{cols[whole]} {b.raw} 万元"
            ev = [cell_evidence(title, "合计", cols[part], a, row.location), cell_evidence(title, "合计", cols[whole], b, row.location)]
            yield judge(msg, a.amount, [b.amount], ev, relation="le")
    for role, field in (("sme_reserved", "sme"), ("small_reserved", "small")):
        fig = getattr(row, field)
        if role in stated and field in t.columns:
            s = stated[role]
            msg = f"说明中{_NAMES[role]} {s.amount.raw}，{title}合计行{cols[field]}为 {fig.raw if fig else '（空）'} 万元"
            ev = [s.evidence(), cell_evidence(title, "合计", cols[field], fig, row.location)]
            yield judge(msg, s.amount, [fig.amount if fig else None], ev)
