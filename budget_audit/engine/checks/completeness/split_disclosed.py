"""split_disclosed: a section states a total and its split (政府采购: total, 货物/工程/服务).

A category left out is fine when the categories stated already add up to the total (the
rest are zero); otherwise it is missing. A “无…” statement makes the section complete."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import (amount_of, cite_opening, cite_passage, pattern, patterns,
                                             disclosing_passages, word_list)
from budget_audit.errors import RuleError
from budget_audit.numbers import ZERO, Amount, format_wan
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.understand.narrative import Passage

KEYS = {"sections", "exclude_sections", "none", "total", "parts"}
REQUIRED = {"sections", "total", "parts"}


@dataclass(frozen=True)
class Spec:
    sections: list[str]
    exclude: list[str]
    none: list[re.Pattern[str]]
    total: re.Pattern[str]
    parts: dict[str, re.Pattern[str]]


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    parts = params.get("parts")
    if not isinstance(parts, dict) or not parts:
        raise RuleError(f"{params.where()}: parts 应为 名称: 正则表达式")
    compiled = {str(k): pattern(v, params.where()) for k, v in parts.items()}
    for rx in [*compiled.values(), pattern(params.get("total"), params.where())]:
        if not {"num", "unit"} <= set(rx.groupindex):
            raise RuleError(f"{params.where()}: 正则表达式 {rx.pattern!r} 应含命名组 num 和 unit")
    return Spec(word_list(params, "sections"), word_list(params, "exclude_sections", required=False),
                patterns(params, "none", required=False), pattern(params["total"], params.where()), compiled)


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    passages, settled = disclosing_passages(ctx, spec.sections, spec.exclude, spec.none)
    if settled is not None:
        yield settled
        return
    total = _first(spec.total, passages)
    if total is None:
        yield Instance("fail", f"“{_name(passages[0], spec)}”部分未写明总额", evidence=[cite_opening(passages[0])])
        return
    passage, m = total
    stated = {name: amount_of(hit[1]) for name, rx in spec.parts.items() if (hit := _first(rx, passages))}
    yield _judge(spec, passage, m, stated)


def _first(rx: re.Pattern[str], passages: list[Passage]) -> tuple[Passage, re.Match[str]] | None:
    for p in passages:
        m = rx.search(p.text)
        if m:
            return p, m
    return None


def _judge(spec: Spec, passage: Passage, m: re.Match[str], stated: dict[str, Amount]) -> Instance:
    total = amount_of(m)
    missing = [name for name in spec.parts if name not in stated]
    if not missing:
        return Instance("pass")
    listed = sum((a.interval for a in stated.values()), ZERO)
    if stated and listed.meets(total.interval):
        return Instance("pass")  # what is listed is all of it: the others are zero
    where = f"“{_name(passage, spec)}”部分写明总额 {total.raw}"
    if not stated:
        msg = f"{where}，但未按{'、'.join(spec.parts)}分列"
    else:
        shown = "、".join(f"{k}{a.raw}" for k, a in stated.items())
        wan = sum((a.wan for a in stated.values()), Decimal(0))
        msg = f"{where}，已列{shown}（合计 {format_wan(wan, 2)} 万元），未列明{'、'.join(missing)}的金额"
    return Instance("fail", msg, evidence=[cite_passage(passage, m.span())])


def _name(passage: Passage, spec: Spec) -> str:
    return passage.headings[-1] if passage.headings else spec.sections[0]
