"""report_year: titles carry the report year and comparisons look back one year.

A table title, a heading, a 目录 line or a cover line naming another year is flagged, and
so is a comparison (“比2022年预算增加…”) with a year other than the year before. Years in
whitelisted contexts (截至…日, 《…》, 近两年/上年 columns …) are left alone. When the cover
and the table titles agree on the year, a slip is the rule's severity (error); else a warning."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import body_passages, cite, outside_toc, patterns, short_title, toc
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.narrative import heading_level
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"comparisons", "whitelist", "current"}
REQUIRED = {"comparisons", "whitelist"}
_YEAR = re.compile(r"(20\d{2})\s*年")
_COVER = 3  # the cover's title lines come first


@dataclass(frozen=True)
class Spec:
    comparisons: list[re.Pattern[str]]  # each with a named group `year`
    whitelist: list[re.Pattern[str]]
    current: list[re.Pattern[str]]  # statements of the report year's own figures, group `year`


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    comparisons = patterns(params, "comparisons")
    current = patterns(params, "current") if "current" in params else []
    if any("year" not in rx.groupindex for rx in [*comparisons, *current]):
        raise RuleError(f"{params.where()}: comparisons 和 current 的正则表达式应含命名组 year")
    return Spec(comparisons, patterns(params, "whitelist"), current)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    year = ctx.report.year
    if year is None:
        yield Instance("insufficient_data", note="未能确定报告年度")
        return
    severity = None if _unambiguous(ctx, year) else "warning"
    for text, ev in _titles(ctx):
        yield _title_year(text, ev, year, spec, severity)
    for passage in body_passages(ctx):
        for rx in spec.comparisons:
            for m in rx.finditer(passage.text):
                yield _sentence_year(passage, m, year - 1, "比较对象", spec, severity)
        for rx in spec.current:
            for m in rx.finditer(passage.text):
                yield _sentence_year(passage, m, year, "本年数", spec, severity)


def _sentence_year(passage: Passage, m: re.Match[str], expected: int, what: str, spec: Spec,
                   severity: str | None) -> Instance:
    """A comparison looks back to the year before; a statement of this year's figures
    (“2025年“三公”经费预算数为…”) names the report year."""
    if int(m.group("year")) == expected or _whitelisted(passage.text, m.span("year"), spec):
        return Instance("pass")
    ev = cite(passage.text, m.span(), passage.locate(*m.span()), passage.headings[-1] if passage.headings else None)
    year = expected if what == "本年数" else expected + 1
    msg = f"{year}年报告中的{what}写作“{m.group(0).lstrip('。;')}”，应为{expected}年"
    return Instance("fail", msg, evidence=[ev], severity=severity)


def _unambiguous(ctx: Context, year: int) -> bool:
    """The cover names the report year, and at least two in three dated table titles too:
    another year in a title or comparison is then a slip (the rule's severity); otherwise
    which year is right is not certain (warning)."""
    cover = [int(y) for p in ctx.report.paragraphs[:_COVER] for y in _YEAR.findall(clean(p.text))]
    titled = [int(y) for t in ctx.report.tables for y in _YEAR.findall(clean(t.title))[:1]]
    return bool(cover) and cover[0] == year and 3 * titled.count(year) >= 2 * len(titled)


def _titles(ctx: Context) -> Iterator[tuple[str, Evidence]]:
    """Table titles, the cover's title lines, the 目录 lines and the body's numbered or titled
    headings (not any short line: a sentence cut at a page break is no title)."""
    for table in ctx.report.tables:
        yield table.title, Evidence(table=table.title, location=table.location)
    contents = toc(ctx.report)
    listed = [e.paragraph for e in contents.entries] if contents else []
    cover = [p for p in ctx.report.paragraphs[:_COVER] if short_title(clean(p.text)) and p not in listed]
    numbered = [p for p in outside_toc(ctx.report) if heading_level(clean(p.text)) is not None and p not in cover]
    for p in [*cover, *listed, *numbered]:
        text = clean(p.text)
        yield text, Evidence(text=text, location=p.location, span=(0, len(text)))


def _title_year(text: str, ev: Evidence, year: int, spec: Spec, severity: str | None) -> Instance:
    wrong = [m for m in _YEAR.finditer(text) if int(m.group(1)) != year and not _whitelisted(text, m.span(1), spec)
             and not _compared(text, m.span(1), year, spec)]
    if not wrong:
        return Instance("pass")
    m = wrong[0]
    where = f"表题“{ev.table}”" if ev.table else f"标题“{text}”"
    evidence = ev if ev.table else Evidence(text=text, location=ev.location, span=m.span())
    return Instance("fail", f"{where}写的是{m.group(1)}年，报告年度为{year}年", evidence=[evidence], severity=severity)


def _compared(text: str, span: tuple[int, int], year: int, spec: Spec) -> bool:
    """The year before, in a comparison (“与2023年度相比”), is right in a title too."""
    return any(m.span("year") == span and int(m.group("year")) == year - 1 for rx in spec.comparisons
               for m in rx.finditer(text))


def _whitelisted(text: str, span: tuple[int, int], spec: Spec) -> bool:
    return any(m.start() <= span[0] and span[1] <= m.end() for rx in spec.whitelist for m in rx.finditer(text))
