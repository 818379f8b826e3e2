"""paired_marks (L05): brackets and quotation marks come in pairs.

In each narrative passage every （ has its ）, every “ its ”, every 《 its 》, every 【 its 】.
A closing bracket right after a list number at the start of a clause (“1）…”) numbers a
list and needs no opener. The first unpaired mark of a passage is reported (info), cited
at the mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.results import Evidence
from budget_audit.understand.narrative import Passage

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_PAIRS = {")": "(", "”": "“", "》": "《", "】": "【", "]": "["}
_OPENERS = set(_PAIRS.values())
_LIST_NUMBER = re.compile(r"(^|[。;；:：,，\s])[\d一二三四五六七八九十]{1,2}$")
_QUOTE = 24

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    passages = ctx.passages
    if not passages:
        yield Instance("not_applicable", note="说明中没有文字")
    for p in passages:
        at = _unpaired(p.text)
        if at is None:
            yield Instance("pass")
            continue
        mark = p.text[at]
        start = max(0, at - _QUOTE // 2)
        ev = Evidence(section=p.headings[-1] if p.headings else None, text=p.text, location=p.locate(at, at + 1),
                      span=(at, at + 1))
        yield Instance("fail", f"“{mark}”没有与之配对的{'右' if mark in _OPENERS else '左'}括号或引号："
                       f"“{p.text[start:start + _QUOTE]}”", evidence=[ev])


def _unpaired(text: str) -> int | None:
    """Index of the first mark without its partner; None when all pair up."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(i)
        elif ch in _PAIRS:
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif not _LIST_NUMBER.search(text[:i]):
                return i
    return stack[0] if stack else None
