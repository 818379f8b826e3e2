"""required_sections: the narrative has each required section, under any of its usual
headings (synonyms). The table of contents does not count: a section must be in the body."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import has_word, headings, severity_value, word_list
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"sections"}
REQUIRED = {"sections"}


@dataclass(frozen=True)
class Section:
    name: str
    headings: list[str]  # words any of which a heading of the section contains
    severity: str | None


def prepare(params: Mapping, catalog: Catalog) -> list[Section]:
    items = params.get("sections")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{params.where()}: sections 应为章节列表")
    out = []
    for m in items:
        check_keys(m, {"name", "headings", "severity"}, {"name", "headings"}, "章节")
        out.append(Section(str(m["name"]), word_list(m, "headings"), severity_value(m.get("severity"), m.where())))
    return out


def run(spec: list[Section], ctx: Context) -> Iterator[Instance]:
    titles = headings(ctx.report)
    found = [clean(p.text) for p in titles]
    if not titles:
        yield Instance("insufficient_data", note="说明部分没有可识别的标题")
        return
    listing = Evidence(section="说明部分", text="已有的标题：" + "、".join(found[:15]), location=titles[0].location)
    for section in spec:
        if any(has_word(h, section.headings) for h in found):
            yield Instance("pass")
            continue
        msg = f"说明部分缺少“{section.name}”部分（标题可为：{'、'.join(section.headings)}）"
        yield Instance("fail", msg, evidence=[listing], severity=section.severity)
