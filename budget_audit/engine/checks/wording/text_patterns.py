"""text_patterns: phrases that should not be printed — template residue and placeholders
(XX, ××, {单位}, 待填, “增加持平”, “下降（增长）”) or text anomalies (“。。”, a word
doubled, a classic slip of the pen). Each pattern says what it is and may carry its own
severity. The narrative (目录 included), table titles and table notes are read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import cite, pattern, severity_value
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.normalize import clean
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context
    from budget_audit.document import Location

KEYS = {"patterns"}
REQUIRED = {"patterns"}


@dataclass(frozen=True)
class Phrase:
    regex: re.Pattern[str]
    what: str
    hint: str
    severity: str | None


def prepare(params: Mapping, catalog: Catalog) -> list[Phrase]:
    items = params.get("patterns")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{params.where()}: patterns 应为列表")
    out = []
    for m in items:
        check_keys(m, {"pattern", "what", "hint", "severity"}, {"pattern", "what"}, "模式")
        out.append(Phrase(pattern(m["pattern"], m.where()), str(m["what"]), str(m.get("hint", "")),
                          severity_value(m.get("severity"), m.where())))
    return out


def run(spec: list[Phrase], ctx: Context) -> Iterator[Instance]:
    found = False
    for text, location, table in _texts(ctx):
        for phrase in spec:
            for m in phrase.regex.finditer(text):
                found = True
                yield _finding(phrase, m, text, location, table)
    if not found:
        yield Instance("pass")


def _texts(ctx: Context) -> Iterator[tuple[str, Location | None, str | None]]:
    for p in ctx.report.paragraphs:
        yield clean(p.text), p.location, None
    for t in ctx.report.tables:
        yield clean(t.title), t.location, t.title
        for note in t.notes:
            yield clean(note.text), note.location, t.title


def _finding(phrase: Phrase, m: re.Match[str], text: str, location: Location | None, table: str | None) -> Instance:
    ev = cite(text, m.span(), location)
    if table is not None:
        ev = Evidence(table=table, text=ev.text, location=location, span=ev.span)
    msg = f"{phrase.what}：“{m.group(0)}”"
    if phrase.hint:
        msg += f"，{phrase.hint}"
    return Instance("fail", msg, evidence=[ev], severity=phrase.severity)
