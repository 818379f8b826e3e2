"""sentence_end (L04): a sentence of the narrative ends with its full stop.

A narrative paragraph that is prose (it has a comma and at least `min_chars` characters)
and ends on a word or figure rather than on 。；！？： (or a closing bracket or quote) lacks its
final 。 — info, cited at its last character. Headings, titles and captions have no comma
or are read as headings, and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.results import Evidence

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_MIN_CHARS = 15
_OPEN_END = re.compile(r"[\u4e00-\u9fff\d%]$")
_QUOTE = 24

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    prose = [p for p in ctx.passages if len(p.text) >= _MIN_CHARS and ("," in p.text or "，" in p.text)]
    if not prose:
        yield Instance("not_applicable", note="说明中没有成段的文字")
    for p in prose:
        if not _OPEN_END.search(p.text):
            yield Instance("pass")
            continue
        end = len(p.text)
        ev = Evidence(section=p.headings[-1] if p.headings else None, text=p.text, location=p.locate(end - 1, end),
                      span=(end - 1, end))
        yield Instance("fail", f"句子“…{p.text[-_QUOTE:]}”末尾缺少句号", evidence=[ev])
