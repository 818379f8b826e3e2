"""change_reason: a stated year-on-year change (“比2023年预算减少13.91万元”) comes with its
reason (主要原因是…, 主要是…, 由于…, 用于…) — in the same sentence or paragraph; in the
paragraphs a “其中：” hands over to; in a paragraph of the same section that explains the
change (“…增加的主要原因是…”); or wherever the same change (same amount, same direction)
is already explained. “持平” needs none; a list after “主要包括” is not a reason.

With `min_rate`, only changes larger than that many percent are judged (W03): the rate as
printed, or computed from the figure and the change (base = X − Δ or X + Δ; no base: new).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import (AMOUNT, amount_of, cite_passage, decimal_param, pattern, patterns,
                                             section_passages, word_list)
from budget_audit.numbers import Amount
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"sections", "exclude_sections", "markers", "rises", "falls", "reasons", "lists", "introducers",
        "section_reason", "min_rate"}
REQUIRED = {"sections", "markers", "rises", "falls", "reasons", "lists", "introducers", "section_reason"}
_WINDOW = 30  # characters from the comparison marker to its direction word
_CJK = r"[\u4e00-\u9fff“\"《(]"
_PERCENT = r"(?P<num>\d+(?:\.\d+)?)\s*%"
_RATE_WINDOW = 40  # the rate follows its amount: “减少13.91万元，下降7.75%”


@dataclass(frozen=True)
class Spec:
    sections: list[str]
    exclude: list[str]
    markers: list[re.Pattern[str]]
    rises: list[str]
    falls: list[str]
    reason: re.Pattern[str]
    lists: re.Pattern[str]
    list_words: list[str]
    introducers: list[str]
    section_reason: re.Pattern[str]
    min_rate: Decimal | None


@dataclass
class Change:
    passage: Passage
    index: int  # the passage's place among the section's passages
    span: tuple[int, int]  # marker … direction word (… its amount) in the passage text
    rise: bool
    delta: Amount | None
    rate: Decimal | None  # percent, None when unknown; -1 for a new item (no base)


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    reasons = "|".join(re.escape(w) for w in word_list(params, "reasons"))
    lists = "|".join(re.escape(w) for w in word_list(params, "lists"))
    rate = params.get("min_rate")
    return Spec(word_list(params, "sections"), word_list(params, "exclude_sections", required=False),
                patterns(params, "markers"), word_list(params, "rises"), word_list(params, "falls"),
                re.compile(rf"(?:{reasons})[:是为]{{0,2}}{_CJK}{{2}}"), re.compile(rf"(?:{lists})[^。]*"),
                word_list(params, "lists"), word_list(params, "introducers"), pattern(params.get("section_reason"), params.where()),
                decimal_param(rate, params.where()) if rate is not None else None)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    passages = section_passages(ctx, spec.sections, spec.exclude)
    changes = [c for i, p in enumerate(passages) for c in _changes(p, i, spec)]
    if not changes:
        yield Instance("not_applicable", note="没有写明增减变动")
        return
    explained = {id(c) for c in changes if _explained(c, passages, spec)}
    known = {_same(c) for c in changes if id(c) in explained}
    unexplained: dict[tuple[bool, object], list[Change]] = {}
    for change in changes:
        if spec.min_rate is not None and not _large(change, spec.min_rate):
            yield Instance("pass") if change.rate is not None else Instance("not_applicable", note="变动幅度无法计算")
        elif _same(change) in known:
            yield Instance("pass")
        else:
            unexplained.setdefault(_same(change), []).append(change)
    for group in unexplained.values():  # a change repeated in several sentences: one finding
        yield _unexplained(group[0], spec, len(group) - 1)


def _same(change: Change) -> tuple[bool, object]:
    """Changes of the same size and direction are the same change said again."""
    return change.rise, change.delta.wan if change.delta is not None else id(change)


def _changes(passage: Passage, index: int, spec: Spec) -> Iterator[Change]:
    """The first change stated in each sentence: a comparison marker, then a direction word."""
    words = "|".join(re.escape(w) for w in spec.rises + spec.falls)
    for offset, sentence in passage.sentences:
        for rx in spec.markers:
            m = rx.search(sentence)
            if m is None:
                continue
            d = re.search(words, sentence[m.end():m.end() + _WINDOW])
            if d is None or "持平" in sentence[m.end():m.end() + d.start()]:
                continue
            yield _change(passage, index, sentence, offset, m.start(), m.end() + d.start(), d.group(), spec)
            break


def _change(passage: Passage, index: int, sentence: str, offset: int, start: int, word_at: int, word: str,
            spec: Spec) -> Change:
    words = "|".join(re.escape(w) for w in spec.rises + spec.falls)
    alt = re.match(rf"\s*\((?:{words})\)", sentence[word_at + len(word):])  # “增加(减少)”: template residue (C18)
    word_end = word_at + len(word) + (alt.end() if alt else 0)
    after = sentence[word_end:]
    am = AMOUNT.match(after.lstrip())
    delta = amount_of(am) if am else None
    end = word_end + (len(after) - len(after.lstrip()) + am.end() if am else 0)
    rise = word in spec.rises
    before = list(AMOUNT.finditer(sentence[:start]))
    current = amount_of(before[-1]) if before else None
    stated = _stated_rate(after, spec)
    rate = stated if stated is not None else _rate(delta, current, rise)
    return Change(passage, index, (offset + start, offset + end), rise, delta, rate)


def _stated_rate(after: str, spec: Spec) -> Decimal | None:
    """The rate printed with the change: “增加8.57%” or “…万元，下降（增长）27.78%”."""
    words = "|".join(re.escape(w) for w in spec.rises + spec.falls)
    m = re.match(rf"\s*{_PERCENT}", after) or re.search(rf"(?:{words})[^,;。\d]{{0,6}}{_PERCENT}", after[:_RATE_WINDOW])
    return Decimal(m.group("num")) if m else None


def _rate(delta: Amount | None, current: Amount | None, rise: bool) -> Decimal | None:
    """The rate from the figure and the change: base = X − Δ (rise) or X + Δ (fall)."""
    if delta is None or current is None:
        return None
    base = current.wan - delta.wan if rise else current.wan + delta.wan
    return Decimal(-1) if base <= 0 else abs(delta.wan) / base * 100


def _large(change: Change, min_rate: Decimal) -> bool:
    return change.rate is not None and (change.rate < 0 or change.rate > min_rate)


def _explained(change: Change, passages: list[Passage], spec: Spec) -> bool:
    passage = change.passage
    if _has_reason(passage.text, spec):
        return True
    following = passages[change.index + 1:]
    if passage.text.rstrip().endswith(tuple(spec.introducers)):
        if any(_has_reason(p.text, spec) for p in _takewhile_under(following, passage.headings)):
            return True
    return any(p.headings == passage.headings and spec.section_reason.search(p.text) for p in passages)


def _takewhile_under(passages: list[Passage], headings: tuple[str, ...]) -> Iterator[Passage]:
    for p in passages:
        if p.headings[:len(headings)] != headings:
            return
        yield p


def _has_reason(text: str, spec: Spec) -> bool:
    return spec.reason.search(spec.lists.sub("", text)) is not None


def _unexplained(change: Change, spec: Spec, repeats: int) -> Instance:
    text = change.passage.text
    stated = text[change.span[0]:change.span[1]]
    where = f"“{change.passage.headings[-1]}”中" if change.passage.headings else "说明中"
    if spec.min_rate is not None and change.rate is not None:
        size = "为新增项目" if change.rate < 0 else f"变动幅度约{change.rate.quantize(Decimal('0.01'))}%"
        msg = f"{where}“{stated}”，{size}，超过{spec.min_rate}%，却未说明原因"
    else:
        msg = f"{where}写明“{stated}”，但本句、本段及本部分均未说明变动原因"
    if repeats:
        msg += f"（同一变动另有{repeats}处写到，同样未说明原因）"
    listed = next((w for w in spec.list_words if w in text), None)
    if listed:
        msg += f"（“{listed}”之后列出的是构成，不是原因）"
    return Instance("fail", msg, evidence=[cite_passage(change.passage, change.span)])
