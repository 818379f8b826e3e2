"""Shared by the completeness, wording and narrative checks: the table of contents, the
headings and sections of the narrative, sentences cited with a span, and parameter helpers.

Not a check kind (no KEYS/run): the kinds that read the narrative as text import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from budget_audit.engine.regex_safety import backtracking_risk
from budget_audit.document import Location, Paragraph
from budget_audit.engine.checks.base import Instance
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.numbers import Amount
from budget_audit.understand.model import Report
from budget_audit.understand.narrative import Passage, heading_level
from budget_audit.understand.normalize import clean, key
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

# A TOC line ends in leader dots and a page number; NFKC turns “…” into “...”.
_LEADERS = re.compile(r"(?:[.·_\-—]{2,}|\s)\s*\d{0,4}\s*$")
_BULLET = re.compile(r"^\s*[-•·]\s*")
# Numbering in front of a title; “4．2025年…” arrives as “4.2025年…” after NFKC, so a digit
# may follow the dot (split_numbering would read it as a decimal).
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十廿]+\s*[、.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.])\s*")
_YEAR = re.compile(r"20\d{2}\s*年度?")
_SENTENCE_END = "。!?"
_TOC_MAX_CHARS = 60
_TOC_MAX_ENTRIES = 80
_SAME_TITLE_TAIL = 4  # “单位主要职能” in the TOC, “某某局主要职能” in the body: the body has begun
_SHORT_HEADING = 40
AMOUNT = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元|万)(?![人户个辆台])")


@dataclass(frozen=True)
class TocEntry:
    text: str  # cleaned, leaders and page number removed
    bare: str  # matching key: no bullet, numbering, year or punctuation
    paragraph: Paragraph


@dataclass(frozen=True)
class Toc:
    heading: Paragraph
    entries: list[TocEntry]

    def paragraph_ids(self) -> set[int]:
        return {id(self.heading)} | {id(e.paragraph) for e in self.entries}


def bare_title(text: str) -> str:
    """A title's matching key: bullet, numbering (一、 1. （一）), years and leaders removed."""
    t = _NUMBERING.sub("", _BULLET.sub("", _LEADERS.sub("", clean(text))))
    return key(_YEAR.sub("", t))


def toc(report: Report) -> Toc | None:
    """The 目录 printed as paragraphs: the short lines after “目录” until the body begins
    (a line repeating an entry, a title ending like the first entry, or prose)."""
    paragraphs = report.paragraphs
    start = next((i for i, p in enumerate(paragraphs) if key(p.text) == "目录"), None)
    if start is None:
        return None
    entries: list[TocEntry] = []
    for p in paragraphs[start + 1:start + 1 + _TOC_MAX_ENTRIES]:
        text = _BULLET.sub("", _LEADERS.sub("", clean(p.text))).strip()
        bare = bare_title(text)
        if not bare or len(text) > _TOC_MAX_CHARS or text.endswith(("。", ";")):
            break
        if entries and (bare in {e.bare for e in entries} or _same_tail(bare, entries[0].bare)):
            break
        entries.append(TocEntry(text, bare, p))
    return Toc(paragraphs[start], entries)


def _same_tail(a: str, b: str) -> bool:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n >= _SAME_TITLE_TAIL


def outside_toc(report: Report) -> list[Paragraph]:
    found = toc(report)
    skip = found.paragraph_ids() if found else set()
    return [p for p in report.paragraphs if id(p) not in skip]


def body_passages(ctx: Context) -> list[Passage]:
    """The narrative's passages without the table of contents."""
    found = toc(ctx.report)
    skip = found.paragraph_ids() if found else set()
    return [p for p in ctx.passages if id(p.paragraph) not in skip]


def headings(report: Report) -> list[Paragraph]:
    """Heading-like paragraphs of the body: numbered or titled headings, and short lines
    that end no sentence (a title the outline does not number)."""
    out = []
    for p in outside_toc(report):
        text = clean(p.text)
        if heading_level(text) is not None or short_title(text):
            out.append(p)
    return out


def short_title(text: str) -> bool:
    return len(text) <= _SHORT_HEADING and not text.endswith(("。", ";")) and not AMOUNT.search(text)


def has_word(text: str, words: Iterable[str]) -> bool:
    k = key(text)
    return any(key(w) in k for w in words)


def in_section(passage: Passage, include: list[str], exclude: list[str]) -> bool:
    """A passage under a heading naming an included word, and under none naming an
    excluded one (the 名词解释 defining 机关运行经费 is not the 机关运行经费 section)."""
    if exclude and any(has_word(h, exclude) for h in passage.headings):
        return False
    return any(has_word(h, include) for h in passage.headings)


