"""items_disclosed: a section of the narrative states each item it must (the “三公” section
gives 出国、购置、运行、接待 each with an amount or “无”; the 国有资产 section its 截至 date
and holdings …). An item is stated by a pattern in the section's text, or by a paragraph
under its own sub-heading that gives a figure. A blanket “无…” statement covers all items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import cite_opening, pattern, patterns, disclosing_passages, severity_value, word_list
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"sections", "exclude_sections", "none", "items", "heading_text"}
REQUIRED = {"sections", "items"}


@dataclass(frozen=True)
class Item:
    name: str
    patterns: list[re.Pattern[str]]
    headings: list[re.Pattern[str]]  # a sub-heading naming the item …
    severity: str | None


@dataclass(frozen=True)
class Spec:
    sections: list[str]
    exclude: list[str]
    none: list[re.Pattern[str]]
    items: list[Item]
    heading_text: re.Pattern[str] | None  # … over a paragraph stating a figure


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    items = params.get("items")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{params.where()}: items 应为列表")
    text = params.get("heading_text")
    return Spec(word_list(params, "sections"), word_list(params, "exclude_sections", required=False),
                patterns(params, "none", required=False), [_item(m) for m in items],
                pattern(text, params.where()) if text is not None else None)


def _item(m: Mapping) -> Item:
    check_keys(m, {"name", "patterns", "headings", "severity"}, {"name", "patterns"}, "条目")
    return Item(str(m["name"]), patterns(m, "patterns"), patterns(m, "headings", required=False),
                severity_value(m.get("severity"), m.where()))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    passages, settled = disclosing_passages(ctx, spec.sections, spec.exclude, spec.none)
    if settled is not None:
        yield settled
        return
    for item in spec.items:
        if _stated(item, passages, spec.heading_text):
            yield Instance("pass")
            continue
        section = passages[0].headings[-1] if passages[0].headings else spec.sections[0]
        msg = f"“{section}”部分未写明{item.name}"
        yield Instance("fail", msg, evidence=[cite_opening(passages[0])], severity=item.severity)


def _stated(item: Item, passages: list[Passage], heading_text: re.Pattern[str] | None) -> bool:
    if any(rx.search(p.text) for rx in item.patterns for p in passages):
        return True
    if heading_text is None:
        return False
    return any(p.headings and any(rx.search(p.headings[-1]) for rx in item.headings) and heading_text.search(p.text)
               for p in passages)
