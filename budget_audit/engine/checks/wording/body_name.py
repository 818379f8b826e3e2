"""body_name: the body named where the template puts its name — “XX主要职能”, “XX概况”,
“XX2024年度部门决算表”, “编制单位：XX”, “2025年，XX收入预算…”, “截至…，XX共有车辆…” —
is the body on the cover.

A shorter form is fine (“东城区财政局”, “财政局” for 某市东城区财政局: the higher levels
left off); a name whose administrative levels are not the cover's last ones (“某市财政局”:
the 区 level missing; another 区) or whose organ is another one (“商务委员会” where the
cover names the 财政局) is a name copied from another report or mistyped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import body_passages, cite_passage, pattern, patterns
from budget_audit.engine.checks.wording.titles import title_lines
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"slots", "sentences", "organ", "level", "government"}
REQUIRED = {"slots", "organ", "level", "government"}


@dataclass(frozen=True)
class Spec:
    slots: list[re.Pattern[str]]  # in title lines, each with a named group `name`
    sentences: list[re.Pattern[str]]  # in the narrative's sentences, the same
    organ: re.Pattern[str]  # a body name ends so (局, 委员会, 办事处 …)
    level: re.Pattern[str]  # one administrative level at the start of a name (某市, 东城区)
    government: re.Pattern[str]  # 人民政府 / 政府 between the levels and the organ


@dataclass(frozen=True)
class Name:
    levels: tuple[str, ...]
    organ: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    spec = Spec(patterns(params, "slots"), patterns(params, "sentences") if "sentences" in params else [],
                pattern(params.get("organ"), params.where()),
                pattern(params.get("level"), params.where()), pattern(params.get("government"), params.where()))
    if any("name" not in rx.groupindex for rx in [*spec.slots, *spec.sentences]):
        raise RuleError(f"{params.where()}: slots 和 sentences 的正则表达式应含命名组 name")
    return spec


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    body = ctx.report.body
    if not body or not spec.organ.search(_plain(body)):
        yield Instance("not_applicable", note="封面上未读出单位全称")
        return
    cover = _parse(_plain(body), spec)
    found = False
    for m, where, ev in _named(spec, ctx):
        if spec.organ.search(_plain(m["name"])):
            found = True
            yield _judge(body, cover, m, where, ev, spec)
    if not found:
        yield Instance("not_applicable", note="标题、表头和说明中没有写单位名称")


def _named(spec: Spec, ctx: Context) -> Iterator[tuple[re.Match[str], str, Evidence]]:
    """Each name in a slot: the match, where it is printed, and its evidence."""
    for line in title_lines(ctx.report):
        if line.place == "封面":
            continue
        for rx in spec.slots:
            m = rx.search(line.text)
            if m is not None:
                ev = line.evidence
                where = f"表“{ev.table}”的表头" if line.place == "表头" else line.place
                yield m, where, Evidence(table=ev.table, text=line.text, location=ev.location, span=m.span("name"))
    for passage in body_passages(ctx):
        for offset, sentence in passage.sentences:
            for rx in spec.sentences:
                m = rx.search(sentence)
                if m is not None:
                    start, end = m.span("name")
                    yield m, "说明", cite_passage(passage, (offset + start, offset + end))


def _judge(body: str, cover: Name, m: re.Match[str], where: str, ev: Evidence, spec: Spec) -> Instance:
    said = _parse(_plain(m["name"]), spec)
    levels_ok = not said.levels or cover.levels[-len(said.levels):] == said.levels
    organ_ok = said.organ in cover.organ or cover.organ in said.organ
    if levels_ok and organ_ok:
        return Instance("pass")
    if not organ_ok:
        why = "名称不同"
    elif set(said.levels) <= set(cover.levels):
        missing = [lv for lv in cover.levels if lv not in said.levels]
        why = f"缺少“{'”“'.join(missing)}”一级"
    else:
        why = "所属行政区划不同"
    msg = f"{where}写的单位是“{m['name']}”，而封面为“{body}”，{why}"
    return Instance("fail", msg, evidence=[ev])


def _parse(name: str, spec: Spec) -> Name:
    levels = []
    rest = name
    while (m := spec.level.match(rest)) and m.end() < len(rest):
        levels.append(m.group(0))
        rest = rest[m.end():]
    return Name(tuple(levels), spec.government.sub("", rest) or rest)


def _plain(text: str) -> str:
    return re.sub(r"[\s“”\"]", "", unicodedata.normalize("NFKC", text))