def section_passages(ctx: Context, include: list[str], exclude: list[str] | None = None) -> list[Passage]:
    return [p for p in body_passages(ctx) if in_section(p, include, exclude or [])]


def disclosing_passages(ctx: Context, sections: list[str], exclude: list[str],
                        none: list[re.Pattern[str]]) -> tuple[list[Passage], Instance | None]:
    """The passages of a section that must disclose something, or the instance that settles
    it first: no such section (not_applicable), or the section says there is none (pass)."""
    passages = section_passages(ctx, sections, exclude)
    if not passages:
        return [], Instance("not_applicable", note=f"说明中没有“{sections[0]}”部分")
    if any(rx.search(p.text) for rx in none for p in passages):
        return passages, Instance("pass")
    return passages, None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of text holding [start, end)."""
    a = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    ends = [i for ch in _SENTENCE_END if (i := text.find(ch, end)) >= 0]
    return a, (min(ends) + 1 if ends else len(text))


def cite(text: str, span: tuple[int, int], location: Location | None, section: str | None = None) -> Evidence:
    """The sentence holding text[span], with the span relative to it (for highlighting)."""
    a, b = sentence_bounds(text, *span)
    return Evidence(section=section or None, text=text[a:b], location=location, span=(span[0] - a, span[1] - a))


def cite_passage(passage: Passage, span: tuple[int, int]) -> Evidence:
    section = passage.headings[-1] if passage.headings else None
    return cite(passage.text, span, passage.locate(*span), section)


def cite_opening(passage: Passage) -> Evidence:
    """A passage cited by its first sentence (a section that lacks something)."""
    _, end = sentence_bounds(passage.text, 0, 0)
    return cite_passage(passage, (0, end))


def cite_paragraph(paragraph: Paragraph, span: tuple[int, int] | None = None) -> Evidence:
    text = clean(paragraph.text)
    return cite(text, span or (0, len(text)), paragraph.location)


def amount_of(m: re.Match[str]) -> Amount:
    """An Amount from an AMOUNT-like match (groups num, unit; 万 is 万元)."""
    plain = m.group("num").replace(",", "")
    unit = "万元" if m.group("unit") == "万" else m.group("unit")
    return Amount(Decimal(plain), len(plain.split(".")[1]) if "." in plain else 0, unit, m.group(0))


# ---------------------------------------------------------------- parameters


def word_list(params: Mapping, name: str, required: bool = True) -> list[str]:
    value = params.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{params.where()}: {name} 应为非空字符串列表")
    return list(value)


def pattern(text: Any, where: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text:
        raise RuleError(f"{where}: 正则表达式应为非空字符串")
    try:
        compiled = re.compile(text)
    except (re.error, OverflowError, RecursionError) as e:
        raise RuleError(f"{where}: 正则表达式 {text!r} 有误（{e}）") from None
    if (risk := backtracking_risk(text)) is not None:
        raise RuleError(f"{where}: 正则表达式 {text!r} 可能无限回溯：{risk}，请改用有上限的重复（如 {{0,20}}）")
    return compiled


def patterns(params: Mapping, name: str, required: bool = True) -> list[re.Pattern[str]]:
    return [pattern(p, params.where()) for p in word_list(params, name, required)]


def severity_value(value: Any, where: str, default: str | None = None) -> str | None:
    """A severity named in a rule's parameters (overrides the rule's own)."""
    if value is None:
        return default
    if value not in ("error", "warning", "info"):
        raise RuleError(f"{where}: 严重程度应为 error、warning 或 info，而不是 {value!r}")
    return str(value)


def kinds_param(params: Mapping, name: str, kinds: Iterable[str]) -> list[str]:
    values = word_list(params, name)
    unknown = [v for v in values if v not in set(kinds)]
    if unknown:
        raise RuleError(f"{params.where()}: 表 {', '.join(unknown)} 未在 tables.yaml 中声明")
    return values


def decimal_param(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except Exception:  # noqa: BLE001 - any unparsable value is a rule-file error
        raise RuleError(f"{where}: {value!r} 不是数字") from None


def searched(passages: Iterable[Passage], regexes: list[re.Pattern[str]]) -> Iterator[tuple[Passage, re.Match[str]]]:
    for p in passages:
        for rx in regexes:
            for m in rx.finditer(p.text):
                yield p, m
