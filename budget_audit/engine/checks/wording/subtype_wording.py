"""subtype_wording: the report calls itself what its cover says — 部门预算, 单位预算, 部门决算
or 单位决算. A heading, 目录 line or table title of another subtype (“部门预算编制说明” in a
单位预算, “2025年部门财务收支预算总表” among 预算单位 tables), or a sentence naming it
(“2025年部门预算安排购置车辆”), is a template copied from the other kind of report.

Words that name a classification rather than the report (“部门预算经济分类”) are exempt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import body_passages, cite_passage, pattern, patterns
from budget_audit.engine.checks.wording.titles import TitleLine, cover, title_lines
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"cover", "titles", "sentences", "exempt"}
REQUIRED = {"cover", "titles", "sentences"}


@dataclass(frozen=True)
class Spec:
    cover: re.Pattern[str]  # groups org (部门/单位) and kind (预算/决算)
    titles: list[re.Pattern[str]]  # in title lines: group org, optional group kind
    sentences: list[re.Pattern[str]]  # in the body's sentences: the same groups
    exempt: list[re.Pattern[str]]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    spec = Spec(pattern(params.get("cover"), params.where()), patterns(params, "titles"),
                patterns(params, "sentences"), patterns(params, "exempt") if "exempt" in params else [])
    for rx in [spec.cover, *spec.titles, *spec.sentences]:
        if "org" not in rx.groupindex:
            raise RuleError(f"{params.where()}: 正则表达式 {rx.pattern!r} 应含命名组 org")
    return spec


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    subtype = _cover_subtype(spec, ctx)
    if subtype is None:
        yield Instance("not_applicable", note="封面未写明部门预算、单位预算、部门决算或单位决算")
        return
    agree, differ = 0, {}
    for said, ev in _statements(spec, ctx):
        if _same(subtype, said):
            agree += 1
        else:
            differ.setdefault(said[0] + (said[1] or ""), []).append(ev)
    if not agree and not differ:
        yield Instance("not_applicable", note="标题和正文中没有写明报告类型")
        return
    for _ in range(agree):
        yield Instance("pass")
    for said, evidence in differ.items():  # one finding per wording, every place cited
        yield _finding(subtype, said, evidence, agree)


def _statements(spec: Spec, ctx: Context) -> Iterator[tuple[tuple[str, str | None], Evidence]]:
    """Each place the report names its subtype: (部门|单位, 预算|决算|None) and where."""
    for line in title_lines(ctx.report):
        if line.place != "封面":
            for m in _hits(spec.titles, line.text, spec):
                yield _said(m), _cited(line, m)
    for passage in body_passages(ctx):
        for m in _hits(spec.sentences, passage.text, spec):
            yield _said(m), cite_passage(passage, m.span("org"))


def _cover_subtype(spec: Spec, ctx: Context) -> tuple[str, str] | None:
    """(org, kind) when the cover names exactly one subtype."""
    named = {(m["org"], m["kind"]) for p in cover(ctx.report) for m in spec.cover.finditer(clean(p.text))}
    return named.pop() if len(named) == 1 else None


def _hits(regexes: list[re.Pattern[str]], text: str, spec: Spec) -> Iterator[re.Match[str]]:
    for rx in regexes:
        for m in rx.finditer(text):
            if not any(e.start() <= m.start() < e.end() for ex in spec.exempt for e in ex.finditer(text)):
                yield m


def _said(m: re.Match[str]) -> tuple[str, str | None]:
    return ("单位" if "单位" in m["org"] else "部门"), m.groupdict().get("kind")


def _same(subtype: tuple[str, str], said: tuple[str, str | None]) -> bool:
    return said[0] == subtype[0] and (said[1] is None or said[1] == subtype[1])


def _finding(subtype: tuple[str, str], said: str, evidence: list[Evidence], agree: int) -> Instance:
    cover_says = "".join(subtype)
    msg = f"封面为{cover_says}，而{len(evidence)}处写作“{said}”（{_places(evidence)}），应统一为{cover_says}的用语"
    if len(evidence) > agree:
        msg += f"；与封面一致的只有{agree}处，也可能是封面写错"
    return Instance("fail", msg, evidence=evidence)


def _places(evidence: list[Evidence]) -> str:
    quoted = [ev.table or ev.text or "" for ev in evidence[:3]]
    more = "等" if len(evidence) > 3 else ""
    return "、".join(f"“{q}”" for q in quoted) + more


def _cited(line: TitleLine, m: re.Match[str]) -> Evidence:
    ev = line.evidence
    return Evidence(table=ev.table, text=line.text, location=ev.location, span=m.span("org"))
